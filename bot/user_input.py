"""What the REST channel makes of a typed message before the dialogue sees it. Pure functions.

- Control characters are stripped (newlines and tabs become spaces).
- Long messages are trimmed to MAX_CHARS; the channel says so in an extra message.
- A message starting with "/" is a button payload only if it is one the assistant itself offers
  (PAYLOAD_RULES: the intent, and which entities with which values). Anything else that starts
  with "/" (`/nlu_fallback{"x":1}`, `/danger_now`, `/start`) is plain text with the slash removed,
  so a user cannot steer the dialogue to an arbitrary intent or action by typing one.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

MAX_CHARS = 2000
MAX_SENDER_CHARS = 255  # the tracker store's sender_id column
PAYLOAD = re.compile(r"^/(?P<intent>\w+)(?P<entities>\{.*\})?$", re.DOTALL)
IDENTIFIER = re.compile(r"^[a-z][a-z0-9_]*$")

# Which entities each button intent may carry: "entry" = a knowledge entry id, "slot" = a slot
# whose value the domain allows, "yes_no" = "yes" or "no". Required entities have no "?".
PAYLOAD_RULES: dict[str, dict[str, str]] = {
    "ask_question": {"entry_id": "entry"},
    "tell_more": {"entry_id?": "entry"},
    "feedback": {"entry_id": "entry", "helpful": "yes_no"},
    "inform": {"*": "slot"},  # exactly one slot, with a value the domain allows
    "tell_role": {"role?": "slot", "sector?": "slot"},
    "next_step": {},
    "stop_flow": {},
    "ask_capabilities": {},
    "restart": {},  # Rasa's reset; the Telegram front end's /reset sends it
}


@dataclass(frozen=True)
class Typed:
    """A message as the dialogue will get it."""

    text: str
    trimmed: bool = False  # longer than MAX_CHARS: the rest was cut off
    payload: Optional[str] = None  # the intent of an offered button payload, else None

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()


def strip_control(text: str) -> str:
    """Text without control characters or lone surrogates; newlines and tabs become spaces."""
    kept = []
    for char in text:
        category = unicodedata.category(char)
        if char in "\n\r\t":
            kept.append(" ")
        elif category not in ("Cc", "Cs"):
            kept.append(char)
    return "".join(kept)


def in_other_script(text: str) -> bool:
    """Letters, but none in the Latin alphabet (Arabic, Chinese, Cyrillic...): not English."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and not any("LATIN" in unicodedata.name(c, "") for c in letters)


def valid_sender(sender: Any) -> bool:
    return (isinstance(sender, str) and 0 < len(sender) <= MAX_SENDER_CHARS and sender.strip() != ""
            and strip_control(sender) == sender)


def _entities_allowed(intent: str, entities: Mapping[str, Any], is_entry: Callable[[str], bool],
                      slot_values: Mapping[str, Optional[set[str]]]) -> bool:
    rules = PAYLOAD_RULES[intent]

    def value_ok(kind: str, name: str, value: Any) -> bool:
        if not isinstance(value, str):
            return False
        if kind == "entry":
            return is_entry(value)
        if kind == "yes_no":
            return value in ("yes", "no")
        if name not in slot_values:
            return False
        allowed = slot_values[name]
        return value in allowed if allowed is not None else bool(IDENTIFIER.match(value))

    if "*" in rules:
        return len(entities) == 1 and all(value_ok("slot", k, v) for k, v in entities.items())
    names = {rule.rstrip("?"): kind for rule, kind in rules.items()}
    required = {rule for rule in rules if not rule.endswith("?")}
    if not required <= set(entities) or not set(entities) <= set(names):
        return False
    return all(value_ok(names[k], k, v) for k, v in entities.items())


def offered_payload(text: str, is_entry: Callable[[str], bool],
                    slot_values: Mapping[str, Optional[set[str]]]) -> Optional[str]:
    """The intent if `text` is a button payload the assistant offers, else None."""
    match = PAYLOAD.match(text.strip())
    if not match or match.group("intent") not in PAYLOAD_RULES:
        return None
    entities: Any = {}
    if match.group("entities"):
        try:
            entities = json.loads(match.group("entities"))
        except ValueError:
            return None
    if not isinstance(entities, dict):
        return None
    intent = match.group("intent")
    return intent if _entities_allowed(intent, entities, is_entry, slot_values) else None


def read_typed(raw: str, is_entry: Callable[[str], bool],
               slot_values: Mapping[str, Optional[set[str]]]) -> Typed:
    """Clean, trim and check a typed message (see the module docstring)."""
    text = strip_control(raw).strip()
    payload = offered_payload(text, is_entry, slot_values) if text.startswith("/") else None
    if payload:
        return Typed(text.strip(), payload=payload)
    text = text.lstrip("/").strip()
    if len(text) > MAX_CHARS:
        return Typed(text[:MAX_CHARS], trimmed=True)
    return Typed(text)
