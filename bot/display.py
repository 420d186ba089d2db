"""How a reply message reads on a text-only front end (Telegram, the terminal): its text, then
the toolkit section it rests on, which travels as the message's own `citation` field."""
from __future__ import annotations

from typing import Any

CITATION_PREFIX = "📖 Toolkit: "


def display_text(message: dict[str, Any]) -> str:
    text = str(message.get("text") or "").strip()
    citation = str(message.get("citation") or "").strip()
    return f"{text}\n\n{CITATION_PREFIX}{citation}" if citation else text
