"""One turn of free text: whatever is typed gets its answer in this reply.

`action_respond` runs for every message that asks or tells something (the NLU's TurnReader
sends every non-act here). In order:
1. who is asking, from clear words ("my son", "I'm a teacher", "im 15");
2. safety first: 999 and what helps, a disclosure reply, a refusal (actions/safety_replies.py),
   also when the danger is said by this message and the one before together;
3. a flow's question answered in words ("no he lives with us", "she's 16"), a changed answer;
4. the answer to the question, if the message asks one;
5. the flow: started when asked for, or the next step, never a question in the same breath
   as a crisis.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.acts import acknowledge, previous_turn, safety_of
from actions.answering import (ROUTE_ENTRIES, Asker, Composed, answer_entry, answer_question, asker_of, compose,
                               earlier_question, send_composed)
from knowledge.flow_data import Flow, flow_offered_after, flow_starting_with, flows
from actions.flows import (NEXT_BUTTON, STOP_BUTTON, FlowState, answers_in, changed_step, concern_summary,
                           known_slots, next_index, show_step, start_flow)
from actions.replies import flow_button
from actions.safety_replies import TOLD_BY_THE_EXPLOITED, SafetySaid, send_safety
from knowledge.acts import plain_act
from knowledge.asker import role_in, sector_in
from knowledge.entries import knowledge_base
from knowledge.safety import CHILD_BY_AGE, CHILD_WORDS, Safety, in_context
from knowledge.language import language_rules
from knowledge.search import Match, knowledge_search
from knowledge.welsh import english_gloss

WELSH = re.compile(r"\b(dwi|rydw|ydw|fy|mab|merch|plentyn|poeni|beth|ddylwn|gwneud|helpu|heddlu|mae|wedi|ddim|"
                   r"diolch|sut|pryd|pam|gallu|angen|help|cymorth|adre|ysgol|ofn|nawr|rhywun|"
                   r"ydych|chi|siarad|siaradwch|cymraeg|gymraeg|helo|shwmae|iawn|hefyd|gyda|eich|fi|ti|yn|os|dda|gwelwch|ga|gan|efo|"
                   r"ac|ar|goll|bob|wneud|bore|ydy|yw|bod|nhw|e'n|hi'n|mynd|penwythnos|nos|heddiw)\b", re.IGNORECASE)

# A word-for-word gloss of Welsh that finds an entry this closely is answered from it, though not confident
WELSH_GLOSS_CLOSE = 0.5
# A child of theirs told of in Welsh ("mae fy mab yn 14 ac mae e'n cario pecynnau"): a worried parent or relative.
WELSH_CHILD = re.compile(r"\b(fy|ein) (mab|merch|ŵyr|wyr|wyres|mhlentyn|mhlant|plant|nith|nai|mrawd|chwaer)\b", re.IGNORECASE)

# How a record lists a child as missing: "reported", "flagged as", "down as"
LISTED_AS = r"(?:reported|listed|flagged(?: as)?|marked(?: as)?|down as)"
# Back already ("kid just came back 4am soaked", "police are bringing him back"): what to do on their
# return is answered, not the steps for a child still missing ("he hasn't come back" is still missing).
BACK_ALREADY = re.compile(r"(?<!n't )(?<!nt )(?<!not )(?<!never )(?<!yet to )\b(?:"
                          r"(?:came|come|comes|got|gets|walked|walks|strolls|rolls|is|just|turned|turns) (?:back|home|up)\b(?! (?:yet|since))|"
                          r"(?:just|has|have|'s|hes|shes) (?:walked|come|got|strolled|rolled) in\b(?! (?:the |a |his |her |their )?(?:car|van|motor|taxi))|"
                          r"bring(?:s|ing)? (?:him|her|them) (?:back|home)\b|"
                          r"(?:brought|bought|dropped|returned) (?:(?:my|our|his|her|the) )?(?:\w+ )?(?:back|home)\b|"
                          r"\bfound (?:in|at|on|near|asleep|sleeping|wandering|hiding)\b|"
                          r"\b(?:police|officers|we|staff) (?:have|has|'ve|'s|have got|'ve got|got) (?:him|her|them)\b(?! (?:back|home))|"
                          rf"\bturn(?:s|ed) out (?:he|she|they)(?:'s|s| is| was| are|'re)? (?:been )?(?:{LISTED_AS} )?missing\b|"
                          rf"\b(?:log|system|records?|pnc|niche|check) (?:says|shows|has) (?:(?:he|she|they)(?:'s|s| is| was| are|'re)? |(?:him|her|them) (?:as )?)?(?:been )?{LISTED_AS} missing\b|"
                          r"(?:has|have|was|were|been) (?:returned|found)\b|(?:police )?found (?:him|her|them)\b|"
                          # in front of the one writing: "a&e nurse. 15yo brought in by police, reported missing from care"
                          r"(?:brought|bought|came) in by (?:the )?(?:police|officers|ambulance|paramedics)\b|"
                          r"returned (?:to|at) (?:the |his |her |their |our )?(?:resi|residential|home|placement|unit|carers?|foster|care)\b|"
                          r"(?<!isnt )(?<!isn't )(?<!aint )back (?:after|from|safe(?:ly)?|at \d{1,2}(?:[:.]\d\d)?\s*(?:am|pm)?)\b)",
                          re.IGNORECASE)
# A part asked at the end of a message names a topic of its own from this summed word rarity
# (knowledge/search.py `topic_weight`): "whats the next step" does not, "whats a return interview" does.
TOPIC_WEIGHT_OF_ITS_OWN = 4.0
# ... and words told after saying who is asking carry news of their own from this weight ("im in care btw.
# my sw is new and i dont trust her"), where "hes lived with me since he was 8" does not
TOPIC_WEIGHT_OF_NEWS = 10.0
# How much more closely a question's own part must match than the whole message to be answered alone.
CLEARER_BY = 0.2
# Refused words that leave a question beside them still to answer: "ur useless, just tell me who to ring"
SAID_BESIDE_A_QUESTION = frozenset({"abuse_at_assistant"})
# Back as a habit, not back now: "they always just bring him back and nothing changes"
BACK_AS_A_HABIT = re.compile(r"\b(always|usually|normally|every time|each time|whenever|keeps?)\b", re.IGNORECASE)
# Going missing again and again, told as a pattern, not one child missing now: "3rd missing report
# this month for the same girl", "third time this week shes gone"
MISSING_AS_A_PATTERN = re.compile(r"\b(?:\d+(?:st|nd|rd|th)?|second|third|fourth|fifth|several|multiple|many|loads of|lots of)\s+"
                                  r"(?:missing (?:reports?|episodes?|incidents?)|episodes|times? (?:this|in|a) (?:week|month|year|fortnight))\b",
                                  re.IGNORECASE)
# Plainly not missing now: "police said he isnt missing", "shes on the missing list" (and in front of
# them), "keeps going off for a few hrs and coming back" (a habit told)
NOT_MISSING_NOW = re.compile(r"\b(?:is ?n'?t|is not|aint|not) (?:really |actually |classed as |counted as )?missing\b|"
                             r"\bon the missing (?:list|register|log|persons?)\b|"
                             r"\bkeeps? (?:going|goin|running|slipping|disappearing)\b[^.?!]{0,40}\b(?:coming|comes) back\b",
                             re.IGNORECASE)
# Drawing back after telling something: "nah forget it im fine honestly", "asking for a mate", "not
# tonight tho, im ok. just wanted to tell someone". The door is left open; the words are not a question.
STANDING_DOWN = re.compile(r"\b(?:forget (?:it|that|i said (?:anything|owt|it))|never ?mind|ignore (?:that|me|what i said)|"
                           r"(?:asking|it'?s|its) for a (?:mate|friend)|(?:i'?m|im|i am) (?:fine|ok|okay|alright|all right|good)|"
                           r"just wanted to (?:tell|talk to) (?:someone|somebody|some1|you)|(?:it'?s|its|it was) nothing)\b",
                           re.IGNORECASE)
STANDING_DOWN_MAX_WORDS = 15
NAMES_A_MATE = re.compile(r"\b(?:mate|friend)\b", re.IGNORECASE)  # "asking for a mate" draws back whoever asks
# Feared, not happened: "how do i make sure he doesnt just disappear back there"
MISSING_FEARED = re.compile(r"\b(?:does ?n'?t|does not|do ?n'?t|wo ?n'?t|not|never) (?:just |simply )?(?:disappear|vanish|go missing)\b",
                            re.IGNORECASE)
MISSING_NOW_TOO = re.compile(r"\b(?:now|tonight|today|again|still|yet|not (?:back|home)|(?:hasn'?t|hasnt|has not|not) (?:come|been|got))\b", re.IGNORECASE)
# A missing young person said in words: the missing steps start only when someone is (a custody
# sergeant whose 14-year-old "can't go home" is asking where he can go, not reporting him missing).
MISSING_SAID = re.compile(r"\b(?:missing|awol|mfh|abscond\w*|disappear\w*|vanish\w*|last seen|run(?:ning)? away|"
                          r"ran (?:away|off)|(?:gone|went) off|(?:not|n't|nt|never) (?:come|came|been|got|gone|back|home)\b|"
                          r"hasn'?t (?:come|been|got|returned)|(?:can'?t|cannot|cant) find|where (?:he|she|they) (?:is|are)|"
                          r"(?:still|stayed) out|out all night|not answering|no answer|phone(?:s|'s)? (?:off|dead)|"
                          r"not heard|gone since|been gone)",
                          re.IGNORECASE)


# Words only this subject uses: a message holding one is not off topic, whatever the classifier thought
# ("EDT - does the ICTG service work out of hours or do i wait till monday?").
OWN_TERMS = re.compile(r"\b(ictg|nrm|cce|county lines?|cuckoo\w*|traffick\w*|exploit\w*|groom\w*|s47|section 4[5-9]|"
                       r"strategy (?:meeting|discussion)|strat meeting|return (?:home )?interview|safeguard\w*|edt|"
                       r"emergency duty|marf|youth justice|yot|trap ?house|bando|plugg\w*|debt bondage|modern slavery|"
                       r"pru|pupil referral|eotas|exclu(?:de|des|ded|ding|sion)|expelled|kicked out of (?:school|college)|"
                       r"olders|elders|going (?:ot|country)|shotting|selling|sofa ?surf\w*|t[ao]ke?n? over|line phone|deal line|burner|dealers?|assetplus|asset plus|"
                       r"missing|overnight|stay(?:s|ed|ing)? out|(?:not|never|didn'?t|hasn'?t|won'?t) (?:come|came) (?:home|back))\b",
                       re.IGNORECASE)


def tells_of_a_young_person(text: str) -> bool:
    return bool(YOUNG_PERSON_WORD.search(text) or CHILD_BY_AGE.search(text.lower()) or FEELS_BLAMED.search(text))


def lead(matches: list[Match]) -> float:
    """How far the best entry stands above the next, as a share of its score."""
    if len(matches) < 2 or matches[0].score <= 0:
        return 1.0 if matches else 0.0
    return (matches[0].score - matches[1].score) / matches[0].score


def in_welsh(text: str) -> bool:
    """"helo, ydych chi'n siarad cymraeg?": written in Welsh, not English with a Welsh greeting."""
    welsh, words = len(WELSH.findall(text)), len(re.findall(r"[\w']+", text))
    return welsh >= 2 and welsh * 5 >= words * 2


# Asking for the steps themselves: then a flow that fits starts.
PROCEDURAL = re.compile(r"\b(what (do|should|can|shall) (i|we) do|what now|what next|how do (i|we) (make(?! sure)|do|start|report|refer|get)|"
                        r"where do (i|we) (start|begin)|help me|walk me through|step by step|what are the steps|"
                        r"what happens now|what do i need to do)\b", re.IGNORECASE)
# Harm no guided flow is about: told without asking for steps, it gets its own reply only.
HARM_BESIDE_THE_FLOWS = frozenset({"domestic_abuse", "sexual_assault", "self_harm", "depressed", "abuse"})
# A young person telling of their own missing episodes: "i go missing a lot", "when i went missing"
OWN_MISSING = re.compile(r"\b(i|im|i'm|ive|i've)\s+((go|goes|went|keep|kept|have|had|was|am|been|get|got|going|gone|"
                         r"always|often|sometimes|used to|still)\s+){1,3}missing\b", re.IGNORECASE)
# Being the one asked to do it: "some older boys want me to keep a bag for them" (a parent would say "him")
ASKED_OF_ME = re.compile(r"\b(want|wants|wanted|asked|asking|askin|asks|told|telling|tellin|tells|make|makes|made|making|makin|"
                         r"got|getting|paying|pay|offered|offering|ringing|ringin|calling|callin|messaging|texting|"
                         r"pressuring|pressurising|begging|bugging)\s+me\s+to\b|"
                         r"\b(asking|asked|asks|messaging|texting)\s+(me\s+)?if\s+i\s+(want|wanna)\b", re.IGNORECASE)
# A young person told of by a word ("my grandson", "a tenant", "teenager"); by age or school year
# ("17yo", "yr9 boy") it is knowledge.safety's CHILD_BY_AGE.
YOUNG_PERSON_WORD = re.compile(r"\b(" + "|".join(sorted(CHILD_WORDS)) + r"|young person|teen|teenager)\b", re.IGNORECASE)
# A parent or young person feeling blamed ("everyone looks at me like its my fault"): never off topic
FEELS_BLAMED = re.compile(r"\b(?:my|our) fault\b|\bblam\w* (?:me|us)\b", re.IGNORECASE)
# Signs of exploitation told of them: with a young person named, a case even when no entry comes close.
SIGNS = re.compile(r"\b(phones?|cash|money|quid|£\d+|trainers|clothes|older (boys|lads|men|kids|friends|people)|"
                   r"missing|drugs?|weed|wraps|knife|blade|picked? (him|her|them) up|picks? (him|her|them) up|"
                   r"car|new friends|staying out|out all night|injur\w*|bruis\w*)\b", re.IGNORECASE)
# A plea or feeling, not news ("please i just want him home", "leave me alone"): inside a flow it ends
# the questions and the steps go on, rather than an answer to words that ask nothing.
PLEA = re.compile(r"\b(please|pls|plz|just want|i (just )?(cant|can't|cannot)|leave me|stop asking|dunno|i don'?t know|"
                  r"whatever)\b", re.IGNORECASE)
# Who is asking put right, the role the same: "sorry im his aunt not his mum"
CORRECTS_WHO = re.compile(r"\bnot (?:his|her|their|the) (?:mum|mam|mom|dad|father|mother|parent|nan|gran|teacher|"
                          r"social worker|sw|carer)\b|\bshould(?:'?ve| of| have) said\b", re.IGNORECASE)
# What a new role changes: "do i need to do anything different", "does that change things"
FOR_ME_INSTEAD = re.compile(r"\b(different|differently|change|changes|instead)\b", re.IGNORECASE)
# A question that points back at what was just told ("is THAT going to make things worse", "what can
# i offer HIM"): alone it says too little, so the whole message is answered when it can be.
POINTS_BACK = re.compile(r"\b(that|this|it|him|her|them|he|she|they|his|hers|their)\b", re.IGNORECASE)
SUBJECT_POINTS_BACK = re.compile(r"\b(that|this|it|its|he|hes|she|shes|they|theyre)\b", re.IGNORECASE)
# A word asked about, which the rest of the message does not change: "what does county lines actually mean"
DEFINES = re.compile(r"\b(?:what|wat|wot)(?:'s|s| is| are| does| do)\b[^.?!,]{1,40}\bmean\b|\b(?:wdym|meaning of)\b", re.IGNORECASE)
# A word asked about by pointing back at it: "... they kept sayin county lines. wat even is that"
DEFINES_BACK = re.compile(r"^\s*(?:so|and|but|ok)?\s*(?:what|wat|wot)\s*(?:'s|s|is|even is|does)\s+(?:that|it|this)"
                          r"(?:\s+(?:even|actually|exactly))*(?:\s+mean)?\s*[?.!]*\s*$", re.IGNORECASE)
# How many words before such a question name the thing asked about; a word said or heard is another
# candidate ("someone said plugging on a training today ... what does it mean"), unless it only points back
NAMED_BEFORE_WORDS = 3
POINTING_WORDS = frozenset("it its that this he she they him her them me you we i".split())
WORD_HEARD = re.compile(r"\b(?:said|says?|saying|sayin|called|calling|mentioned|mentions?|heard|word|term|talking about|"
                        r"talkin about|on about)\s+(?:an?\s+|the\s+|about\s+)?['\"‘“]?(\w+(?:\s+\w+)?)", re.IGNORECASE)
CLAUSE = re.compile(r"(?<=[.!?,;])\s+|\s+(?:but|and then|so)\s+", re.IGNORECASE)
QUESTION = re.compile(r"\?|(^|[.,;:!]\s*|\s[-–]\s*)(what|whats|what's|wat|wats|wot|wots|how|hows|how's|who|whos|who's|when|where|wheres|where's|why|"
                      r"which|can|could|do|does|did|is|are|should|would|will|shall|am|wdym|wym)\b"
                      r"|\b(and|but|so|anyway|anyways|btw|also)\s+(what|whats|what's|wat|wats|wot|wots|how|who|when|where|why|which|can|could|should|would|will|do|does)\b"
                      # asked mid-sentence: "on a serious note whats cuckooing", "county lines wots that actually mean"
                      r"|\b(whats|what's|wats|wots)\s+(a|an|the|that|this|it|they|cuckoo\w*|county|grooming|exploitation|nrm|ot)\b"
                      r"|\b(what|wot|wat)\s+(does|do|dose)\s+(it|that|this|they|\w+ing)\s+(actually\s+|even\s+|really\s+)?mean\b"
                      r"|\b(anything|something)\s+(i|we)\s+(should|need|can|could|must|ought)\b|\bany (advice|tips|ideas|suggestions)\b"
                      r"|\b(i|we)\s+(wonder|was wondering|need to know|want to know|would like to know)\b"
                      r"|^\s*(and|but|so)?\s*(what\s+)?if\b"
                      # a question after its condition: "if i ask social services to take him will they think ..."
                      r"|\bif\b[^.?!]{0,100}?\b(will|would|can|could|do|does|did|is|are|should|shall)\s+"
                      r"(they|he|she|i|we|you|u|it|that|this|there|social|the|my|his|her)\b"
                      r"|\b(at|from|by|in|after|until|till|for|with)\s+(what|which|wat)\s+(point|age|stage|time|level|number|risk)\b"
                      r"|\bhow\s+(long|many|much|soon|often|old)\b"
                      r"|(?<!\bso )(?<!\bnor )(?<!\bneither )(?<!\bas )\b(will|would|can|could|should|do|does|am|is|are|have)\s+(i|we|he|she|they|u)\s+"
                      r"(get|be|lose|still|have|need|go|end|ever|just|actually|really|even)\b"
                      r"|\bor\s+(am|is|are|was|do|does|did|should|would|could|can|will|not)\b"
                      r"|\b(am i|is it|is this|are we)\s+(just\s+)?(being\s+)?(paranoid|overreacting|over reacting|over-reacting|overthinking|mad|silly|daft)\b"
                      r"|\b(does|do|would|will|could|can|should|is)\s+(any\s+of\s+)?(this|that|it|anything|any)\s+(change|matter|apply|count|mean|make|still)\b"
                      # a negative ask: "cant they just go and get him", "shouldnt school be doing more"
                      r"|(^|[.,;:!]\s*)(cant|can't|cannot|couldnt|couldn't|wont|won't|wouldnt|wouldn't|shouldnt|shouldn't|"
                      r"isnt|isn't|arent|aren't|doesnt|doesn't|dont|don't|didnt|didn't)\s+(they|we|you|u|i|he|she|it|the|school|police|social)\b"
                      # a question tag: "thats not proper dealing is it", "its fine isnt it"
                      r"|\b(is|isnt|isn't|are|arent|aren't|does|doesnt|doesn't|do|dont|don't|was|wasnt|wasn't|will|wont|won't|can|cant|can't)"
                      r"\s+(it|he|she|they|i|we|that|there)\W*$",
                      re.IGNORECASE)


@dataclass(frozen=True)
class Turn:
    """What the reply has to work with."""

    text: str
    intent: Optional[str]
    safety: Safety
    role: Optional[str]
    sector: Optional[str]
    earlier: str = ""  # the message typed before this one ("" if none)

    @classmethod
    def of(cls, tracker: Tracker) -> "Turn":
        latest = tracker.latest_message or {}
        text = latest.get("text") or ""
        turn = latest.get("turn") or {}
        role = role_in(text) or tracker.get_slot("role")
        if role is None and (ASKED_OF_ME.search(text) or OWN_MISSING.search(text)):
            role = "young_person"  # "a lad off my estate asked me to take a bag": spoken to directly
        sector = sector_in(text) or tracker.get_slot("sector")
        earlier = earlier_question(tracker)
        safety = in_context(Safety.from_dict(turn.get("safety")), text, earlier)
        if role is None and sector is None and safety.about_self and safety.disclosure in TOLD_BY_THE_EXPLOITED:
            role = "young_person"  # "now the guy says i owe him 500 and i gotta work it off": their own exploitation
        return cls(text, (latest.get("intent") or {}).get("name"), safety,
                   "practitioner" if sector and role is None else role, sector, earlier)

    @property
    def asker(self) -> Asker:
        return Asker(self.role, self.sector)

    @cached_property
    def plain_answer(self) -> tuple[str, Optional[Composed], list[Match]]:
        """What the knowledge base gives the whole message on its own, found once per turn."""
        return compose(self.text, self.asker)

    @cached_property
    def question_answer(self) -> tuple[str, Optional[Composed], list[Match]]:
        """What the knowledge base gives the asking part of the message on its own, found once per turn."""
        return compose(self.question, self.asker)

    @property
    def from_young_person(self) -> bool:
        """A young person speaking of themself ("i go missing a lot and i hate the interviews"):
        steps written for the adults around them do not fit."""
        return self.role == "young_person" or bool(OWN_MISSING.search(self.text))  # (asked of them: see `of`)

    @property
    def asks_something(self) -> bool:
        return bool(QUESTION.search(self.text))

    @property
    def question(self) -> str:
        """The parts of the message that ask something ("..., what's the NRM?"), for when the
        rest has been answered already (a danger or disclosure reply)."""
        parts = [p for p in CLAUSE.split(self.text) if p.strip() and QUESTION.search(p)]
        return " ".join(parts) or self.text

    def asker_events(self, tracker: Tracker) -> list[EventType]:
        events = []
        if self.role != tracker.get_slot("role"):
            events.append(SlotSet("role", self.role))
        if self.sector != tracker.get_slot("sector"):
            events.append(SlotSet("sector", self.sector))
        return events


def with_slots(tracker: Tracker, events: list[EventType]) -> Tracker:
    """The tracker as it will be once these slot events apply (for the rest of the turn)."""
    updated = tracker.copy()
    for event in events:
        if event.get("event") == "slot":
            updated.slots[event["name"]] = event["value"]
    return updated


def requested_flow(tracker: Tracker, turn: Turn) -> Optional[Flow]:
    """The flow this message asks for: a start intent, or the "walk me through it" button."""
    if turn.intent == "start_flow":
        named = next(tracker.get_latest_entity_values("flow"), None)
        return flows().get(named or "") or flow_offered_after(tracker.get_slot("last_entry") or "")
    return flow_starting_with(turn.intent)


class ActionRespond(Action):
    """Safety first, then the answer, then the flow (see the module docstring)."""

    def name(self) -> str:
        return "action_respond"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[EventType]:
        turn = Turn.of(tracker)
        named = knowledge_base().entries.get(next(tracker.get_latest_entity_values("entry_id"), None) or "")
        if named is not None:  # a topic button
            return answer_entry(dispatcher, tracker, named)
        events = turn.asker_events(tracker)
        before, tracker = tracker, with_slots(tracker, events)
        said = send_safety(dispatcher, turn.safety, turn.role, domain.get("responses") or {}, turn.sector)
        if turn.safety.refusal and not (turn.safety.refusal in SAID_BESIDE_A_QUESTION and turn.asks_something):
            return events
        state = FlowState.of(tracker)
        wanted = requested_flow(tracker, turn)
        if (wanted and wanted.id == "missing" and turn.intent != "start_flow"
                and (BACK_ALREADY.search(turn.text) or NOT_MISSING_NOW.search(turn.text)
                     or ((MISSING_AS_A_PATTERN.search(turn.text) or MISSING_FEARED.search(turn.text))
                         and not MISSING_NOW_TOO.search(turn.text))
                     or not MISSING_SAID.search(f"{turn.earlier} {turn.text}"))):
            wanted = None
        if (wanted and wanted.is_for(turn.role, turn.sector) and (state is None or state.flow.id != wanted.id)
                and not (turn.from_young_person and not wanted.is_for("young_person"))):
            # harm told without asking for steps ("mam and her bf were fighting again last night")
            # gets its reply, not a flow the classifier guessed
            told_harm = turn.safety.disclosure in HARM_BESIDE_THE_FLOWS and not PROCEDURAL.search(turn.text)
            if said.anything and turn.safety.is_danger:  # a crisis now: the answer, no question in the same breath
                if turn.asks_something:
                    events += self.answer(dispatcher, tracker, turn, question=turn.question)
                # strangled by a partner: the disclosure reply says where help is, not a missing child's steps;
                # "tonight is the last night anyone will hear from me": the crisis lines, no steps for someone else
                own_crisis = turn.safety.self_harm and turn.safety.about_self
                if not (told_harm or own_crisis):
                    dispatcher.utter_message(response="utter_flow_when_safe", buttons=[flow_button(wanted.id, wanted.title)])
                return events
            if turn.intent == "start_flow" or (self.asks_for(turn, wanted) and not told_harm):
                answered = answers_in(turn.text, wanted, None, starting=True)
                # a case told with its question ("... model pupil, new phone. should i be worried"): its
                # answer first, when one the flow's own steps will not give answers it
                typed = turn.intent != "start_flow" and self.answered_beside(turn, wanted)
                say_first = (lambda: self.answer(dispatcher, tracker, turn)) if typed else (lambda: [])
                return events + start_flow(dispatcher, wanted, known_slots(tracker), answered, say_first)
        if state is not None:
            return events + self.in_flow(dispatcher, tracker, turn, state, said)
        # a disclosure told without a question still gets what the guide says outright; a worker
        # telling of a case ("EDT. 14yo returned from a trap house, police want to hold him") gets the
        # closest answer too, as their question is what to do
        told_case = (turn.role == "practitioner" or bool(turn.sector)) and turn.plain_answer[0] == "answer"
        # (after an emergency too: "ED nurse. two older lads at reception asking for him" gets the
        # 999 lines, then what the guide says to do)
        if said.anything and not turn.asks_something and (said.refusal or (said.danger and not told_case)
                                                          or not (self.confident(turn) or told_case)):
            return events
        # a goodbye or a wish to die ("if anyone reads this tell my nan im sorry") is not a question
        # about the guide: after the self-harm emergency, only a question asked outright is answered
        if said.danger and turn.safety.self_harm and "?" not in turn.text:
            return events
        if (not said.anything and (turn.role != before.get_slot("role") or CORRECTS_WHO.search(turn.text))
                and self.says_who_is_asking(turn)):
            # "sorry should of said im his nan not his mum, hes lived with me since he was 8": the
            # last answer again, for them, not an answer to the words about the family; a worker
            # whose case was read as a parent's ("he gets lifts off lads ... sorry im his teacher not
            # his mum") gets the steps for someone who has spotted something
            concern = flows().get("concern")
            if turn.role == "practitioner" and concern and not QUESTION.search(turn.earlier):
                return events + start_flow(dispatcher, concern, known_slots(tracker), {})
            return events + acknowledge(dispatcher, before, turn.role, domain.get("responses") or {})
        if not said.anything and self.stands_down(tracker, turn):
            dispatcher.utter_message(response="utter_door_open" if turn.role in ("parent", "practitioner")
                                     else "utter_door_open_young_person")
            return events
        case_flow = None if said.anything else self.flow_for_a_case(turn)
        if case_flow is not None:
            answered = answers_in(turn.text, case_flow, None, starting=True)
            return events + start_flow(dispatcher, case_flow, known_slots(tracker), answered)
        return events + self.answer(dispatcher, tracker, turn, question=self.asked_after_safety(turn, said))

    @staticmethod
    def stands_down(tracker: Tracker, turn: Turn) -> bool:
        """Drawing back, asking nothing, after harm was told or from a young person ("asking for a mate")."""
        if turn.asks_something or len(turn.text.split()) > STANDING_DOWN_MAX_WORDS or not STANDING_DOWN.search(turn.text):
            return False
        told_before = safety_of(previous_turn(tracker))
        return bool(told_before.danger or told_before.disclosure) or turn.role == "young_person" \
            or bool(NAMES_A_MATE.search(turn.text))

    @staticmethod
    def asks_for(turn: Turn, flow: Flow) -> bool:
        """Does the message ask for the flow's steps? The classifier's guess must agree with the
        knowledge search (one of the closest entries is one of the flow's own), and a question of
        its own ("when does the return home interview happen?"), unlike "what do I do", gets
        its answer first, with the flow offered as a button; the flow starts only when nothing
        answers it."""
        outcome, _, matches = turn.plain_answer
        if not any(m.entry.id in flow.entry_ids for m in matches):
            return False
        own_question = turn.asks_something and not PROCEDURAL.search(turn.text)
        return not (own_question and outcome == "answer")

    @staticmethod
    def says_who_is_asking(turn: Turn) -> bool:
        """A message that opens by saying who is asking, after an earlier one, and asks nothing
        more than what that changes ("sorry im his teacher not his mum. do i do anything different")."""
        first, *rest = CLAUSE.split(turn.text.strip(), maxsplit=1)
        rest = " ".join(rest)
        # "im in care btw. my sw is new and i dont trust her ...": news of its own, to be answered
        tells_afresh = knowledge_search().topic_weight(rest) >= TOPIC_WEIGHT_OF_NEWS
        asks_afresh = (turn.asks_something and not FOR_ME_INSTEAD.search(rest)) or tells_afresh
        return (bool(turn.earlier) and not asks_afresh and role_in(first) is not None
                and plain_act(first) == "tell_role")

    @staticmethod
    def flow_for_a_case(turn: Turn) -> Optional[Flow]:
        """A young person's case told that no one entry answers ("DSL. yr9 boy in £300 trainers,
        asleep in class, enough to refer or do i wait?"): rather than a menu of topics, the steps
        for a worker who has spotted something, or for a worried parent or relative."""
        outcome = turn.plain_answer[0]
        if (outcome == "answer" or (outcome == "none" and not SIGNS.search(turn.text))
                or turn.from_young_person or not tells_of_a_young_person(turn.text)):
            return None
        flow = flows().get("concern" if turn.role == "practitioner" else "worried_parent")
        return flow if flow is not None and flow.is_for(turn.role, turn.sector) else None

    @staticmethod
    def asked_after_safety(turn: Turn, said: SafetySaid) -> Optional[str]:
        """After a safety reply, the part of the message that asks; but when that part only asks who
        to turn to ("... im at the end of my rope. does anyone come and speak to her"), the disclosure
        reply has named help already and the whole message is answered."""
        if not said.anything:
            return None
        if said.disclosure and not said.danger and turn.plain_answer[0] == "answer":
            outcome, composed, _ = turn.question_answer
            if outcome == "answer" and composed.entry.id in ROUTE_ENTRIES:
                return None
        return turn.question

    @staticmethod
    def answered_beside(turn: Turn, flow: Flow) -> bool:
        """Does the knowledge base answer these words with an entry the flow will not show?"""
        outcome, composed, _ = turn.plain_answer
        return outcome == "answer" and composed.entry.id not in flow.entry_ids

    @staticmethod
    def confident(turn: Turn) -> bool:
        """Does the knowledge base answer these words outright?"""
        outcome, composed, _ = turn.plain_answer
        return outcome == "answer" and composed.confident

    @staticmethod
    def part_says_more(turn: Turn, part: tuple[str, Optional[Composed], list[Match]]) -> bool:
        """Is the asking part of the message ("..., do i just pay") better answered alone than
        the whole message ("a lad says my son owes them £800 ... do i just pay")?"""
        outcome, composed, matches = part
        if outcome != "answer":
            return False
        whole, whole_composed, whole_matches = turn.plain_answer
        # the part alone answered clearly and the whole only faintly ("TA, one of the kids told me an
        # older lad gives him money to hold stuff, do i tell his mum first")
        clearer = composed.confident and matches[0].score >= whole_matches[0].score + CLEARER_BY
        if POINTS_BACK.search(turn.question):
            # (a part about someone in the rest, "is she in danger now too", leans on it whatever the scores)
            return whole != "answer" or (clearer and not SUBJECT_POINTS_BACK.search(turn.question))
        # "... missing 7 days now. do we need a strategy meeting": the whole weighs the part's
        # topic too; it stands if it singles out one entry more clearly than the part alone
        if (whole == "answer" and whole_composed.confident and matches[0].entry in [m.entry for m in whole_matches[:3]]
                and lead(whole_matches) > lead(matches)):
            return False
        # "housing officer. tenants flat used by dealers ... whats our role", "... the case closes
        # when hes 18. what happens then": a part that names no topic of its own never outweighs a
        # whole the knowledge base answers
        no_topic_of_its_own = knowledge_search().topic_weight(turn.question) < TOPIC_WEIGHT_OF_ITS_OWN
        if whole == "answer" and no_topic_of_its_own and not clearer:
            return False
        return composed.confident or whole != "answer" or matches[0].score >= whole_matches[0].score

    def answer(self, dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn,
               in_flow: bool = False, question: Optional[str] = None) -> list[EventType]:
        if turn.intent == "unclear" or in_welsh(turn.text):
            welsh = len(WELSH.findall(turn.text)) >= 2
            dispatcher.utter_message(response="utter_unclear_welsh" if welsh else "utter_unclear")
            return self.answer_in_english(dispatcher, tracker, turn.text) if welsh else []
        if question is None and DEFINES.search(turn.question) and turn.question != turn.text:
            # "... knife crime lesson today and now im kinda paranoid lol. what does county lines actually mean"
            question = turn.question
        # (`question` is always the message's asking part: `turn.question`)
        if question and question != turn.text and not self.part_says_more(turn, turn.question_answer):
            question = None  # "should I be bothered?" alone says too little: the whole message is asked
        question = question or self.named_before(turn)
        # inside a conversation about a young person, a message the classifier thinks off topic
        # ("why does it matter tho, hes safer home"; "what do i record after tonight", after an
        # emergency) is still answered from the knowledge base
        # ... and so is one that names the guide's terms, blaming ones included ("put that he's 'streetwise'")
        # ... and so is one that tells of a young person ("school want to exclude him again", "we had to
        # ask our son to leave"): a case is never off topic
        off_topic = (turn.intent == "out_of_scope" and not tracker.get_slot("last_entry") and not turn.earlier
                     and not OWN_TERMS.search(turn.text) and not language_rules().lint(turn.text)
                     and not tells_of_a_young_person(turn.text))
        if not question and self.asks_on_topic_beside(turn, off_topic):
            # "this maths homework is killing me lol. also wats county lines": the question is answered
            question, off_topic = turn.question, False
        return answer_question(dispatcher, tracker, question or turn.text, in_flow,
                               "utter_out_of_scope" if off_topic else "utter_no_answer", confident_only=off_topic)

    @staticmethod
    def named_before(turn: Turn) -> Optional[str]:
        """"... they kept sayin county lines. wat even is that": the last words before the question
        name what is asked about; the rest of the message (a knife crime talk) does not."""
        clauses = [c for c in CLAUSE.split(turn.text) if c.strip()]
        if len(clauses) < 2 or not DEFINES_BACK.match(clauses[-1]):
            return None
        candidates = [" ".join(clauses[-2].strip(" .,;:!?").split()[-NAMED_BEFORE_WORDS:])]
        candidates += [word for word in WORD_HEARD.findall(" ".join(clauses[:-1]))
                       if word.split()[0].lower() not in POINTING_WORDS]
        # the one the knowledge base knows best ("... my sister says it could be plugging?? what even is that"),
        # if it knows it better than the whole message ("camhs mentioned non violent resistance ... what is it")
        audience = turn.asker.audience  # scored as the whole message is
        scored = [(knowledge_search().search(f"what is {named}", audience, limit=1)[0].score, f"what is {named}")
                  for named in candidates]
        best_score, best = max(scored)
        whole = turn.plain_answer[2]
        return best if not whole or best_score > whole[0].score else None

    @staticmethod
    def asks_on_topic_beside(turn: Turn, off_topic: bool) -> bool:
        """Does a part of the message ask, on its own, something the guide answers, when the whole
        message is off topic or finds nothing? ("this maths homework is killing me lol. anyway we had
        a thing in pshe abt county lines wots that actually mean")"""
        whole, _, whole_matches = turn.plain_answer
        if turn.question == turn.text or not (off_topic or whole != "answer"):
            return False
        outcome, composed, matches = turn.question_answer
        return outcome == "answer" and (composed.confident or whole != "answer"
                                        or matches[0].score >= whole_matches[0].score + CLEARER_BY)

    @staticmethod
    def answer_in_english(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> list[EventType]:
        """After the Welsh apology, the guide's answer to what the message asks when a word-for-word
        gloss finds it clearly; otherwise, for a child of theirs, what a worried parent can do."""
        asker = asker_of(tracker)
        # the whole message, then each question in it alone ("beth ydi cuckooing? mae fy merch ...")
        found = (compose(english_gloss(part, knowledge_search().knows), asker)
                 for part in (text, *re.findall(r"[^.?!]*\?", text)))
        whole_outcome, whole, whole_matches = first = next(found)
        # ... or, for a child of theirs, the closest answer to the whole message with the others offered
        # beside it ("roedd fy mab ar goll neithiwr ond mae o adre rwan": back after a night missing)
        close = (whole_outcome == "answer" and WELSH_CHILD.search(text)
                 and whole_matches[0].score >= WELSH_GLOSS_CLOSE)
        chosen = next((composed for outcome, composed, _ in chain([first], found)
                       if outcome == "answer" and composed.confident), whole if close else None)
        if chosen is not None:
            send_composed(dispatcher, chosen, asker, in_flow=False)
            return [SlotSet("last_entry", chosen.entry.id)]
        if WELSH_CHILD.search(text):
            dispatcher.utter_message(response=flows()["worried_parent"].opening)
        return []

    def in_flow(self, dispatcher: CollectingDispatcher, tracker: Tracker, turn: Turn, state: FlowState,
                said: SafetySaid) -> list[EventType]:
        """Inside a flow: take the answers the words give, answer any question, then go on."""
        flow = state.flow
        found = {slot: value for slot, value in answers_in(turn.text, flow, state.asked).items()
                 if value != state.known.get(slot)}
        events: list[EventType] = [SlotSet(slot, value) for slot, value in found.items()]
        known = {**state.known, **found, "role": turn.role, "sector": turn.sector}
        changed = {s: v for s, v in found.items() if state.known.get(s) is not None}
        if changed:
            index = changed_step(flow, state, changed)
            if index is not None:
                dispatcher.utter_message(response="utter_flow_updated")
                return events + show_step(dispatcher, flow, index, known, state.general, turn.role)
        if said.anything:
            if turn.asks_something:
                events += self.answer(dispatcher, tracker, turn, in_flow=True, question=turn.question)
            dispatcher.utter_message(response="utter_back_to_flow", buttons=[NEXT_BUTTON, STOP_BUTTON])
            return events
        # "hes just walked in. what now": what to do on their return
        if flow.when_back and BACK_ALREADY.search(turn.text) and not BACK_AS_A_HABIT.search(turn.text):
            return events + show_step(dispatcher, flow, flow.step_of(flow.when_back), known, state.general, turn.role)
        if not turn.asks_something and (found or turn.plain_answer[0] != "answer" or PLEA.search(turn.text)):
            # an answer in words goes on with the steps; a plea ("please i just want him home") or
            # anything the knowledge base does not answer ends the questions, and the steps go on
            # for every case; news it does answer ("she only just started at the comp") is answered
            # like a question
            general = state.general or not found
            if not found:
                dispatcher.utter_message(response="utter_flow_heard")
                events.append(SlotSet("flow_general", True))
            index = next_index(flow, state.step, known, general)
            summary = concern_summary(tracker, turn.sector) if flow.summary else ""
            return events + show_step(dispatcher, flow, index, known, general, turn.role, summary)
        events += self.answer(dispatcher, with_slots(tracker, events), turn, in_flow=True)
        misses = state.misses + (1 if state.asked and not found else 0)
        events.append(SlotSet("flow_misses", float(misses)))
        if state.asked and misses >= 2:
            events.append(SlotSet("flow_general", True))
        dispatcher.utter_message(response="utter_back_to_flow", buttons=[NEXT_BUTTON, STOP_BUTTON])
        return events

