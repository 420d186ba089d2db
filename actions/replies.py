"""Turn knowledge entries into replies: the short answer, its toolkit section, and buttons."""
from __future__ import annotations

import json
from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from knowledge.contacts import fill
from knowledge.entries import Entry

MORE_BUTTON = "Tell me more"
HELPFUL_BUTTON = "👍 Helpful"
NOT_HELPFUL_BUTTON = "👎 Not helpful"
MAX_RELATED_BUTTONS = 2
MAX_BUTTONS = 5  # "Tell me more", two related topics, and the two feedback buttons


def topic_payload(entry_id: str) -> str:
    return "/ask_question" + json.dumps({"entry_id": entry_id})


def more_payload(entry_id: str) -> str:
    return "/tell_more" + json.dumps({"entry_id": entry_id})


def feedback_payload(entry_id: str, helpful: bool) -> str:
    return "/feedback" + json.dumps({"entry_id": entry_id, "helpful": "yes" if helpful else "no"})


def topic_button(entry: Entry) -> dict[str, str]:
    return {"title": entry.title, "payload": topic_payload(entry.id)}


def feedback_buttons(entry: Entry) -> list[dict[str, str]]:
    """"Was this helpful?" as two buttons that name the entry, never the question."""
    return [{"title": HELPFUL_BUTTON, "payload": feedback_payload(entry.id, True)},
            {"title": NOT_HELPFUL_BUTTON, "payload": feedback_payload(entry.id, False)}]


def send_answer(dispatcher: CollectingDispatcher, entry: Entry, related: list[Entry]) -> None:
    """The short answer with its citation, "Tell me more" when there is more, and related topics."""
    buttons: list[dict[str, Any]] = []
    if entry.more:
        buttons.append({"title": MORE_BUTTON, "payload": more_payload(entry.id)})
    buttons += [topic_button(other) for other in related[:MAX_RELATED_BUTTONS]]
    buttons += feedback_buttons(entry)
    dispatcher.utter_message(
        response="utter_answer", answer=fill(entry.short),
        citation=entry.section.citation, buttons=buttons[:MAX_BUTTONS],
    )


def send_more(dispatcher: CollectingDispatcher, entry: Entry, related: list[Entry]) -> None:
    """The longer answer, with related topics as buttons."""
    dispatcher.utter_message(
        response="utter_more", more=fill(entry.more), citation=entry.section.citation,
        buttons=([topic_button(other) for other in related[:MAX_RELATED_BUTTONS]]
                 + feedback_buttons(entry))[:MAX_BUTTONS],
    )


def send_choices(dispatcher: CollectingDispatcher, entries: list[Entry]) -> None:
    """Below the confidence bar: say so, and offer the closest topics."""
    dispatcher.utter_message(
        response="utter_not_sure", buttons=[topic_button(entry) for entry in entries]
    )
