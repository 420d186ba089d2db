"""The guided flows and the concern indicators, loaded once from actions/flows.yml."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
import re
from pathlib import Path
from typing import Optional

import yaml

from knowledge.entries import knowledge_base

FLOWS_FILE = Path(__file__).with_name("flows.yml")


@dataclass(frozen=True)
class Step:
    entry: Optional[str] = None
    response: Optional[str] = None
    section: Optional[str] = None
    when: dict = field(default_factory=dict)

    def applies(self, slots: dict) -> bool:
        return all(str(slots.get(name)) == str(value) for name, value in self.when.items())


@dataclass(frozen=True)
class Flow:
    id: str
    title: str
    opening: str
    asks: tuple[str, ...]
    steps: tuple[Step, ...]
    about: tuple[str, ...] = ()
    summary: bool = False

    @property
    def entry_ids(self) -> frozenset[str]:
        """Every entry the flow shows or touches on."""
        return frozenset(step.entry for step in self.steps if step.entry) | frozenset(self.about)

    def next_step(self, after: int, slots: dict) -> Optional[int]:
        """Index of the first step after `after` that applies to this conversation."""
        return next((i for i in range(after + 1, len(self.steps)) if self.steps[i].applies(slots)), None)

    def first_step_depending_on(self, slot: str) -> Optional[int]:
        return next((i for i, step in enumerate(self.steps) if slot in step.when), None)


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorLevel:
    slot: str
    section: str
    options: tuple[Option, ...]


def _check(flows: dict[str, Flow]) -> None:
    entries, sections = knowledge_base().entries, knowledge_base().sections
    for flow in flows.values():
        for step in flow.steps:
            if bool(step.entry) == bool(step.response):
                raise ValueError(f"flow {flow.id}: a step needs an entry or a response")
            if step.entry and step.entry not in entries:
                raise ValueError(f"flow {flow.id}: unknown entry {step.entry!r}")
            if step.response and step.section not in sections:
                raise ValueError(f"flow {flow.id}: step {step.response} needs a toolkit section id")
        unknown = set(flow.about) - set(entries)
        if unknown:
            raise ValueError(f"flow {flow.id}: unknown entries in about: {sorted(unknown)}")


@lru_cache(maxsize=1)
def _document() -> dict:
    return yaml.safe_load(FLOWS_FILE.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def flows() -> dict[str, Flow]:
    loaded = {
        flow_id: Flow(flow_id, raw["title"], raw["opening"], tuple(raw.get("asks", [])),
                      tuple(Step(**step) for step in raw["steps"]), tuple(raw.get("about", [])),
                      raw.get("summary", False))
        for flow_id, raw in _document()["flows"].items()
    }
    _check(loaded)
    return loaded


@lru_cache(maxsize=1)
def indicator_levels() -> dict[str, IndicatorLevel]:
    return {
        slot: IndicatorLevel(slot, raw["section"], tuple(
            Option(option_id, option["label"], tuple(option["keywords"]))
            for option_id, option in raw["options"].items()
        ))
        for slot, raw in _document()["indicators"].items()
    }


@lru_cache(maxsize=1)
def who_is_asking() -> dict[str, dict[str, tuple[str, ...]]]:
    """slot -> value -> the words that say it, e.g. sector -> education -> (teacher, ...)."""
    return {slot: {value: tuple(words) for value, words in table.items()}
            for slot, table in _document()["who_is_asking"].items()}


def named_in(text: str, slot: str) -> Optional[str]:
    """The first value of `slot` whose words appear, as whole words, in `text`."""
    lowered = f" {' '.join(text.lower().split())} "
    for value, words in who_is_asking()[slot].items():
        if any(re.search(rf"(?<![\w']){re.escape(word)}(?![\w'])", lowered) for word in words):
            return value
    return None
