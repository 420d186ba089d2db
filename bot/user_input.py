"""What the REST channel makes of a typed message before the dialogue sees it. Pure functions.

- Control characters are stripped (newlines and tabs become spaces).
- Long messages are trimmed to MAX_CHARS; the channel says so in an extra message.
- A message starting with "/" is a button payload only if it is one the assistant itself offers
  (knowledge/payloads.py: the intent, and which entities with which values). Anything else that
  starts with "/" (`/nlu_fallback{"x":1}`, `/danger_now`, `/start`) is plain text with the slash
  removed, so a user cannot steer the dialogue to an arbitrary intent or action by typing one.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any, Optional

from knowledge.payloads import Known, offered

MAX_CHARS = 2000
MAX_SENDER_CHARS = 255  # the tracker store's sender_id column


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


def read_typed(raw: str, known: Known) -> Typed:
    """Clean, trim and check a typed message (see the module docstring)."""
    text = strip_control(raw).strip()
    found = offered(text, known) if text.startswith("/") else None
    if found:
        return Typed(text, payload=found.intent)
    text = text.lstrip("/").strip()
    if len(text) > MAX_CHARS:
        return Typed(text[:MAX_CHARS], trimmed=True)
    return Typed(text)
