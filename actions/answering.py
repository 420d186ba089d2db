"""Answer a question from the knowledge base: the best entry, focused on what was asked.

- The best match is given whenever it is plausible. When it is not clearly ahead, the next two
  follow as "Not what you needed?" buttons; a menu alone only when nothing is close; when
  nothing is relevant, what the assistant covers and where else to go.
- The first reply carries the part of the entry that answers the question: the short answer,
  plus the sentences of the longer answer that hold what was asked (a timescale, a law, who
  attends), so the fact is there without pressing "Tell me more".
- A message with two questions gets the second one answered too, when another entry answers it;
  a sign a worker tells in passing ("says hes with mates and fine") gets what it may mean.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.feedback_store import feedback_store
from knowledge.acts import plain_act
from knowledge.flow_data import Flow, flow_offered_after, flows
from actions.replies import (content_words, entry_text, feedback_buttons, flow_button, more_button, said_already,
                             send_answer, send_choices, topic_button)
from knowledge.contacts import ASKS_FOR_CONTACT, Contact, asked_beside_a_number, contact_asked_for, contacts_named, fill
from knowledge.entries import Entry, knowledge_base
from knowledge.search import (ON_TOPIC, SELF_CONTAINED, KnowledgeSearch, Match, is_age_correction, is_follow_up,
                              knowledge_search, names_no_topic, question_parts, sentences)

logger = logging.getLogger(__name__)
# A question that names its subject only as a thing said before: "do i have to say yes to it"
POINTS_AT_A_THING = re.compile(r"\b(?:to|through|with|about|do|does|for) (?:it|that|this|one of them|them)\b[?.! ]*$",
                               re.IGNORECASE)
MAX_WORDS = 120   # the first reply stays readable on a phone
WHOLE_ENTRY_WORDS = 100  # an entry this short, longer answer and all, is given whole
NEAR_TIE = 0.05   # a runner-up this close to the best answer is given too ...
TWO_ANSWERS_MAX_WORDS = 150  # ... when both fit in this many words
ROLE_LABEL_WORDS = 3  # "custody sgt", "DSL here", "EDT SW": a label, not a sentence about who is asking ...
LABEL_CLEARER_BY = 0.05  # ... kept in the search when it finds the best answer at least this much more closely
RUNNER_UP_SAID_ALREADY = 0.75  # a runner-up's sentence whose longer words are this much in the reply adds nothing
WHOLE_LIMIT = 10  # the whole message's closest entries, to choose between a part's close runners
RUNNER_UP_CLOSE = 0.05
SUPPORTED_PART_BAR = 0.3  # ... or this, when the whole message ranks it among its first WHOLE_SUPPORT_RANK
WHOLE_SUPPORT_RANK = 2
SECOND_PART_BAR = 0.38  # the answer to a second question in one message needs this score (and the margin)

# A message that asks what to do or who to tell gets the route for who is asking after its
# answer, unless the answer already names it: "nan here ... who do i call", "what am i missing".
ASKS_ROUTE = re.compile(
    r"\b(who\s+(else\s+)?((at|in|from)\s+(the\s+|his\s+|her\s+|my\s+|their\s+)?\w+\s+)?(do|can|should|would|shall|could|must)\s+(i|we|u)\s+(even\s+|actually\s+|be\s+)?"
    r"(call|ring|phone|tell|talk|speak|contact|report|go|turn|inform|involve|loop|looping|involving|informing|telling|bring)"
    r"|who\s+to\s+(call|ring|phone|tell|contact|talk|speak|report)"
    r"|who\s+(am\s+i|are\s+we|is\s+she|is\s+he)\s+(supposed|meant|expected)\s+to\s+(call|ring|phone|tell|contact|talk|speak|report|go)"
    r"|what\s+(do|should|can|shall|must)\s+(i|we)\s+(actually\s+|even\s+)?do\b"
    r"|what\s+now|what\s+are\s+my\s+options|what'?s\s+my\s+(safeguarding\s+)?duty|what\s+is\s+my\s+(safeguarding\s+)?duty"
    r"|what\s+(do|should)\s+(i|we)\s+(have|need)\s+to\s+do|what\s+am\s+i\s+missing|next\s+steps?"
    r"|what\s+(should|do)\s+(i|we)\s+be\s+(thinking|doing|looking\s+for)|what\s+am\s+i\s+(thinking|looking|checking)|where\s+(do|can|should)\s+(i|we)\s+(go|turn|report|get\s+help)"
    r"|how\s+(do|can|should|would|could)\s+(i|we)\s+report|(do|should)\s+i\s+(report|refer|tell|ring|call)"
    r"|anything\s+(i|we)\s+(can|could|should)\s+(be\s+)?(do|doing)\b|(is|are)\s+there\s+anything\s+(i|we)\s+(can|could|should)"
    r"|(do|must|should)\s+(i|we)\s+(actually\s+|really\s+|even\s+)?(have|need)\s+to\s+(do\s+anything|report|refer|tell|act|pass)"
    r"|do\s+(i|we)\s+(actually\s+|really\s+|even\s+|still\s+)?have\s+to\b|(my|our)\s+place\s+to"
    r"|(do|should|can)\s+(i|we)\s+(just\s+)?(wait|leave\s+it)\b|(wait|leave\s+it)\s+(till|til|until|for)\s+(monday|tomorrow|the\s+morning|morning|the\s+day\s+team)"
    r"|(need|want)\s+(proof|evidence)|(have|need)\s+to\s+be\s+(sure|certain)|pass\s+(it|this|that)\s+on|enough\s+to\s+refer"
    r"|should\s+(i|we)\s+(be\s+)?(do|doing)\s+(something|anything)|(is|it'?s|its)\s+(this|that|it)?\s*(not\s+|even\s+)?(my|our)\s+(job|place|business|problem)"
    r"|who\s+(i|we)\s+(should\s+)?(report|tell|go|talk|speak)\s+to"
    # "is there anyone i can actually talk to about it"
    r"|(any\s?one|any\s?body|someone|somebody|some1)\s+(i|we|u)\s+(can|could)\s+(actually\s+|even\s+)?(talk|speak|go|turn|tell)"
    # "i dont want to talk to police. is there anyone else", "who else is there"
    r"|(is|are)\s+there\s+(any\s?one|any\s?body|someone|somebody|some1|people)\s+(else|other)\b|who\s+else\s+(is\s+there|could\s+help|can\s+help)"
    # whether a case seen is a concern: "is that a red flag or am i reading too much into it"
    r"|(is|would)\s+(that|this)\s+(be\s+)?(a\s+)?(red\s+flag|safeguarding\s+(thing|issue|concern|matter)|(a\s+)?concern\b)"
    r"|worth\s+(flagging|reporting|passing\s+on|referring|mentioning)|should\s+(i|we)\s+(flag|mention)\b"
    # whether to act at all: "is this a big deal or just teenager stuff", "am i overthinking", "what should school be doing"
    r"|(is|was)\s+(this|that|it)\s+(a\s+big\s+deal|serious|normal|just\s+(teenage|teenager|normal|a\s+phase))"
    r"|(am\s+i|are\s+we)\s+(just\s+)?(overthinking|overreacting|over\s+reacting|being\s+paranoid|reading\s+too\s+much)"
    r"|what\s+should\s+(school|the\s+school|we|college|the\s+college)\s+(actually\s+|really\s+)?be\s+doing)",
    re.IGNORECASE)
# The route entry for each kind of asker, and words that show an answer already gives it.
# A question asked: a question mark, or a clause that opens with a question word ("is it my place",
# "anything I can do"); not a question word inside a telling ("very vague about how").
TELLS_A_QUESTION = re.compile(r"\?|(?:^|[.!,;:\n]\s*|\b(?:and|but|so|or|tho|though)\s+)"
                              r"(what|how|who|when|where|why|which|can|could|should|would|is|are|do|does|did|will|any)\b",
                              re.IGNORECASE)
# a particular young person's case ("my 12 yr old", "my eldest", "16yo", "yp i see"): told with a
# question, it still calls for who to tell
TELLS_A_CASE = re.compile(
    r"\b(?:my|our)\s+(?:\d+\s*(?:yo|yr|year)s?\s*old\s+)?(?:son|daughter|boy|girl|lad|kid|child|grandson|granddaughter|"
    r"nephew|niece|stepson|stepdaughter|eldest|youngest)\b|\b\d{1,2}\s*(?:yo|y/o|yrs?\s*old|years?\s*old)\b|\byp\b"
    r"|\b(?:lad|boy|girl|kid|pupil|student|child|tenant|patient)\s+(?:in|from|at|on)\s+(?:my|our)\s+"
    r"(?:form|class|tutor\s+group|year|school|club|group|caseload|ward|unit|project|hostel|block)\b"
    r"|\bone\s+of\s+(?:my|our)\s+(?:pupils|students|tenants|young\s+people|kids|lads|girls|boys|patients|service\s+users)\b"
    r"|\b(?:yr|year)\s*\d{1,2}\s+(?:lad|boy|girl|pupil|student|kid)\b",
    re.IGNORECASE)
# a fear for what will happen to someone ("terrified the same will happen", "scared for him"), not of
# something ("scared of the dark") or about something ("worried about her exams")
WORRY = re.compile(r"\b(worried|terrified|scared|frightened|afraid|petrified|bricking\s+it)\s+"
                   r"(for|that|the\s+same|something|he|she|they|what|it'?ll|its\s+going|he'?s\s+going|she'?s\s+going)\b",
                   re.IGNORECASE)
NEXT_NEARLY_AS_CLOSE = 0.8  # share of the best entry's coverage the next must hold to be given instead of a repeat
# Signs told in passing, and the entry that says what they may mean.
TOLD_SIGNS = ((re.compile(r"\b(?:says?|saying|said|insists?|insisting|claims?|claiming|swears?|reckons?)\b[^.?!]{0,25}"
                          r"\b(?:(?:he|she|they)(?:'?s| is| was| are|'?re|'?d| were| has been|s been) "
                          r"(?:just |only |totally |completely |absolutely )?(?:fine|ok|okay|safe|alright|all good|"
                          r"(?:at|with|staying (?:at|with)|round|stopping (?:at|with)) (?:a |his |her |their )?(?:mates?|friends?|mate'?s|friend'?s))|"
                          r"(?:staying|stopping) (?:at|with) (?:a |his |her |their )?(?:mates?|friends?))", re.IGNORECASE),
               "police_coached_stories"),)
ROUTE_FOR = {"practitioner": ("who_to_tell_practitioner", ("children's services", "childrens services", "social services")),
             "parent": ("who_to_tell_parent", ("children's services", "childrens services", "social services")),
             "young_person": ("who_to_tell_young_person", ("childline", "0800 1111", "meic")),
             None: ("who_to_tell_anyone", ("101", "crimestoppers"))}
# "what do i do" after an answer that already sends a parent to the police ("report it on 101") gets
# that answer again, not who to tell (though who to tell follows an answer that does not name
# children's services); for everyone else, the words that name their own route.
PARENT_ALREADY_SENT = ("101",)
SOCIAL_SERVICES_ACT = "social services and well-being"
# Out of hours, by the words (a worker on shift, a parent at the weekend): "night youth worker ... 2am", "EDT",
# "his SW is office hours only", "its saturday night"
OUT_OF_HOURS = re.compile(r"\b(tonight|tonite|out of hours|out-of-hours|ooh|edt|emergency duty|on call|night shift|on nights|"
                          r"nights here|midnight|[0-5] ?am|(?:9|10|11) ?pm|at this hour|office hours|"
                          r"office'?s? (?:is )?(?:shut|closed)|day team|(?:this|the) weekend|(?:friday|saturday|sunday) night|"
                          r"bank holiday)\b", re.IGNORECASE)
# (named by the service, not "out of hours" alone: the route's own first sentence says that and names no one)
OUT_OF_HOURS_ROUTE = ("who_to_tell_out_of_hours", ("out-of-hours children's services", "emergency duty"))
POLICE_ROUTE = ("who_to_tell_police", ("children's services", "childrens services", "social services"))
ROUTE_ENTRIES = frozenset(entry_id for entry_id, _ in (*ROUTE_FOR.values(), OUT_OF_HOURS_ROUTE, POLICE_ROUTE))
# A practitioner's route starts with their own safeguarding lead: an answer that names children's
# services but not the lead ("... a reason to talk to their school, children's services or the police")
# still gets it.
OWN_LEAD = ("safeguarding lead", "safeguarding person", "(dsl)", "(dsp)")


@dataclass
class Composed:
    """What the first reply to a question says."""

    entry: Entry
    text: str
    confident: bool
    alternatives: list[Entry] = field(default_factory=list)
    sources: list[Entry] = field(default_factory=list)  # every entry the text draws on
    second: Optional[tuple[Entry, str]] = None   # the answer to a second question in the message

    @property
    def citation(self) -> str:
        sections = list(dict.fromkeys(e.section.citation for e in self.sources or [self.entry]))
        return "; ".join(sections)


@dataclass(frozen=True)
class Asker:
    role: Optional[str]
    sector: Optional[str]

    @property
    def audience(self) -> set[str]:
        audience = {self.role, self.sector} - {None}
        return audience | ({"practitioner"} if self.sector else set())


def asker_of(tracker: Tracker) -> Asker:
    return Asker(tracker.get_slot("role"), tracker.get_slot("sector"))


def typed_messages(tracker: Tracker) -> list[str]:
    """The messages typed in this session so far, oldest first (button presses left out)."""
    typed = []
    for event in reversed(tracker.events):
        if event.get("event") == "session_started":
            break
        text = (event.get("text") or "") if event.get("event") == "user" else ""
        if text and not text.startswith("/"):
            typed.append(text)
    return typed[::-1]


def earlier_question(tracker: Tracker) -> str:
    """The message typed before this one in this session ("" if none)."""
    typed = typed_messages(tracker)
    return typed[-2] if len(typed) > 1 else ""


def conversation_context(earlier: list[str]) -> str:
    """What a short follow-up leans on: the message that opened the conversation (where the
    situation is usually told) and the one just before. Messages that only greet, thank or say who
    is asking ("hi im a youth worker") tell no situation and are passed over."""
    told = [text for text in earlier if not tells_no_situation(text)]
    return " ".join(dict.fromkeys(told[:1] + told[-1:]))


def tells_no_situation(text: str) -> bool:
    """"hi", "thanks", "im a youth worker": an act with nothing of the case in it ("my son is 15" has his age)."""
    act = plain_act(text)
    return act is not None and act != "give_age" and not (act == "tell_role" and any(c.isdigit() for c in text))


def focused(search: KnowledgeSearch, question: str, matches: list[Match], role: Optional[str]) -> tuple[str, list[Entry]]:
    """The best entry's short answer, then the sentences that answer what was asked (from its
    longer answer, or a close runner-up's), within MAX_WORDS; and the entries they came from. A
    small entry (WHOLE_ENTRY_WORDS) is given whole."""
    best = matches[0].entry
    text, used = entry_text(best, role), [best]
    if best.more and len(f"{text} {best.more}".split()) <= WHOLE_ENTRY_WORDS:
        # a small entry is given whole: nothing of it is held back
        return with_a_tied_runner_up(f"{text} {fill(best.more)}", used, matches, role)
    for entry, sentence in search.focus(question, matches, text + " " + best.short):
        if len((text + " " + sentence).split()) > MAX_WORDS:
            continue
        text = f"{text} {fill(sentence)}"
        used += [entry] if entry not in used else []
    return with_a_tied_runner_up(text, used, matches, role)


def says_it_again(text: str, said_before: str, matches: list[Match]) -> bool:
    """Would the reply be the words just sent, again, when the next entry holds nearly as much of
    what was asked? (Asked again in other words, with no other entry as close, it is said again.)"""
    return (len(matches) > 1 and bool(said_before) and fill(text).strip() in said_before
            and matches[1].coverage >= NEXT_NEARLY_AS_CLOSE * matches[0].coverage)


def with_a_tied_runner_up(text: str, used: list[Entry], matches: list[Match], role: Optional[str]) -> tuple[str, list[Entry]]:
    """When the runner-up scores all but level with the best, which of the two was meant cannot be
    told: its short answer follows too, while the reply stays within TWO_ANSWERS_MAX_WORDS."""
    if len(matches) < 2 or matches[1].entry in used or matches[0].score - matches[1].score > NEAR_TIE:
        return text, used
    runner_up = not_said_yet(entry_text(matches[1].entry, role), text)
    if not runner_up or len(f"{text} {runner_up}".split()) > TWO_ANSWERS_MAX_WORDS:
        return text, used
    return f"{text}\n\n{runner_up}", used + [matches[1].entry]


def not_said_yet(addition: str, said: str) -> str:
    """`addition` without the sentences `said` already holds in other words (two entries on a young
    person found far from home both say "taken straight home, not to a police station")."""
    held = content_words(said)
    return " ".join(sentence for sentence in sentences(addition)
                    if not said_already(sentence, held, RUNNER_UP_SAID_ALREADY))


def without_role_said_first(search: KnowledgeSearch, question: str, asker: Asker) -> str:
    """"im his teacher btw not his mum lol. do i tell his parents before i pass it on": who is asking
    is read from the whole message (knowledge/asker.py); the search gets the question. A bare label
    stays when it finds the answer clearly better ("custody sgt. 16yo in with 2 handsets ...": where
    the question is asked is part of it)."""
    first, _, rest = question.partition(". ")
    if not rest.strip() or plain_act(first) != "tell_role":
        return question
    if len(first.split()) > ROLE_LABEL_WORDS:
        return rest
    with_label, without = (search.search(text, asker.audience, limit=1) for text in (question, rest))
    kept = with_label and (not without or with_label[0].score >= without[0].score + LABEL_CLEARER_BY)
    return question if kept else rest


def compose(question: str, asker: Asker, previous: Optional[Entry] = None,
            prefer: frozenset[str] = frozenset(), earlier: str = "",
            search: Optional[KnowledgeSearch] = None, said_before: str = "") -> tuple[str, Optional[Composed], list[Match]]:
    """("answer", composed, matches), ("menu", None, matches) or ("none", None, matches).
    `search` is the knowledge base's own unless another is given (bench.loso answers with one
    that has not seen the set); `said_before` is the last reply, not to be sent again word for word."""
    search = search or knowledge_search()
    question = without_role_said_first(search, question, asker)
    matches = search.search(question, asker.audience, previous=previous, prefer=prefer, earlier=earlier)
    matches = own_route(search, asker, route_first_when_asked_again(search, question, asker, previous, matches), question)
    if not (search.is_relevant(matches) and search.is_plausible(matches)):
        # a fear for one young person, or who to turn to, that no entry answers gets who to tell,
        # not a menu or "not covered"
        route = route_when_no_entry_answers(search, question, asker)
        if route:
            return "answer", route, matches
        return ("menu", None, matches) if search.is_relevant(matches) else ("none", None, matches)
    confident = search.is_confident(matches)
    text, used = focused(search, question, matches, asker.role)
    if says_it_again(text, said_before, matches) and search.is_plausible(matches[1:]) and not leans_wholly_on_before(question):
        # a new question the entry just given has no more to say on ("... is he going to lose the
        # flat", after cuckooing; "and if she wont talk to anyone?", after return home interviews):
        # the next entry, rather than the same words twice
        matches = matches[1:] + matches[:1]
        confident = False
        text, used = focused(search, question, matches, asker.role)
    composed = Composed(matches[0].entry, text, confident,
                        [m.entry for m in matches[1:3] if m.entry not in used][:2] if not confident else [],
                        sources=used)
    composed.second = second_answer(search, question, asker, used) or told_sign(search, question, asker, used)
    if composed.second:  # not offered again as "not what you needed?" when it has just been given
        composed.alternatives = [entry for entry in composed.alternatives if entry.id != composed.second[0].id]
    add_route(composed, question, asker)
    add_numbers_asked_for(composed, question)
    return "answer", composed, matches


def leans_wholly_on_before(question: str) -> bool:
    """A follow-up with no topic of its own ("what now", "and for a 17 year old?"): the last answer's
    entry is still the one meant, even if its words are said again."""
    return is_follow_up(question) and (names_no_topic(question) or is_age_correction(question))


def add_numbers_asked_for(composed: Composed, question: str) -> None:
    """A question that asks for a service's number among others ("who refers to the child
    trafficking guardian, is there a number") gets it from the checked list if the answer lacks it."""
    if not ASKS_FOR_CONTACT.search(question):
        return
    for contact in contacts_named(question):
        add_number(composed, contact)


def add_number(composed: Composed, contact: Contact) -> None:
    """The service's name and number after the answer, from the checked list, unless it is there already."""
    if contact.reach not in fill(composed.text):
        composed.text = f"{composed.text}\n\n{fill(f'{contact.name}: {{{contact.id}}}')}"


def route_when_no_entry_answers(search: KnowledgeSearch, question: str, asker: Asker) -> Optional[Composed]:
    """A fear for one young person that no entry speaks to ("his dad died in a fight years ago and
    im terrified the same will happen to my boy"), or who to turn to asked beside something no
    entry speaks to ("... evryone says im next. is there anyone i can actually talk to"): who to
    tell, rather than "not covered"."""
    route = search.entry(route_for(asker)[0])
    if route is None or not ((TELLS_A_CASE.search(question) and WORRY.search(question)) or ASKS_ROUTE.search(question)):
        return None
    return Composed(route, entry_text(route, asker.role), True, sources=[route])


def route_first_when_asked_again(search: KnowledgeSearch, question: str, asker: Asker, previous: Optional[Entry],
                                 matches: list[Match]) -> list[Match]:
    """"what do i do" after an answer about the signs: the answer just given is not given again;
    who to tell, for who is asking, leads (unless that answer already said who to tell)."""
    entry_id, named = route_for(asker)
    route = search.entry(entry_id)
    if (previous is None or route is None or not matches or matches[0].entry.id != previous.id
            or not ASKS_ROUTE.search(question) or not names_no_topic(question)
            or any(word in fill(previous.short).lower()
                   for word in (PARENT_ALREADY_SENT if asker_kind(asker) == "parent" else named))):
        return matches
    return led_by(route, matches, leaving_out={route.id})


def own_route(search: KnowledgeSearch, asker: Asker, matches: list[Match], question: str = "") -> list[Match]:
    """Who to tell is written for each kind of asker: a teacher whose words found a neighbour's
    route ("not really my business but", then "im his teacher") gets their own, and at night the
    out-of-hours one."""
    route = search.entry(route_for(asker, question)[0])
    if (asker_kind(asker) is None or route is None or not matches or matches[0].entry.id not in ROUTE_ENTRIES
            or matches[0].entry.id == route.id):
        return matches
    return led_by(route, matches, leaving_out=ROUTE_ENTRIES)


def led_by(route: Entry, matches: list[Match], leaving_out: frozenset[str] | set[str]) -> list[Match]:
    """`route` in the first match's place, the rest after it without the entries `leaving_out`."""
    return [Match(route, matches[0].score, matches[0].coverage)] + [m for m in matches[1:] if m.entry.id not in leaving_out]


def asker_kind(asker: Asker) -> Optional[str]:
    return "practitioner" if asker.sector or asker.role == "practitioner" else asker.role


def route_for(asker: Asker, question: str = "") -> tuple[str, tuple[str, ...]]:
    """Who to tell, for who is asking; at night or at the weekend, the out-of-hours route."""
    if asker.sector == "police":  # an officer is not told to ring the police, day or night
        return POLICE_ROUTE
    if asker_kind(asker) in ("practitioner", "parent") and OUT_OF_HOURS.search(question):
        return OUT_OF_HOURS_ROUTE
    return ROUTE_FOR.get(asker_kind(asker), ROUTE_FOR[None])


def add_route(composed: Composed, question: str, asker: Asker) -> None:
    """After an answer to "what do I do?" or "who do I tell?", who to tell, for who is asking,
    when the answer does not already say it."""
    entry_id, named = route_for(asker, question)
    route = knowledge_base().entries.get(entry_id)
    said = composed.text.lower()
    # anyone telling of a case without a question is asking what to do: a worker ("custody sgt 2am.
    # 16yo from brum picked up in rhyl with 30 wraps"), a parent ("my son keeps disappearing
    # overnight then strolls in like nothing happened"), a young person
    told_case = not TELLS_A_QUESTION.search(question) or (bool(TELLS_A_CASE.search(question))
                                                          and not SELF_CONTAINED.match(question))
    asked = bool(ASKS_ROUTE.search(question))
    if route is None or route in composed.sources or not (asked or told_case) or says_route(said, asker, named):
        return
    text = entry_text(route, asker.role)
    # asked, the whole route; told, the whole route while the reply stays within TWO_ANSWERS_MAX_WORDS,
    # else only as far as the first sentence that names it
    if not asked and len(f"{composed.text} {text}".split()) > TWO_ANSWERS_MAX_WORDS:
        text = as_far_as_named(text, named)
    composed.text = f"{composed.text}\n\n{text}"
    composed.sources.append(route)


def says_route(said: str, asker: Asker, named: tuple[str, ...]) -> bool:
    """Does the answer already say who to tell, for who is asking?"""
    said = said.replace(SOCIAL_SERVICES_ACT, "")  # the Act's name names no one to tell
    lead_named = asker_kind(asker) != "practitioner" or any(word in said for word in OWN_LEAD)
    return lead_named and any(word in said for word in named)


def as_far_as_named(text: str, named: tuple[str, ...]) -> str:
    """The text's sentences up to the first that names one of `named` ("Who to tell: the police on 101 ...")."""
    kept = []
    for sentence in sentences(text):
        kept.append(sentence)
        if any(word in sentence.lower() for word in named):
            break
    return " ".join(kept)


def second_answer(search: KnowledgeSearch, question: str, asker: Asker, used: list[Entry]) -> Optional[tuple[Entry, str]]:
    """For a message holding two questions, the answer to the one the first answer does not cover."""
    parts = question_parts(question)
    if len(parts) < 2:
        return None
    related = {rid for entry in used for rid in entry.related}  # ids: bench.loso searches its own copies of the entries
    whole = {m.entry.id: m.score for m in search.search(question, asker.audience, limit=WHOLE_LIMIT)}
    for index, part in enumerate(parts):
        # "..., whats that and do i have to say yes to IT": a later part that points back at a thing
        # is read after the parts before it
        earlier = " ".join(parts[:index]) if POINTS_AT_A_THING.search(part) else ""
        matches = search.search(part, asker.audience, earlier=earlier)
        if not matches or matches[0].entry in used:
            continue
        matches, decided = in_the_light_of(matches, whole)
        if matches[0].entry in used:
            continue
        top = matches[0]
        # an entry the first answer names as related, or the whole message singles out, needs only
        # the bar, no margin: one subject
        # ... and a part that names little of its own ("also how long is it meant to take") needs
        # less when the whole message ranks the same entry among its first
        if (top.score >= SECOND_PART_BAR if top.entry.id in related or decided
                else search.is_clear(matches, SECOND_PART_BAR)) or supported_by_whole(top, whole):
            return top.entry, focused(search, part, matches[:1], asker.role)[0]
    return None


def supported_by_whole(top: Match, whole: dict[str, float]) -> bool:
    firsts = sorted(whole, key=whole.get, reverse=True)[:WHOLE_SUPPORT_RANK]
    return top.entry.id in firsts and top.score >= SUPPORTED_PART_BAR


def told_sign(search: KnowledgeSearch, question: str, asker: Asker, used: list[Entry]) -> Optional[tuple[Entry, str]]:
    """A sign a worker tells in passing that the guide warns about ("... says hes staying with
    friends and hes fine"): what it may mean, after the answer to what was asked."""
    if asker_kind(asker) != "practitioner":
        return None
    for pattern, entry_id in TOLD_SIGNS:
        entry = search.entry(entry_id)
        if pattern.search(question) and entry is not None and entry not in used:
            return entry, entry_text(entry, asker.role)
    return None


def in_the_light_of(matches: list[Match], whole: dict[str, float]) -> tuple[list[Match], bool]:
    """A part's close runners chosen between by the part and the whole message together ("... before
    an NRM, and do i need his consent": consent for an NRM, not for a referral to children's services).
    Also says whether that singled one out."""
    if len(matches) < 2 or matches[0].score - matches[1].score > RUNNER_UP_CLOSE:
        return matches, False
    both = sorted((m for m in matches if matches[0].score - m.score <= RUNNER_UP_CLOSE),
                  key=lambda m: -(m.score + whole.get(m.entry.id, 0.0)))
    lead_by = sum_of(both[0], whole) - sum_of(both[1], whole)
    if lead_by < RUNNER_UP_CLOSE:
        return matches, False
    return [both[0]] + [m for m in matches if m is not both[0]], True


def sum_of(match: Match, whole: dict[str, float]) -> float:
    return match.score + whole.get(match.entry.id, 0.0)


def related_entries(entry: Entry) -> list[Entry]:
    entries = knowledge_base().entries
    return [entries[rid] for rid in entry.related if rid in entries]


def offered_flow(entry: Entry, asker: Asker, in_flow: bool) -> Optional[Flow]:
    flow = None if in_flow else flow_offered_after(entry.id)
    return flow if flow and flow.is_for(asker.role, asker.sector) else None


def answer_buttons(composed: Composed, asker: Asker, in_flow: bool) -> list[dict]:
    entry = composed.entry
    buttons = [more_button(entry.id)] if entry.more and fill(entry.more) not in composed.text else []
    flow = offered_flow(entry, asker, in_flow)
    if flow:
        buttons.append(flow_button(flow.id, flow.title))
    if composed.confident:
        buttons += [topic_button(other) for other in related_entries(entry)[:2 if not flow else 1]]
    return buttons[:3] + feedback_buttons(entry)


def count_unanswered(closest: list[Entry]) -> None:
    """Count a question without a confident answer (no text kept); never fail the reply for it."""
    try:
        feedback_store().count_unanswered([entry.id for entry in closest])
    except Exception:  # the count is a nicety; the user still gets their reply
        logger.exception("could not count an unanswered question")


def answer_question(dispatcher: CollectingDispatcher, tracker: Tracker, question: str,
                    in_flow: bool = False, nothing_response: str = "utter_no_answer",
                    confident_only: bool = False, again: bool = False) -> list[EventType]:
    """Answer `question`, or say what the assistant covers. Returns the slot events.
    `confident_only`: the classifier thought it off topic, so only a confident match is given;
    `again`: the last question asked again for a new role or age, where the same answer may come back."""
    contact = contact_asked_for(question)
    if contact is not None:
        beside = asked_beside_a_number(question)
        if not beside:  # "whats the number for childline": from the checked list
            dispatcher.utter_message(response="utter_contact", contact_name=contact.name, contact_reach=contact.reach,
                                     contact_for=contact.for_whom, contact_hours=contact.hours)
            return []
        question = beside  # "can police do the NRM referral? and whats the number for ...": answered, the number added
    asker = asker_of(tracker)
    previous = knowledge_base().entries.get(tracker.get_slot("last_entry") or "")
    flow = flows().get(tracker.get_slot("flow") or "")
    outcome, composed, matches = compose(question, asker, previous, flow.entry_ids if flow else frozenset(),
                                         conversation_context(typed_messages(tracker)[:-1]),
                                         said_before="" if again else last_reply(tracker))
    if confident_only and not (outcome == "answer" and (composed.confident or matches[0].score >= ON_TOPIC)):
        outcome = "none"
    if outcome == "none":
        count_unanswered([])
        dispatcher.utter_message(response=nothing_response)
        return []
    if outcome == "menu":
        count_unanswered([m.entry for m in matches])
        send_choices(dispatcher, [m.entry for m in matches])
        return []
    if contact is not None:
        add_number(composed, contact)
    send_composed(dispatcher, composed, asker, in_flow)
    if not composed.confident:
        count_unanswered([m.entry for m in matches])
    return [SlotSet("last_entry", composed.entry.id)]


def last_reply(tracker: Tracker) -> str:
    """What the assistant said after the message before this one."""
    said, seen_user = [], 0
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            seen_user += 1
            if seen_user == 2:
                break
        elif event.get("event") == "bot" and seen_user == 1:
            said.append(event.get("text") or "")
    return "\n".join(reversed(said))


def send_composed(dispatcher: CollectingDispatcher, composed: Composed, asker: Asker, in_flow: bool) -> None:
    send_answer(dispatcher, composed.text, composed.citation, composed.entry,
                answer_buttons(composed, asker, in_flow))
    if composed.second:
        entry, text = composed.second
        send_answer(dispatcher, text, entry.section.citation, entry, [more_button(entry.id)] if entry.more else [])
    if composed.alternatives:
        send_choices(dispatcher, composed.alternatives, response="utter_not_what_you_needed")


def answer_entry(dispatcher: CollectingDispatcher, tracker: Tracker, entry: Entry) -> list[EventType]:
    """The answer a topic button names."""
    asker = asker_of(tracker)
    composed = Composed(entry, entry_text(entry, asker.role), True)
    send_composed(dispatcher, composed, asker, bool(tracker.get_slot("flow")))
    return [SlotSet("last_entry", entry.id)]
