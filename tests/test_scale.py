"""The production set-up at a small size: 6 users x 4 turns across two Rasa servers that share
PostgreSQL and the Redis lock store (bench/load.py), with zero errors and zero lost events."""
from __future__ import annotations

import asyncio

from bench.load import run_load
from tests.services import post, stored_events


def test_small_load_has_no_errors_and_loses_nothing(production):
    report = asyncio.run(run_load(production["rasa"], production["db_url"], users=6, turns=4))
    print("\n".join(report.lines()))
    assert report.turns == 24
    assert report.errors == []
    assert report.lost == []


def test_one_conversation_moves_between_servers_turn_by_turn(production, sender):
    first, second = production["rasa"]
    assert "Cuckooing" in post(first, sender, "what is cuckooing")[0]["text"]
    more = post(second, sender, "tell me more")
    assert "Toolkit:" in more[0]["text"] and "uckooing" in more[0]["text"], "server 2 knows what server 1 said"
    users = [e["text"] for e in stored_events(production["db_url"], sender) if e["event"] == "user"]
    assert users == ["what is cuckooing", "tell me more"]


def test_turns_take_their_lock_in_redis(production, services, sender):
    import redis

    client = redis.Redis(host="127.0.0.1", port=services.redis_port)
    commands = lambda: int(client.info("stats")["total_commands_processed"])  # noqa: E731
    before = commands()
    post(production["rasa"][1], sender, "what is county lines")
    assert commands() - before >= 3, "the Rasa server took and released the conversation's lock in Redis"
