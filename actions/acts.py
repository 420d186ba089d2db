"""The plain acts: a button pressed, or a message that plainly is one ("next", "stop", "more",
"I'm a teacher", "she's 16", "yes"). Anything that asks something goes to actions/turn.py.
"""
from __future__ import annotations

import logging
from typing import Any, Mapping, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.answering import answer_entry, answer_question, asker_of, related_entries, route_for
from actions.safety_replies import variant, voice
from actions.feedback_store import feedback_store
from actions.flows import (FlowState, changed_step, clear_flow, concern_summary, known_slots, next_index,
                           show_step, start_flow)
from actions.replies import flow_button, send_choices, send_more
from knowledge.asker import age_group_in, role_in, sector_in
from knowledge.entries import Entry, knowledge_base
from knowledge.flow_data import Flow, flow_offered_after, flows
from knowledge.safety import Safety

logger = logging.getLogger(__name__)


def named_entry(tracker: Tracker) -> Optional[Entry]:
    """An entry named by a button's payload, if it names one that exists."""
    entry_id = next(tracker.get_latest_entity_values("entry_id"), None)
    return knowledge_base().entries.get(entry_id) if entry_id else None


def last_entry(tracker: Tracker) -> Optional[Entry]:
    return knowledge_base().entries.get(tracker.get_slot("last_entry") or "")


def text_of(tracker: Tracker) -> str:
    return (tracker.latest_message or {}).get("text") or ""


def go_on(dispatcher: CollectingDispatcher, tracker: Tracker, state: FlowState,
          known: dict[str, Any], general: Optional[bool] = None) -> list[EventType]:
    """The next step of the running flow for what is now known."""
    general = state.general if general is None else general
    index = next_index(state.flow, state.step, known, general)
    summary = concern_summary(tracker, known.get("sector")) if state.flow.summary else ""
    return show_step(dispatcher, state.flow, index, known, general, known.get("role"), summary)


def for_every_case(dispatcher: CollectingDispatcher, tracker: Tracker, state: FlowState) -> list[EventType]:
    """No more questions: the next step, and every later one, for every branch, labelled."""
    return [SlotSet("flow_general", True)] + go_on(dispatcher, tracker, state, dict(state.known), general=True)


def update_flow(dispatcher: CollectingDispatcher, tracker: Tracker, state: FlowState,
                changes: dict[str, Any]) -> list[EventType]:
    """Apply answers or corrections: the step a change affects, else the next step."""
    known = {**state.known, **changes}
    changed = {s: v for s, v in changes.items() if state.known.get(s) not in (None, v)}
    index = changed_step(state.flow, state, changed) if changed else None
    if index is not None:
        dispatcher.utter_message(response="utter_flow_updated")
        return show_step(dispatcher, state.flow, index, known, state.general, known.get("role"))
    return go_on(dispatcher, tracker, state, known)


# The steps for "what do I do" after a conversation that named no situation, by who is asking.
STEPS_FOR_ROLE = {"parent": "worried_parent", "other": "worried_parent", "practitioner": "concern"}


def flow_for_conversation(tracker: Tracker) -> Optional[Flow]:
    """"Just tell me what to do" with no steps running: the steps offered after the last answer,
    else, once something has been told, the steps for who is asking."""
    if just_finished_steps(tracker):
        return None
    role = tracker.get_slot("role")
    offered = flow_offered_after(tracker.get_slot("last_entry") or "")
    if offered is not None and offered.is_for(role):
        return offered
    told = previous_turn(tracker) is not None
    # someone who has not said who they are is most often family: the worried-parent steps
    return flows().get(STEPS_FOR_ROLE.get(role or "other", "")) if told else None


def just_finished_steps(tracker: Tracker) -> bool:
    said = [e for e in tracker.events if e.get("event") == "bot"]
    return bool(said) and (said[-1].get("metadata") or {}).get("utter_action") == "utter_flow_done"


def steps_or_menu(dispatcher: CollectingDispatcher, tracker: Tracker, general: bool) -> list[EventType]:
    """No steps running: start the ones the conversation points to, or offer the situations. A
    young person who has told something gets who they can tell (the steps are for adults)."""
    flow = flow_for_conversation(tracker)
    if flow is None and tracker.get_slot("role") == "young_person" and previous_turn(tracker) is not None:
        return answer_entry(dispatcher, tracker, knowledge_base().entries[route_for(asker_of(tracker))[0]])
    if flow is None:
        flow_menu(dispatcher)
        return []
    return start_flow(dispatcher, flow, known_slots(tracker), {}, general=general)


def flow_menu(dispatcher: CollectingDispatcher) -> None:
    """Nothing running and nothing asked: the situations there are steps for."""
    dispatcher.utter_message(response="utter_no_flow",
                             buttons=[flow_button(flow.id, flow.title) for flow in flows().values()][:5])


def previous_turn(tracker: Tracker) -> Optional[dict]:
    """The user's message before this one, as parsed (text, intent, turn verdict), if any."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    return (users[-2].get("parse_data") or {"text": users[-2].get("text")}) if len(users) > 1 else None


def safety_of(turn: Optional[dict]) -> Safety:
    """The safety verdict the turn reader gave a parsed message (an empty verdict if none)."""
    return Safety.from_dict(((turn or {}).get("turn") or {}).get("safety"))


def acknowledge(dispatcher: CollectingDispatcher, tracker: Tracker, role: Optional[str],
                responses: Mapping[str, Any], age: str = "") -> list[EventType]:
    """"I'm 15" or "sorry, I'm his teacher" after a reply: that reply again, for them. A young
    person after a disclosure gets the disclosure reply spoken to them; anyone whose role is new
    gets the last question answered again with their role in mind; an age ("he's 15") gets the
    last question answered again with the age in mind; else thanks, and the question."""
    before = previous_turn(tracker)
    asked_before = bool(before and before.get("text") and not str(before["text"]).startswith("/"))
    said_before = safety_of(before)
    # (an age after a disclosure too: "dealing for her boyfriend" then "actually shes 17 and hes 24")
    in_danger_or_refused = bool(said_before.danger or said_before.refusal)
    told_harm = in_danger_or_refused or bool(said_before.disclosure)
    if age and asked_before and not in_danger_or_refused and not (role and role != tracker.get_slot("role")):
        dispatcher.utter_message(response="utter_age_noted")
        updated = tracker.copy()
        updated.slots["role"] = role or tracker.get_slot("role")
        return answer_question(dispatcher, updated, f"{before['text']}. {age}", again=True)
    new_role = bool(role) and (role != tracker.get_slot("role") or role == "young_person")
    # "im 14" after telling of being made to carry: the disclosure reply, spoken to them
    if new_role and before and said_before.disclosure:
        name = variant(f"utter_disclosure_{said_before.disclosure}", voice(said_before, role), responses)
        dispatcher.utter_message(response=name)
        return []
    # "sorry im his aunt not his mum" (a parent's role still): that answer again, not a question back
    if role and asked_before and (new_role or not told_harm):
        updated = tracker.copy()
        updated.slots["role"] = role
        dispatcher.utter_message(response="utter_role_noted")
        return answer_question(dispatcher, updated, before["text"], again=True)
    dispatcher.utter_message(response="utter_role_thanks")
    return []


class ActionTellMore(Action):
    """The longer answer for the entry just given (or the one a button names)."""

    def name(self) -> str:
        return "action_tell_more"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        entry = named_entry(tracker) or last_entry(tracker)
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
                  domain: DomainDict) -> list[EventType]:
        verdict = next(tracker.get_latest_entity_values("helpful"), None)
        entry = named_entry(tracker) or last_entry(tracker)
        if entry is not None and verdict in ("yes", "no"):
            record(entry, verdict == "yes")
        dispatcher.utter_message(response="utter_feedback_thanks")
        return []


def record(entry: Entry, helpful: bool) -> None:
    try:
        feedback_store().record_feedback(entry.id, helpful=helpful)
    except Exception:  # a failed write must not cost the user a reply
        logger.exception("could not record feedback")


class ActionNotHelpful(Action):
    """"That's not what I asked": noted against the last answer, and other topics offered."""

    def name(self) -> str:
        return "action_not_helpful"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        entry = last_entry(tracker)
        if entry is None:
            dispatcher.utter_message(response="utter_what_happened")
            return []
        record(entry, False)
        send_choices(dispatcher, related_entries(entry)[:3], response="utter_sorry_not_helpful")
        return []


class ActionNoteRole(Action):
    """"I'm a teacher", "im not the parent im his teacher": remembered, and a running flow re-routed."""

    def name(self) -> str:
        return "action_note_role"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = text_of(tracker)
        role = next(tracker.get_latest_entity_values("role"), None) or role_in(text)
        sector = next(tracker.get_latest_entity_values("sector"), None) or sector_in(text)
        role = role or ("practitioner" if sector else None)
        events = [SlotSet("role", role)] if role else []
        events += [SlotSet("sector", sector)] if sector else []
        group = age_group_in(text)  # "im his foster carer not his mum. hes 15": the age is kept too
        events += [SlotSet("age_group", group)] if group else []
        state = FlowState.of(tracker)
        if state is None:
            return events + acknowledge(dispatcher, tracker, role, domain.get("responses") or {})
        if role and not state.flow.is_for(role):
            other = flows().get(state.flow.instead.get(role, ""))
            if other is None:
                dispatcher.utter_message(response="utter_flow_stopped")
                return events + clear_flow()
            known = {**state.known, "role": role, "sector": sector or state.known.get("sector")}
            return events + start_flow(dispatcher, other, known, {})
        return events + update_flow(dispatcher, tracker, state, {"role": role or state.known.get("role"),
                                                                  "sector": sector or state.known.get("sector")})


class ActionNoteAge(Action):
    """"she's 16", "actually he's 18": the branch changes, and the step it changes is shown."""

    def name(self) -> str:
        return "action_note_age"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        text = text_of(tracker)
        group = age_group_in(text)
        role = role_in(text)
        events = [SlotSet("age_group", group)] if group else []
        events += [SlotSet("role", role)] if role and role != tracker.get_slot("role") else []
        state = FlowState.of(tracker)
        if state is None or group is None:
            return events + acknowledge(dispatcher, tracker, role, domain.get("responses") or {},
                                        age=text if group else "")
        return events + update_flow(dispatcher, tracker, state, {"age_group": group})


class ActionFlowAnswer(Action):
    """An answer button under a flow's question."""

    def name(self) -> str:
        return "action_flow_answer"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        entities = {e["entity"]: e["value"] for e in (tracker.latest_message or {}).get("entities") or []}
        events = [SlotSet(slot, value) for slot, value in entities.items()]
        state = FlowState.of(tracker)
        if state is None:
            dispatcher.utter_message(response="utter_role_thanks")
            return events
        return events + update_flow(dispatcher, tracker, state, entities)


class ActionFlowStep(Action):
    """"Next step": the next step that fits, or the situations there are steps for."""

    def name(self) -> str:
        return "action_flow_step"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        state = FlowState.of(tracker)
        if state is None:
            return steps_or_menu(dispatcher, tracker, general=False)
        if state.asked:  # "Next" instead of an answer: the steps go on for every case
            return for_every_case(dispatcher, tracker, state)
        return go_on(dispatcher, tracker, state, dict(state.known))


class ActionSkipQuestions(Action):
    """"Just tell me": no more questions; every branch is shown, each labelled."""

    def name(self) -> str:
        return "action_skip_questions"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        state = FlowState.of(tracker)
        if state is None:
            return steps_or_menu(dispatcher, tracker, general=True)
        # what to do comes first (the flow's opening holds it), then the rest of the steps
        dispatcher.utter_message(response="utter_general_steps")
        dispatcher.utter_message(response=state.flow.opening)
        return for_every_case(dispatcher, tracker, state)


class ActionStopFlow(Action):
    """Leave the flow cleanly: forget its progress and branch answers (who is asking stays)."""

    def name(self) -> str:
        return "action_stop_flow"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_flow_stopped")
        return clear_flow()


class ActionYesNo(Action):
    """"yes" / "no": the answer to a flow's yes-or-no question, else a short acknowledgement."""

    def name(self) -> str:
        return "action_yes_no"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        yes = tracker.get_intent_of_latest_message() == "affirm"
        state = FlowState.of(tracker)
        ask = state.flow.asks.get(state.asked or "") if state else None
        values = {a.value for a in ask.answers} if ask else set()
        if state and values == {"yes", "no"}:
            value = "yes" if yes else "no"
            return [SlotSet(ask.slot, value)] + update_flow(dispatcher, tracker, state, {ask.slot: value})
        if state:
            return go_on(dispatcher, tracker, state, dict(state.known))
        dispatcher.utter_message(response="utter_ask_what" if yes else "utter_anything_else")
        return []
