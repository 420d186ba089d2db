"""Answers from the knowledge base: a question, "tell me more", and feedback on an answer."""
from __future__ import annotations

import logging
from typing import Any, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.feedback_store import feedback_store
from actions.flow_data import flows
from actions.replies import send_answer, send_choices, send_more
from knowledge.entries import Entry, knowledge_base
from knowledge.search import knowledge_search

logger = logging.getLogger(__name__)


def asker_audience(tracker: Tracker) -> set[str]:
    """What the conversation knows about who is asking: role and sector slots."""
    audience = {tracker.get_slot("role"), tracker.get_slot("sector")} - {None}
    if tracker.get_slot("sector"):
        audience.add("practitioner")
    return audience


def requested_entry(tracker: Tracker) -> Optional[Entry]:
    """An entry named by a button's payload, if it names one that exists."""
    entry_id = next(tracker.get_latest_entity_values("entry_id"), None)
    return knowledge_base().entries.get(entry_id) if entry_id else None


def last_entry(tracker: Tracker) -> Optional[Entry]:
    """The entry answered last in this conversation, for follow-ups like "what about for girls?"."""
    return knowledge_base().entries.get(tracker.get_slot("last_entry") or "")


def flow_entries(tracker: Tracker) -> frozenset[str]:
    """The entries of the guided flow this conversation is in, if any."""
    flow = flows().get(tracker.get_slot("flow") or "")
    return flow.entry_ids if flow else frozenset()


def count_unanswered(closest: list[Entry]) -> None:
    """Count a question without a confident answer (no text kept); never fail the reply for it."""
    try:
        feedback_store().count_unanswered([entry.id for entry in closest])
    except Exception:  # the count is a nicety; the user still gets their reply
        logger.exception("could not count an unanswered question")


def related_entries(entry: Entry) -> list[Entry]:
    entries = knowledge_base().entries
    return [entries[rid] for rid in entry.related if rid in entries]


def answer_question(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[EventType]:
    """Answer from the entry a button names or the search finds; offer the closest when unsure."""
    entry = requested_entry(tracker)
    if entry is None:
        search = knowledge_search()
        matches = search.search(tracker.latest_message.get("text") or "", asker_audience(tracker),
                                previous=last_entry(tracker), prefer=flow_entries(tracker))
        if not search.is_relevant(matches):
            count_unanswered([])
            dispatcher.utter_message(response="utter_no_answer")
            return []
        if not search.is_confident(matches):
            count_unanswered([match.entry for match in matches])
            send_choices(dispatcher, [match.entry for match in matches])
            return []
        entry = matches[0].entry
    send_answer(dispatcher, entry, related_entries(entry))
    return [SlotSet("last_entry", entry.id)]


class ActionAnswerQuestion(Action):
    """A question gets its answer; inside a guided flow, the way back to the steps is offered."""

    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        events = answer_question(dispatcher, tracker)
        if tracker.get_slot("flow") and not tracker.active_loop_name:
            dispatcher.utter_message(response="utter_back_to_flow",
                                     buttons=[{"title": "Next step", "payload": "/next_step"}])
        return events


class ActionTellMore(Action):
    """The longer answer for the entry just given (or the one a button names)."""

    def name(self) -> str:
        return "action_tell_more"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        entry = requested_entry(tracker) or last_entry(tracker)
        if entry is None:
            dispatcher.utter_message(response="utter_nothing_to_expand")
            return []
        if not entry.more:
            dispatcher.utter_message(response="utter_no_more")
            return []
        send_more(dispatcher, entry, related_entries(entry))
        return [SlotSet("last_entry", entry.id)]


class ActionRecordFeedback(Action):
    """Store "helpful" or "not helpful" for an answer: the entry id and the verdict, nothing else."""

    def name(self) -> str:
        return "action_record_feedback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        verdict = next(tracker.get_latest_entity_values("helpful"), None)
        entry = requested_entry(tracker) or last_entry(tracker)
        if entry is not None and verdict in ("yes", "no"):
            try:
                feedback_store().record_feedback(entry.id, helpful=verdict == "yes")
            except Exception:  # a failed write must not cost the user a reply
                logger.exception("could not record feedback")
        dispatcher.utter_message(response="utter_feedback_thanks")
        return []
