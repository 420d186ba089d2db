"""Knowledge search accuracy and speed on the held-out development questions.

Usage: python -m bench.search [--set tests/data/search_dev_set.yml] [--misses]
Prints top-1 and top-3 accuracy, how often the answer was given with confidence,
and the per-question search time.
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
    top1: float
    top3: float
    confident_and_right: float
    confident_and_wrong: float
    times_ms: list[float]
    misses: list[tuple[str, list[str], list[str]]]


def load_questions(path: Path = DEV_SET) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))["questions"]


def evaluate(questions: list[dict]) -> Result:
    search = knowledge_search()
    top1 = top3 = sure_right = sure_wrong = 0
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
            sure_right += found[0] in right
            sure_wrong += found[0] not in right
        if not (found and found[0] in right):
            misses.append((item["q"], item["answers"], found))
    n = len(questions)
    return Result(top1 / n, top3 / n, sure_right / n, sure_wrong / n, times, misses)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--set", type=Path, default=DEV_SET)
    parser.add_argument("--misses", action="store_true", help="list the questions missed at top-1")
    args = parser.parse_args()
    questions = load_questions(args.set)
    knowledge_search()  # build the index before timing
    result = evaluate(questions)
    times = sorted(result.times_ms)
    print(f"questions: {len(questions)}")
    print(f"top-1 accuracy: {result.top1:.1%}")
    print(f"top-3 accuracy: {result.top3:.1%}")
    print(f"answered with confidence and right: {result.confident_and_right:.1%}; "
          f"with confidence and wrong: {result.confident_and_wrong:.1%}")
    print(f"search time per question: median {statistics.median(times):.1f} ms, "
          f"p95 {times[int(0.95 * (len(times) - 1))]:.1f} ms")
    if args.misses:
        for question, expected, found in result.misses:
            print(f"- {question!r}\n    expected {expected}\n    got      {found}")


if __name__ == "__main__":
    main()
