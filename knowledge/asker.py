"""Who is asking (parent, practitioner and sector, young person, someone else) and what the words
say about the young person's age, read from clear words only (askers.yml). Pure functions.

Never a gate: a role that is not said stays unknown, and answers are written for anyone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

ASKERS_FILE = Path(__file__).with_name("askers.yml")
ROLES = ("young_person", "parent", "practitioner", "other")
MIN_AGE, MAX_AGE = 8, 30  # an age outside this is not a young person's


@dataclass(frozen=True)
class Askers:
    roles: dict[str, tuple[re.Pattern, ...]]
    sectors: dict[str, tuple[re.Pattern, ...]]
    ages: tuple[re.Pattern, ...]
    age_groups: dict[str, tuple[re.Pattern, ...]]
    own_work: frozenset[re.Pattern]  # sector phrases that say the work is the user's ("my caseload")


# The one harmed is the teller after all: "actually its me not my mate", "the friend is me" (ITS_ME,
# which also says who is asking), or "im the one", "i meant me", "not my mate" (said by a parent too)
ITS_ME = re.compile(r"^\W*(?:(?:actually|honestly|ok|okay|no|nah|well|tbh|sorry)\W+)*(?:it'?s|its|it is) (?:actually |really )?me\b(?! (?:too|as well|again|that|who))|"
                    r"\b(?:the )?(?:friend|mate|person|cousin) (?:is|was) (?:actually |really )?me\b", re.IGNORECASE)
IT_IS_ME = re.compile(ITS_ME.pattern + r"|\bi'?m the (?:friend|mate|one)\b|\bi (?:meant|mean) me\b|\bnot (?:my|a) (?:mate|friend)\b",
                      re.IGNORECASE)


def normalise(text: str) -> str:
    return " ".join(re.sub(r"[’‘`´]", "'", text or "").lower().split())


# Sector phrases that name the user's own work by themselves: "my caseload", "we arrested", "a yr10" (re:).
SELF_NAMING_OPENERS = ("my ", "our ", "one of my ", "one of our ", "we ", "on my ", "in my ", "i ")


def names_own_work(phrase: str) -> bool:
    return phrase.startswith("re:") or phrase.lower().startswith(SELF_NAMING_OPENERS)


def whole_words(phrase: str) -> re.Pattern:
    if phrase.startswith("re:"):
        return re.compile(phrase[3:])
    return re.compile(rf"(?<![\w']){re.escape(phrase.lower())}(?![\w'])")


@lru_cache(maxsize=1)
def askers() -> Askers:
    data = yaml.safe_load(ASKERS_FILE.read_text(encoding="utf-8"))
    if tuple(data["roles"]) != ROLES:
        raise ValueError(f"{ASKERS_FILE}: roles must be {ROLES}, in that order")
    return Askers(
        roles={role: tuple(whole_words(p) for p in phrases) for role, phrases in data["roles"].items()},
        sectors={sector: tuple(whole_words(p) for p in phrases) for sector, phrases in data["sectors"].items()},
        ages=tuple(re.compile(pattern) for pattern in data["ages"]),
        age_groups={group: tuple(re.compile(p) for p in patterns)
                    for group, patterns in data["age_groups"].items()},
        own_work=frozenset(whole_words(p) for phrases in data["sectors"].values() for p in phrases if names_own_work(p)),
    )


def _first(table: dict[str, tuple[re.Pattern, ...]], text: str) -> Optional[str]:
    return next((name for name, patterns in table.items() if any(p.search(text) for p in patterns)), None)


# A sector named as the user's own work: "I'm a social worker", "custody sgt. 16yo ...", "SW here";
# not a service or person they speak of ("should I go straight to social services", "his teacher said").
OWN_WORK_BEFORE = re.compile(r"(?:\b(?:i'm|im|i am|as|i work as|working as|work as)\s+(?:a|an|the|his|her|their|your)?\s*)$")
OWN_WORK_AFTER = re.compile(r"^\s*(?:here|speaking|on shift|on nights|on call)\b")
SPOKEN_OF_AFTER = re.compile(r"^\s*(?:said|says|rang|rung|called|told|thinks|think|wants|want|asked|reckons|keep|keeps|is|are|was|were|have|has|had|will|won't|wont|should|can|could)\b")
SPOKEN_OF_BEFORE = re.compile(r"\b(?:the|his|her|their|your|my|a|an)\s*$")


def _names_own_work(pattern: re.Pattern, text: str) -> bool:
    if pattern in askers().own_work:
        return bool(pattern.search(text))
    for match in pattern.finditer(text):
        before, after = text[:match.start()], text[match.end():]
        opening = (len(before.split()) <= 2 and not SPOKEN_OF_AFTER.match(after)
                   and not SPOKEN_OF_BEFORE.search(before))
        if opening or OWN_WORK_BEFORE.search(before) or OWN_WORK_AFTER.match(after):
            return True
    return False


def sector_in(text: str) -> Optional[str]:
    """The sector a practitioner names as their own work ("I'm a teacher" -> education), if any."""
    text = normalise(text)
    return next((name for name, patterns in askers().sectors.items()
                 if any(_names_own_work(p, text) for p in patterns)), None)


def role_in(text: str) -> Optional[str]:
    """The role the words say clearly, if any; naming a sector says practitioner."""
    text = normalise(text)
    role = _first(askers().roles, text)
    if role is None and sector_in(text):
        return "practitioner"
    # a young person giving their own age while telling of a mate ("my friend is 14 ... im 15"), or
    # saying the mate was them ("ok its actually me not my mate")
    if role in (None, "other") and (own_age(text) is not None or ITS_ME.search(text)):
        return "young_person"
    return role


def own_age(text: str) -> Optional[int]:
    """The user's own age when they give it ("im 15", "i am 16")."""
    match = re.search(r"\b(?:i'm|im|i am)\s+(?:only |just |nearly |almost )?(\d{1,2})\b(?!\s*(?:hours?|days?|weeks?|months?|mins?|%|k\b|grand|quid|pounds|minutes?))",
                      normalise(text))
    return int(match.group(1)) if match and MIN_AGE <= int(match.group(1)) <= MAX_AGE else None


# An age still to come is the age before it: "hes 18 next week", "she turns 16 in march"
AGE_TO_COME_AFTER = re.compile(r"^\s*(?:next\b|soon\b|tomorrow\b|in (?:a|an|two|three|four|few|couple|\d+)\b|this (?:week|month|year|summer)\b|"
                               r"in (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\b|on (?:mon|tue|wed|thu|fri|sat|sun)\w*\b)")
AGE_TO_COME_BEFORE = re.compile(r"\b(?:turns|turning|turn|will be|'ll be|ll be|gonna be|going to be)\s*$")


def _still_to_come(text: str, match: re.Match) -> bool:
    age_at = match.start("age")
    return bool(AGE_TO_COME_AFTER.match(text[match.end():]) or AGE_TO_COME_BEFORE.search(text[:age_at]))


def age_in(text: str) -> Optional[int]:
    """The young person's age where the words tie a number to them ("he's 15", "a 16yo")."""
    text = normalise(text)
    found = [(m.start(), int(m.group("age")) - (1 if _still_to_come(text, m) else 0))
             for pattern in askers().ages for m in pattern.finditer(text)]
    found = sorted((at, age) for at, age in found if MIN_AGE <= age <= MAX_AGE)
    return found[0][1] if found else None


def age_group_in(text: str) -> Optional[str]:
    """under_18 or adult, from a tied age or from words ("she's over 18", "year 10"), else None."""
    age = age_in(text)
    if age is not None:
        return "adult" if age >= 18 else "under_18"
    return _first(askers().age_groups, normalise(text))
