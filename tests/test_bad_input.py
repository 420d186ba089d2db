"""Bad input over the REST channel: every one gets HTTP 200 and a kind, useful reply (or a clear
400 for a broken request), button payloads only as the assistant offers them, and the server
keeps serving. Ends with a hypothesis fuzz of random text."""
from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.channels import channel_reply, channel_replies
from bot.user_input import MAX_CHARS, in_other_script, read_typed, strip_control
from knowledge.contacts import numbers_in
from knowledge.language import language_rules
from tests.services import post, stored_events

LOOKUP_FAILED = "couldn't look that up"
ENTRIES = {"cce_definition", "cuckooing"}
SLOTS = {"role": {"parent", "practitioner", "young_person"}, "concern_family": None}


def texts(replies: list[dict]) -> list[str]:
    return [m.get("text") or "" for m in replies]


def kind_and_useful(replies: list[dict]) -> None:
    """At least one message with words, none of them the failure message (the server is up)."""
    assert replies and all(t.strip() for t in texts(replies)), replies
    assert not any(LOOKUP_FAILED in t for t in texts(replies))


# --- the channel's reading of a message (pure) ------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("what\x00 is\x07 cuckooing\x1b", "what is cuckooing"),
    ("line one\nline two\ttab", "line one line two tab"),
    ("/start", "start"),
    ("/foo bar", "foo bar"),
    ('/nlu_fallback{"x":1}', 'nlu_fallback{"x":1}'),
    ("/danger_now", "danger_now"),
    ("/action_stop_flow", "action_stop_flow"),
    ('/inform{"role": "admin"}', 'inform{"role": "admin"}'),
    ('/inform{"role": "parent", "sector": "police"}', 'inform{"role": "parent", "sector": "police"}'),
    ('/ask_question{"entry_id": "no_such_entry"}', 'ask_question{"entry_id": "no_such_entry"}'),
    ('/ask_question', "ask_question"),
    ('/feedback{"entry_id": "cuckooing", "helpful": "maybe"}', 'feedback{"entry_id": "cuckooing", "helpful": "maybe"}'),
    ("//", ""),
], ids=["control", "newlines", "start", "foo", "nlu_fallback", "danger_now", "action", "unknown-value",
        "two-slots", "unknown-entry", "missing-entry", "bad-feedback", "slashes"])
def test_anything_but_an_offered_payload_is_plain_text(typed, expected):
    read = read_typed(typed, ENTRIES.__contains__, SLOTS)
    assert (read.text, read.payload) == (expected, None)


@pytest.mark.parametrize("payload", [
    '/ask_question{"entry_id": "cce_definition"}', '/tell_more{"entry_id": "cuckooing"}', "/tell_more",
    '/feedback{"entry_id": "cuckooing", "helpful": "no"}', '/inform{"role": "parent"}',
    '/inform{"concern_family": "none"}', "/next_step", "/stop_flow", "/ask_capabilities", "/restart",
    '/tell_role{"role": "practitioner"}',
])
def test_the_assistants_own_button_payloads_pass(payload):
    read = read_typed(payload, ENTRIES.__contains__, SLOTS)
    assert read.text == payload and read.payload == payload[1:].split("{")[0]


def test_long_messages_are_trimmed_and_flagged():
    read = read_typed("a" * 10_000, ENTRIES.__contains__, SLOTS)
    assert len(read.text) == MAX_CHARS and read.trimmed


def test_other_scripts_are_recognised():
    assert in_other_script("ما هو الاستغلال") and in_other_script("什么是儿童犯罪剥削")
    assert not in_other_script("shwmae") and not in_other_script("😀😀") and not in_other_script("café")
    assert strip_control("\ud800ok") == "ok"


def test_the_channels_own_wording_has_numbers_only_from_contacts_and_passes_the_lint():
    for name, reply in channel_replies().items():
        assert numbers_in(reply["text"]) == [], f"{name}: a number typed by hand"
        assert language_rules().find(reply["text"]) == [], name
    failed = channel_reply("lookup_failed", "s")["text"]
    assert "999" in failed and "101" in failed


# --- over REST, through the real server -------------------------------------------------------

@pytest.mark.parametrize("message, expect", [
    ("", "What would you like to know?"),
    ("     ", "What would you like to know?"),
    ("😀😀🎉", "English"),
    ("ما هو الاستغلال الإجرامي للأطفال؟", "English"),
    ("什么是儿童犯罪剥削", "English"),
    ("shwmae", "Hello"),
    ("diolch", "welcome"),
    ("what\x00 is\x07 cuckooing\x1b", "Cuckooing"),
    ("/start", "Hello"),
    ("/foo", ""),
], ids=["empty", "spaces", "emoji", "arabic", "chinese", "welsh-hello", "welsh-thanks", "control-chars",
        "stray-start", "stray-foo"])
def test_bad_input_gets_a_kind_useful_reply(rest_url, sender, message, expect):
    replies = post(rest_url, sender, message)
    kind_and_useful(replies)
    assert expect in " ".join(texts(replies))


def test_empty_and_unclear_replies_offer_buttons(rest_url, sender):
    for message in ("", "😀😀🎉"):
        assert any(m.get("buttons") for m in post(rest_url, sender, message)), message


def test_ten_thousand_characters_are_trimmed_with_a_note(rest_url, sender):
    replies = post(rest_url, sender, ("what is cuckooing? " * 600)[:10_000])
    assert "first 2,000 characters" in replies[0]["text"]
    assert "Cuckooing" in " ".join(texts(replies[1:]))
    kind_and_useful(replies)


@pytest.mark.parametrize("body", [
    '{"sender": "x", "message": ', "[1, 2]", '{"message": "hi"}', '{"sender": "x"}',
    '{"sender": 5, "message": "hi"}', '{"sender": "x", "message": 5}', '{"sender": "", "message": "hi"}',
    "not json at all",
], ids=["truncated", "array", "no-sender", "no-message", "number-sender", "number-message",
        "empty-sender", "not-json"])
def test_a_broken_request_gets_a_clear_400(rest_url, body):
    reply = httpx.post(f"{rest_url}/webhooks/rest/webhook", content=body,
                       headers={"content-type": "application/json"}, timeout=30)
    assert reply.status_code == 400
    assert reply.json()["error"]


def test_typed_intents_do_not_drive_the_dialogue(rest_url, tmp_data, sender):
    db = f"sqlite:///{tmp_data / 'conversations.db'}"
    replies = post(rest_url, sender, "/danger_now")
    assert not any("🚨" in t for t in texts(replies)), "a typed /danger_now is text, not the intent"
    kind_and_useful(replies)
    for typed in ('/nlu_fallback{"x":1}', "/action_stop_flow", '/inform{"role": "admin"}'):
        kind_and_useful(post(rest_url, sender, typed))
    stored = [e["text"] for e in stored_events(db, sender) if e["event"] == "user"]
    assert stored == ["danger_now", 'nlu_fallback{"x":1}', "action_stop_flow", 'inform{"role": "admin"}']


def test_offered_buttons_still_work(rest_url, sender):
    first = post(rest_url, sender, '/ask_question{"entry_id": "cce_definition"}')
    assert "Toolkit:" in first[0]["text"]
    more = next(b["payload"] for b in first[0]["buttons"] if b["payload"].startswith("/tell_more"))
    assert "Toolkit:" in post(rest_url, sender, more)[0]["text"]
    assert "start again" in post(rest_url, sender, "/restart")[0]["text"]


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=300), st.text(max_size=40).map(lambda t: "/" + t),
                      st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=300)))
def test_fuzz_every_turn_returns_a_reply(rest_url, text):
    replies = post(rest_url, "fuzz-user", text)
    assert replies and any((m.get("text") or "").strip() for m in replies)


def test_the_server_keeps_serving_after_all_that(rest_url, sender):
    replies = post(rest_url, sender, "what is county lines")
    assert "Toolkit:" in replies[0]["text"]
