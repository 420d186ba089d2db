"""Precision and recall of the two edge guards on the labelled sets.

    python bench/guards.py              # the development set
    python bench/guards.py --holdout    # the held-out set (report it; never tune on it)
    python bench/guards.py --errors     # also list the misclassified messages
"""
from __future__ import annotations

import os
import sys
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
    missed = [t for t in data[positive] if not predict(t)]
    false_alarms = [t for t in data[negative] if predict(t)]
    tp = len(data[positive]) - len(missed)
    fp = len(false_alarms)
    return {
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / len(data[positive]),
        "positives": len(data[positive]),
        "negatives": len(data[negative]),
        "missed": missed,
        "false_alarms": false_alarms,
    }


def main(argv: list[str]) -> None:
    path = HOLDOUT_SET if "--holdout" in argv else DEV_SET
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    print(f"{path.relative_to(ROOT)}")
    for guard in GUARDS:
        s = score(data, guard)
        print(f"  {guard:9s} precision {s['precision']:.1%}  recall {s['recall']:.1%}"
              f"  ({s['positives']} positive, {s['negatives']} negative)")
        if "--errors" in argv:
            for text in s["missed"]:
                print(f"    missed: {text}")
            for text in s["false_alarms"]:
                print(f"    false alarm: {text}")


if __name__ == "__main__":
    main(sys.argv[1:])
