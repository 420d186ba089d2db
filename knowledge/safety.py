"""The one owner of the safety decision: is someone in danger now, is harm being disclosed, is
this a request to refuse? Pure: text (and the NLU's danger intent) in, a `Safety` verdict out.

- Danger comes from the patterns of danger.yml (knowledge/danger.py), from a classifier trained
  at start-up on labelled messages (danger_examples.yml, with the entries' example questions as
  more not-danger; word and character n-grams, logistic regression, seeded) or from DIET's
  `danger_now` intent. The rules catch what they were written for, exactly; the classifier
  catches wordings nobody wrote a rule for. The frames that set danger words aside (past, a
  story, a "what if", a topic question) apply to all three, so "he was stabbed last year, how do
  I support him" raises no alarm whichever of them saw it.
- Disclosures (disclosures.yml) are recognised whatever the tense ("I was raped"), set aside
  only in a story or the news, or in a topic or "what if" question about nobody in particular.
  One disclosure per turn is answered, the most serious first; a class the danger reply already
  covers (an injury after an assault) is not repeated.
- Refusals (disclosures.yml): finding or naming a person, helping to exploit, writing abuse.

The verdict names classes and rule ids, never the message text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import yaml
from spacy.matcher import Matcher

from knowledge.acts import plain_act
from knowledge.asker import IT_IS_ME
from knowledge.danger import DangerDetector, compile_patterns, danger_detector, frames_by_segment, segment_ids
from knowledge.entries import knowledge_base
from knowledge.text import nlp

DISCLOSURES_FILE = Path(__file__).with_name("disclosures.yml")
EXAMPLES_FILE = Path(__file__).with_name("danger_examples.yml")
CLASSIFIER_BAR = 0.75  # the classifier's probability of danger now that raises the alarm ...
CLASSIFIER_BAR_WITH_DISCLOSURE = 0.85 # ... and when the words also tell of harm already done
# DIET's danger_now alone raises the alarm only on a message too short for the words to be judged
# ("please come quick"); on longer ones it raised only false alarms on the labelled sets ("theyre my
# boys tho, they look out for me"), where the patterns and the classifier had every danger already.
INTENT_ALONE_MAX_WORDS = 6
DANGER_INTENT = "danger_now"
DISCLOSURE_PRIORITY = ("sexual_assault", "self_harm", "domestic_abuse", "abuse", "image_threat",
                       "exploited_now", "debt_threats", "assault", "medical", "depressed")
# What a danger reply already says, so the disclosure reply is not added as well.
COVERED_BY_DANGER = {
    "self_harm": {"self_harm", "depressed"},
    "injury": {"assault", "medical"},
    "medical": {"assault", "depressed", "medical"},
    "plugging": {"medical"},
}
# Harm that, told without naming anyone ("been cutting again", "keep thinking about ending it"), is the teller's own.
OWN_WHEN_NO_ONE_NAMED = frozenset({"self_harm", "depressed"})
FIRST_PERSON = frozenset({"i", "me", "myself", "im", "i'm", "ive", "i've", "i'd", "'m", "m"})
# How many words before a disclosure's words a first-person word still says who was harmed ...
FIRST_PERSON_REACH = 4
# ... unless it is the one told: "a young person told ME they were being made to carry drugs".
TOLD_VERBS = frozenset({"tell", "ask", "text", "message", "show", "ring", "call", "email"})
# Words for a young person the user is telling about (then it is not about themself) ...
CHILD_WORDS = frozenset("""son daughter child kid kids boy girl lad grandson granddaughter stepson
    stepdaughter nephew niece pupil pupils student yp learner patient client tenant resident""".split())
# The object a harm is done to, when it is the user ("he hits me", "they make me").
DONE_TO = frozenset({"me", "myself"})
# ... and third-person words, which outweigh the first person when there are more of them
# ("i think he's going to hurt himself"), but not when they name the exploiter ("he wants me to").
THIRD_PERSON = frozenset("he she him her his hers hes shes himself herself".split())
# ... and the people a teller names as theirs, who count as someone else beside "my"
# ("my mate got jumped by the lads he runs for" is about the mate; "my boyfriend hit me" is not)
PEOPLE_THE_TELLER_NAMES = frozenset("mate mates friend friends cousin bro brother sister sis boyfriend girlfriend bf gf".split())
# ... except one who is older: "an older lad asked me to drop a bag off" is told by the young person.
OLDER = frozenset({"older", "old", "big", "bigger", "grown", "adult"})
# A young person named by age or school year ("my 12yo", "a yr10", "year 9 girl") is a child word too.
CHILD_BY_AGE = re.compile(r"\b\d{1,2} ?(?:yo|y/o|yr old|yrs old|year old|years old|year-old)\b|\b(?:yr|year) ?(?:[7-9]|1[0-3])s?\b")
# The teller's own child when "my" or "our" comes before ("my son", not "my nephew", "my pupil")
OWN_CHILD_WORDS = frozenset("son daughter child kid boy girl lad grandson granddaughter stepson stepdaughter".split())
BODY_PARTS = frozenset("""face arm leg hand neck back cheek head nose jaw finger eye lip rib wrist
    shoulder stomach chest knee foot""".split())
# Texting drops the "I": "got jumped last week", "been beaten up" open the message.
DROPPED_I = frozenset({"got", "been", "getting", "gettin", "was", "just"})
# ... and of a whole message, where "just" opens others' news too ("just been told by a neighbour")
DROPPED_I_OPENING = DROPPED_I - {"just"} | {"ca", "cant", "stuck", "trapped", "locked", "hiding", "scared", "owe", "plugged", "swallowed", "had"}
# An injury where drugs were hidden in the body is harm from plugging: its own help ("had to plug earlier ... theres blood")
PLUGGING_WORDS = frozenset({"plug", "plugged", "plugging", "pluggin", "plugs"})
# Said to stand down what came before: all right, only asking ("its fine tho", "i just wanted to know")
STANDING_DOWN = re.compile(r"^\W*(?:(?:ok|okay|no|nah|honestly)\W+)*(?:it'?s|its|i'?m|im|we'?re|were) (?:all )?(?:fine|ok|okay|alright|safe)\b|"
                           r"\bi (?:was )?(?:just|only) (?:wanted to know|want(?:ed)? to check|asking|wondering|curious)\b", re.IGNORECASE)
# Someone else sending the user the words: "she sent me", "he's just texted me"
SENT_TO_ME = re.compile(r"\b(he|she|they|hes|shes|he's|she's)\s+(has\s+|'s\s+|s\s+|have\s+)?(just\s+)?"
                        r"(sent|texted|messaged|snapped|dm'?d)\s+(me|us)\b")
# Still here after a crisis told: "ok. i gave them to my mum. im still here", "flushed them"
STILL_HERE = re.compile(r"\b(?:i'?m|im|i am) still here\b|\b(?:gave|given|handed) (?:them|it|the \w+) (?:to|over)\b|"
                        r"\b(?:got rid of|flushed|binned|threw away|thrown away) (?:them|it|the)\b|"
                        r"\bthrew (?:them|it) away\b", re.IGNORECASE)
# A word's meaning asked: "what does taxing mean?? his cousin got taxed", "was that what they call taxing"
MEANING_ASKED = re.compile(r"\bwhat (?:does|do|did|is|s|'s) [\w'-]+(?: [\w'-]+)? mean\b|\bwhat (?:they|people|you|u) call\b|"
                           r"\bmeaning of\b|\bwdym\b|\bwym\b|\bwhat do (?:you|u) mean\b", re.IGNORECASE)
SET_ASIDE_FRAMES = frozenset({"unreal", "story"})
# Requests whose words name harm wanted, not harm happening: "want him hurt bad" is refused, not alarmed.
HARM_ASKED_FOR = frozenset({"hurt_someone", "write_abuse", "help_exploit"})
QUESTION_FRAMES = frozenset({"topic_question", "hypothetical"})
# Told in the words of a question, the question word part of the telling: "whats even the point"
ASKED_AS_TOLD = frozenset({"depressed"})
# A part that speaks of now keeps a disclosure told beside an ended past ("i stopped but theyre making me go back tonight")
NOW_FRAMES = frozenset({"now_signals", "still_now", "ongoing"})


@dataclass(frozen=True)
class Safety:
    danger: Optional[str] = None       # the situation (a danger.yml category), or None
    self_harm: bool = False            # the danger is to the person's own life
    disclosure: Optional[str] = None   # the disclosure class answered this turn, or None
    refusal: Optional[str] = None      # the kind of request refused, or None
    about_self: bool = False           # the user is the one harmed or at risk ("I", "me", nobody else)
    matched: tuple[str, ...] = ()      # rule ids, for tests and benchmarks

    @property
    def is_danger(self) -> bool:
        return self.danger is not None

    def as_dict(self) -> dict[str, Any]:
        return {"danger": self.danger, "self_harm": self.self_harm, "disclosure": self.disclosure,
                "refusal": self.refusal, "about_self": self.about_self, "matched": list(self.matched)}

    @classmethod
    def from_dict(cls, data: Optional[dict[str, Any]]) -> "Safety":
        data = data or {}
        return cls(data.get("danger"), bool(data.get("self_harm")), data.get("disclosure"),
                   data.get("refusal"), bool(data.get("about_self")), tuple(data.get("matched") or ()))


class ClassMatcher:
    """Patterns by class (disclosures or refusals), each class's hits minus its `except` spans."""

    def __init__(self, classes: dict[str, dict[str, Any]], where: str) -> None:
        self.matcher = Matcher(nlp().vocab, validate=True)
        self.classes = tuple(classes)
        # Classes whose past events count only when the user is the one harmed ("I was beaten
        # up" is told now; "my son was stabbed last year" is history, answered as a question).
        self.past_needs_first_person = frozenset(
            name for name, row in classes.items() if row.get("past_needs_first_person"))
        # Classes a past told as over sets aside, even of the user ("i used to run for them but i stopped")
        self.over_when_ended = frozenset(name for name, row in classes.items() if row.get("over_when_ended"))
        for name, row in classes.items():
            if not row.get("patterns"):
                raise ValueError(f"{DISCLOSURES_FILE}: {where}.{name} has no patterns")
            self.matcher.add(f"hit:{name}", compile_patterns(row["patterns"], name, DISCLOSURES_FILE))
            if row.get("except"):
                self.matcher.add(f"except:{name}", compile_patterns(row["except"], name, DISCLOSURES_FILE))

    def hits(self, doc) -> list[tuple[str, int, int]]:
        """(class, start, end) of every hit not cancelled by one of its class's exceptions."""
        found, cancelled = [], []
        for match_id, start, end in self.matcher(doc):
            kind, name = doc.vocab.strings[match_id].split(":", 1)
            (found if kind == "hit" else cancelled).append((name, start, end))
        return [(name, s, e) for name, s, e in found
                if not any(c == name and cs < e and s < ce for c, cs, ce in cancelled)]


class DangerClassifier:
    """How likely a message is to be about danger now, learnt from labelled messages."""

    def __init__(self, danger: list[str], not_danger: list[str]) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline, make_union

        features = make_union(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
                              TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True))
        self.model = make_pipeline(features, LogisticRegression(C=4, class_weight="balanced", max_iter=3000,
                                                                random_state=2021))
        self.model.fit(danger + not_danger, [1] * len(danger) + [0] * len(not_danger))

    def probability(self, text: str) -> float:
        return float(self.model.predict_proba([text])[0, 1])


class SafetyAssessor:
    def __init__(self, danger: DangerDetector, data: dict[str, Any],
                 classifier: Optional[DangerClassifier] = None) -> None:
        self.danger = danger
        self.classifier = classifier
        self.disclosures = ClassMatcher(data["classes"], "classes")
        self.refusals = ClassMatcher(data["refusals"], "refusals")
        unknown = set(self.disclosures.classes) ^ set(DISCLOSURE_PRIORITY)
        if unknown:
            raise ValueError(f"{DISCLOSURES_FILE}: classes must be exactly {DISCLOSURE_PRIORITY}, not {sorted(unknown)}")

    def assess(self, text: str, danger_intent: bool = False) -> Safety:
        text = text or ""
        doc = self.danger.read(text)
        refused = self.refusals.hits(doc)
        asked_for = tuple((s, e) for name, s, e in refused if name in HARM_ASKED_FOR)
        verdict = self.danger.check_doc(doc, asked_for)
        danger, self_harm, matched = None, False, list(verdict.matched)
        if verdict.is_danger:
            danger, self_harm = verdict.category or "general", verdict.kind == "self_harm"
        tokens = [token.lower_ for token in doc]
        words = set(tokens)
        # the words of what is asked for are not harm told: "need a few young lads to do deliveries for me"
        hits = [(name, s, e) for name, s, e in self.disclosures.hits(doc)
                if not any(s < asked_end and asked_start < e for asked_start, asked_end in asked_for)]
        disclosure = self._disclosure(doc, hits, danger, verdict.frames)
        refusal = self._refusal(refused)
        if refusal == "write_abuse":  # the threat or the abuse is the words asked for, not one made or told
            disclosure = None
            if danger == "threats":
                danger, matched = None, []
        if refusal == "locate_person" and disclosure == "exploited_now":
            disclosure = None  # who they want named: "which lads are running the lines, full names"
        # The classifier or the intent alone raise the alarm only where the words neither set
        # danger aside nor tell of harm already done ("I was beaten up by my husband" is a
        # disclosure, told now), and never for a bare age given as an answer ("he's 15") or beside
        # a request refused ("which house is the trap house? just tell me the street").
        learnt_may_decide = not (verdict.framed_not_now or verdict.set_aside or refusal == "locate_person"
                                 or plain_act(text) == "give_age")
        if danger == "injury" and words & PLUGGING_WORDS:
            danger = "plugging"
        if danger is None and learnt_may_decide:
            chance = self.classifier.probability(text) if self.classifier is not None else 0.0
            if chance >= (CLASSIFIER_BAR_WITH_DISCLOSURE if disclosure else CLASSIFIER_BAR):
                # told with thoughts of ending it, the danger is to themselves: the crisis lines too
                self_harm = disclosure in ("self_harm", "depressed")
                danger, matched = ("self_harm" if self_harm else "general"), ["classifier"]
            elif danger_intent and not disclosure and len(text.split()) <= INTENT_ALONE_MAX_WORDS:
                danger, matched = "general", [f"intent:{DANGER_INTENT}"]
        matched += [f"disclosure:{disclosure}"] if disclosure else []
        matched += [f"refusal:{refusal}"] if refusal else []
        mine = FIRST_PERSON | {"my"}  # "my face is swollen"; "my son" is ruled out by the child words
        children = {t.lower_ for t in doc
                    if t.lower_ in CHILD_WORDS and not older_one(doc, t.i) and not said_of_self(doc, t.i)}
        about_self = (bool(words & mine) and not children and not CHILD_BY_AGE.search(doc.text.lower())
                      and sum(t in mine for t in tokens) >= sum(t in THIRD_PERSON | PEOPLE_THE_TELLER_NAMES for t in tokens))
        # no one else named: "on the roof. everyone would be better off. sorry mam" (danger now), or
        # "been cutting again. not bad just want it to stop" (told)
        no_one_else = not children and not words & THIRD_PERSON
        about_self = about_self or (no_one_else and (self_harm or disclosure in OWN_WHEN_NO_ONE_NAMED))
        # the "I" dropped, no one else named but them: "been OT since monday cant leave, they watch the door"
        opening = first_word(doc)
        about_self = about_self or (no_one_else and opening is not None and opening.lower_ in DROPPED_I_OPENING)
        # "she's just messaged me 'sorry for everything'": the words are someone else's, sent to the user
        about_self = about_self and not SENT_TO_ME.search(doc.text.lower())
        told = [(s, e) for name, s, e in hits if name == disclosure]
        # harm done to "me" in the words that tell it: "my dad ... hits me with his belt"
        done_to_me = any(t.lower_ in DONE_TO for s, e in told for t in doc[s:e])
        about_self = about_self or (done_to_me and not children and not CHILD_BY_AGE.search(doc.text.lower()))
        # "im not even sure hes been trafficked": the one it happens to is named just before the words
        about_self = about_self and not (told and all(said_of_another(doc, s, e) for s, e in told))
        return Safety(danger, self_harm, disclosure, refusal, about_self, tuple(matched))

    def _disclosure(self, doc, hits: list[tuple[str, int, int]], danger: Optional[str],
                    spans: tuple[tuple[str, int, int], ...]) -> Optional[str]:
        """The disclosure told, read with the frames the danger check found in the same message."""
        segments = segment_ids(doc)
        frames, _ = frames_by_segment(spans, segments)  # (its now-signals are not read here)
        long_ago = long_ago_parts(spans, segments)
        # harm long past, disclosed just now, is still to act on
        to_act_on = any(name == "still_to_act_on" for name, _, _ in spans)
        over = (any(name == "ended" for name, _, _ in spans) and not to_act_on
                and any(name == "past_event" for name, _, _ in spans))
        found = set()
        asking = [s for frame, s, _ in spans if frame == "topic_question"]  # where a question word opens
        meaning_asked = bool(MEANING_ASKED.search(doc.text))
        own_child = meaning_asked and own_child_named(doc)
        for name, start, end in hits:
            own = frames.get(segments[start], set())
            later = {f for seg, fs in frames.items() if seg > segments[start] for f in fs}
            if own & SET_ASIDE_FRAMES:
                continue
            # a word asked about, told of someone else or long ago: "his cousin got taxed. what does it mean"
            if (meaning_asked and not told_of_self(doc, start, end, segments)
                    and (segments[start] in long_ago or not own_child)):
                continue
            # (a threat held over them is told, not asked: "but if i stop they said ill owe them")
            if own & QUESTION_FRAMES and not (told_of_self(doc, start, end, segments)
                                              or own & {"present_subject", "conditional_threat"}
                                              or (name in ASKED_AS_TOLD and any(start <= s < end for s in asking))):
                continue
            if ((segments[start] in long_ago or "past_event" in own and {"healed", "doing_ok"} & (own | later))
                    and name in self.disclosures.past_needs_first_person and not to_act_on
                    and not told_of_self(doc, start, end, segments)):
                continue
            # exploitation told as over and past: "i used to run for them but i stopped 6 months ago"
            if (name in self.disclosures.over_when_ended and over and own.isdisjoint(NOW_FRAMES)):
                continue
            found.add(name)
        found -= COVERED_BY_DANGER.get(danger or "", set())
        return next((name for name in DISCLOSURE_PRIORITY if name in found), None)

    def _refusal(self, refused: list[tuple[str, int, int]]) -> Optional[str]:
        hits = {name for name, _, _ in refused}
        return next((name for name in self.refusals.classes if name in hits), None)


def long_ago_parts(spans: list[tuple[str, int, int]], segments: list[int]) -> set[int]:
    """The parts of the message that speak of harm long past: a past frame that is not only
    "last night" or "last week" ("his dealers beat him up last week" is still to act on;
    "when he was 13", "last year" are not)."""
    recent = [(s, e) for name, s, e in spans if name == "recent_past"]
    ongoing = {segments[s] for name, s, e in spans if name == "ongoing"}
    return {segments[s] for name, s, e in spans
            if name == "past_event" and not any(rs < e and s < re_ for rs, re_ in recent)} - ongoing


def first_word(doc):
    """The message's first token that is not punctuation, if any."""
    return next((token for token in doc if not token.is_punct), None)


def told_of_self(doc, start: int, end: int, segments: list[int]) -> bool:
    """Is the user the one harmed in the hit at start:end? A first-person word in the hit or
    just before it, in its part of the message ("I got jumped last year", "they jumped me"),
    not elsewhere ("he was stabbed last year, how do I help him" is about him), and not the
    one told ("if a pupil tells me they're being made to carry drugs"). A message that opens
    with its verb ("got jumped last week") speaks of the teller."""
    near = range(max(0, start - FIRST_PERSON_REACH), end)
    opening = first_word(doc)
    if opening is not None and opening.lower_ in DROPPED_I and segments[opening.i] == segments[start]:
        return True
    # a part that speaks of "I" and of no one else: "when i was 14 i was kept in a flat ... n made to sell"
    own_part = {t.lower_ for t in doc if segments[t.i] == segments[start]}
    if own_part & FIRST_PERSON and not own_part & (THIRD_PERSON | CHILD_WORDS | {"they", "them", "we"}):
        return True
    # "they cut MY FACE last month": the teller's own body
    if any(doc[i].lower_ == "my" and doc[i + 1].lemma_.lower() in BODY_PARTS for i in range(start, min(end, len(doc) - 1))):
        return True
    return any(doc[i].lower_ in FIRST_PERSON and segments[i] == segments[start]
               and not (i > 0 and doc[i - 1].lemma_.lower() in TOLD_VERBS) for i in near)


def said_of_another(doc, start: int, end: int) -> bool:
    """Is the one harmed in the hit at start:end named just before it as "he" or "she" ("one of
    the lads told me hes doing runs"), with no "me" in the hit or just after it ("hes making me
    sell", "he raped me")?"""
    if any(t.lower_ in FIRST_PERSON for t in doc[start:end + 2]):
        return False
    for token in reversed(doc[max(0, start - FIRST_PERSON_REACH):start]):
        if token.lower_ in FIRST_PERSON:
            return False
        if token.lower_ in THIRD_PERSON:
            return True
    return False


def own_child_named(doc) -> bool:
    """"my son", "our daughter": the teller's own child (not "my nephew", "my pupil")."""
    return any(t.lower_ in OWN_CHILD_WORDS and t.i > 0 and doc[t.i - 1].lower_ in ("my", "our") for t in doc)


def older_one(doc, i: int) -> bool:
    """"an older lad asked me": a child word for someone older than the one who asks."""
    before = {t.lower_ for t in doc[max(0, i - 2):i]}
    return bool(before & OLDER) and not before & {"my", "our"}  # "my older son" is still the child


def said_of_self(doc, i: int) -> bool:
    """"im a lad so who do i tell", "im a 'good kid' i guess": the child word is the one writing."""
    before = [t.lower_ for t in doc[max(0, i - 6):i]]
    if "a" not in before[-4:]:  # up to three tokens ("'", "good") between "a" and the child word
        return False
    at = len(before) - 1 - before[::-1].index("a")
    return bool(set(before[max(0, at - 2):at]) & {"im", "i'm", "m", "'m", "am"})


@lru_cache(maxsize=1)
def danger_classifier() -> DangerClassifier:
    """Trained once per process on danger_examples.yml and the entries' example questions."""
    examples = yaml.safe_load(EXAMPLES_FILE.read_text(encoding="utf-8"))
    questions = [q for entry in knowledge_base().entries.values() for q in entry.examples]
    return DangerClassifier(examples["danger"], examples["not_danger"] + questions)


@lru_cache(maxsize=1)
def safety_assessor() -> SafetyAssessor:
    """Built once per process from danger.yml, disclosures.yml and the trained classifier."""
    return SafetyAssessor(danger_detector(), yaml.safe_load(DISCLOSURES_FILE.read_text(encoding="utf-8")),
                          danger_classifier())


def assess(text: str, danger_intent: bool = False) -> Safety:
    return safety_assessor().assess(text, danger_intent)


def in_context(safety: Safety, text: str, earlier: str) -> Safety:
    """This turn's verdict read with the message before it: danger that the two say together
    and neither says alone ("he's been hanging round with older men", then "still not back and
    it's gone midnight") raises the alarm. Rules only: the classifier, shown two messages at
    once, would find danger that belongs to neither. A message already alarmed is not alarmed
    again for what follows it."""
    if safety.is_danger or safety.refusal or not earlier.strip() or not text.strip():
        return safety
    its_me, still_here = IT_IS_ME.search(text), STILL_HERE.search(text)
    if safety.disclosure is None and (its_me or still_here):
        told = assess(earlier)
        if its_me and told.disclosure is not None:  # "my mate is being used to sell", then "actually its me not my mate"
            safety = replace(safety, disclosure=told.disclosure, about_self=True,
                             matched=safety.matched + (f"with_earlier:disclosure:{told.disclosure}",))
        elif still_here and told.self_harm:  # "i want to die", then "ok. i gave them to my mum. im still here"
            safety = replace(safety, disclosure="self_harm", about_self=True,
                             matched=safety.matched + ("with_earlier:still_here",))
    if STANDING_DOWN.search(text):  # "its fine tho they havent done nothing yet i just wanted to know"
        return safety
    detector = danger_detector()
    together = detector.check(f"{earlier}\n{text}")
    if not together.is_danger or detector.check(earlier).is_danger:
        return safety
    return replace(safety, danger=together.category or "general", self_harm=together.kind == "self_harm",
                   matched=safety.matched + tuple(f"with_earlier:{rule}" for rule in together.matched))
