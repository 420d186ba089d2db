"""Button payloads: the one place they are built, parsed and checked.

A payload is what a button sends instead of typed words: `/intent` or `/intent{"name": "value"}`
(Rasa's own format, read by its RegexMessageHandler). Actions build them with `payload()`, the
REST channel lets through only those the assistant can offer (`offered()`), and the Telegram
front end and the web page pass them on untouched.

`RULES` says which entities each button intent may carry: "entry" a knowledge entry id, "flow" a
guided flow id, "slot" a slot and a value the domain allows, "yes_no" "yes" or "no". Entities
marked "?" are optional; "*" means exactly one slot.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Optional

RULES: dict[str, dict[str, str]] = {
    "ask_question": {"entry_id": "entry"},
    "tell_more": {"entry_id?": "entry"},
    "feedback": {"entry_id": "entry", "helpful": "yes_no"},
    "inform": {"*": "slot"},
    "tell_role": {"role?": "slot", "sector?": "slot"},
    "start_flow": {"flow": "flow"},
    "next_step": {},
    "skip_questions": {},
    "stop_flow": {},
    "ask_capabilities": {},
    "restart": {},  # Rasa's reset; the Telegram front end's /reset sends it
}
PAYLOAD = re.compile(r"^/(?P<intent>\w+)(?P<entities>\{.*\})?$", re.DOTALL)
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Payload:
    intent: str
    entities: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Known:
    """What a payload's values may be: checks supplied by whoever holds the entries, flows and slots."""

    is_entry: Callable[[str], bool]
    is_flow: Callable[[str], bool]
    slot_values: Mapping[str, Optional[set[str]]]  # slot -> allowed values (None: any identifier)


def payload(intent: str, **entities: str) -> str:
    """The payload a button sends, e.g. payload("tell_more", entry_id="cuckooing")."""
    if intent not in RULES:
        raise ValueError(f"no button sends the intent {intent!r}")
    return f"/{intent}" + (json.dumps(entities, ensure_ascii=False) if entities else "")


def parse(text: str) -> Optional[Payload]:
    """The intent and entities of a payload-shaped text, or None (not checked against RULES)."""
    match = PAYLOAD.match(text.strip())
    if not match:
        return None
    entities: Any = {}
    if match.group("entities"):
        try:
            entities = json.loads(match.group("entities"))
        except ValueError:
            return None
    return Payload(match.group("intent"), entities) if isinstance(entities, dict) else None


def offered(text: str, known: Known) -> Optional[Payload]:
    """The payload if `text` is one the assistant's own buttons can send, else None."""
    found = parse(text)
    if found is None or found.intent not in RULES:
        return None
    return found if _entities_allowed(RULES[found.intent], found.entities, known) else None


def _value_ok(kind: str, name: str, value: Any, known: Known) -> bool:
    if not isinstance(value, str):
        return False
    if kind == "entry":
        return known.is_entry(value)
    if kind == "flow":
        return known.is_flow(value)
    if kind == "yes_no":
        return value in ("yes", "no")
    if name not in known.slot_values:
        return False
    allowed = known.slot_values[name]
    return value in allowed if allowed is not None else bool(IDENTIFIER.match(value))


def _entities_allowed(rules: dict[str, str], entities: Mapping[str, Any], known: Known) -> bool:
    if "*" in rules:
        return len(entities) == 1 and all(_value_ok("slot", k, v, known) for k, v in entities.items())
    kinds = {rule.rstrip("?"): kind for rule, kind in rules.items()}
    required = {rule for rule in rules if not rule.endswith("?")}
    if not required <= set(entities) or not set(entities) <= set(kinds):
        return False
    return all(_value_ok(kinds[k], k, v, known) for k, v in entities.items())
