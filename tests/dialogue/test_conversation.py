"""Conversations through the trained model in-process, with the real action server."""
import pytest


def test_greeting_offers_help_and_the_999_line(chat):
    messages = chat.say("hello")
    assert "999" in messages[0]["text"]
    assert messages[0]["buttons"], "the greeting offers topics as buttons"


def test_what_can_you_do_lists_topics_and_the_999_rule(chat):
    reply = chat.text("what can you do?")
    assert "county lines" in reply and "999" in reply
    assert "not an emergency service" in reply


@pytest.mark.parametrize("question, section", [
    ("what is child criminal exploitation", "Child criminal exploitation"),
    ("whats cuckooing", "Cuckooing"),
    ("what does county lines mean", "County lines"),
    ("what do i do if a child is in danger right now", "Responding to missing episodes"),
])
def test_direct_questions_are_answered_from_the_toolkit_with_the_section_named(chat, question, section):
    messages = chat.say(question)
    assert f"Toolkit: " in messages[0]["text"]
    assert section in messages[0]["text"]


def test_tell_me_more_expands_the_last_answer(chat):
    short = chat.say("what is cuckooing")[0]
    assert any(b["title"] == "Tell me more" for b in short["buttons"])
    more = chat.text("tell me more")
    assert "Cuckooing" in more and more not in short["text"]


def test_a_button_payload_opens_that_topic(chat):
    reply = chat.text('/ask_question{"entry_id": "county_lines"}')
    assert "County lines" in reply


def test_out_of_scope_is_declined_kindly(chat):
    reply = chat.text("can you recommend a good film")
    assert "can only help with child criminal exploitation" in reply


def test_gibberish_is_admitted_and_offers_buttons(chat):
    messages = chat.say("flibbertigibbet wobble zonk")
    assert messages, "always a reply"
    said = messages[0]["text"].lower()
    assert any(phrase in said for phrase in ("not sure", "didn't understand", "lost track"))
    assert messages[0].get("buttons")


def test_danger_now_gets_999_first(chat):
    messages = chat.say("they've got a knife and say they will stab my son tonight")
    assert "999" in messages[0]["text"]
