"""Knowledge search accuracy and speed on the held-out development questions.

Usage: python -m bench.search [--set tests/data/search_dev_set.yml] [--part all|tuning|held-out] [--misses]
Prints top-1 and top-3 accuracy, how often the answer was given with confidence,
and the per-question search time, for the tuning part, the held-out part and the whole set.

The set is split deterministically: every third question (positions 3, 6, 9, ...) is held
out. Only the tuning part's misses were read when the search, synonyms and examples were
tuned; the held-out figure is the honest estimate for questions nobody has written yet.
"""
from __future__ import annotations

import argparse
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from knowledge.search import knowledge_search

DEV_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "search_dev_set.yml"


@dataclass
class Result:
    questions: int
    top1: float
    top3: float
    confident: float            # share of questions answered with confidence
    confident_and_wrong: float  # share of questions answered with confidence, wrongly
    wrong_when_confident: float # share of confident answers that were wrong
    not_known: float            # share of questions below the relevance bar ("I don't know")
    times_ms: list[float]
    misses: list[tuple[str, list[str], list[str]]]


def load_questions(path: Path = DEV_SET) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]


def is_held_out(position: int) -> bool:
    """Every third question (0-based positions 2, 5, 8, ...) is held out from tuning."""
    return position % 3 == 2


def split(questions: list[dict], part: str) -> list[dict]:
    """`tuning`, `held-out` or `all` of the questions, in their order in the file."""
    if part == "all":
        return list(questions)
    want_held_out = part == "held-out"
    return [q for i, q in enumerate(questions) if is_held_out(i) == want_held_out]


def evaluate(questions: list[dict]) -> Result:
    search = knowledge_search()
    top1 = top3 = sure = sure_wrong = unknown = 0
    times, misses = [], []
    for item in questions:
        audience = {item["audience"]} if item.get("audience") else None
        start = time.perf_counter()
        matches = search.search(item["q"], audience)
        times.append((time.perf_counter() - start) * 1000)
        found = [m.entry.id for m in matches]
        right = set(item["answers"])
        top1 += bool(found[:1] and found[0] in right)
        top3 += bool(right & set(found[:3]))
        if search.is_confident(matches):
            sure += 1
            sure_wrong += found[0] not in right
        elif not search.is_relevant(matches):
            unknown += 1
        if not (found and found[0] in right):
            misses.append((item["q"], item["answers"], found))
    n = max(len(questions), 1)
    return Result(len(questions), top1 / n, top3 / n, sure / n, sure_wrong / n,
                  sure_wrong / max(sure, 1), unknown / n, times, misses)


def report(name: str, result: Result) -> None:
    times = sorted(result.times_ms)
    print(f"{name}: {result.questions} questions · top-1 {result.top1:.1%} · top-3 {result.top3:.1%} · "
          f"confident {result.confident:.1%} (wrong {result.confident_and_wrong:.1%} of all questions, "
          f"{result.wrong_when_confident:.1%} of confident answers) · "
          f"'don't know' {result.not_known:.1%} · "
          f"search median {statistics.median(times):.1f} ms, p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", type=Path, default=DEV_SET)
    parser.add_argument("--part", choices=("all", "tuning", "held-out"), default=None,
                        help="only this part (default: print all three)")
    parser.add_argument("--misses", action="store_true",
                        help="list the questions missed at top-1 (of the tuning part unless --part says otherwise)")
    args = parser.parse_args()
    questions = load_questions(args.set)
    knowledge_search()  # build the index before timing
    parts = [args.part] if args.part else ["tuning", "held-out", "all"]
    for part in parts:
        report(f"{part:>8}", evaluate(split(questions, part)))
    if args.misses:
        for question, expected, found in evaluate(split(questions, args.part or "tuning")).misses:
            print(f"- {question!r}\n    expected {expected}\n    got      {found}")


if __name__ == "__main__":
    main()
