"""Victim-blaming language (toolkit Appendix B, Figure 10): the rules as data, one loader.

`language_rules().find(text)` is for user messages: a message asking about a term
("why shouldn't I say lifestyle choice?") or quoting it is not a hit.
`language_rules().lint(text)` is for our own content: every occurrence is a hit,
except inside double quotes (straight or curly), which is how entries name a term.
Both read a misspelt key word as the word meant ("invloved"), see `knowledge.danger.Speller`.
A rule's `except` patterns cancel its hits they overlap: an agency as the subject ("the
police became involved"), a choice to get help ("she chose to tell her teacher").
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from knowledge.danger import Speller, compile_patterns, pattern_words
from knowledge.text import nlp

LANGUAGE_FILE = Path(__file__).with_name("language.yml")
REQUIRED = ("id", "inconsiderate", "considerate", "note", "source", "reframe")
# the knowledge entry that answers a question about a rule's words, unless the rule names its own
DEFAULT_ENTRY = "victim_blaming_language"
META = "meta:question"
DOUBLE_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”')
ANY_QUOTED = re.compile(r'"[^"\n]*"|“[^”\n]*”|(?<!\w)\'[^\'\n]+\'(?!\w)|(?<!\w)‘[^’\n]+’(?!\w)')


@dataclass(frozen=True)
class LanguageRule:
    id: str
    considerate: tuple[str, ...]
    note: str
    source: str
    reframe: str
    examples: tuple[str, ...]
    entry: str = DEFAULT_ENTRY


@dataclass(frozen=True)
class LanguageHit:
    rule_id: str
    phrase: str
    considerate: tuple[str, ...]
    note: str
    reframe: str
    entry: str


class LanguageRules:
    def __init__(self, data: dict[str, Any]) -> None:
        self.matcher = Matcher(nlp().vocab, validate=True)
        self.rules: dict[str, LanguageRule] = {}
        self.matcher.add(META, compile_patterns(data["meta_question"], "meta_question", LANGUAGE_FILE))
        seen: dict[str, str] = {}
        words: set[str] = set()
        for row in data["rules"]:
            rule = load_rule(row, seen)
            self.rules[rule.id] = rule
            self.matcher.add(rule.id, compile_patterns(row["inconsiderate"], rule.id, LANGUAGE_FILE))
            if row.get("except"):
                self.matcher.add(f"except:{rule.id}", compile_patterns(row["except"], rule.id, LANGUAGE_FILE))
            words |= pattern_words(row["inconsiderate"])
        self.speller = Speller(words, data.get("spellings"))

    def find(self, text: str) -> list[LanguageHit]:
        """Blaming phrases in a user's message; none when the message asks about language."""
        doc = self.speller.fix(nlp()(text or ""))
        spans, meta = self._spans(doc)
        if meta:
            return []
        return self._hits(spans, quoted_regions(text or "", ANY_QUOTED))

    def lint(self, text: str) -> list[LanguageHit]:
        """Blaming phrases in our own content; a term inside double quotes is being named, not used."""
        spans, _meta = self._spans(self.speller.fix(nlp()(text or "")))
        return self._hits(spans, quoted_regions(text or "", DOUBLE_QUOTED))

    def _spans(self, doc: Doc) -> tuple[list[tuple[str, Span]], bool]:
        found, exceptions, meta = [], [], False
        for match_id, start, end in self.matcher(doc):
            name = doc.vocab.strings[match_id]
            if name == META:
                meta = True
            elif name.startswith("except:"):
                exceptions.append((name[7:], start, end))
            else:
                found.append((name, doc[start:end]))
        kept = [(rule_id, span) for rule_id, span in found
                if not any(r == rule_id and s < span.end and span.start < e for r, s, e in exceptions)]
        return kept, meta

    def _hits(self, spans: list[tuple[str, Span]], quoted: list[tuple[int, int]]) -> list[LanguageHit]:
        """One hit per rule: its first unquoted span, widened by the rule's spans overlapping it."""
        first: dict[str, Span] = {}
        for rule_id, span in sorted(spans, key=lambda item: item[1].start):
            if inside(span, quoted):
                continue
            held = first.get(rule_id)
            if held is None:
                first[rule_id] = span
            elif span.start < held.end:
                first[rule_id] = held.doc[held.start:max(held.end, span.end)]
        return [self._hit(rule_id, span.text) for rule_id, span in first.items()]

    def _hit(self, rule_id: str, phrase: str) -> LanguageHit:
        rule = self.rules[rule_id]
        return LanguageHit(rule_id, phrase, rule.considerate, rule.note, rule.reframe, rule.entry)


def quoted_regions(text: str, pattern: re.Pattern[str]) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


def inside(span: Span, regions: list[tuple[int, int]]) -> bool:
    start, end = span.start_char, span.end_char
    return any(s <= start and end <= e for s, e in regions)


def load_rule(row: dict[str, Any], seen: dict[str, str]) -> LanguageRule:
    """Check one rule strictly; `seen` maps each phrase already loaded to its rule id."""
    where = f"{LANGUAGE_FILE}: rule {row.get('id')!r}"
    missing = [f for f in REQUIRED if not row.get(f)]
    if missing:
        raise ValueError(f"{where} lacks {missing}")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", row["id"]):
        raise ValueError(f"{where}: id must be snake_case")
    if row["id"] in seen.values():
        raise ValueError(f"{where}: duplicate id")
    for phrase in row["inconsiderate"]:
        key = " ".join(phrase.lower().split())
        if key in seen:
            raise ValueError(f"{where}: phrase {phrase!r} is already in rule {seen[key]!r}")
        seen[key] = row["id"]
    return LanguageRule(row["id"], tuple(row["considerate"]), row["note"], row["source"],
                        row["reframe"], tuple(row.get("examples", ())), row.get("entry", DEFAULT_ENTRY))


@lru_cache(maxsize=1)
def language_rules() -> LanguageRules:
    """The rules built from language.yml, once per process."""
    return LanguageRules(yaml.safe_load(LANGUAGE_FILE.read_text(encoding="utf-8")))
