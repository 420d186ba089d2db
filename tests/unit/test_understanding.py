"""How a typed message is read, without the model: plain acts (knowledge/acts.py), who is asking
and the young person's age (knowledge/asker.py), and the turn verdict (bot/turn_reader.py)."""
from __future__ import annotations

import pytest

from bot.turn_reader import read_turn
from knowledge.acts import plain_act
from knowledge.asker import age_group_in, role_in, sector_in


@pytest.mark.parametrize("text,act", [
    ("hi", "greet"), ("Thanks!", "thank"), ("ok next", "next_step"), ("what now", "next_step"),
    ("stop", "stop_flow"), ("just tell me what to do", "skip_questions"),
    ("leave me alone with the questions", "skip_questions"), ("tell me more", "tell_more"),
    ("I'm a teacher", "tell_role"), ("im not the parent im his teacher", "tell_role"),
    ("she's 16", "give_age"), ("actually shes 18", "give_age"), ("not helpful", "not_helpful"),
    ("yes", "affirm"), ("nope", "deny"), ("what can you do?", "ask_capabilities"),
    ("oh i should have said, im her social worker not her mam", "tell_role"),
    ("im her foster carer by the way, not her mum. shes 14", "tell_role"),
    ("hi im a youth worker", "tell_role"), ("hello there", "greet"),
    ("im 17 tho does that change anything", "give_age"),
    ("correction shes 16 not 15, does that change how i go about it", "give_age"),
    ("DSL at a secondary", "tell_role"), ("youth worker on nights at a resi", "tell_role"),
])
def test_a_message_that_plainly_is_an_act(text, act):
    assert plain_act(text) == act


@pytest.mark.parametrize("text", [
    "hi my son is missing", "thanks, but what is cuckooing", "I'm worried about my son",
    "Dwi'n poeni am fy mab", "I was raped", "please i just want him home", "tell me more about the nrm",
    "yes she is in foster care and she's gone again", "I'm a teacher and a pupil has a new phone and cash",
    "does that change anything", "my son is 15 does that change anything", "my son is at a secondary school",
])
def test_a_message_that_asks_or_tells_something_is_a_question(text):
    assert plain_act(text) is None
    intent, _ = read_turn(text, "tell_role", False)  # whatever the classifier guessed
    assert intent == "ask_question"


def test_the_classifiers_act_is_kept_only_when_plain():
    assert read_turn("thanks", "thank", False)[0] == "thank"
    assert read_turn("thank you, now how long does an nrm take", "thank", False)[0] == "ask_question"


def test_danger_makes_any_turn_a_question_but_keeps_a_flow_start():
    assert read_turn("stop theyre stabbing him", "stop_flow", False)[0] == "ask_question"
    intent, turn = read_turn("my son is missing and his phone is off, hes with older men", "start_missing", False)
    assert intent == "start_missing" and turn["safety"]["danger"] == "missing"


@pytest.mark.parametrize("text,group", [
    # issue 13: a number is an age only when tied to the young person; "adult" describing
    # someone else never sets the branch
    ("he's 15 and an adult is using him to sell drugs", "under_18"),
    ("she's 19 and was exploited as a child", "adult"),
    ("I've been a social worker for 20 years, the boy is 14", "under_18"),
    ("my 15 year old hasnt come home", "under_18"),
    ("custody sgt. 16yo in with 2 phones and £600", "under_18"),
    ("year 10 pupil", "under_18"),
    ("she's over 18 now", "adult"),
    ("NRM - does he need to agree, being 17", "under_18"),
    ("being honest im worried", None),
    ("he keeps being 20 minutes late home", None),
    ("he's been gone 2 days", None),
    # an age still to come is the age before it
    ("she's 18 next month", "under_18"),
    ("he turns 18 in june", "under_18"),
    ("he's 18 now", "adult"),
    ("we've had 3 missing episodes in 20 days", None),
])
def test_the_young_persons_age(text, group):
    assert age_group_in(text) == group


@pytest.mark.parametrize("text,role,sector", [
    ("my son has two phones", "parent", None),
    ("if i ask social services to take him into care will they think im a terrible mum", "parent", None),
    ("just submitted an NRM for a 15yo running a line from brum. what happens next", "practitioner", None),
    ("year 11 told me older lads make him carry stuff for them after school. what do i do", "practitioner", "education"),
    ("I'm a teacher", "practitioner", "education"),
    ("custody sgt here", "practitioner", "police"),
    ("homelessness team here, 17yo girl at the desk", "practitioner", "housing"),
    ("im 15 and this guy wants me to hold a bag", "young_person", None),
    ("my mum doesnt know", "young_person", None),
    ("theres a meeting about me next week with loads of adults", "young_person", None),
    ("my worker keeps asking me where i go at night", "young_person", None),
    ("the lads had me running bags all summer, will i get done for it", "young_person", None),
    ("can i tell a teacher about the stuff im doing for them", "young_person", None),
    ("is it even illegal if im just holdin stuff for someone", "young_person", None),
    ("strat meeting for a 14yo CCE case on friday, how do i get his views in", "practitioner", None),
    ("my mate is being made to sell", "other", None),
    ("what is cuckooing", None, None),
    ("response sgt, 15yo girl from care been missing 7 days now", "practitioner", "police"),
    ("night outreach, lad about 14 sat on his own at the station", "practitioner", "youth_services"),
    ("my daughters 14 and i think her older cousin is getting her to carry stuff", "parent", None),
    ("my sons phone hasnt stopped going all night", "parent", None),
    ("my boys are coming round later", None, None),
    ("if i tell anyone everyone will say im a snitch and my little brother could get hurt", "young_person", None),
])
def test_who_is_asking_from_clear_words_only(text, role, sector):
    assert role_in(text) == role
    assert sector_in(text) == sector


@pytest.mark.parametrize("text, role, sector", [
    ("his mum doesnt know. should i tell her or go straight to social services", None, None),
    ("his teacher said hes been missing school", None, None),
    ("the hospital kept him in overnight", None, None),
    ("custody sgt. 16yo in with 40 wraps and a line phone", "practitioner", "police"),
    ("EDT. 15yo girl found 60 miles from home", "practitioner", "childrens_services"),
    ("sorry im his teacher not his mum", "practitioner", "education"),
])
def test_a_service_spoken_of_is_not_the_users_own_work(text, role, sector):
    from knowledge.asker import role_in, sector_in
    assert (role_in(text), sector_in(text)) == (role, sector)


@pytest.mark.parametrize("text,role,sector", [
    ("my yjs worker reckons im being used, they're just my mates", "young_person", None),
    ("will the boys im selling for find out if i tell", "young_person", None),
    ("im working for a family of four as their support", None, None),
    ("grandad here. grandson 12 keeps getting lifts off older lads", "parent", None),
    ("im his form tutor, not his mum", "practitioner", "education"),
    ("they put me in a childrens home in swansea and i dont know anyone", "young_person", None),
    ("im in care and the staff dont listen", "young_person", None),
    ("lads at the park keep asking us yr8s to take bags round", "young_person", None),
    ("im in yr 10 and someone keeps messaging me to do drops", "young_person", None),
    ("i work for them now, cant get out of it", "young_person", None),
    ("i work for the council housing team, tenant worry", "practitioner", None),
])
def test_who_is_asking_from_how_they_name_themselves(text, role, sector):
    assert role_in(text) == role
    assert sector_in(text) == sector


def test_carers_speaking_together_say_who_is_asking_and_carers_spoken_of_do_not():
    assert role_in("sorry i should of said were her foster carers not her mum and dad") == "parent"
    assert role_in("we are his grandparents") == "parent"
    assert role_in("the smiths were her foster carers till last year") is None
