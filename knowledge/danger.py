"""The danger detector: does a message suggest someone is in danger now?

Deterministic. Rules and frames live in `danger.yml`, compiled once into a spaCy
`Matcher` over `knowledge.text.nlp()`. Safety first: a rule hit counts unless the part
of the message it sits in is framed so that it is clearly not danger now, and a
now-signal ("now", "tonight", "help me", "what do I do") always brings it back:

- `unreal` (a game, a joke, a film, the news), `healed` ("she's fine now"), `habit` ("he keeps
  going missing", "cars in and out all hours"), `past_event`
  ("last year", "in the past") or `hypothetical` ("if he was ever", "what would I do if")
  set it aside;
- `topic_question` ("what does ... mean") or `advice_question` ("how do I talk to him
  about it") set it aside unless the part names a specific present subject ("he's got");
- `story` (a film, book or show and what it contains: "the film we watched HAD a
  kidnapping in it") sets its part aside like `unreal`, and the hits it contains (within
  `STORY_REACH` words after it, no "when", "and", "now" ... between) whatever the part says:
  "the film had a kidnapping in it and now she won't sleep" is not danger now.

`healed` also reaches back to earlier parts of the message ("it bled a bit, but she's
fine now"), and `past_event` to the parts just before and after it that name no present
subject and no now-signal ("got jumped last week, broke my nose"); `advice_question` covers
every other part, before or after it, for rules marked `discussable` only ("his mates carry
knives, how do I talk to him about it"; "how do I get him an NRM, he's been made to sell").
`still_now` ("he's still there now") reaches back over a `habit` only: "a man keeps pulling up
next to her, he's still there now" is happening as they write; an adult telling a child to get in
a car is never set aside as a habit.
`in_hospital` ("a&e nurse, lad with a stab wound") covers every part of the message, but only an
injury, a medical emergency or drugs inside the body: a weapon or a threat on the ward still counts.
`conditional_threat` ("if I stop they'll hurt my brother") sets a threat aside unless a now-signal
anywhere in the message says it is happening ("... he's in the next room"); `past_conditional`
("they made me do it or they'd hurt me") sets danger aside. `told_when` ("told me tonight") holds
its now-signal: when they were told is not when it happened; so do `away_now` ("they're not here rn":
their being away now is not harm now) and `aftermath` ("... last month, now everyone knows"): what
others know or think now is not harm happening now. `recent_past`, `doing_ok`,
`ongoing` ("since he was 13") and `ended` ("but i stopped", "im 19 now") are read for disclosures only
(knowledge/safety.py).
`safe_now` ("she's with me at the centre now", "he's at school now") reaches back the same way,
and outweighs an earlier "tonight", but only over being held, taken, missing or made to carry: "he's been
stabbed, he's with me now" is still an emergency.
`in_custody` ("custody sgt. 16yo in with 3 phones") covers every part of the message, over
being held, taken, missing or made to carry only.
`with_police` ("she's safe with officers now") does the same over those and over a sexual assault
tonight: the police are there to act on it. `reported_missing` ("police are looking", "we reported him
missing") covers every part of the message over being missing only: the call has been made.
`disarmed` ("found a knife tonight, took it off him, it's locked in my car") does the same over a
weapon only.
A now-signal that sits inside a hypothetical, advice, healed or safe-now phrase ("what should I
do IF", "how can I HELP", "fine NOW") is that phrase's, not a now-signal.
A rule's `except` patterns cancel its hits they overlap (the idiom "my mam will kill me
if she finds out"; "it bled a bit"). Rules marked `always` are never set aside
(first-person suicide talk). Misspelt key words are read as the word they were meant
to be (`Speller`), so "stabed" and "unconcious" still match.
"""
from __future__ import annotations

import re
from itertools import product
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from spacy.matcher import Matcher
from spacy.tokens import Doc

from knowledge.text import nlp

DANGER_FILE = Path(__file__).with_name("danger.yml")
KINDS = ("self_harm", "general")
# When several situations are in one message, the reply speaks to the most specific first.
CATEGORY_PRIORITY = ("self_harm", "plugging", "medical", "weapons", "threats", "held", "taken",
                     "sexual_assault", "forced_drugs", "injury", "missing")
FRAMES = ("now_signals", "present_subject", "topic_question", "advice_question", "hypothetical",
          "past_event", "habit", "unreal", "story", "healed", "safe_now", "still_now",
          "recent_past", "doing_ok", "past_conditional", "in_hospital", "conditional_threat", "told_when", "ongoing",
          "aftermath", "disarmed", "with_police", "in_custody", "still_to_act_on", "ended", "still_to_come",
          "away_now", "reported_missing", "no_threat_made")
# Frames that also cover the parts of the message before them.
REACH_BACK = frozenset({"advice_question", "healed", "safe_now", "still_now", "disarmed", "with_police",
                        "in_custody", "reported_missing", "no_threat_made"})
# Frames that also cover the parts after them ("how do I get him an NRM, he's been made to sell").
REACH_FORWARD = frozenset({"advice_question", "in_hospital", "conditional_threat", "in_custody", "reported_missing",
                           "no_threat_made"})
# Being somewhere safe now sets aside only these situations (made to carry or hold drugs among them:
# "shes in my office now, calm"): not an injury, a weapon or a threat.
SAFE_NOW_COVERS = frozenset({"held", "taken", "missing", "forced_drugs"})
# Frames that set aside only some situations, and outweigh an earlier "tonight" for those: a weapon
# taken off them and put away ("found a knife tonight, took it off him, it's locked in my car").
ONLY_OVER = {"safe_now": SAFE_NOW_COVERS, "disarmed": frozenset({"weapons"}),
             "with_police": SAFE_NOW_COVERS | {"sexual_assault"}, "in_custody": SAFE_NOW_COVERS | {"weapons"},
             "reported_missing": frozenset({"missing"}), "no_threat_made": frozenset({"threats"})}
# Written from a hospital about a patient in its care: sets aside these, in every part of the message.
IN_HOSPITAL_COVERS = frozenset({"injury", "medical", "plugging"})
# A habit does not set these aside: "a man keeps pulling up telling her to get in" is an approach now.
HABIT_STILL_DANGER = frozenset({"taken"})
# A past frame also covers the parts either side of it, unless they speak of now ("he's bleeding").
NEARBY_PAST = "nearby_past"
# Frames whose own words are not now-signals ("what should I do if", "how can I help", "fine now", "now they keep ...").
CONSUME_NOW = frozenset({"hypothetical", "advice_question", "healed", "safe_now", "told_when", "aftermath", "away_now",
                         "past_event", "disarmed", "with_police", "in_custody", "habit", "reported_missing",
                         "no_threat_made"})
SET_ASIDE = frozenset({"unreal", "story", "healed", "past_event", "habit", "hypothetical", "safe_now",
                       "past_conditional", "conditional_threat", "disarmed", "with_police", "in_custody",
                       "reported_missing", "no_threat_made"})
# How far after a `story` frame its contents reach, and the words that end them first.
STORY_REACH = 5
STORY_STOP = frozenset({"when", "and", "then", "now", "while", "but", "so", "until", "till", "after", "before"})
NEEDS_SUBJECT = frozenset({"topic_question", "advice_question"})
# "he's just got in" is home, unless what follows is one of these: "he's just got in the car with them"
VEHICLES = frozenset({"car", "van", "taxi", "cab", "motor", "uber", "jeep", "motorbike", "truck", "lorry"})
# A subject and the word for the same person as an object.
OBJECT_OF = {"he": "him", "hes": "him", "she": "her", "shes": "her", "they": "them", "theyre": "them"}
# Where one part of a message ends and the next begins, for framing.
BOUNDARY = re.compile(r"^([.!?;:,\n]+|but|tho|though|so|x+)$", re.IGNORECASE)
# "and" ends a part only before a change of time: "he was stabbed last year AND NOW he's going out again"
AND_THEN = frozenset({"now", "then", "since"})


@dataclass(frozen=True)
class DangerVerdict:
    is_danger: bool
    kind: str | None = None
    matched: tuple[str, ...] = ()
    set_aside: tuple[str, ...] = ()  # rules whose words appeared but in a past, story or "what if" frame
    category: str | None = None      # the situation of the first rule that counted (weapons, plugging ...)
    framed_not_now: bool = False     # the message is framed as past, a story, a "what if" or a topic question
    frames: tuple[tuple[str, int, int], ...] = ()  # the frames found (name, token start, end), for the disclosures

    @property
    def response(self) -> str:
        return "utter_emergency_self_harm" if self.kind == "self_harm" else "utter_emergency"


SAFE = DangerVerdict(False)


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    category: str
    always: bool
    discussable: bool = False
    needs_now: bool = False  # counts only when something in the message says now ("tonight", "just")


def token_spec(spec: str) -> list[dict[str, Any]]:
    """One token of the pattern mini-language (see the head of danger.yml).

    Returns one or two token dicts: the Matcher cannot OR a LEMMA test with a LOWER
    test, so a token mixing `word` and `=word` alternatives becomes two patterns.
    """
    op = None
    if len(spec) > 1 and spec[-1] in "?*+":
        spec, op = spec[:-1], spec[-1]
    if spec == "_":
        tokens: list[dict[str, Any]] = [{}]
    elif spec.startswith("!"):
        tokens = [{"LOWER": {"NOT_IN": [w.lstrip("=") for w in spec[1:].split("|")]}}]
    elif spec == "#":
        tokens = [{"LIKE_NUM": True}]
    else:
        words = spec.split("|")
        lower = [w[1:] for w in words if w.startswith("=")]
        lemma = [w for w in words if not w.startswith("=")]
        tokens = [{"LOWER": {"IN": lower}}] if lower else []
        if lemma:
            tokens.append({"LEMMA": {"IN": sorted(set(lemma) | {_lemma(w) for w in lemma})}})
    return [{**t, "OP": op} if op else t for t in tokens]


def _lemma(word: str) -> str:
    token = nlp()(word)[0]
    return (token.lemma_ or token.text).lower()


def compile_pattern(pattern: str, where: str, source: Path = DANGER_FILE) -> list[list[dict[str, Any]]]:
    """One pattern string as the Matcher patterns it stands for (usually one)."""
    if any(len(words) > 1 and "#" in words for words in (part.rstrip("?*+").split("|") for part in pattern.split())):
        raise ValueError(f"{source}: {where}: pattern {pattern!r}: `#` (any number) must stand alone, "
                         "among alternatives it is the character '#'")
    choices = [token_spec(part) for part in pattern.split()]
    if not choices or all(c[0].get("OP") in ("?", "*") for c in choices):
        raise ValueError(f"{source}: {where}: pattern {pattern!r} can match nothing")
    return [list(tokens) for tokens in product(*choices)]


def compile_patterns(patterns: list[str], where: str, source: Path = DANGER_FILE) -> list[list[dict[str, Any]]]:
    return [p for pattern in patterns for p in compile_pattern(pattern, where, source)]


def pattern_words(patterns: list[str]) -> set[str]:
    """The lemma-matched words of some patterns (not `=text` words, not `!` words, not `_`)."""
    words = set()
    for pattern in patterns:
        for part in pattern.split():
            part = part.rstrip("?*+") if len(part) > 1 else part
            if not part.startswith("!"):
                words.update(w for w in part.split("|") if w.isalpha())
    return words


class Speller:
    """Reads a misspelt key word as the word it was meant to be, by setting its lemma.

    Two sources: an explicit list of common misspellings (`spellings:` in the rules file,
    any length), and a one-edit check (insert, delete, substitute or swap two neighbours)
    against the rules' own words of five letters or more. The one-edit check only
    touches tokens that are not English words the lemmatizer knows, of five letters or
    more, and with the same first letter, so "close" never becomes "chose".
    """

    MIN_LENGTH = 5

    def __init__(self, words: set[str], spellings: dict[str, str] | None = None) -> None:
        table = nlp().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
        self._table = table
        self._known = set(table.values())
        self.spellings = {wrong.lower(): _lemma(right) for wrong, right in (spellings or {}).items()}
        self.targets: dict[str, list[tuple[str, str]]] = {}
        for word in sorted(w.lower() for w in words if len(w) >= self.MIN_LENGTH):
            self.targets.setdefault(word[0], []).append((word, _lemma(word)))
        self._exact = {w for group in self.targets.values() for w, _ in group}
        self._memo: dict[str, str | None] = {}

    def known(self, word: str) -> bool:
        return word in self._exact or word in self._known or word in self._table

    def fix(self, doc: Doc) -> Doc:
        """Set the lemma of each misspelt key word in `doc` (in place) and return it.

        A word typed in capitals ("MY SON IS BLEEDING", "Bleeding") gets the lemma of its
        lower-case form: the lookup lemmatizer is case-sensitive and leaves it as typed.
        """
        for token in doc:
            lemma = self.meant(token.lower_)
            if lemma:
                token.lemma_ = lemma
            elif token.text != token.lower_:
                token.lemma_ = self._table.get(token.lower_, token.lower_)
        return doc

    def meant(self, low: str) -> str | None:
        """The lemma of the key word `low` misspells, or None (memoised: words repeat)."""
        if low in self._memo:
            return self._memo[low]
        found = self.spellings.get(low)
        if found is None and len(low) >= self.MIN_LENGTH and low.isalpha() and not self.known(low):
            found = next((lemma for word, lemma in self.targets.get(low[0], ())
                          if abs(len(word) - len(low)) <= 1 and one_edit(low, word)), None)
        if len(self._memo) < 50_000:
            self._memo[low] = found
        return found


def one_edit(a: str, b: str) -> bool:
    """Are a and b at most one insertion, deletion, substitution or neighbour swap apart?"""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return (len(diff) == 2 and diff[1] == diff[0] + 1
                and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    if len(a) > len(b):
        a, b = b, a
    if len(b) - len(a) != 1:
        return False
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


class DangerDetector:
    def __init__(self, data: dict[str, Any]) -> None:
        self.matcher = Matcher(nlp().vocab, validate=True)
        self.rules: dict[str, Rule] = {}
        words: set[str] = set()
        for frame in FRAMES:
            patterns = data["frames"][frame]
            self.matcher.add(f"frame:{frame}", compile_patterns(patterns, frame))
        for row in data["rules"]:
            rule = load_rule(row)
            if rule.id in self.rules:
                raise ValueError(f"{DANGER_FILE}: duplicate rule id {rule.id}")
            self.rules[rule.id] = rule
            self.matcher.add(rule.id, compile_patterns(row["patterns"], rule.id))
            if row.get("except"):
                self.matcher.add(f"except:{rule.id}", compile_patterns(row["except"], rule.id))
            words |= pattern_words(row["patterns"])
        # Combined rules count only when every part is somewhere in the message
        # ("missing" and "with older men"); the hit sits where the first part is. Their
        # `except` patterns cancel the parts they overlap.
        self.combined: dict[str, tuple[str, ...]] = {}
        self.not_the_one_hurt: dict[str, tuple[str, str]] = {}
        for row in data.get("combined") or []:
            rule = load_rule({**row, "patterns": ["_"]})
            if rule.id in self.rules:
                raise ValueError(f"{DANGER_FILE}: duplicate rule id {rule.id}")
            self.rules[rule.id] = rule
            parts = tuple(row["all_of"])
            if len(parts) < 2:
                raise ValueError(f"{DANGER_FILE}: combined rule {rule.id} needs two parts or more")
            self.combined[rule.id] = parts
            if row.get("not_the_one_hurt"):
                hurt, here = row["not_the_one_hurt"]
                self.not_the_one_hurt[rule.id] = (hurt, here)
            for part, patterns in row["all_of"].items():
                self.matcher.add(f"part:{rule.id}:{part}", compile_patterns(patterns, f"{rule.id}.{part}"))
                words |= pattern_words(patterns)
            if row.get("except"):
                self.matcher.add(f"except:{rule.id}", compile_patterns(row["except"], rule.id))
        self.speller = Speller(words, data.get("spellings"))

    def read(self, text: str) -> Doc:
        """The message as the rules read it: tokenised, with misspelt key words mended."""
        return self.speller.fix(nlp()(text or ""))

    def check(self, text: str, asked_for: tuple[tuple[int, int], ...] = ()) -> DangerVerdict:
        """Is someone in danger now? `asked_for`: token spans where harm is asked for, not told
        ("want him hurt bad", refused elsewhere); no danger word inside them counts."""
        return self.check_doc(self.read(text), asked_for)

    def check_doc(self, doc: Doc, asked_for: tuple[tuple[int, int], ...] = ()) -> DangerVerdict:
        """`check` for a message already read (`read`), so it is tokenised once per turn."""
        segments = segment_ids(doc)
        framed: list[tuple[str, int, int]] = []
        hits: list[tuple[Rule, int, int]] = []
        cancelled: list[tuple[str, int, int]] = [(rule_id, s, e) for rule_id in self.rules for s, e in asked_for]
        parts: dict[str, dict[str, list[tuple[int, int]]]] = {}
        for match_id, start, end in self.matcher(doc):
            name = doc.vocab.strings[match_id]
            if name.startswith("frame:"):
                if not (name == "frame:safe_now" and (said_of_a_while(doc, start) or into_a_vehicle(doc, end))):
                    framed.append((name[6:], start, end))
            elif name.startswith("except:"):
                cancelled.append((name[7:], start, end))
            elif name.startswith("part:"):
                _, rule_id, part = name.split(":", 2)
                parts.setdefault(rule_id, {}).setdefault(part, []).append((start, end))
            else:
                hits.append((self.rules[name], start, end))
        for rule_id, needed in self.combined.items():
            # A combined rule's `except` cancels the parts it overlaps ("he's never gone missing").
            found = {part: [(s, e) for s, e in spans
                            if not any(r == rule_id and cs < e and s < ce for r, cs, ce in cancelled)]
                     for part, spans in parts.get(rule_id, {}).items()}
            if rule_id in self.not_the_one_hurt:
                safe = [(s, e) for frame, s, e in framed if frame == "safe_now"]
                found = without_the_one_hurt(doc, found, safe, *self.not_the_one_hurt[rule_id])
            if all(found.get(part) for part in needed):
                # judged where each telling of the first part is: "he keeps going missing, tonight he isnt back"
                hits += [(self.rules[rule_id], *span) for span in found[needed[0]]]
        own, reached = frames_by_segment(framed, segments)
        stories = [(s, e) for f, s, e in framed if f == "story"]
        hits = [(as_threat(rule, start, end, framed), start, end) for rule, start, end in hits]
        said_now = any("now_signals" in frames for frames in own.values())
        kept = [(rule, start) for rule, start, end in hits
                if not any(r == rule.id and s < end and start < e for r, s, e in cancelled)
                and (said_now or not rule.needs_now)
                and (rule.always or (not in_story(doc, start, stories, segments)
                                     and counts(hit_frames(doc[start:end], rule, segments[start], own, reached))))]
        not_now = framed_not_now(own, reached, bool(stories))
        if not kept:
            return DangerVerdict(False, set_aside=tuple(sorted({rule.id for rule, _, _ in hits})),
                                 framed_not_now=not_now, frames=tuple(framed))
        kind = "self_harm" if any(r.kind == "self_harm" for r, _ in kept) else "general"
        first = min(kept, key=lambda hit: (priority(hit[0].category), hit[1]))[0]
        return DangerVerdict(True, kind, tuple(sorted({r.id for r, _ in kept})), category=first.category,
                             framed_not_now=not_now, frames=tuple(framed))


def as_threat(rule: Rule, start: int, end: int, framed: list[tuple[str, int, int]]) -> Rule:
    """Harm words inside a threat held over telling are the threat, not an injury: the "stab" of
    "said he'd stab him if he tells anyone"."""
    inside = any(f == "conditional_threat" and s <= start and end <= e for f, s, e in framed)
    return replace(rule, category="threats") if inside and rule.category == "injury" else rule


def said_of_a_while(doc: Doc, start: int) -> bool:
    """"she sent it off his phone WHILE HE'S IN THE SHOWER": when it was done, not where the
    young person is now."""
    return any(token.lower_ in {"while", "whilst"} for token in doc[max(0, start - 2):start])


def into_a_vehicle(doc: Doc, end: int) -> bool:
    """"he's just got in THE CAR with them": getting into a car, not getting in home."""
    return any(token.lower_ in VEHICLES for token in doc[end:end + 3])


def without_the_one_hurt(doc: Doc, found: dict[str, list[tuple[int, int]]], safe: list[tuple[int, int]],
                         hurt: str, here: str) -> dict[str, list[tuple[int, int]]]:
    """Drop the `here` spans that say the one hurt is somewhere safe now ("touched HER ... SHE's
    asleep upstairs now"): that is where the person hurt is, not the one who hurt them. ("She's
    still at his flat" is kept, and so is anything said of oneself: "I'm still in his flat".)"""
    hurt_words = {token.lower_ for s, e in found.get(hurt, []) for token in doc[s:min(e + 1, len(doc))]}
    kept = [(s, e) for s, e in found.get(here, [])
            if OBJECT_OF.get(doc[s].lower_) not in hurt_words or not any(a < e and s < b for a, b in safe)]
    return {**found, here: kept}


def frames_by_segment(framed: list[tuple[str, int, int]], segments: list[int]
                      ) -> tuple[dict[int, set[str]], dict[int, set[str]]]:
    """The frames of each part of the message, and those reaching it from a later part.

    A now-signal inside a hypothetical, advice or healed phrase is dropped.
    """
    consumers = [(s, e) for f, s, e in framed if f in CONSUME_NOW]
    own: dict[int, set[str]] = {}
    reached: dict[int, set[str]] = {}
    for frame, start, end in framed:
        if frame == "now_signals" and any(s < end and start < e for s, e in consumers):
            continue
        seg = segments[start]
        # a frame that covers what went before covers every part it spans: "she's in hospital, they're keeping her in"
        last = segments[end - 1] if frame in REACH_BACK else seg
        for part in range(seg, last + 1):
            own.setdefault(part, set()).add(frame)
        if frame in REACH_BACK:
            for part in range(seg):
                reached.setdefault(part, set()).add(frame)
        if frame in REACH_FORWARD:
            for part in range(last + 1, max(segments) + 1):
                reached.setdefault(part, set()).add(frame)
        if frame == "past_event":  # "got jumped last week, broke my nose"; "... it was months ago"
            for part in (seg - 1, seg + 1):
                reached.setdefault(part, set()).add(NEARBY_PAST)
    for part, frames in reached.items():
        if NEARBY_PAST in frames and own.get(part, set()) & {"now_signals", "present_subject"}:
            frames.discard(NEARBY_PAST)
    return own, reached


def frames_for(rule: Rule, seg: int, own: dict[int, set[str]], reached: dict[int, set[str]]) -> set[str]:
    """A part's own frames, plus a later "she's fine now"; a later advice question only
    for rules marked `discussable` (having a weapon: "his mates carry knives, how do I talk
    to him about it"), never for an injury, a threat or someone held or taken."""
    later = reached.get(seg, set())
    if not rule.discussable:
        later = later - {"advice_question"}
    frames = own.get(seg, set()) | later
    if "conditional_threat" in frames and (rule.category != "threats"
                                           or any(f & {"now_signals", "still_now"} for f in own.values())):
        frames = frames - {"conditional_threat"}  # "if i stop they'll hurt him ... he's in the next room"
    if "in_hospital" in frames:  # "a&e nurse, lad with a stab wound": in care already
        frames = frames - {"in_hospital"} | ({"healed"} if rule.category in IN_HOSPITAL_COVERS else set())
    if "still_now" in frames or rule.category in HABIT_STILL_DANGER:
        frames = frames - {"habit"}  # "he keeps pulling up next to her ... he's still there now"
    frames = frames - {frame for frame, covers in ONLY_OVER.items() if rule.category not in covers}
    # "she went missing tonight, she's home now": safe now, said after, outweighs the "tonight";
    # so does safe now beside a time already past ("police brought him back THIS MORNING")
    safe = frames & ONLY_OVER.keys()
    if "still_to_come" in own.get(seg, set()):  # "they're picking him up IN AN HOUR. he's with me now"
        return frames - (later & ONLY_OVER.keys())
    return frames - {"now_signals"} if safe & later or (safe and "recent_past" in frames) else frames


def hit_frames(span, rule: Rule, seg: int, own: dict[int, set[str]], reached: dict[int, set[str]]) -> set[str]:
    """The frames a hit is judged by. A past frame next to it counts as past unless the hit
    itself is going on ("someones following me, same guy from last week")."""
    frames = frames_for(rule, seg, own, reached)
    if NEARBY_PAST in frames:
        frames = frames - {NEARBY_PAST}
        if not any(token.lower_.endswith("ing") for token in span):
            frames.add("past_event")
    return frames


def priority(category: str) -> int:
    return CATEGORY_PRIORITY.index(category) if category in CATEGORY_PRIORITY else len(CATEGORY_PRIORITY)


def framed_not_now(own: dict[int, set[str]], reached: dict[int, set[str]], story: bool) -> bool:
    """Is the whole message framed as not happening now? (For a danger intent with no words to
    judge: "he was stabbed last year, how do I support him".) A now-signal anywhere says no;
    a story, past, healed or "what if" frame, or a topic or advice question without a present
    subject, anywhere, says yes."""
    frames = [own.get(seg, set()) | reached.get(seg, set()) for seg in set(own) | set(reached)]
    # "had a yp TODAY with a burn ..., he's gone home now": safe now, said after, outweighs it
    frames = [f - {"now_signals"} if f & (ONLY_OVER.keys() | {"healed"}) else f for f in frames]
    if any("now_signals" in f for f in frames):
        return False
    # "my son told me tonight he's been made to carry for months": when it was told, with
    # nothing said to be happening now, is a disclosure to act on, not an alarm
    return story or any(not counts(f) or "told_when" in f for f in frames)


def counts(frames: set[str]) -> bool:
    """Does a hit in a part of the message with these frames count? When unsure, yes.

    A now-signal always counts. Otherwise a game, joke, film or the news, a healed or
    past event, or a hypothetical sets it aside; a topic or advice question sets it
    aside unless the part also names a specific present subject ("my son is ...").
    """
    if "now_signals" in frames:
        return True
    if frames & SET_ASIDE:
        return False
    return not frames & NEEDS_SUBJECT or "present_subject" in frames


def in_story(doc: Doc, start: int, stories: list[tuple[int, int]], segments: list[int]) -> bool:
    """Is the hit starting at `start` what a film, book or show contains ("the film had a
    kidnapping in it")? Within STORY_REACH words after a `story` frame, in its part of the
    message, with no STORY_STOP word between."""
    return any(s <= start and start - e <= STORY_REACH and segments[s] == segments[start]
               and not any(t.lower_ in STORY_STOP for t in doc[e:start])
               for s, e in stories)


def segment_ids(doc: Doc) -> list[int]:
    """The index of the part of the message each token belongs to."""
    ids, current = [], 0
    for token in doc:
        following = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
        if BOUNDARY.match(token.text) or (token.lower_ == "and" and following in AND_THEN):
            current += 1
        ids.append(current)
    return ids


def load_rule(row: dict[str, Any]) -> Rule:
    missing = {"id", "kind", "category", "patterns"} - set(row)
    if missing:
        raise ValueError(f"{DANGER_FILE}: rule {row.get('id')!r} lacks {sorted(missing)}")
    if row["kind"] not in KINDS:
        raise ValueError(f"{DANGER_FILE}: rule {row['id']}: kind must be one of {KINDS}")
    if not row["patterns"]:
        raise ValueError(f"{DANGER_FILE}: rule {row['id']} has no patterns")
    return Rule(row["id"], row["kind"], row["category"], bool(row.get("always", False)),
                bool(row.get("discussable", False)), bool(row.get("needs_now", False)))


@lru_cache(maxsize=1)
def danger_detector() -> DangerDetector:
    """The detector built from danger.yml, once per process."""
    return DangerDetector(yaml.safe_load(DANGER_FILE.read_text(encoding="utf-8")))
