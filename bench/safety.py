"""The safety decision alone (knowledge/safety.py, no model, no server) on labelled sets.

    python -m bench.safety [SET.yaml ...] [--errors]

A set has turns labelled `danger: true|false`, `disclosure: <class>|none` and optionally
`refusal: true` (the blind-set format of ../shared/eval/README.md, single items or
conversations, each turn read with the one before as the assistant reads it); the guard
development set's `danger` / `not_danger` lists count too. Prints danger precision and recall,
disclosure recognition (any class, the right class, and the right help named: that class or a
danger reply that covers it), false disclosures on turns labelled none, refusal recall, and the
time per message. The NLU's
danger_now intent is not used here: `make bench-blind` measures the whole assistant.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

from knowledge.safety import COVERED_BY_DANGER, assess, in_context

DEV_SETS = [Path(__file__).resolve().parents[1] / "tests" / "data" / "guard_dev_set.yml"]


def labelled_turns(data: dict) -> list[dict]:
    turns = [{"user": t, "danger": True} for t in data.get("danger") or [] if isinstance(t, str)]
    turns += [{"user": t, "danger": False} for t in data.get("not_danger") or [] if isinstance(t, str)]
    for items in data.values():
        for item in items or []:
            if isinstance(item, dict):
                earlier = ""  # a conversation's turns are read with the one before, as the assistant does
                for turn in item.get("turns") or [{**item, "user": item.get("text", "")}]:
                    if "danger" in turn or "disclosure" in turn or "refusal" in turn:
                        turns.append({**turn, "earlier": earlier})
                    earlier = turn.get("user", "")
    return turns


def answered_by_danger_reply(label: str, verdict) -> bool:
    """A disclosure the danger reply already answers: a medical emergency, or self-harm and low
    mood under the self-harm emergency (knowledge/safety.py COVERED_BY_DANGER)."""
    if not verdict.is_danger:
        return False
    return label == "medical" or label in COVERED_BY_DANGER.get(verdict.danger, set())


def rate(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} % ({part}/{whole})" if whole else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", nargs="*", type=Path, default=DEV_SETS)
    parser.add_argument("--errors", action="store_true")
    args = parser.parse_args()
    turns = [t for path in args.sets for t in labelled_turns(yaml.safe_load(path.read_text(encoding="utf-8")))]
    started = time.perf_counter()
    verdicts = [in_context(assess(t["user"]), t["user"], t.get("earlier", "")) for t in turns]
    per_message = 1000 * (time.perf_counter() - started) / max(len(turns), 1)
    errors = []
    tp = fp = fn = 0
    disclosed = disclosed_ok = disclosed_class = disclosed_served = none_turns = false_disclosures = 0
    refusals = refusals_ok = 0
    for turn, verdict in zip(turns, verdicts):
        if "danger" in turn:
            tp += turn["danger"] and verdict.is_danger
            fn += turn["danger"] and not verdict.is_danger
            fp += (not turn["danger"]) and verdict.is_danger
            if turn["danger"] != verdict.is_danger:
                errors.append(("danger missed" if turn["danger"] else "false alarm", turn["user"], verdict.matched))
        label = turn.get("disclosure")
        if label and label != "none":
            disclosed += 1
            recognised = bool(verdict.disclosure) or verdict.is_danger
            disclosed_ok += recognised
            disclosed_class += verdict.disclosure == label
            disclosed_served += verdict.disclosure == label or answered_by_danger_reply(label, verdict)
            if not recognised:
                errors.append((f"disclosure {label} missed", turn["user"], verdict.matched))
        elif label == "none":
            none_turns += 1
            false_disclosures += bool(verdict.disclosure)
            if verdict.disclosure:
                errors.append((f"false disclosure {verdict.disclosure}", turn["user"], verdict.matched))
        if turn.get("refusal"):
            refusals += 1
            refusals_ok += bool(verdict.refusal)
            if not verdict.refusal:
                errors.append(("refusal missed", turn["user"], verdict.matched))
    print(f"turns: {len(turns)}; {per_message:.1f} ms per message")
    print(f"danger: precision {rate(tp, tp + fp)}, recall {rate(tp, tp + fn)}")
    print(f"disclosures recognised (a disclosure or danger reply): {rate(disclosed_ok, disclosed)}; "
          f"right class: {rate(disclosed_class, disclosed)}; "
          f"the right help named (that class, or a danger reply that covers it): {rate(disclosed_served, disclosed)}")
    print(f"false disclosures on turns labelled none: {rate(false_disclosures, none_turns)}")
    print(f"refusals: {rate(refusals_ok, refusals)}")
    if args.errors:
        for kind, text, matched in errors:
            print(f"  {kind}: {text!r} {list(matched)}")


if __name__ == "__main__":
    main()
