"""The guided flows and the concern indicators, loaded and checked once from knowledge/flows.yml.

`check_flows` fails loudly on anything a flow names that does not exist (a slot, a value, an
entry, a response, an intent, a toolkit section) and on a step that no conversation can reach,
so a typo never silently hides a step. It runs when the flows load and in `make validate`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping, Optional

import yaml

from knowledge.asker import normalise
from knowledge.entries import knowledge_base

FLOWS_FILE = Path(__file__).with_name("flows.yml")
# Slots a step may depend on that no flow asks: they come from what the user says.
SAID_SLOTS = {"role": ("parent", "practitioner", "young_person", "other"),
              "sector": ("childrens_services", "education", "youth_services", "health", "housing",
                         "police", "youth_justice")}


class FlowError(ValueError):
    """flows.yml names something that does not exist, or a step nobody can reach."""


def phrase_pattern(phrase: str) -> re.Pattern:
    return re.compile(rf"(?<![\w']){re.escape(normalise(phrase))}(?![\w'])")


@dataclass(frozen=True)
class Answer:
    value: str
    title: str
    unsure: str
    words: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class Ask:
    slot: str
    question: str
    answers: tuple[Answer, ...]

    def value_in(self, text: str) -> Optional[str]:
        """The value whose words the text holds; the longest phrase found wins."""
        text = normalise(text)
        found = [(m.end() - m.start(), answer.value) for answer in self.answers
                 for pattern in answer.words for m in pattern.finditer(text)]
        return max(found)[1] if found else None

    def unsure_label(self, value: str) -> str:
        return next(a.unsure for a in self.answers if a.value == value)


@dataclass(frozen=True)
class Step:
    entry: Optional[str] = None
    response: Optional[str] = None
    section: Optional[str] = None
    when: Mapping[str, str] = field(default_factory=dict)

    def fits(self, known: Mapping[str, Any]) -> bool:
        """Every condition is met by what is known (an unknown slot does not fit)."""
        return all(str(known.get(slot)) == str(value) for slot, value in self.when.items())

    def unknown(self, known: Mapping[str, Any]) -> list[str]:
        return [slot for slot in self.when if known.get(slot) is None]


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    starts: tuple[str, ...]
    for_roles: tuple[str, ...]
    offer_after: tuple[str, ...]
    opening: str
    asks: Mapping[str, Ask]
    steps: tuple[Step, ...]
    summary: bool = False
    instead: Mapping[str, str] = field(default_factory=dict)  # role -> the flow for them
    when_back: Optional[str] = None  # the step (an entry) to go to when the young person is said to be back
    not_for_sectors: tuple[str, ...] = ()  # services whose own duty the flow's steps tell others to call on

    def step_of(self, entry_id: Optional[str]) -> Optional[int]:
        return next((i for i, step in enumerate(self.steps) if entry_id and step.entry == entry_id), None)

    @property
    def entry_ids(self) -> frozenset[str]:
        return frozenset(step.entry for step in self.steps if step.entry) | frozenset(self.offer_after)

    def is_for(self, role: Optional[str], sector: Optional[str] = None) -> bool:
        return (role is None or role in self.for_roles) and sector not in self.not_for_sectors


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    words: tuple[re.Pattern, ...]


@dataclass(frozen=True)
class IndicatorLevel:
    slot: str
    section: str
    options: tuple[Option, ...]

    def found_in(self, text: str) -> list[str]:
        text = normalise(text)
        return [o.id for o in self.options if any(p.search(text) for p in o.words)]


def _ask(slot: str, raw: dict) -> Ask:
    answers = tuple(Answer(str(value), a["title"], a["unsure"], tuple(phrase_pattern(w) for w in a["words"]))
                    for value, a in raw["answers"].items())
    return Ask(slot, raw["question"], answers)


def _flow(flow_id: str, raw: dict) -> Flow:
    return Flow(
        id=flow_id, title=raw["title"], starts=tuple(raw.get("starts", [])),
        for_roles=tuple(raw["for"]), offer_after=tuple(raw.get("offer_after", [])),
        opening=raw["opening"], asks={slot: _ask(slot, a) for slot, a in (raw.get("asks") or {}).items()},
        steps=tuple(Step(s.get("entry"), s.get("response"), s.get("section"),
                         {k: str(v) for k, v in (s.get("when") or {}).items()}) for s in raw["steps"]),
        summary=bool(raw.get("summary", False)), instead=dict(raw.get("instead") or {}),
        when_back=raw.get("when_back"), not_for_sectors=tuple(raw.get("not_for_sectors", [])),
    )


@lru_cache(maxsize=1)
def _document() -> dict:
    return yaml.safe_load(FLOWS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def flows() -> dict[str, Flow]:
    """Every flow, checked against the knowledge base (the domain is checked by `check_flows`)."""
    loaded = {flow_id: _flow(flow_id, raw) for flow_id, raw in _document()["flows"].items()}
    check_flows(loaded)
    return loaded


@lru_cache(maxsize=1)
def indicator_levels() -> dict[str, IndicatorLevel]:
    return {slot: IndicatorLevel(slot, raw["section"], tuple(
                Option(option_id, o["label"], tuple(phrase_pattern(w) for w in o["words"]))
                for option_id, o in raw["options"].items()))
            for slot, raw in _document()["indicators"].items()}


def flow_starting_with(intent: Optional[str]) -> Optional[Flow]:
    return next((flow for flow in flows().values() if intent in flow.starts), None)


def flow_offered_after(entry_id: str) -> Optional[Flow]:
    return next((flow for flow in flows().values() if entry_id in flow.offer_after), None)


def check_flows(loaded: Mapping[str, Flow], domain: Optional[Mapping[str, Any]] = None) -> None:
    """Fail on any unknown name or unreachable step. With `domain` (domain.yml as a dict), the
    responses, intents and slot values are checked against it too."""
    base = knowledge_base()
    for flow in loaded.values():
        where = f"{FLOWS_FILE.name}: flow {flow.id}"
        values = {**{slot: set(v) for slot, v in SAID_SLOTS.items()},
                  **{slot: {a.value for a in ask.answers} for slot, ask in flow.asks.items()}}
        bad_roles = set(flow.for_roles) - set(SAID_SLOTS["role"])
        if bad_roles:
            raise FlowError(f"{where}: `for` names unknown roles {sorted(bad_roles)}")
        bad_sectors = set(flow.not_for_sectors) - set(SAID_SLOTS["sector"])
        if bad_sectors:
            raise FlowError(f"{where}: `not_for_sectors` names unknown sectors {sorted(bad_sectors)}")
        for role, other in flow.instead.items():
            if role not in SAID_SLOTS["role"] or other not in loaded or not loaded[other].is_for(role):
                raise FlowError(f"{where}: `instead` sends {role!r} to {other!r}, which is not a flow for them")
        for entry_id in flow.offer_after:
            if entry_id not in base.entries:
                raise FlowError(f"{where}: offer_after names an unknown entry {entry_id!r}")
        if flow.when_back and flow.step_of(flow.when_back) is None:
            raise FlowError(f"{where}: when_back names {flow.when_back!r}, which is not one of its steps")
        for index, step in enumerate(flow.steps, start=1):
            _check_step(step, f"{where}, step {index}", values, base)
            if not _reachable(step, flow):
                raise FlowError(f"{where}, step {index}: no conversation this flow is for can reach it")
        if domain is not None:
            _check_against_domain(flow, where, domain)


def _check_step(step: Step, where: str, values: Mapping[str, set], base) -> None:
    if bool(step.entry) == bool(step.response):
        raise FlowError(f"{where}: a step shows an entry or a response, not both or neither")
    if step.entry and step.entry not in base.entries:
        raise FlowError(f"{where}: unknown entry {step.entry!r}")
    if step.response and step.section not in base.sections:
        raise FlowError(f"{where}: response {step.response} needs a toolkit section id, not {step.section!r}")
    for slot, value in step.when.items():
        if slot not in values:
            raise FlowError(f"{where}: `when` names a slot this flow neither asks nor hears: {slot!r}")
        if value not in values[slot]:
            raise FlowError(f"{where}: `when` names a value {slot}={value!r} that cannot happen")


def _reachable(step: Step, flow: Flow) -> bool:
    role = step.when.get("role")
    return role is None or role in flow.for_roles


def _check_against_domain(flow: Flow, where: str, domain: Mapping[str, Any]) -> None:
    responses = set(domain.get("responses") or {})
    intents = {i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents") or []}
    slots = domain.get("slots") or {}
    named = [flow.opening, *(ask.question for ask in flow.asks.values()),
             *(step.response for step in flow.steps if step.response)]
    for response in named:
        if response not in responses:
            raise FlowError(f"{where}: unknown response {response!r}")
    for intent in flow.starts:
        if intent not in intents:
            raise FlowError(f"{where}: unknown intent {intent!r} in starts")
    for slot, ask in flow.asks.items():
        allowed = {str(v) for v in (slots.get(slot) or {}).get("values") or []}
        missing = {a.value for a in ask.answers} - allowed
        if slot not in slots or missing:
            raise FlowError(f"{where}: slot {slot!r} is not in the domain with values {sorted(missing)}")
