"""Turn knowledge entries into reply messages: the answer, its toolkit section, and buttons.

Every answer message is the response `utter_answer` with the text in `answer` and the toolkit
section in `citation`, a field of its own: each front end shows it its own way.
"""
from __future__ import annotations

import re
from typing import Any, Optional

from rasa_sdk.executor import CollectingDispatcher

from knowledge.contacts import fill
from knowledge.entries import Entry
from knowledge.payloads import payload
from knowledge.search import sentences

MORE_BUTTON = "Tell me more"
HELPFUL_BUTTON = "👍 Helpful"
NOT_HELPFUL_BUTTON = "👎 Not helpful"
MAX_BUTTONS = 5
SPOKEN_TO_THE_READER = re.compile(r"\byour?\b", re.IGNORECASE)
SAID_ALREADY = 0.5  # a sentence of the short answer whose words the young person's words mostly hold is left out


def entry_text(entry: Entry, role: Optional[str]) -> str:
    """The entry's short answer; for a young person, the words written for them and then the facts
    of the short answer ("If you're being sent OT ... not your fault" then "'OT' means out trapping
    ..."), unless the short answer speaks to a parent or a worker ("you")."""
    if role == "young_person" and entry.for_young_person:
        facts = "" if SPOKEN_TO_THE_READER.search(entry.short) else new_facts(entry.short, entry.for_young_person)
        return fill(f"{entry.for_young_person} {facts}".strip())
    return fill(entry.short)


def content_words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z']+", text.lower()) if len(word) >= 4}


def said_already(sentence: str, held: set[str], share: float) -> bool:
    """Are `share` of the sentence's longer words among the words `held` (said already)?"""
    words = content_words(sentence)
    return len(words & held) >= share * max(1, len(words))


def new_facts(short: str, said: str) -> str:
    """The short answer without its closing sentences when the words already said to the young
    person mostly hold them ("They should understand why the meeting is happening ..." after "You
    should be told why the meeting is happening ..."); only from the end, so no "they" loses its
    sentence."""
    held, kept = content_words(said), sentences(short)
    while kept and said_already(kept[-1], held, SAID_ALREADY):
        kept.pop()
    return " ".join(kept)


def topic_button(entry: Entry) -> dict[str, str]:
    return {"title": entry.title, "payload": payload("ask_question", entry_id=entry.id)}


def more_button(entry_id: str) -> dict[str, Any]:
    return {"title": MORE_BUTTON, "payload": payload("tell_more", entry_id=entry_id), "expands": True}


def feedback_buttons(entry: Entry) -> list[dict[str, str]]:
    """"Was this helpful?" as two buttons that name the entry, never the question."""
    return [{"title": HELPFUL_BUTTON, "payload": payload("feedback", entry_id=entry.id, helpful="yes")},
            {"title": NOT_HELPFUL_BUTTON, "payload": payload("feedback", entry_id=entry.id, helpful="no")}]


def flow_button(flow_id: str, title: str) -> dict[str, str]:
    return {"title": title, "payload": payload("start_flow", flow=flow_id)}


def send_answer(dispatcher: CollectingDispatcher, text: str, citation: str, entry: Entry,
                buttons: list[dict[str, Any]]) -> None:
    """One answer: the text, its toolkit section as a field, and at most MAX_BUTTONS buttons."""
    dispatcher.utter_message(response="utter_answer", answer=text, citation=citation, entry_id=entry.id,
                             buttons=buttons[:MAX_BUTTONS])


def send_step_message(dispatcher: CollectingDispatcher, text: str, citation: str, entry_id: str,
                      buttons: list[dict[str, Any]]) -> None:
    dispatcher.utter_message(response="utter_answer", answer=text, citation=citation, entry_id=entry_id,
                             buttons=buttons)


def send_more(dispatcher: CollectingDispatcher, entry: Entry, related: list[Entry]) -> None:
    """The longer answer, with related topics as buttons."""
    buttons = [topic_button(other) for other in related[:2]] + feedback_buttons(entry)
    dispatcher.utter_message(response="utter_more", more=fill(entry.more), citation=entry.section.citation,
                             entry_id=entry.id, buttons=buttons[:MAX_BUTTONS])


def send_choices(dispatcher: CollectingDispatcher, entries: list[Entry], response: str = "utter_not_sure") -> None:
    """Topics as buttons: the menu when nothing is close enough to give as an answer, or the
    "not what you needed?" alternatives after one."""
    dispatcher.utter_message(response=response, buttons=[topic_button(entry) for entry in entries])
