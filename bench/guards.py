"""Precision and recall of the two edge guards on the labelled sets, and their speed.

    python bench/guards.py                  # the development set
    python bench/guards.py --holdout        # the held-out set (report it; never tune on it)
    python bench/guards.py --set PATH       # any set in the same format
    python bench/guards.py --errors         # also list the misclassified messages

A set is YAML with the lists `danger` / `not_danger` and `blaming` / `not_blaming`;
a guard whose two lists are both absent or empty is skipped. Speed is the mean
wall-clock time per message of each guard (the shared pipeline already built).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from knowledge.danger import danger_detector  # noqa: E402
from knowledge.language import language_rules  # noqa: E402

DEV_SET = ROOT / "tests" / "data" / "guard_dev_set.yml"
HOLDOUT_SET = ROOT / "tests" / "data" / "guard_holdout_set.yml"
GUARDS = {
    "danger": ("danger", "not_danger", lambda text: danger_detector().check(text).is_danger),
    "language": ("blaming", "not_blaming", lambda text: bool(language_rules().find(text))),
}


def score(data: dict, guard: str) -> dict:
    positive, negative, predict = GUARDS[guard]
    positives, negatives = data.get(positive) or [], data.get(negative) or []
    started = time.perf_counter()
    missed = [t for t in positives if not predict(t)]
    false_alarms = [t for t in negatives if predict(t)]
    elapsed = time.perf_counter() - started
    tp = len(positives) - len(missed)
    fp = len(false_alarms)
    n = len(positives) + len(negatives)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / len(positives) if positives else 1.0,
        "positives": len(positives),
        "negatives": len(negatives),
        "missed": missed,
        "false_alarms": false_alarms,
        "ms_per_message": 1000 * elapsed / n if n else 0.0,
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--holdout", action="store_true", help="the held-out set")
    which.add_argument("--set", type=Path, metavar="PATH", help="any set in the same format")
    parser.add_argument("--errors", action="store_true", help="list misclassified messages")
    args = parser.parse_args(argv)
    path = args.set or (HOLDOUT_SET if args.holdout else DEV_SET)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    danger_detector(), language_rules()  # build once, outside the timing
    try:
        shown = path.resolve().relative_to(ROOT)
    except ValueError:
        shown = path
    print(f"{shown}")
    for guard, (positive, negative, _predict) in GUARDS.items():
        if not (data.get(positive) or data.get(negative)):
            continue
        s = score(data, guard)
        print(f"  {guard:9s} precision {s['precision']:.1%}  recall {s['recall']:.1%}"
              f"  ({s['positives']} positive, {s['negatives']} negative)"
              f"  {s['ms_per_message']:.2f} ms/message")
        if args.errors:
            for text in s["missed"]:
                print(f"    missed: {text}")
            for text in s["false_alarms"]:
                print(f"    false alarm: {text}")


if __name__ == "__main__":
    main(sys.argv[1:])
