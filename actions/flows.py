"""The guided flows, run one step per turn from knowledge/flows.yml.

A flow never stands between a user and an answer: it opens with an answer, shows one step per
turn, and asks a question only beside a step, when the step after it depends on the answer.
Whatever is typed meanwhile is answered first (actions/turn.py). An answer typed in words
counts; a second reply that fits no button, or "just tell me", ends the questions and the
steps go on for the general case, each branch labelled ("If they are in care: ...").

Flow state lives in slots: `flow`, `flow_step` (the last step shown), `flow_asked` (the
question beside it), `flow_misses` and `flow_general`. The branch answers are slots too.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Mapping, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from knowledge.flow_data import Ask, Flow, Step, flows, indicator_levels
from actions.replies import entry_text, more_button, send_step_message
from knowledge.asker import age_group_in
from knowledge.contacts import fill
from knowledge.entries import knowledge_base
from knowledge.payloads import payload

NEXT_BUTTON = {"title": "Next step", "payload": payload("next_step")}
STOP_BUTTON = {"title": "Stop", "payload": payload("stop_flow")}
SKIP_BUTTON = {"title": "Just tell me the steps", "payload": payload("skip_questions")}
STATE_SLOTS = ("flow", "flow_step", "flow_asked", "flow_misses", "flow_general")
ANSWER_SLOTS = ("in_care", "age_group", "sign_noticed")
MAX_MISSES = 2  # replies that fit no button before the questions stop


@dataclass(frozen=True)
class FlowState:
    flow: Flow
    step: int                # the last step shown (-1 before the first)
    asked: Optional[str]     # the slot whose question is on offer
    misses: int
    general: bool            # questions ended: every branch is shown, labelled
    known: Mapping[str, Any]

    @classmethod
    def of(cls, tracker: Tracker) -> Optional["FlowState"]:
        flow = flows().get(tracker.get_slot("flow") or "")
        if flow is None:
            return None
        step = tracker.get_slot("flow_step")
        return cls(flow, -1 if step is None else int(step), tracker.get_slot("flow_asked"),
                   int(tracker.get_slot("flow_misses") or 0), bool(tracker.get_slot("flow_general")),
                   known_slots(tracker))


def known_slots(tracker: Tracker) -> dict[str, Any]:
    return {name: tracker.get_slot(name) for name in ("role", "sector", "in_care", "age_group", "sign_noticed")}


def next_index(flow: Flow, after: int, known: Mapping[str, Any], general: bool) -> Optional[int]:
    """The next step that fits what is known; in general mode, unknown asked slots fit too."""
    for index in range(after + 1, len(flow.steps)):
        step = flow.steps[index]
        if step.fits(known) or (general and _fits_if_unknown(step, flow, known)):
            return index
    return None


def _fits_if_unknown(step: Step, flow: Flow, known: Mapping[str, Any]) -> bool:
    """Every condition is met, or is on an asked slot nobody answered."""
    return all(str(known.get(slot)) == value or (known.get(slot) is None and slot in flow.asks)
               for slot, value in step.when.items())


def pending_question(flow: Flow, after: int, known: Mapping[str, Any], general: bool) -> Optional[Ask]:
    """The question to ask beside step `after`: the one the step after it depends on."""
    if general:
        return None
    for index in range(after + 1, len(flow.steps)):
        step = flow.steps[index]
        unknown = [s for s in step.unknown(known) if s in flow.asks]
        if unknown:
            return flow.asks[unknown[0]]
        if step.fits(known):
            return None
    return None


def unsure_label(step: Step, flow: Flow, known: Mapping[str, Any]) -> str:
    """"If they are in care: " for a step shown without its question answered."""
    labels = [flow.asks[slot].unsure_label(value) for slot, value in step.when.items()
              if known.get(slot) is None and slot in flow.asks]
    return (" and ".join(labels) + ": ") if labels else ""


def ask_buttons(ask: Ask) -> list[dict[str, str]]:
    return [{"title": a.title, "payload": payload("inform", **{ask.slot: a.value})} for a in ask.answers]


def show_step(dispatcher: CollectingDispatcher, flow: Flow, index: Optional[int], known: Mapping[str, Any],
              general: bool, role: Optional[str], summary: str = "") -> list[EventType]:
    """Show step `index` (or the end), with the question the next step needs beside it."""
    if index is None:
        return end_flow(dispatcher, flow, summary)
    step = flow.steps[index]
    ask = pending_question(flow, index, known, general)
    prefix = unsure_label(step, flow, known)
    buttons = [NEXT_BUTTON]
    events: list[EventType] = [SlotSet("flow_step", float(index)), SlotSet("flow_asked", ask.slot if ask else None)]
    if step.entry:
        entry = knowledge_base().entries[step.entry]
        if entry.more:
            buttons.append(more_button(entry.id))
        send_step_message(dispatcher, prefix + entry_text(entry, role), entry.section.citation, entry.id,
                          buttons + [STOP_BUTTON] if not ask else [])
        events.append(SlotSet("last_entry", entry.id))
    else:
        section = knowledge_base().sections[step.section]
        dispatcher.utter_message(response=step.response, prefix=prefix, citation=section.citation,
                                 buttons=buttons + [STOP_BUTTON] if not ask else [])
    if ask:
        dispatcher.utter_message(response=ask.question, buttons=ask_buttons(ask) + [NEXT_BUTTON, STOP_BUTTON])
    return events


def start_flow(dispatcher: CollectingDispatcher, flow: Flow, known: Mapping[str, Any],
               answered: Mapping[str, Any],
               say_first: Callable[[], list[EventType]] = lambda: [], general: bool = False) -> list[EventType]:
    """The flow's opening answer, then `say_first` (the answer to what was typed), then the
    question its first step needs, or the first step (`general`: no questions, every case)."""
    known = {**known, **answered}
    dispatcher.utter_message(response=flow.opening)
    events: list[EventType] = [SlotSet(name, None) for name in STATE_SLOTS]  # answers already given stay
    events += say_first()
    events += [SlotSet(slot, value) for slot, value in answered.items()]
    events += [SlotSet("flow", flow.id), SlotSet("flow_step", -1.0), SlotSet("flow_misses", 0.0)]
    events += [SlotSet("flow_general", True)] if general else []
    ask = pending_question(flow, -1, known, general)
    if ask:
        dispatcher.utter_message(response=ask.question,
                                 buttons=ask_buttons(ask) + [NEXT_BUTTON, SKIP_BUTTON, STOP_BUTTON])
        return events + [SlotSet("flow_asked", ask.slot)]
    dispatcher.utter_message(response="utter_flow_first_step", buttons=[NEXT_BUTTON, STOP_BUTTON])
    return events


def end_flow(dispatcher: CollectingDispatcher, flow: Flow, summary: str) -> list[EventType]:
    if flow.summary and summary:
        dispatcher.utter_message(response="utter_concern_summary", summary=summary)
    dispatcher.utter_message(response="utter_flow_done")
    return [SlotSet(name, None) for name in STATE_SLOTS]


def answers_in(text: str, flow: Flow, asked: Optional[str], starting: bool = False) -> dict[str, str]:
    """The flow's questions answered by these words: the one on offer, and an age or a change
    of circumstances said at any time ("actually she's in foster care", "he's 16"); in the
    message that starts the flow, any of them ("a second phone and new trainers")."""
    found: dict[str, str] = {}
    for slot, ask in flow.asks.items():
        value = age_group_in(text) if slot == "age_group" else ask.value_in(text)
        if value is not None and (starting or slot == asked or slot in ("age_group", "in_care")):
            found[slot] = value
    return found


def changed_step(flow: Flow, state: FlowState, changed: Mapping[str, Any]) -> Optional[int]:
    """After a changed answer: the first step depending on it, if the flow already went past it."""
    for index, step in enumerate(flow.steps):
        if set(step.when) & set(changed) and index <= state.step:
            known = {**state.known, **changed}
            return next_index(flow, index - 1, known, state.general)
    return None


def concern_summary(tracker: Tracker, sector: Optional[str]) -> str:
    """What the practitioner said they noticed, as the toolkit's labels by level (no names, no
    words of theirs), for their own record."""
    lines = [f"Concern about possible child criminal exploitation. Sector: {(sector or 'not given').replace('_', ' ')}."]
    typed = " ".join(e.get("text") or "" for e in tracker.events
                     if e.get("event") == "user" and not (e.get("text") or "").startswith("/"))
    for slot, heading in zip(("concern_individual", "concern_family", "concern_community"),
                             ("Individual", "Family", "Community")):
        level = indicator_levels()[slot]
        labels = {o.id: o.label for o in level.options}
        chosen = [labels[i] for i in level.found_in(typed)]
        lines.append(f"{heading}: {', '.join(chosen) if chosen else 'nothing noted'}.")
    lines.append("Next steps taken from the Complex Safeguarding Wales toolkit.")
    return fill("\n".join(lines))


def clear_flow() -> list[EventType]:
    return [SlotSet(name, None) for name in STATE_SLOTS + ANSWER_SLOTS]
