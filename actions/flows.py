"""The guided "what do I do now" flows: start, ask only what is needed, then one step at a time."""
from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from typing import Any, Optional

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.flow_data import Flow, IndicatorLevel, flows, indicator_levels, named_in
from actions.knowledge_answers import answer_question
from actions.replies import more_payload
from knowledge.contacts import fill
from knowledge.entries import knowledge_base

FLOW_BY_INTENT = {
    "start_missing": "missing", "start_nrm": "nrm", "start_worried_parent": "worried_parent",
    "start_concern": "concern", "start_cuckooing": "cuckooing",
    "start_found_with_drugs": "found_with_drugs", "start_strategy_meeting": "strategy_meeting",
}
BRANCH_SLOTS = ("role", "sector", "in_care", "age_group", "sign_noticed")
INDICATOR_SLOTS = ("concern_individual", "concern_family", "concern_community")
FLOW_ANSWER_SLOTS = ("in_care", "age_group", "sign_noticed") + INDICATOR_SLOTS  # role and sector stay
NEXT_BUTTON = {"title": "Next step", "payload": "/next_step"}
STOP_BUTTON = {"title": "Stop", "payload": "/stop_flow"}
NONE_OPTION = "none"
AGE = re.compile(r"\b(\d{1,2})\b")


def current_flow(tracker: Tracker) -> Optional[Flow]:
    return flows().get(tracker.get_slot("flow") or "")


def current_step(tracker: Tracker) -> int:
    """Index of the last step shown (-1 before the first)."""
    step = tracker.get_slot("flow_step")
    return -1 if step is None else int(step)


def branch_values(tracker: Tracker) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in BRANCH_SLOTS}


ANY_TIME_SLOTS = ("age_group", "role", "sector")  # may come in any message of the flow


def answers_the_form(tracker: Tracker, slot: str) -> bool:
    """Whether the latest message may fill `slot`: never danger or a wish to stop."""
    if tracker.get_intent_of_latest_message() in ("danger_now", "stop_flow"):
        return False
    return slot in ANY_TIME_SLOTS or tracker.get_slot("requested_slot") == slot


def age_group_in(text: str) -> Optional[str]:
    """'she's 18' -> adult; 'he is 16' -> under_18; words like 'over 18' too."""
    lowered = text.lower()
    if re.search(r"\b(over|above)\s*18\b|\b18\s*(or|\+)\s*(over|older)?|\badult\b", lowered):
        return "adult"
    if re.search(r"\bunder\s*18\b|\bchild\b", lowered):
        return "under_18"
    ages = [int(n) for n in AGE.findall(lowered) if 5 <= int(n) <= 30]
    if not ages:
        return None
    return "adult" if ages[0] >= 18 else "under_18"


class ActionStartFlow(Action):
    """Answer first (the flow's opening, 999 where it matters), then let the form ask."""

    def name(self) -> str:
        return "action_start_flow"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        flow = flows()[FLOW_BY_INTENT.get(tracker.get_intent_of_latest_message(), "worried_parent")]
        dispatcher.utter_message(response=flow.opening)
        events: list[EventType] = [SlotSet("flow", flow.id), SlotSet("flow_step", -1.0)]
        events += [SlotSet(name, None) for name in FLOW_ANSWER_SLOTS]
        age_group = age_group_in(tracker.latest_message.get("text") or "")
        if age_group and "age_group" in flow.asks:
            events.append(SlotSet("age_group", age_group))
        return events


class ValidateFlowForm(FormValidationAction):
    """Ask only what the current flow needs and the conversation does not know yet."""

    def name(self) -> str:
        return "validate_flow_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        """A question that also answers the form ("do I need his consent, he's 16") gets both.
        (Danger fills nothing: see `answers_the_form`; the dialogue's danger rule speaks first.)"""
        intent = tracker.get_intent_of_latest_message()
        events = await super().run(dispatcher, tracker, domain)
        fills = any(isinstance(e, dict) and e.get("event") == "slot" and e.get("name") != "requested_slot"
                    and e.get("value") is not None for e in events)
        if intent == "ask_question" and fills:
            events += answer_question(dispatcher, tracker)
        return events

    async def required_slots(self, domain_slots: list[str], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> list[str]:
        flow = current_flow(tracker)
        if flow is None:
            return []
        asks = list(flow.asks)
        if "role" in asks and tracker.get_slot("sector"):
            asks.remove("role")
        return asks

    async def extract_age_group(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                domain: DomainDict) -> dict[str, Any]:
        if not answers_the_form(tracker, "age_group"):
            return {}
        found = age_group_in(tracker.latest_message.get("text") or "")
        return {"age_group": found} if found else {}

    async def extract_in_care(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                              domain: DomainDict) -> dict[str, Any]:
        if not answers_the_form(tracker, "in_care"):
            return {}
        intent = tracker.get_intent_of_latest_message()
        text = (tracker.latest_message.get("text") or "").lower()
        if intent == "affirm" or re.search(r"\b(care|foster|children'?s home|looked after|residential)\b", text):
            return {"in_care": "yes"}
        if intent == "deny" or re.search(r"\b(no|not|lives with|at home)\b", text):
            return {"in_care": "no"}
        return {}

    async def extract_role(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> dict[str, Any]:
        return self._named("role", tracker)

    async def extract_sector(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> dict[str, Any]:
        return self._named("sector", tracker)

    @staticmethod
    def _named(slot: str, tracker: Tracker) -> dict[str, Any]:
        if tracker.get_slot(slot) or not answers_the_form(tracker, slot):
            return {}
        found = named_in(tracker.latest_message.get("text") or "", slot)
        return {slot: found} if found else {}

    async def extract_sign_noticed(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                   domain: DomainDict) -> dict[str, Any]:
        if not answers_the_form(tracker, "sign_noticed"):
            return {}
        text = (tracker.latest_message.get("text") or "").lower()
        for sign, pattern in (("phone_or_money", r"phone|cash|money|clothes|trainers|gift"),
                              ("older_friends", r"older|friend|mates|car\b"),
                              ("staying_out", r"out|missing|night|late|disappear"),
                              ("school", r"school|teacher|grades|excluded|college")):
            if re.search(pattern, text):
                return {"sign_noticed": sign}
        typed_an_answer = tracker.get_intent_of_latest_message() == "inform" and not text.startswith("/")
        return {"sign_noticed": "other"} if typed_an_answer else {}

    async def _extract_indicators(self, slot: str, tracker: Tracker) -> dict[str, Any]:
        if not answers_the_form(tracker, slot):
            return {}
        text = (tracker.latest_message.get("text") or "").lower()
        if text.startswith("/"):
            return {}
        level = indicator_levels()[slot]
        found = [option.id for option in level.options
                 if any(re.search(rf"\b{re.escape(k)}", text) for k in option.keywords)]
        return {slot: found or [NONE_OPTION]} if text.strip() else {}

    async def extract_concern_individual(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return await self._extract_indicators("concern_individual", tracker)

    async def extract_concern_family(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return await self._extract_indicators("concern_family", tracker)

    async def extract_concern_community(self, dispatcher, tracker, domain) -> dict[str, Any]:
        return await self._extract_indicators("concern_community", tracker)

    async def validate_concern_individual(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return {"concern_individual": _known_options("concern_individual", value)}

    async def validate_concern_family(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return {"concern_family": _known_options("concern_family", value)}

    async def validate_concern_community(self, value, dispatcher, tracker, domain) -> dict[str, Any]:
        return {"concern_community": _known_options("concern_community", value)}


def _known_options(slot: str, value: Any) -> Optional[list[str]]:
    """Keep only indicator ids from the list (a button sends one id, typed words several)."""
    values = value if isinstance(value, list) else [value]
    known = {option.id for option in indicator_levels()[slot].options} | {NONE_OPTION}
    kept = [v for v in values if v in known]
    return kept or None


class _AskIndicators(Action, ABC):
    """Offer a level's indicators as buttons; the level is named by the subclass."""

    @property
    @abstractmethod
    def slot(self) -> str:
        """The indicator slot this action asks for."""

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        level: IndicatorLevel = indicator_levels()[self.slot]
        buttons = [{"title": o.label, "payload": "/inform" + json.dumps({self.slot: o.id})}
                   for o in level.options]
        buttons.append({"title": "Nothing here", "payload": "/inform" + json.dumps({self.slot: NONE_OPTION})})
        dispatcher.utter_message(response=f"utter_ask_{self.slot}", buttons=buttons)
        return []


class ActionAskConcernIndividual(_AskIndicators):
    slot = "concern_individual"


class ActionAskConcernFamily(_AskIndicators):
    slot = "concern_family"


class ActionAskConcernCommunity(_AskIndicators):
    slot = "concern_community"


def send_step(dispatcher: CollectingDispatcher, flow: Flow, index: int) -> Optional[str]:
    """Show one step with its toolkit section; returns the entry id it showed, if any."""
    step = flow.steps[index]
    buttons = [NEXT_BUTTON]
    if step.entry:
        entry = knowledge_base().entries[step.entry]
        if entry.more:
            buttons.insert(1, {"title": "Tell me more", "payload": more_payload(entry.id)})
        dispatcher.utter_message(response="utter_answer", answer=fill(entry.short),
                                 citation=entry.section.citation, buttons=buttons + [STOP_BUTTON])
        return entry.id
    section = knowledge_base().sections[step.section]
    dispatcher.utter_message(response=step.response, citation=section.citation,
                             buttons=buttons + [STOP_BUTTON])
    return None


def concern_summary(tracker: Tracker) -> str:
    """A name-free summary of what was noticed, by level, for the practitioner's own record."""
    levels = indicator_levels()
    labels = {o.id: o.label for level in levels.values() for o in level.options}
    lines = [f"Concern about possible child criminal exploitation. Sector: "
             f"{(tracker.get_slot('sector') or 'not given').replace('_', ' ')}."]
    for slot, heading in zip(INDICATOR_SLOTS, ("Individual", "Family", "Community")):
        chosen = [labels[v] for v in tracker.get_slot(slot) or [] if v in labels]
        lines.append(f"{heading}: {', '.join(chosen) if chosen else 'nothing noted'}.")
    lines.append("Next steps taken from the Complex Safeguarding Wales toolkit.")
    return "\n".join(lines)


def end_of_flow(dispatcher: CollectingDispatcher, flow: Flow, tracker: Tracker) -> list[EventType]:
    if flow.summary:
        dispatcher.utter_message(response="utter_concern_summary", summary=concern_summary(tracker))
    dispatcher.utter_message(response="utter_flow_done")
    return [SlotSet("flow", None), SlotSet("flow_step", None)]


def show_step(dispatcher: CollectingDispatcher, flow: Flow, tracker: Tracker,
              index: Optional[int]) -> list[EventType]:
    """Show step `index` and remember it (and its entry, for "tell me more"), or end the flow."""
    if index is None:
        return end_of_flow(dispatcher, flow, tracker)
    shown = send_step(dispatcher, flow, index)
    return [SlotSet("flow_step", float(index))] + ([SlotSet("last_entry", shown)] if shown else [])


class ActionFlowStep(Action):
    """The next step of the current flow that fits what the conversation knows."""

    def name(self) -> str:
        return "action_flow_step"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        flow = current_flow(tracker)
        if flow is None:
            dispatcher.utter_message(response="utter_no_flow")
            return []
        return show_step(dispatcher, flow, tracker,
                         flow.next_step(current_step(tracker), branch_values(tracker)))


class ActionFlowUpdate(Action):
    """A changed answer ("actually she's 18"): update it and show the step it changes."""

    def name(self) -> str:
        return "action_flow_update"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        flow = current_flow(tracker)
        age_group = age_group_in(tracker.latest_message.get("text") or "")
        if flow is None or age_group is None:
            dispatcher.utter_message(response="utter_no_flow")
            return [SlotSet("age_group", age_group)] if age_group else []
        dispatcher.utter_message(response="utter_flow_updated")
        slots = {**branch_values(tracker), "age_group": age_group}
        first = flow.first_step_depending_on("age_group")
        current = current_step(tracker)
        index = flow.next_step(first - 1 if first is not None and first <= current else current, slots)
        return [SlotSet("age_group", age_group)] + show_step(dispatcher, flow, tracker, index)


class ActionStopFlow(Action):
    """Leave the flow cleanly: forget its progress and branch answers."""

    def name(self) -> str:
        return "action_stop_flow"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        dispatcher.utter_message(response="utter_flow_stopped")
        cleared = ("flow", "flow_step", "requested_slot") + FLOW_ANSWER_SLOTS
        return [ActiveLoop(None)] + [SlotSet(name, None) for name in cleared]
