"""The first reply's answer, leave-one-set-out, without a model or a server.

Usage: python -m bench.loso [SET.yml ...] [--fails]

For each blind set in tests/data/blind (or the sets named), the set's own messages are taken
out of the entries' example questions and the search is rebuilt, so the set is answered as if
nobody had seen it. Each single question, and each conversation turn in order (with the entry
last answered, the first message and the one before, as the action server does), is composed
as the first reply would be (best entry, focused sentences, a second question's answer, who to
tell) and graded by the facts it must contain. Flows, safety replies and acts are left out: this
measures the answering alone, and agrees with `make bench-blind` on sets measured blind to a few
points.
"""
from __future__ import annotations

import argparse
import dataclasses
from pathlib import Path
from typing import Optional

import yaml

from actions.answering import Asker, compose, conversation_context
from bench.blind import passes
from knowledge.entries import Entry, knowledge_base
from knowledge.search import KnowledgeSearch

BLIND_SETS = Path(__file__).resolve().parents[1] / "tests" / "data" / "blind"


def asker_for(persona: str) -> Asker:
    """Who is asking, as the set's persona says (the assistant reads it from the words)."""
    role, _, sector = (persona or "").partition(":")
    if role in ("practitioner", "out_of_hours"):
        return Asker("practitioner", sector or None)
    return Asker(role if role in ("parent", "young_person") else None, None)


def reply_to(search: KnowledgeSearch, text: str, asker: Asker, previous: Optional[Entry] = None,
             earlier: str = "") -> tuple[str, Optional[Entry]]:
    outcome, composed, _ = compose(text, asker, previous, earlier=earlier, search=search)
    if composed is None:
        return "", None
    second = f"\n{composed.second[1]}" if composed.second else ""
    return composed.text + second, composed.entry


def search_without(texts: set[str]) -> KnowledgeSearch:
    base = knowledge_base()
    entries = {key: dataclasses.replace(entry, examples=tuple(x for x in entry.examples if x not in texts))
               for key, entry in base.entries.items()}
    return KnowledgeSearch(dataclasses.replace(base, entries=entries))


def grade_set(path: Path, show_fails: bool) -> tuple[int, int, int, int]:
    """(questions passed, questions, turns passed, turns) for one set, answered unseen."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    questions, conversations = data.get("qa") or [], data.get("conversations") or []
    seen = {q["text"] for q in questions} | {t["user"] for c in conversations for t in c["turns"]}
    search = search_without(seen)
    q_ok = sum(graded(q["text"], reply_to(search, q["text"], asker_for(q.get("persona")))[0], q, show_fails)
               for q in questions)
    t_ok = t_all = 0
    for conversation in conversations:
        asker, previous, earlier = asker_for(conversation.get("persona")), None, []
        for turn in conversation["turns"]:
            text, entry = reply_to(search, turn["user"], asker, previous, conversation_context(earlier))
            if turn.get("must"):
                t_all += 1
                t_ok += graded(turn["user"], text, turn, show_fails)
            previous = entry or previous
            earlier.append(turn["user"])
    return q_ok, len(questions), t_ok, t_all


def graded(asked: str, reply: str, item: dict, show_fails: bool) -> bool:
    ok = passes(reply, item.get("must"), item.get("must_not"))
    if show_fails and not ok:
        print(f"  ✗ {asked[:90]!r}\n      → {reply[:120]!r}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", type=Path)
    parser.add_argument("--fails", action="store_true", help="list the replies that miss a fact")
    args = parser.parse_args()
    sets = args.sets or sorted(BLIND_SETS.glob("qa_*.yml"))
    totals = [0, 0, 0, 0]
    for path in sets:
        q_ok, q_all, t_ok, t_all = grade_set(path, args.fails)
        totals = [a + b for a, b in zip(totals, (q_ok, q_all, t_ok, t_all))]
        print(f"{path.stem}: questions {q_ok / max(q_all, 1):.1%} of {q_all} · "
              f"conversation turns {t_ok / max(t_all, 1):.1%} of {t_all}")
    q_ok, q_all, t_ok, t_all = totals
    print(f"all: questions {q_ok / max(q_all, 1):.1%} of {q_all} · conversation turns {t_ok / max(t_all, 1):.1%} of {t_all}")


if __name__ == "__main__":
    main()
