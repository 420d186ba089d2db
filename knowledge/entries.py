"""Load and check the vetted entries and the toolkit headings they rest on."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.contacts import numbers_in, unknown_placeholders

HERE = Path(__file__).parent
ENTRIES_DIR = HERE / "entries"
SECTIONS_FILE = HERE / "toolkit_sections.yml"

AUDIENCES = frozenset(
    {"parent", "practitioner", "young_person", "childrens_services", "education",
     "youth_services", "health", "housing", "police", "youth_justice"}
)
SECTORS = AUDIENCES - {"parent", "practitioner", "young_person"}
MAX_SHORT_WORDS = 60
MAX_MORE_WORDS = 180
MIN_EXAMPLES = 4
REQUIRED = ("id", "title", "section", "audience", "short", "examples")
OPTIONAL = ("more", "related", "keywords", "for_young_person", "for_missing")


class KnowledgeError(ValueError):
    """A knowledge file breaks a rule; the message names the file and the entry."""


@dataclass(frozen=True)
class Section:
    id: str
    part: str
    heading: str

    @property
    def citation(self) -> str:
        return f"{self.part} › {self.heading}"


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    section: Section
    audience: tuple[str, ...]
    short: str
    examples: tuple[str, ...]
    more: str = ""
    related: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    for_young_person: str = ""  # the short answer said directly to a young person
    for_missing: str = ""  # "now": for a young person missing now; "back": for one who has come back
    source_file: str = field(default="", compare=False)


@dataclass(frozen=True)
class KnowledgeBase:
    sections: dict[str, Section]
    entries: dict[str, Entry]

    def uncovered_sections(self) -> list[str]:
        covered = {entry.section.id for entry in self.entries.values()}
        return [sid for sid in self.sections if sid not in covered]


def load_sections(path: Path = SECTIONS_FILE) -> dict[str, Section]:
    rows = yaml.safe_load(path.read_text(encoding="utf-8"))["sections"]
    sections: dict[str, Section] = {}
    for row in rows:
        if row["id"] in sections:
            raise KnowledgeError(f"{path.name}: section id {row['id']!r} appears twice")
        sections[row["id"]] = Section(row["id"], row["part"], row["heading"])
    return sections


def _words(text: str) -> int:
    return len(text.split())


def _check_raw(raw: object, where: str) -> dict:
    if not isinstance(raw, dict):
        raise KnowledgeError(f"{where}: an entry must be a mapping")
    missing = [key for key in REQUIRED if not raw.get(key)]
    unknown = [key for key in raw if key not in REQUIRED + OPTIONAL]
    if missing or unknown:
        raise KnowledgeError(f"{where}: missing {missing or '-'}, unknown keys {unknown or '-'}")
    for key in ("id", "title", "section", "short", "more", "for_young_person"):
        if key in raw and not isinstance(raw[key], str):
            raise KnowledgeError(f"{where}: {key} must be text")
    if raw.get("for_missing", "") not in ("", "now", "back"):
        raise KnowledgeError(f"{where}: for_missing must be 'now' or 'back'")
    for key in ("audience", "examples", "related", "keywords"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise KnowledgeError(f"{where}: {key} must be a list of text")
    return raw


def _check_content(raw: dict, where: str) -> None:
    bad_audience = set(raw["audience"]) - AUDIENCES
    if bad_audience:
        raise KnowledgeError(f"{where}: unknown audience {sorted(bad_audience)}")
    if _words(raw["short"]) > MAX_SHORT_WORDS:
        raise KnowledgeError(f"{where}: short answer has {_words(raw['short'])} words (max {MAX_SHORT_WORDS})")
    if _words(raw.get("for_young_person", "")) > MAX_SHORT_WORDS:
        raise KnowledgeError(f"{where}: for_young_person has more than {MAX_SHORT_WORDS} words")
    if _words(raw.get("more", "")) > MAX_MORE_WORDS:
        raise KnowledgeError(f"{where}: longer answer has more than {MAX_MORE_WORDS} words")
    if len(raw["examples"]) < MIN_EXAMPLES:
        raise KnowledgeError(f"{where}: needs at least {MIN_EXAMPLES} example questions")
    for key in ("title", "short", "more", "for_young_person"):
        text = raw.get(key, "")
        if numbers_in(text):
            raise KnowledgeError(f"{where}: {key} has a typed phone number {numbers_in(text)}; use a {{contact}} placeholder")
        if unknown_placeholders(text):
            raise KnowledgeError(f"{where}: {key} has unknown placeholders {unknown_placeholders(text)}")


def _entry_from(raw: dict, sections: dict[str, Section], source: str) -> Entry:
    where = f"{source}: entry {raw.get('id', '?')!r}"
    raw = _check_raw(raw, where)
    _check_content(raw, where)
    if raw["section"] not in sections:
        raise KnowledgeError(f"{where}: section {raw['section']!r} is not in toolkit_sections.yml")
    return Entry(
        id=raw["id"], title=raw["title"].strip(), section=sections[raw["section"]],
        audience=tuple(raw["audience"]), short=" ".join(raw["short"].split()),
        examples=tuple(raw["examples"]), more=" ".join(raw.get("more", "").split()),
        related=tuple(raw.get("related", [])), keywords=tuple(raw.get("keywords", [])),
        for_young_person=" ".join(raw.get("for_young_person", "").split()),
        for_missing=raw.get("for_missing", ""), source_file=source,
    )


def load_file(path: Path, sections: dict[str, Section]) -> list[Entry]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise KnowledgeError(f"{path.name}: not valid YAML ({error})") from error
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise KnowledgeError(f"{path.name}: expected a top-level 'entries:' list")
    return [_entry_from(raw, sections, path.name) for raw in document["entries"]]


def load(entries_dir: Path = ENTRIES_DIR, sections_file: Path = SECTIONS_FILE,
         require_full_coverage: bool = True) -> KnowledgeBase:
    """Every entry, checked. Raises KnowledgeError naming the file and entry at the first fault."""
    sections = load_sections(sections_file)
    entries: dict[str, Entry] = {}
    for path in sorted(entries_dir.glob("*.yml")):
        for entry in load_file(path, sections):
            if entry.id in entries:
                raise KnowledgeError(
                    f"{path.name}: entry id {entry.id!r} already used in {entries[entry.id].source_file}"
                )
            entries[entry.id] = entry
    for entry in entries.values():
        missing = [rid for rid in entry.related if rid not in entries]
        if missing:
            raise KnowledgeError(f"{entry.source_file}: entry {entry.id!r} relates to unknown ids {missing}")
    base = KnowledgeBase(sections, entries)
    if require_full_coverage and base.uncovered_sections():
        raise KnowledgeError(f"toolkit headings with no entry: {base.uncovered_sections()}")
    return base


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    """The checked knowledge base, loaded once per process."""
    return load()
