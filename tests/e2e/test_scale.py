"""The production set-up at a small size: 6 users x 4 turns across two Rasa servers that share
PostgreSQL and the Redis lock store (harness/stack.py), with zero errors and zero lost events.

Own servers: the production stack's two Rasa servers (the `production` fixture), not the
session's one SQLite stack."""
from __future__ import annotations

import asyncio

import pytest

from harness.rest import post, stored_events
from harness.stack import run_load

pytestmark = pytest.mark.own_servers


def test_small_load_has_no_errors_and_loses_nothing(production):
    report = asyncio.run(run_load(production["rasa"], production["db_url"], users=6, turns=4))
    print("\n".join(report.lines()))
    assert report.turns == 24
    assert report.errors == []
    assert report.lost == []


def test_one_conversation_moves_between_servers_turn_by_turn(production, sender):
    first, second = production["rasa"]
    assert post(first, sender, "what is cuckooing")[0]["entry_id"] == "cuckooing"
    more = post(second, sender, "tell me more")
    assert (more[0]["response"], more[0]["entry_id"]) == ("utter_more", "cuckooing"), \
        "server 2 knows what server 1 said"
    users = [e["text"] for e in stored_events(production["db_url"], sender) if e["event"] == "user"]
    assert users == ["what is cuckooing", "tell me more"]


def test_turns_take_their_lock_in_redis(production, services, sender):
    import redis

    client = redis.Redis(host="127.0.0.1", port=services.redis_port)
    commands = lambda: int(client.info("stats")["total_commands_processed"])  # noqa: E731
    before = commands()
    assert post(production["rasa"][1], sender, "what is county lines")[0]["response"] == "utter_answer"
    assert commands() - before >= 3, "the Rasa server took and released the conversation's lock in Redis"
