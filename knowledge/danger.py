"""The danger detector: does a message suggest someone is in danger now?

Deterministic. Rules and frames live in `danger.yml`, compiled once into a spaCy
`Matcher` over `knowledge.text.nlp()`. A rule hit counts unless the part of the
message it sits in is framed as a topic question (with no now-signal and no specific
present-tense subject) or as a past event (with no now-signal). Rules marked
`always` are never set aside (first-person suicide talk).
"""
from __future__ import annotations

import re
from itertools import product
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.matcher import Matcher
from spacy.tokens import Doc

from knowledge.text import nlp

DANGER_FILE = Path(__file__).with_name("danger.yml")
KINDS = ("self_harm", "general")
FRAMES = ("now_signals", "present_subject", "topic_question", "past_event", "hypothetical")
# Where one part of a message ends and the next begins, for framing.
BOUNDARY = re.compile(r"^([.!?;:,\n]+|but|tho|though|x+)$", re.IGNORECASE)


@dataclass(frozen=True)
class DangerVerdict:
    is_danger: bool
    kind: str | None = None
    matched: tuple[str, ...] = ()

    @property
    def response(self) -> str:
        return "utter_emergency_self_harm" if self.kind == "self_harm" else "utter_emergency"


SAFE = DangerVerdict(False)


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    category: str
    always: bool


def token_spec(spec: str) -> list[dict[str, Any]]:
    """One token of the pattern mini-language (see the head of danger.yml).

    Returns one or two token dicts: the Matcher cannot OR a LEMMA test with a LOWER
    test, so a token mixing `word` and `=word` alternatives becomes two patterns.
    """
    op = None
    if len(spec) > 1 and spec[-1] in "?*+":
        spec, op = spec[:-1], spec[-1]
    if spec == "_":
        tokens: list[dict[str, Any]] = [{}]
    else:
        words = spec.split("|")
        lower = [w[1:] for w in words if w.startswith("=")]
        lemma = [w for w in words if not w.startswith("=")]
        tokens = [{"LOWER": {"IN": lower}}] if lower else []
        if lemma:
            tokens.append({"LEMMA": {"IN": sorted(set(lemma) | {_lemma(w) for w in lemma})}})
    return [{**t, "OP": op} if op else t for t in tokens]


def _lemma(word: str) -> str:
    token = nlp()(word)[0]
    return (token.lemma_ or token.text).lower()


def compile_pattern(pattern: str, where: str, source: Path = DANGER_FILE) -> list[list[dict[str, Any]]]:
    """One pattern string as the Matcher patterns it stands for (usually one)."""
    choices = [token_spec(part) for part in pattern.split()]
    if not choices or all(c[0].get("OP") in ("?", "*") for c in choices):
        raise ValueError(f"{source}: {where}: pattern {pattern!r} can match nothing")
    return [list(tokens) for tokens in product(*choices)]


def compile_patterns(patterns: list[str], where: str, source: Path = DANGER_FILE) -> list[list[dict[str, Any]]]:
    return [p for pattern in patterns for p in compile_pattern(pattern, where, source)]


class DangerDetector:
    def __init__(self, data: dict[str, Any]) -> None:
        self.matcher = Matcher(nlp().vocab, validate=True)
        self.rules: dict[str, Rule] = {}
        for frame in FRAMES:
            patterns = data["frames"][frame]
            self.matcher.add(f"frame:{frame}", compile_patterns(patterns, frame))
        for row in data["rules"]:
            rule = load_rule(row)
            if rule.id in self.rules:
                raise ValueError(f"{DANGER_FILE}: duplicate rule id {rule.id}")
            self.rules[rule.id] = rule
            self.matcher.add(rule.id, compile_patterns(row["patterns"], rule.id))

    def check(self, text: str) -> DangerVerdict:
        doc = nlp()(text or "")
        segments = segment_ids(doc)
        frames: dict[int, set[str]] = {}
        hits: list[tuple[int, Rule]] = []
        for match_id, start, _end in self.matcher(doc):
            name = doc.vocab.strings[match_id]
            if name.startswith("frame:"):
                frames.setdefault(segments[start], set()).add(name[6:])
            else:
                hits.append((segments[start], self.rules[name]))
        kept = [rule for seg, rule in hits if rule.always or counts(frames.get(seg, set()))]
        if not kept:
            return SAFE
        kind = "self_harm" if any(r.kind == "self_harm" for r in kept) else "general"
        return DangerVerdict(True, kind, tuple(sorted({r.id for r in kept})))


def counts(frames: set[str]) -> bool:
    """Does a hit in a part of the message with these frames count?

    A topic question sets it aside unless the part also has a now-signal or a specific
    present-tense subject ("my son is ..."); a past event or a hypothetical ("how do I
    know if ...") only a now-signal brings back.
    """
    if "now_signals" in frames:
        return True
    if frames & {"past_event", "hypothetical"}:
        return False
    return "topic_question" not in frames or "present_subject" in frames


def segment_ids(doc: Doc) -> list[int]:
    """The index of the part of the message each token belongs to."""
    ids, current = [], 0
    for token in doc:
        if BOUNDARY.match(token.text):
            current += 1
        ids.append(current)
    return ids


def load_rule(row: dict[str, Any]) -> Rule:
    missing = {"id", "kind", "category", "patterns"} - set(row)
    if missing:
        raise ValueError(f"{DANGER_FILE}: rule {row.get('id')!r} lacks {sorted(missing)}")
    if row["kind"] not in KINDS:
        raise ValueError(f"{DANGER_FILE}: rule {row['id']}: kind must be one of {KINDS}")
    if not row["patterns"]:
        raise ValueError(f"{DANGER_FILE}: rule {row['id']} has no patterns")
    return Rule(row["id"], row["kind"], row["category"], bool(row.get("always", False)))


@lru_cache(maxsize=1)
def danger_detector() -> DangerDetector:
    """The detector built from danger.yml, once per process."""
    return DangerDetector(yaml.safe_load(DANGER_FILE.read_text(encoding="utf-8")))
