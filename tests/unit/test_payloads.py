"""Button payloads: built and parsed in one place, and every payload the assistant can send is
one the REST channel lets through (knowledge/payloads.py)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from knowledge.entries import knowledge_base
from knowledge.flow_data import flows
from knowledge.payloads import RULES, Known, offered, parse, payload

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def known(domain) -> Known:
    values = {name: ({str(v) for v in slot["values"]} if slot.get("values") else None)
              for name, slot in domain["slots"].items()}
    return Known(knowledge_base().entries.__contains__, flows().__contains__, values)


def test_payload_and_parse_are_inverse():
    built = payload("feedback", entry_id="cuckooing", helpful="yes")
    assert built == '/feedback{"entry_id": "cuckooing", "helpful": "yes"}'
    assert parse(built).intent == "feedback" and parse(built).entities == {"entry_id": "cuckooing", "helpful": "yes"}


def test_an_intent_no_button_sends_cannot_be_built():
    with pytest.raises(ValueError):
        payload("danger_now")


@pytest.mark.parametrize("typed", [
    "/danger_now", "/nlu_fallback", '/inform{"in_care": "maybe"}', '/ask_question{"entry_id": "no_such_entry"}',
    '/start_flow{"flow": "nope"}', '/feedback{"entry_id": "cuckooing"}', '/inform{"in_care": "yes", "age_group": "adult"}',
    "/tell_more{broken", '/action_stop_flow', '/inform["in_care"]',
])
def test_payloads_the_assistant_never_offers_are_refused(typed, known):
    assert offered(typed, known) is None


def payload_values(node):
    """Every value under a `payload` key, anywhere in a loaded YAML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "payload" and isinstance(value, str):
                yield value
            else:
                yield from payload_values(value)
    elif isinstance(node, list):
        for item in node:
            yield from payload_values(item)


def sendable_payloads() -> list[str]:
    """Every payload typed into a data file, plus one of each kind the code builds."""
    found = []
    for path in [ROOT / "domain.yml", ROOT / "bot" / "channel_replies.yml", ROOT / "bot" / "telegram" / "messages.yml"]:
        found += list(payload_values(yaml.safe_load(path.read_text(encoding="utf-8"))))
    entry = next(iter(knowledge_base().entries))
    found += [payload("ask_question", entry_id=entry), payload("tell_more", entry_id=entry), payload("tell_more"),
              payload("feedback", entry_id=entry, helpful="no"), payload("next_step"), payload("stop_flow"),
              payload("skip_questions"), payload("ask_capabilities"), payload("restart")]
    for flow in flows().values():
        found.append(payload("start_flow", flow=flow.id))
        for ask in flow.asks.values():
            found += [payload("inform", **{ask.slot: answer.value}) for answer in ask.answers]
    return found


@pytest.mark.parametrize("sent", sendable_payloads())
def test_every_payload_the_assistant_can_send_is_let_through(sent, known):
    found = offered(sent, known)
    assert found is not None and found.intent in RULES


def test_every_button_intent_is_in_the_domain(domain):
    assert set(RULES) - {"restart"} <= set(domain["intents"])


def test_telegram_role_buttons_name_real_roles(known):
    messages = yaml.safe_load((ROOT / "bot" / "telegram" / "messages.yml").read_text(encoding="utf-8"))
    assert "tell_role" in json.dumps(messages)
