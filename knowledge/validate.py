"""Check the knowledge files: `python -m knowledge.validate [--files F ...] [--partial]`.

Entries first; then, on a full check, the guided flows against the entries and domain.yml
(every response, intent, slot and value a flow names must exist; every step must be reachable),
and the safety rules (danger.yml, disclosures.yml) must compile.
"""
import argparse
import re
import sys
from pathlib import Path

import yaml

from knowledge.entries import KnowledgeError, load, load_file, load_sections
from knowledge.flow_data import FlowError, check_flows, flows

DOMAIN_FILE = Path(__file__).resolve().parents[1] / "domain.yml"


def check_safety_rules() -> None:
    """The danger, disclosure and refusal rules compile, and the classifier's examples are two
    non-empty lists of text (the classifier itself is trained when the assistant starts)."""
    from knowledge.danger import DANGER_FILE, danger_detector
    from knowledge.safety import DISCLOSURES_FILE, EXAMPLES_FILE, SafetyAssessor

    for path in (DANGER_FILE, DISCLOSURES_FILE):
        check_no_number_lost(path)
    SafetyAssessor(danger_detector(), yaml.safe_load(DISCLOSURES_FILE.read_text(encoding="utf-8")))
    examples = yaml.safe_load(EXAMPLES_FILE.read_text(encoding="utf-8"))
    for label in ("danger", "not_danger"):
        rows = examples.get(label)
        if not rows or not all(isinstance(row, str) and row.strip() for row in rows):
            raise ValueError(f"{EXAMPLES_FILE.name}: `{label}` must be a non-empty list of messages")


# A pattern line with " #" after its words: YAML reads the number wildcard as a comment.
UNQUOTED_NUMBER = re.compile(r"""^\s*- [^"'#\s].*\s#""")


def check_no_number_lost(path: Path) -> None:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if UNQUOTED_NUMBER.match(line):
            raise ValueError(f"{path.name}:{number}: quote this pattern, or YAML drops its `#` as a comment")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", nargs="*", type=Path, help="check only these entry files")
    parser.add_argument("--partial", action="store_true", help="allow toolkit headings with no entry yet")
    args = parser.parse_args(argv)
    try:
        if args.files:
            sections = load_sections()
            count = sum(len(load_file(path, sections)) for path in args.files)
        else:
            base = load(require_full_coverage=not args.partial)
            count = len(base.entries)
            if base.uncovered_sections():
                print(f"not yet covered: {', '.join(base.uncovered_sections())}")
            check_flows(flows(), yaml.safe_load(DOMAIN_FILE.read_text(encoding="utf-8")))
            check_safety_rules()
    except (KnowledgeError, FlowError, ValueError) as error:
        print(f"knowledge: {error}", file=sys.stderr)
        return 1
    print(f"knowledge: {count} entries valid" + ("" if args.files else f"; {len(flows())} flows valid; safety rules compile"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
