"""Conversations through the trained model in-process, with the real action server: what a user
sees first, identified by response name and toolkit citation."""
from __future__ import annotations

import pytest

from knowledge.entries import knowledge_base


def names(messages):
    return [m.get("response") for m in messages]


def test_greeting_says_what_it_is_for_and_the_999_line(chat):
    assert names(chat.say("hello")) == ["utter_greet"]


def test_what_can_you_do(chat):
    assert names(chat.say("what can you do?")) == ["utter_capabilities"]


@pytest.mark.parametrize("question, entry", [
    ("what is child criminal exploitation", "cce_definition"),
    ("whats cuckooing", "cuckooing"),
    ("what does county lines mean", "county_lines"),
    ("how long does the nrm take to decide", "nrm_decisions"),
    ("do i need consent for an nrm if hes 16", "nrm_consent"),
])
def test_questions_are_answered_first_with_the_section_named(chat, question, entry):
    first = chat.say(question)[0]
    assert first["response"] == "utter_answer" and first["entry_id"] == entry
    assert first["citation"].startswith(knowledge_base().entries[entry].section.citation)


def test_tell_me_more_expands_the_last_answer(chat):
    short = chat.say("what is cuckooing")[0]
    assert any(b["title"] == "Tell me more" and b.get("expands") for b in short["buttons"])
    more = chat.say("tell me more")[0]
    assert more["response"] == "utter_more" and more["entry_id"] == "cuckooing"


def test_a_topic_button_opens_that_topic(chat):
    first = chat.say('/ask_question{"entry_id": "county_lines"}')[0]
    assert first["entry_id"] == "county_lines"


@pytest.mark.parametrize("text", ["can you recommend a good film", "what's the weather like", "who won the football"])
def test_off_topic_is_declined_with_what_the_assistant_covers(chat, text):
    assert names(chat.say(text))[0] in ("utter_out_of_scope", "utter_no_answer")


def test_gibberish_is_admitted(chat):
    assert names(chat.say("flibbertigibbet wobble zonk")) in (["utter_unclear"], ["utter_no_answer"])


@pytest.mark.parametrize("text, first", [
    ("I was raped", "utter_disclosure_sexual_assault_young_person"),
    ("I am being abused", "utter_disclosure_abuse_young_person"),
    ("I was beaten up by my husband", "utter_disclosure_domestic_abuse"),
    ("I am depressed", "utter_disclosure_depressed_young_person"),
    ("I want to commit suicide", "utter_emergency_self_harm"),
    ("I am having a heart attack", "utter_emergency"),
])
def test_miners_six_are_recognised_respected_and_referred(chat, text, first):
    messages = chat.say(text)
    assert names(messages)[0] == first
    assert not {"utter_role_thanks", "utter_feedback_thanks"} & set(names(messages))


def test_danger_now_opens_with_999_then_what_helps(chat):
    messages = chat.say("they've got a knife and say they will stab my son tonight")
    assert names(messages)[0] == "utter_emergency" and names(messages)[1].startswith("utter_danger_")


def test_thanks_for_feedback_only_after_a_feedback_button(chat):
    chat.say("what is cuckooing")
    assert names(chat.say("that helped")) == ["utter_thank"]
    assert names(chat.say('/feedback{"entry_id": "cuckooing", "helpful": "yes"}')) == ["utter_feedback_thanks"]


@pytest.mark.parametrize("state", ["start", "flow question", "mid steps"])
def test_danger_in_any_state_of_a_flow_comes_first_without_a_question(chat, state):
    if state != "start":
        chat.say("my son hasnt come home")
    if state == "mid steps":
        chat.say("next")
        chat.say("next")
    messages = chat.say("he just rang me, theyve got a gun to his head")
    assert names(messages)[0] == "utter_emergency"
    assert not any(n.startswith("utter_ask_") for n in names(messages))


def test_a_young_persons_worry_is_answered_to_them_not_to_a_parent(chat):
    messages = chat.say("im 15 and some older lads want me to carry a bag to swansea for money")
    assert "utter_flow_worried_parent_opening" not in names(messages)
    assert any(n.endswith("_young_person") or n == "utter_answer" for n in names(messages))
