"""Check the knowledge files: `python -m knowledge.validate [--files F ...] [--partial]`."""
import argparse
import sys
from pathlib import Path

from knowledge.entries import KnowledgeError, load, load_file, load_sections


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
    except KnowledgeError as error:
        print(f"knowledge: {error}", file=sys.stderr)
        return 1
    print(f"knowledge: {count} entries valid")
    return 0


if __name__ == "__main__":
    sys.exit(main())
