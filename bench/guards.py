"""Precision and recall of the two edge guards on the labelled sets, and their speed.

    python -m bench.guards                  # the development set
    python -m bench.guards --holdout        # the held-out set (report it; never tune on it)
    python -m bench.guards --set PATH       # any set in the same format
    python -m bench.guards --errors         # also list the misclassified messages
    python -m bench.guards --with-nlu       # danger also as deployed, with the trained NLU

A set is YAML with the lists `danger` / `not_danger` and `blaming` / `not_blaming`;
a guard whose two lists are both absent or empty is skipped. Speed is the mean
wall-clock time per message of each guard (the shared pipeline already built).

`--with-nlu [MODEL]` loads the trained model (default models/cce-assistant.tar.gz) with
rasa's `Agent.load` and parses each danger / not_danger message once; it then prints the
danger figures of the matcher alone, of the NLU intent `danger_now` alone, and of the two
together as deployed (the NLU's turn verdict, knowledge/safety.py). Its speed
figure is the NLU parse time per message.
"""
from __future__ import annotations

import argparse
import asyncio
import inspect
import logging
import os
import sys
import time
import warnings
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

from knowledge.danger import danger_detector
from knowledge.language import language_rules
from knowledge.safety import DANGER_INTENT

DEV_SET = ROOT / "tests" / "data" / "guard_dev_set.yml"
HOLDOUT_SET = ROOT / "tests" / "data" / "guard_holdout_set.yml"
MODEL = ROOT / "models" / "cce-assistant.tar.gz"
GUARDS = {
    "danger": ("danger", "not_danger", lambda text: danger_detector().check(text).is_danger),
    "language": ("blaming", "not_blaming", lambda text: bool(language_rules().find(text))),
}


def score(data: dict, guard: str, predict=None) -> dict:
    """Precision, recall and errors of one guard on a set; `predict` replaces the guard's own."""
    positive, negative, own = GUARDS[guard]
    predict = predict or own
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


def load_agent(model: Path):
    from rasa.core.agent import Agent  # only here: the guards themselves never import rasa
    from rasa.utils.log_utils import configure_structlog

    # Rasa's structlog prints every parse, message text included, unless configured: never log it.
    configure_structlog(logging.ERROR)
    logging.getLogger("rasa").setLevel(logging.ERROR)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Agent.load(str(model))


def nlu_intents(texts: list[str], agent) -> tuple[dict[str, dict], float]:
    """Each text's parse under the trained model (the classifier's intent and the turn verdict of
    bot/turn_reader.py, which decides danger as deployed), and the parse time per text (ms)."""

    async def parse_all() -> dict[str, dict]:
        found = {}
        for text in texts:
            parsed = agent.parse_message(text)
            if inspect.isawaitable(parsed):
                parsed = await parsed
            found[text] = parsed or {}
        return found

    started = time.perf_counter()
    loop = asyncio.new_event_loop()
    try:
        found = loop.run_until_complete(parse_all())
    finally:
        loop.close()
    elapsed = time.perf_counter() - started
    return found, 1000 * elapsed / len(texts) if texts else 0.0


def print_score(label: str, s: dict, errors: bool, ms: float | None = None) -> None:
    speed = s["ms_per_message"] if ms is None else ms
    print(f"  {label:9s} precision {s['precision']:.1%}  recall {s['recall']:.1%}"
          f"  ({s['positives']} positive, {s['negatives']} negative)"
          f"  {speed:.2f} ms/message")
    if errors:
        for text in s["missed"]:
            print(f"    missed: {text}")
        for text in s["false_alarms"]:
            print(f"    false alarm: {text}")


def with_nlu(data: dict, agent, errors: bool) -> None:
    """Danger as deployed: the turn verdict of the model's NLU (patterns and the danger_now
    intent together, knowledge/safety.py), beside the intent alone."""
    texts = list(dict.fromkeys((data.get("danger") or []) + (data.get("not_danger") or [])))
    if not texts:
        return
    parsed, ms = nlu_intents(texts, agent)
    intent = {t: (p.get("turn") or {}).get("nlu_intent") or (p.get("intent") or {}).get("name")
              for t, p in parsed.items()}
    nlu_only = score(data, "danger", lambda text: intent[text] == DANGER_INTENT)
    deployed = score(data, "danger",
                     lambda text: bool(((parsed[text].get("turn") or {}).get("safety") or {}).get("danger")))
    print(f"  with the trained NLU (intent {DANGER_INTENT}):")
    print_score("nlu only", nlu_only, errors, ms)
    print_score("deployed", deployed, errors, ms + score(data, "danger")["ms_per_message"])


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--holdout", action="store_true", help="the held-out set")
    which.add_argument("--set", type=Path, metavar="PATH", help="any set in the same format")
    parser.add_argument("--errors", action="store_true", help="list misclassified messages")
    parser.add_argument("--with-nlu", nargs="?", const=MODEL, type=Path, metavar="MODEL",
                        help="also score danger as deployed: the matcher OR the NLU intent "
                             f"{DANGER_INTENT} (default model {MODEL.relative_to(ROOT)})")
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
        print_score(guard, score(data, guard), args.errors)
    if args.with_nlu:
        with_nlu(data, load_agent(args.with_nlu), args.errors)


if __name__ == "__main__":
    main(sys.argv[1:])
