"""Is a typed message plainly an act ("next", "stop", "thanks", "I'm a teacher", "she's 16")?

Everything else is a question, answered first. Pure functions over acts.yml and askers.yml.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

import yaml

from knowledge.asker import askers, normalise, role_in

ACTS_FILE = Path(__file__).with_name("acts.yml")
# Words that may stand around a role or an age without making the message more than that act.
ROLE_FILLERS = frozenset("""i i'm im am a an the not just here as his her their my our work in for at
    and but with actually sorry no yes oh ok okay well so now also too really only who
    parent mum mam mom dad carer practitioner professional should have said say meant to mention
    forgot btw by the way shouldve should've of course lol haha hi hiya hello hey""".split())
# Where a practitioner works, said with their role: "DSL at a secondary", "nurse on a ward"
WORKPLACE_FILLERS = frozenset("""secondary primary high school comp college academy pru ward hospital station
    custody team service council office centre center club project charity unit resi nights night shift
    local on""".split())
AGE_FILLERS = frozenset("""actually sorry no yes oh ok okay well so he she they he's hes she's shes they're
    theyre is are 's s was just only now nearly almost turned years year old yo y/o and but tho though
    correction not btw fyi""".split())
# An age given with "does that change anything" is the age given: the answer before, again, for it
# ("im 17 tho does that change anything", "correction shes 16 not 15, does that change how i go about it")
CHANGES_ANYTHING = re.compile(r"\b(?:does|do|will|would|can|could) (?:that|this|it|any of (?:that|this|it)) "
                              r"(?:change|matter|make (?:a|any) difference|still apply)\b.*$")
NON_WORD = re.compile(r"[^\w\s'/&+-]")


@dataclass(frozen=True)
class ActTable:
    fillers: tuple[str, ...]
    acts: dict[str, re.Pattern]


@lru_cache(maxsize=1)
def act_table() -> ActTable:
    data = yaml.safe_load(ACTS_FILE.read_text(encoding="utf-8"))
    acts = {name: re.compile(r"^(?:" + "|".join(f"(?:{p})" for p in patterns) + r")$")
            for name, patterns in data["acts"].items()}
    return ActTable(tuple(sorted(data["fillers"], key=len, reverse=True)), acts)


def bare(text: str) -> str:
    """Lower case, no punctuation or emoji, no filler words at either end."""
    words = NON_WORD.sub(" ", normalise(text)).split()
    fillers = act_table().fillers
    changed = True
    while words and changed:
        changed = False
        for filler in fillers:
            size = len(filler.split())
            if len(words) > size and " ".join(words[:size]) == filler:
                words, changed = words[size:], True
            elif len(words) > size and " ".join(words[-size:]) == filler:
                words, changed = words[:-size], True
    return " ".join(words)


def plain_act(text: str) -> Optional[str]:
    """The act the whole message is, if it plainly is one; else None (it is a question)."""
    if not text or text.lstrip().startswith("/"):
        return None
    plain = bare(text)
    if not plain:
        return None
    for name, pattern in act_table().acts.items():
        if pattern.match(plain):
            return name
    roles = _role_spans(plain)
    at_work = roles and role_in(plain) not in (None, "parent", "young_person")
    fillers = ROLE_FILLERS | WORKPLACE_FILLERS if at_work else ROLE_FILLERS
    if _only(plain, roles, fillers) or (roles and _only(plain, roles + _age_spans(plain), ROLE_FILLERS | AGE_FILLERS)):
        return "tell_role"  # "im his foster carer btw not his mum. hes 15"
    if _only(plain, _age_spans(plain), AGE_FILLERS):
        return "give_age"
    asked = CHANGES_ANYTHING.search(plain)
    if asked and asked.start() and _only(plain[:asked.start()], _age_spans(plain[:asked.start()]), AGE_FILLERS):
        return "give_age"
    return None


def _role_spans(text: str) -> list[tuple[int, int]]:
    table = askers()
    patterns = [p for group in (table.roles, table.sectors) for ps in group.values() for p in ps]
    return [m.span() for p in patterns for m in p.finditer(text)]


def _age_spans(text: str) -> list[tuple[int, int]]:
    table = askers()
    patterns = [*table.ages, *(p for ps in table.age_groups.values() for p in ps)]
    spans = [m.span() for p in patterns for m in p.finditer(text)]
    spans += [m.span() for m in re.finditer(r"^\d{1,2}$", text)]
    return spans


def _only(text: str, spans: list[tuple[int, int]], fillers: frozenset[str]) -> bool:
    """Do the spans, with filler words around them, make up the whole message?"""
    if not spans:
        return False
    chars = list(text)
    for start, end in spans:
        chars[start:end] = " " * (end - start)
    rest = "".join(chars).split()
    return all(word in fillers or word.isdigit() for word in rest)
