"""The knowledge loader rejects broken entries, and every heading it rests on is in the toolkit."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from knowledge.entries import SECTIONS_FILE, KnowledgeError, load

ROOT = Path(__file__).resolve().parents[2]
TOOLKIT = ROOT.parent / "shared" / "toolkit" / "complex-safeguarding-wales-toolkit.txt"

SECTIONS = {"sections": [
    {"id": "cuckooing", "part": "Section two", "heading": "Cuckooing"},
    {"id": "grooming", "part": "Section one", "heading": "Grooming"},
]}


def entry(entry_id: str = "cuckooing", section: str = "cuckooing", **changes) -> dict:
    good = {
        "id": entry_id, "title": "Cuckooing", "section": section,
        "audience": ["parent", "housing"],
        "short": "Cuckooing is when exploiters take over someone's home to sell drugs from it.",
        "examples": ["what is cuckooing", "they took over his flat", "cuckooed meaning",
                     "dealers using my neighbour's home"],
        "related": [],
    }
    good.update(changes)
    return {key: value for key, value in good.items() if value is not None}


def write_base(tmp_path: Path, files: dict[str, list[dict]], sections: dict = SECTIONS) -> tuple[Path, Path]:
    entries_dir = tmp_path / "entries"
    entries_dir.mkdir(parents=True)
    for name, entries in files.items():
        (entries_dir / name).write_text(yaml.safe_dump({"entries": entries}), encoding="utf-8")
    sections_file = tmp_path / "sections.yml"
    sections_file.write_text(yaml.safe_dump(sections), encoding="utf-8")
    return entries_dir, sections_file


def test_a_well_formed_base_loads(tmp_path):
    entries_dir, sections_file = write_base(tmp_path, {"a.yml": [
        entry(related=["grooming"]), entry("grooming", "grooming", title="Grooming")]})
    base = load(entries_dir=entries_dir, sections_file=sections_file)
    assert sorted(base.entries) == ["cuckooing", "grooming"]


@pytest.mark.parametrize("broken, message", [
    (entry(short=None), "missing"),
    (entry(examples=["only one example"]), "at least 4 example"),
    (entry(audience="parent"), "list of text"),
    (entry(colour="blue"), "unknown keys"),
    (entry(audience=["everyone"]), "unknown audience"),
    (entry(short="word " * 61), "short answer has 61 words"),
], ids=["no-short-answer", "too-few-examples", "audience-not-a-list", "unknown-key",
        "unknown-audience", "short-answer-too-long"])
def test_a_malformed_entry_is_rejected(tmp_path, broken, message):
    entries_dir, sections_file = write_base(tmp_path, {"a.yml": [broken, entry("grooming", "grooming")]})
    with pytest.raises(KnowledgeError, match=message):
        load(entries_dir=entries_dir, sections_file=sections_file)


def test_a_file_that_is_not_valid_yaml_is_rejected(tmp_path):
    entries_dir, sections_file = write_base(tmp_path, {})
    (entries_dir / "broken.yml").write_text("entries:\n  - id: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="not valid YAML"):
        load(entries_dir=entries_dir, sections_file=sections_file, require_full_coverage=False)


def test_a_duplicate_id_is_rejected_even_across_files(tmp_path):
    entries_dir, sections_file = write_base(tmp_path, {
        "a.yml": [entry(), entry("grooming", "grooming")], "b.yml": [entry(title="Cuckooing again")]})
    with pytest.raises(KnowledgeError, match="'cuckooing' already used in a.yml"):
        load(entries_dir=entries_dir, sections_file=sections_file)


def test_a_related_id_that_does_not_exist_is_rejected(tmp_path):
    entries_dir, sections_file = write_base(tmp_path, {"a.yml": [
        entry(related=["no_such_entry"]), entry("grooming", "grooming")]})
    with pytest.raises(KnowledgeError, match="unknown ids \\['no_such_entry'\\]"):
        load(entries_dir=entries_dir, sections_file=sections_file)


def test_a_section_not_in_the_toolkit_headings_is_rejected(tmp_path):
    entries_dir, sections_file = write_base(tmp_path, {"a.yml": [
        entry(), entry("grooming", "made_up_heading")]})
    with pytest.raises(KnowledgeError, match="'made_up_heading' is not in toolkit_sections.yml"):
        load(entries_dir=entries_dir, sections_file=sections_file)


@pytest.mark.parametrize("field", ["short", "more", "title"])
def test_a_typed_phone_number_is_rejected(tmp_path, field):
    text = "If someone is in danger call 999 straight away."
    entries_dir, sections_file = write_base(tmp_path, {"a.yml": [
        entry(**{field: text}), entry("grooming", "grooming")]})
    with pytest.raises(KnowledgeError, match="typed phone number"):
        load(entries_dir=entries_dir, sections_file=sections_file)


def test_a_contact_placeholder_is_accepted_and_an_unknown_one_is_not(tmp_path):
    entries_dir, sections_file = write_base(tmp_path, {"a.yml": [
        entry(short="If someone is in danger call {emergency}."), entry("grooming", "grooming")]})
    load(entries_dir=entries_dir, sections_file=sections_file)

    entries_dir, sections_file = write_base(tmp_path / "second", {"a.yml": [
        entry(short="Call {made_up_line}."), entry("grooming", "grooming")]})
    with pytest.raises(KnowledgeError, match="unknown placeholders"):
        load(entries_dir=entries_dir, sections_file=sections_file)


def test_a_toolkit_heading_no_entry_covers_is_rejected(tmp_path):
    entries_dir, sections_file = write_base(tmp_path, {"a.yml": [entry()]})
    with pytest.raises(KnowledgeError, match="toolkit headings with no entry: \\['grooming'\\]"):
        load(entries_dir=entries_dir, sections_file=sections_file)
    partial = load(entries_dir=entries_dir, sections_file=sections_file, require_full_coverage=False)
    assert partial.uncovered_sections() == ["grooming"]


def test_the_real_knowledge_base_is_valid_and_covers_every_heading():
    base = load()
    assert base.uncovered_sections() == []
    assert len(base.entries) >= 300


# --- the headings are the toolkit's own -------------------------------------------------------

def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().lower()


def _heading_forms(heading: str) -> list[str]:
    """The heading as written, without a trailing "(Figure N)"-style note, without a
    "Sector: " prefix, and without both: any one of them must be in the toolkit text."""
    without_note = re.sub(r"\s*\((?:[^()]|\([^()]*\))*\)\s*$", "", heading)
    forms = {heading, without_note}
    for form in list(forms):
        forms.add(re.sub(r"^[A-Z][\w’' ]+:\s+", "", form))
    return [form for form in forms if form]


HEADINGS = yaml.safe_load(SECTIONS_FILE.read_text(encoding="utf-8"))["sections"]


@pytest.fixture(scope="module")
def toolkit_text() -> str:
    if not TOOLKIT.exists():
        pytest.skip(f"the toolkit text is not at {TOOLKIT} (CI keeps it at ../shared/toolkit)")
    return _plain(TOOLKIT.read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", HEADINGS, ids=[row["id"] for row in HEADINGS])
def test_every_heading_is_in_the_toolkit_text(row, toolkit_text):
    heading = row["heading"]
    figure = re.search(r"\((Figure|Table) (\d+)\)", heading)
    if figure:  # figures are pictures: their title is not in the text, their description is
        assert _plain(f"{figure.group(1)} {figure.group(2)}") in toolkit_text, heading
    forms = _heading_forms(heading)
    assert figure or any(_plain(form) in toolkit_text for form in forms), \
        f"{heading!r}: none of {forms} is in the toolkit text"
