"""The REST channel over a fake agent (no model, no server): what it adds around the dialogue."""
from __future__ import annotations

import asyncio
import logging

import pytest

from bot.channels import BadRequest, GuardedRestInput, ReplyCollector
from tests.unit.fake_agent import FakeAgent, turn


def names(messages):
    return [m.get("response") for m in messages]


def test_each_reply_keeps_its_response_name_and_citation_as_fields():
    reply = asyncio.run(turn(FakeAgent(), "what is cuckooing"))
    assert reply == [{"recipient_id": "s1", "text": "Here is what the toolkit says.", "response": "utter_answer",
                      "citation": "Section two › Cuckooing"}]


def test_collector_keeps_one_message_per_utterance():
    collector = ReplyCollector()
    asyncio.run(collector.send_response("s", {"text": "one\n\ntwo", "utter_action": "utter_more", "template_vars": 1}))
    assert collector.messages == [{"recipient_id": "s", "text": "one\n\ntwo", "response": "utter_more"}]


def test_when_the_dialogue_cannot_answer_a_danger_message_the_emergency_still_comes_first():
    agent = FakeAgent()
    agent.fail = True
    reply = asyncio.run(turn(agent, "theyve got a knife to his throat right now"))
    assert names(reply) == ["utter_emergency", "channel_lookup_failed"]
    assert "{" not in reply[0]["text"], "numbers filled from the contacts list"


def test_the_channel_adds_no_second_emergency_message():
    agent = FakeAgent()
    agent.replies = [{"text": "x", "utter_action": "utter_emergency"}, {"text": "y", "utter_action": "utter_danger_weapons"}]
    assert names(asyncio.run(turn(agent, "he has a knife right now"))) == ["utter_emergency", "utter_danger_weapons"]


def test_a_quiet_dialogue_on_an_ordinary_message_gets_the_lookup_failed_reply_only():
    agent = FakeAgent()
    agent.fail = True
    assert names(asyncio.run(turn(agent, "what is cuckooing"))) == ["channel_lookup_failed"]


def test_a_reframe_comes_once_per_rule_after_any_safety_messages():
    agent = FakeAgent()
    first = asyncio.run(turn(agent, "he keeps running off, what can i do"))
    assert names(first) == ["reframe", "utter_answer"]
    assert agent.tracker_store.trackers["s1"].latest_message.metadata["guards"] == {"reframed": ["keeps_running_off"]}
    assert names(asyncio.run(turn(agent, "he keeps running off again"))) == ["utter_answer"]
    agent.replies = [{"text": "x", "utter_action": "utter_emergency"}, {"text": "y", "utter_action": "utter_danger_held"},
                     {"text": "z", "utter_action": "utter_answer"}]
    danger = asyncio.run(turn(agent, "he's a runaway and they've just locked him in a flat", sender="s2"))
    assert names(danger) == ["utter_emergency", "utter_danger_held", "reframe", "utter_answer"]


@pytest.mark.parametrize("typed,name", [("", "channel_empty"), ("   ", "channel_empty"), ("مرحبا كيف حالك", "utter_unclear")])
def test_nothing_to_pass_on_gets_a_kind_reply_from_the_channel(typed, name):
    assert names(asyncio.run(turn(FakeAgent(), typed))) == [name]


def test_a_very_long_message_is_trimmed_and_says_so():
    reply = asyncio.run(turn(FakeAgent(), "what is cuckooing " * 1000))
    assert names(reply) == ["channel_trimmed", "utter_answer"]


@pytest.mark.parametrize("body", [None, "text", {"sender": "", "message": "x"}, {"sender": "s"}, {"sender": "s", "message": 5}])
def test_a_broken_body_is_refused_with_a_reason(body):
    from types import SimpleNamespace
    req = SimpleNamespace(json=body, args={}, app=SimpleNamespace(ctx=SimpleNamespace(agent=FakeAgent())))
    with pytest.raises(BadRequest):
        asyncio.run(GuardedRestInput().guarded_reply(req, FakeAgent().on_new_message))


def test_a_stray_command_is_read_as_text_not_as_an_intent():
    agent = FakeAgent()
    asyncio.run(turn(agent, "/danger_now"))
    assert agent.tracker_store.trackers["s1"].latest_message.text == "danger_now"


def test_no_message_text_reaches_the_logs(caplog):
    agent = FakeAgent()
    agent.fail = True
    with caplog.at_level(logging.DEBUG):
        asyncio.run(turn(agent, "my secret words about my daughter"))
    assert "secret words" not in caplog.text
