"""The content lint is the gate: every reply, entry and action text passes."""
from __future__ import annotations

from knowledge import lint
from knowledge.contacts import fill


def test_all_content_passes_the_language_and_number_lint():
    found = lint.problems()
    assert found == [], "\n".join(found)


def test_the_lint_reads_domain_entries_and_actions():
    wheres = [where for where, _ in lint.all_texts()]
    assert any(w.startswith("domain.yml [utter_emergency]") for w in wheres)
    assert any(w.startswith("knowledge/entries/") and w.endswith(".short]") for w in wheres)
    assert any(w.startswith("actions/") for w in wheres)


def test_the_lint_reports_file_phrase_and_alternative():
    [line] = lint.problems(iter([("x.yml [e.short]", "Some young people place themselves at risk.")]))
    assert line.startswith("x.yml [e.short]: 'place themselves at risk' -> ")
    assert "they are being placed at risk by exploiters" in line


def test_the_lint_reports_unchecked_numbers_only():
    found = lint.problems(iter([("a", "Call 0800 1111 or 0121 496 0000.")]))
    assert found == ["a: phone number '0121 496 0000' is not on the checked list in knowledge/contacts.yml"]


def test_docstrings_are_not_content_but_strings_are(tmp_path):
    (tmp_path / "actions").mkdir()
    (tmp_path / "actions" / "a.py").write_text(
        '"""Never say drug mule."""\nREPLY = "He is a drug mule."\n', encoding="utf-8")
    texts = list(lint.action_texts(tmp_path))
    assert texts == [("actions/a.py:2", "He is a drug mule.")]


def test_a_number_is_shown_with_its_service_unless_the_words_before_name_it():
    assert fill("call {samaritans} or {childline}, any time") == "call Samaritans (116 123) or Childline (0800 1111), any time"
    assert fill("talk to Childline on {childline}") == "talk to Childline on 0800 1111"
    assert fill("call {emergency} now, or {police_non_emergency}") == "call 999 now, or 101"
