"""Privacy: retention (SQLite and PostgreSQL), redaction before storage, no message text in the
logs at the default level, and Rasa's HTTP API only with a token."""
from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
import uuid

import httpx
import pytest
import sqlalchemy as sa

from bot.redaction import EMAIL_MASK, PHONE_MASK, POSTCODE_MASK, redact_event, redact_text
from bot.retention import database_url, purge
from harness.rest import mark_log, post, stored_events
from harness.servers import ROOT
from knowledge.payloads import parse

DAY = 86_400


# --- retention ----------------------------------------------------------------------------

def save_conversation(url: str, sender: str, ages_in_days: list[float], now: float) -> None:
    """Store a real tracker through the project's tracker store, one user+bot pair per age."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.tracker_store import ConversationStore

    events = []
    for age in ages_in_days:
        events += [UserUttered("what is cuckooing", {"name": "ask_question", "confidence": 0.9},
                               timestamp=now - age * DAY),
                   BotUttered("Cuckooing is ...", timestamp=now - age * DAY + 1)]
    store = ConversationStore(domain=Domain.empty(), host=url)
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))
    store.engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def retention_db(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'conversations.db'}"
    return request.getfixturevalue("services").database(f"retention_{uuid.uuid4().hex[:6]}")


def senders(url: str) -> dict[str, int]:
    engine = sa.create_engine(url, future=True)
    with engine.connect() as connection:
        rows = connection.execute(sa.text("SELECT sender_id, count(*) FROM events GROUP BY sender_id"))
        found = {sender: count for sender, count in rows}
    engine.dispose()
    return found


def test_purge_deletes_whole_conversations_idle_longer_than_the_period(retention_db):
    now = time.time()
    save_conversation(retention_db, "idle", [45, 40], now)      # last event 40 days ago: goes
    save_conversation(retention_db, "came-back", [60, 2], now)  # old start, recent end: kept whole
    save_conversation(retention_db, "recent", [1], now)
    engine = sa.create_engine(retention_db, future=True)
    result = purge(engine, days=30, now=now)
    engine.dispose()
    assert (result.conversations, result.events) == (1, 4)
    assert senders(retention_db) == {"came-back": 4, "recent": 2}


def test_purge_of_an_empty_or_new_database_removes_nothing(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'none.db'}", future=True)
    assert (purge(engine, days=30).conversations, purge(engine, days=30).events) == (0, 0)


def test_make_purge_prints_counts_only(tmp_path):
    url = f"sqlite:///{tmp_path / 'conversations.db'}"
    save_conversation(url, "sender-with-a-secret-id", [100], time.time())
    out = subprocess.run([sys.executable, "-m", "bot.retention", "--url", url],
                         cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env=dict(os.environ, PYTHONPATH=str(ROOT), RETENTION_DAYS="30"))
    assert out.returncode == 0, out.stderr[-500:]
    assert "Removed 1 conversation(s) (2 event(s))" in out.stdout and "30 days" in out.stdout
    assert "secret" not in out.stdout + out.stderr and "cuckooing" not in out.stdout + out.stderr


def test_purge_finds_the_database_like_the_server(tmp_path, monkeypatch):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text('tracker_store:\n  type: bot.tracker_store.ConversationStore\n  url: "${DB}"\n')
    monkeypatch.setenv("DB", "postgresql://u@db.internal/cce")
    monkeypatch.setenv("TRACKER_STORE_URL", "sqlite:///from-env.db")
    assert database_url(None, endpoints) == "postgresql://u@db.internal/cce"
    assert database_url(None, tmp_path / "missing.yml") == "sqlite:///from-env.db"
    assert database_url("sqlite:///given.db", endpoints) == "sqlite:///given.db"


# --- redaction ----------------------------------------------------------------------------

@pytest.mark.parametrize("typed, masked", [
    ("call me on 07700 900123", f"call me on {PHONE_MASK}"),
    ("+44 7700 900123", PHONE_MASK),
    ("(029) 2018 0000 is the office", f"{PHONE_MASK} is the office"),
    ("email jo.bloggs+cce@example.co.uk", f"email {EMAIL_MASK}"),
    ("we live in CF10 1AA now", f"we live in {POSTCODE_MASK} now"),
    ("sa1 1aa", POSTCODE_MASK),
    ("call 999 or 101, or Childline on 0800 1111", "call 999 or 101, or Childline on 0800 1111"),
    ("she is 15 and it was in 2024", "she is 15 and it was in 2024"),
], ids=["mobile", "international", "landline", "email", "postcode", "lowercase-postcode",
        "service-numbers", "ages-and-years"])
def test_redact_text(typed, masked):
    assert redact_text(typed) == masked


def test_redact_event_masks_user_text_parse_data_and_entities_only():
    user = {"event": "user", "text": "jo@example.com", "parse_data": {
        "text": "jo@example.com", "entities": [{"entity": "x", "value": "jo@example.com"}]}}
    masked = redact_event(user)
    assert masked["text"] == masked["parse_data"]["text"] == masked["parse_data"]["entities"][0]["value"] == EMAIL_MASK
    assert user["text"] == "jo@example.com", "the event in memory is not changed"
    bot = {"event": "bot", "text": "call 0808 800 5000"}
    assert redact_event(bot) == bot


def test_stored_events_are_masked_and_the_reply_is_still_right(rest_url, tmp_data, sender):
    replies = post(rest_url, sender, "what is cuckooing, reach me on 07700 900123 or jo.bloggs@example.com, CF10 1AA")
    offered = [m.get("entry_id") for m in replies] + [
        getattr(parse(b["payload"]), "entities", {}).get("entry_id") for m in replies for b in m.get("buttons") or []]
    assert "cuckooing" in offered, "the answer, or the closest topics, are about cuckooing"
    events = stored_events(f"sqlite:///{tmp_data / 'conversations.db'}", sender)
    user = [e for e in events if e["event"] == "user"][-1]
    for text in (user["text"], user["parse_data"]["text"]):
        assert PHONE_MASK in text and EMAIL_MASK in text and POSTCODE_MASK in text
        assert "07700" not in text and "jo.bloggs" not in text and "CF10" not in text
    assert user["parse_data"]["intent"]["name"] == "ask_question"


# --- logs -----------------------------------------------------------------------------------

DISTINCTIVE = ["quokkafern", "zebracorn", "Marmalith", "snorkelwig"]


def test_no_message_text_in_the_logs_at_the_default_level(rest_url, tmp_data, sender):
    """A conversation over REST, then neither server's stdout/stderr holds any of its words."""
    turns = [f"what is cuckooing {DISTINCTIVE[0]}", f"{DISTINCTIVE[1]} tell me more",
             f"/ask_question{{\"entry_id\": \"{DISTINCTIVE[2]}\"}}", f"my son {DISTINCTIVE[3]} is missing",
             "x" * 3000 + DISTINCTIVE[0], ""]
    for text in turns:
        assert post(rest_url, sender, text)
    # The servers log a turn's lines before they answer it; a marker line logged after the last
    # turn is the positive sign that the Rasa server's log holds everything up to here.
    mark_log(rest_url, tmp_data / "rasa.log")
    logs = {name: (tmp_data / name).read_text(encoding="utf-8", errors="replace")
            for name in ("rasa.log", "actions.log")}
    assert "Rasa server is up and running" in logs["rasa.log"], "the log was captured"
    assert "Action endpoint is up and running" in logs["actions.log"]
    for name, log in logs.items():
        for word in DISTINCTIVE:
            assert word.lower() not in log.lower(), f"{word!r} was logged in {name}"


# --- the HTTP API -----------------------------------------------------------------------------

@pytest.mark.own_servers
def test_the_http_api_needs_the_token_and_the_webhook_does_not(production, sender):
    """Own servers: the production set-up (two Rasa servers with the HTTP API behind a token)."""
    base, token = production["rasa"][0], production["token"]
    assert post(base, sender, "what is cuckooing"), "the webhook answers without a token"
    url = f"{base}/conversations/{sender}/tracker"
    assert httpx.get(url, timeout=30).status_code == 401
    assert httpx.get(url, params={"token": "wrong"}, timeout=30).status_code == 401
    allowed = httpx.get(url, params={"token": token}, timeout=30)
    assert allowed.status_code == 200
    assert any(e.get("event") == "user" for e in allowed.json()["events"])
