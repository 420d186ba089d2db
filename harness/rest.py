"""One conversation turn over the REST webhook, and what the tracker store holds, for tests and benchmarks."""
from __future__ import annotations

import json
import uuid
from pathlib import Path

import httpx
import sqlalchemy as sa

from harness.waiting import wait_for_line

REST_TIMEOUT = 90  # seconds: the first turn after start loads the model's caches


def post(base_url: str, sender: str, message: str, timeout: float = REST_TIMEOUT) -> list[dict]:
    """One turn over the REST webhook; asserts HTTP 200 and returns the bot's messages."""
    reply = httpx.post(f"{base_url}/webhooks/rest/webhook",
                       json={"sender": sender, "message": message}, timeout=timeout)
    assert reply.status_code == 200, reply.text[:300]
    return reply.json()


def responses(messages: list[dict]) -> list[str]:
    """The name of the response each reply message was rendered from, in order."""
    return [str(m.get("response", "")) for m in messages]


def stored_events(db_url: str, sender: str) -> list[dict]:
    """Every event stored for `sender` in the tracker store at `db_url`, in order."""
    engine = sa.create_engine(db_url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender})
            return [json.loads(row[0]) for row in rows]
    finally:
        engine.dispose()


def mark_log(base_url: str, log: Path, timeout: float = 15.0) -> None:
    """Write a known line into a Rasa server's log and wait until it is there.

    The REST channel's /forget route logs `rest.forget sender=<first 8 characters>…`; once that
    line of a fresh sender is in `log`, everything the server logged before it is there too, so
    a check that some text is *absent* from the log has a positive signal to start from."""
    marker = uuid.uuid4().hex
    reply = httpx.post(f"{base_url}/webhooks/rest/forget", json={"sender": marker}, timeout=30)
    assert reply.status_code == 200, reply.text[:300]
    wait_for_line(log, f"rest.forget sender={marker[:8]}", timeout=timeout)
