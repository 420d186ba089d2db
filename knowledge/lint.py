"""Content lint: no reply, entry or action text uses victim-blaming language or an unchecked number.

    python -m knowledge.lint

Reads every response in domain.yml (texts and button titles), every entry's title, short and
more in knowledge/entries/*.yml (the YAML directly), and every string literal an action could
send in actions/*.py (docstrings are left out: they are never sent). Prints
`file: phrase -> suggested alternative` for each hit and exits 1 if there is any.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path
from typing import Iterator

import yaml

from knowledge.contacts import is_checked_number, numbers_in
from knowledge.language import language_rules

ROOT = Path(__file__).resolve().parents[1]
Text = tuple[str, str]  # (where, text)


def domain_texts(root: Path = ROOT) -> Iterator[Text]:
    path = root / "domain.yml"
    responses = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
    for name, variants in responses.items():
        for variant in variants or []:
            yield f"domain.yml [{name}]", variant.get("text") or ""
            for button in variant.get("buttons") or []:
                yield f"domain.yml [{name} button]", button.get("title") or ""


def entry_texts(root: Path = ROOT) -> Iterator[Text]:
    for path in sorted((root / "knowledge" / "entries").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for entry in data.get("entries") or []:
            for field in ("title", "short", "more", "for_young_person"):
                if entry.get(field):
                    yield f"{path.relative_to(root)} [{entry.get('id')}.{field}]", str(entry[field])


def action_texts(root: Path = ROOT) -> Iterator[Text]:
    for path in sorted((root / "actions").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree) if has_docstring(node)}
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                yield f"{path.relative_to(root)}:{node.lineno}", node.value


def has_docstring(node: ast.AST) -> bool:
    body = getattr(node, "body", None)
    return (isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and bool(body) and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str))


def all_texts(root: Path = ROOT) -> Iterator[Text]:
    yield from domain_texts(root)
    yield from entry_texts(root)
    yield from action_texts(root)


def problems(texts: Iterator[Text] | None = None) -> list[str]:
    """One line per blaming phrase or unchecked phone number."""
    found = []
    for where, text in all_texts() if texts is None else texts:
        for hit in language_rules().lint(text):
            found.append(f"{where}: {hit.phrase!r} -> {' / '.join(hit.considerate)} ({hit.rule_id})")
        for number in numbers_in(text):
            if not is_checked_number(number):
                found.append(f"{where}: phone number {number!r} is not on the checked list in knowledge/contacts.yml")
    return found


def main() -> int:
    found = problems()
    for line in found:
        print(line)
    print(f"{len(found)} problem(s)" if found else "language and numbers: all content passes")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
