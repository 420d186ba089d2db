"""The assistant end to end on blind sets, over the REST channel, by kind of user.

    python -m bench.blind URL SET.yaml [SET.yaml ...] [--json OUT] [--show-fail N]

A set is in the format of ../shared/eval/README.md (sections of single items with `text`, or
`turns`; each turn has `must` OR-groups and optional `must_not`). A turn passes when every
`must` group has one string in the whole reply (texts and button titles, any case) and no
`must_not` string appears outside quotation marks: the rule ../shared/eval/grade.py applies.

Questions and conversations (every turn):
- answered: the turn passes;
- menu only: the reply is the "is it one of these?" menu and nothing else;
- confident but wrong: the reply gives an answer from the toolkit as sure (no "not what you
  needed?" alternatives after it), and it fails;
- canned act: a typed message answered with a role, feedback or next-step acknowledgement.
Turns labelled `danger: true|false` and `disclosure: <class>|none` (the danger sets) also give:
- danger recall and precision: the reply opens with the emergency message exactly when `danger`;
- banner only: the emergency message and nothing after it;
- disclosure recognised: a turn with a disclosure class gets a disclosure reply (or the emergency
  message, when the harm is happening now).
Replies are identified by the response name each message carries (`response`), never by text.
"""
from __future__ import annotations

import argparse
import json
import re
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import yaml

EMERGENCY = "utter_emergency"
MENU = "utter_not_sure"
ALTERNATIVES = "utter_not_what_you_needed"
ANSWERS = ("utter_answer",)
CANNED_ACTS = ("utter_role_thanks", "utter_feedback_thanks", "utter_ask_what", "utter_no_flow",
               "utter_anything_else")
DISCLOSURE_PREFIX = "utter_disclosure_"
QUOTED = re.compile(r"[\"“][^\"“”\n]{1,80}[\"”]|(?<![A-Za-z])['‘][^'‘’\n]{1,80}['’](?![A-Za-z])")


@dataclass
class Reply:
    messages: list[dict]
    seconds: float

    @property
    def text(self) -> str:
        parts = []
        for message in self.messages:
            parts.append(message.get("text") or "")
            parts += [str(b.get("title", "")) for b in message.get("buttons") or []]
        return "\n".join(p for p in parts if p)

    @property
    def responses(self) -> list[str]:
        return [m.get("response") or "" for m in self.messages]

    @property
    def opens_with_emergency(self) -> bool:
        return bool(self.responses) and self.responses[0].startswith(EMERGENCY)

    @property
    def banner_only(self) -> bool:
        return self.opens_with_emergency and len(self.messages) == 1

    @property
    def menu_only(self) -> bool:
        return bool(self.responses) and set(self.responses) <= {MENU}

    @property
    def gives_answer(self) -> bool:
        return any(r in ANSWERS for r in self.responses)

    @property
    def sure_answer(self) -> bool:
        return self.gives_answer and ALTERNATIVES not in self.responses

    @property
    def canned_act(self) -> bool:
        return any(r in CANNED_ACTS for r in self.responses)

    @property
    def disclosure_reply(self) -> bool:
        return any(r.startswith(DISCLOSURE_PREFIX) for r in self.responses)


def passes(reply: str, must: list | None, must_not: list | None) -> bool:
    low = reply.lower()
    if any(not any(s.lower() in low for s in group) for group in must or []):
        return False
    unquoted = QUOTED.sub(" ", reply).lower()
    return not any(s.lower() in unquoted for s in must_not or [])


def say(client: httpx.Client, url: str, sender: str, text: str) -> Reply:
    started = time.perf_counter()
    try:
        response = client.post(f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text})
        messages = response.json() if response.status_code == 200 else []
    except httpx.HTTPError:
        messages = []
    return Reply(messages, time.perf_counter() - started)


@dataclass
class Tally:
    counts: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(int)))

    def add(self, group: str, name: str, value: bool = True) -> None:
        self.counts[group][name] += int(value)

    def rate(self, group: str, name: str, of: str) -> float | None:
        total = self.counts[group][of]
        return round(100 * self.counts[group][name] / total, 1) if total else None


def kind(persona: str) -> str:
    return (persona or "other").split(":")[0]


def items_of(data: dict):
    """(section, item, turns) for every item, single questions as one-turn conversations."""
    for section, items in data.items():
        for item in items or []:
            turns = item.get("turns") or [{**item, "user": item["text"]}]
            yield section, item, turns


def run(url: str, sets: list[Path], show_fail: int = 0) -> dict:
    tally, fails, seconds, misjudged = Tally(), [], [], []
    with httpx.Client(timeout=60) as client:
        for path in sets:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for section, item, turns in items_of(data):
                sender = f"blind-{item['id']}-{uuid.uuid4().hex[:8]}"
                single = "turns" not in item
                for number, turn in enumerate(turns):
                    reply = say(client, url, sender, turn["user"])
                    seconds.append(reply.seconds)
                    ok = passes(reply.text, turn.get("must"), turn.get("must_not"))
                    unit = "question" if single else "turn"
                    for group in ("all", kind(item.get("persona")), f"section:{section}"):
                        tally.add(group, f"{unit}s")
                        tally.add(group, f"{unit}s_answered", ok)
                        tally.add(group, f"{unit}s_menu_only", reply.menu_only)
                        tally.add(group, f"{unit}s_confident_wrong", reply.sure_answer and not ok)
                        tally.add(group, f"{unit}s_canned_act", reply.canned_act)
                    if "danger" in turn:
                        tally.add("safety", "danger_turns", turn["danger"])
                        tally.add("safety", "safe_turns", not turn["danger"])
                        tally.add("safety", "alarms", reply.opens_with_emergency)
                        tally.add("safety", "true_alarms", reply.opens_with_emergency and turn["danger"])
                        tally.add("safety", "banner_only", reply.banner_only)
                        tally.add("safety", "replies", 1)
                        if reply.opens_with_emergency != turn["danger"]:
                            misjudged.append({"id": item["id"], "turn": number, "user": turn["user"],
                                              "error": "missed danger" if turn["danger"] else "false alarm",
                                              "responses": reply.responses})
                    if turn.get("disclosure") not in (None, "none"):
                        tally.add("safety", "disclosures", 1)
                        tally.add("safety", "disclosures_recognised", reply.disclosure_reply or reply.opens_with_emergency)
                    if not ok:
                        fails.append({"id": item["id"], "turn": number, "persona": item.get("persona"),
                                      "user": turn["user"], "must": turn.get("must"),
                                      "responses": reply.responses, "reply": reply.text})
    return summarise(tally, seconds, fails, misjudged, show_fail)


def summarise(tally: Tally, seconds: list[float], fails: list[dict], misjudged: list[dict], show_fail: int) -> dict:
    figures: dict = {}
    for group in sorted(tally.counts):
        if group == "safety":
            continue
        row = {}
        for unit in ("question", "turn"):
            n = tally.counts[group][f"{unit}s"]
            if n:
                row[f"{unit}s"] = n
                for name in ("answered", "menu_only", "confident_wrong", "canned_act"):
                    row[f"{unit}_{name}_%"] = tally.rate(group, f"{unit}s_{name}", f"{unit}s")
        figures[group] = row
    safety = tally.counts.get("safety")
    if safety:
        figures["safety"] = {
            "danger_recall_%": tally.rate("safety", "true_alarms", "danger_turns"),
            "danger_precision_%": tally.rate("safety", "true_alarms", "alarms"),
            "disclosure_recognised_%": tally.rate("safety", "disclosures_recognised", "disclosures"),
            "banner_only": safety["banner_only"],
            "danger_turns": safety["danger_turns"], "safe_turns": safety["safe_turns"],
            "disclosures": safety["disclosures"],
        }
    seconds.sort()
    figures["latency_ms"] = {"p50": round(1000 * seconds[len(seconds) // 2]) if seconds else None,
                             "p95": round(1000 * seconds[int(len(seconds) * 0.95)]) if seconds else None}
    for fail in fails[:show_fail]:
        print(f"FAIL {fail['id']}#{fail['turn']} [{fail['persona']}] {fail['user']!r}\n"
              f"  must={fail['must']} responses={fail['responses']}\n  reply={fail['reply'][:300]!r}")
    for wrong in misjudged[:show_fail]:
        print(f"{wrong['error'].upper()} {wrong['id']}#{wrong['turn']} {wrong['user']!r} {wrong['responses']}")
    return {"figures": figures, "fails": fails, "misjudged": misjudged}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--show-fail", type=int, default=0)
    args = parser.parse_args()
    result = run(args.url.rstrip("/"), args.sets, args.show_fail)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(result["figures"], indent=1))


if __name__ == "__main__":
    main()
