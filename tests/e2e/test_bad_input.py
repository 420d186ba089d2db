"""Bad input over the REST channel: every one gets HTTP 200 and a kind, useful reply (or a clear
400 for a broken request), button payloads only as the assistant offers them, and the server
keeps serving. Ends with a hypothesis fuzz of random text. Replies are identified by the
`response` they were rendered from. (The pure reading of a message, bot/user_input.py, is
checked first, without the server.)"""
from __future__ import annotations

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.user_input import MAX_CHARS, in_other_script, read_typed, strip_control
from harness.rest import post, responses, stored_events
from harness.stack import LOOKUP_FAILED
from knowledge.contacts import is_checked_number, numbers_in
from knowledge.language import language_rules
from knowledge.payloads import Known

EMERGENCY = ("utter_emergency", "utter_emergency_self_harm")
KNOWN = Known(is_entry={"cce_definition", "cuckooing"}.__contains__, is_flow={"nrm", "missing"}.__contains__,
              slot_values={"role": {"parent", "practitioner", "young_person"}, "sector": None,
                           "concern_family": None})


def texts(replies: list[dict]) -> list[str]:
    return [m.get("text") or "" for m in replies]


def kind_and_useful(replies: list[dict]) -> None:
    """At least one message with words, none of them the failure message (the server is up)."""
    assert replies and all(t.strip() for t in texts(replies)), replies
    assert LOOKUP_FAILED not in responses(replies), replies


# --- the channel's reading of a message (pure) ------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("what\x00 is\x07 cuckooing\x1b", "what is cuckooing"),
    ("line one\nline two\ttab", "line one line two tab"),
    ("/start", "start"),
    ("/foo bar", "foo bar"),
    ('/nlu_fallback{"x":1}', 'nlu_fallback{"x":1}'),
    ("/danger_now", "danger_now"),
    ("/action_stop_flow", "action_stop_flow"),
    ('/inform{"role": "admin"}', 'inform{"role": "admin"}'),
    ('/inform{"role": "parent", "sector": "police"}', 'inform{"role": "parent", "sector": "police"}'),
    ('/ask_question{"entry_id": "no_such_entry"}', 'ask_question{"entry_id": "no_such_entry"}'),
    ('/ask_question', "ask_question"),
    ('/feedback{"entry_id": "cuckooing", "helpful": "maybe"}', 'feedback{"entry_id": "cuckooing", "helpful": "maybe"}'),
    ('/start_flow{"flow": "no_such_flow"}', 'start_flow{"flow": "no_such_flow"}'),
    ('/next_step{"x": "y"}', 'next_step{"x": "y"}'),
    ("//", ""),
], ids=["control", "newlines", "start", "foo", "nlu_fallback", "danger_now", "action", "unknown-value",
        "two-slots", "unknown-entry", "missing-entry", "bad-feedback", "unknown-flow", "extra-entity", "slashes"])
def test_anything_but_an_offered_payload_is_plain_text(typed, expected):
    read = read_typed(typed, KNOWN)
    assert (read.text, read.payload) == (expected, None)


@pytest.mark.parametrize("payload", [
    '/ask_question{"entry_id": "cce_definition"}', '/tell_more{"entry_id": "cuckooing"}', "/tell_more",
    '/feedback{"entry_id": "cuckooing", "helpful": "no"}', '/inform{"role": "parent"}',
    '/inform{"concern_family": "none"}', "/next_step", "/stop_flow", "/ask_capabilities", "/restart",
    '/tell_role{"role": "practitioner"}', '/start_flow{"flow": "nrm"}', "/skip_questions",
])
def test_the_assistants_own_button_payloads_pass(payload):
    read = read_typed(payload, KNOWN)
    assert read.text == payload and read.payload == payload[1:].split("{")[0]


def test_long_messages_are_trimmed_and_flagged():
    read = read_typed("a" * 10_000, KNOWN)
    assert len(read.text) == MAX_CHARS and read.trimmed


def test_other_scripts_are_recognised():
    assert in_other_script("ما هو الاستغلال") and in_other_script("什么是儿童犯罪剥削")
    assert not in_other_script("shwmae") and not in_other_script("😀😀") and not in_other_script("café")
    assert strip_control("\ud800ok") == "ok"


# --- over REST, through the real server -------------------------------------------------------

@pytest.mark.parametrize("message, expect", [
    ("", "channel_empty"),
    ("     ", "channel_empty"),
    ("😀😀🎉", "utter_unclear"),
    ("ما هو الاستغلال الإجرامي للأطفال؟", "utter_unclear"),
    ("什么是儿童犯罪剥削", "utter_unclear"),
    ("shwmae", "utter_greet"),
    ("diolch", "utter_thank"),
    ("what\x00 is\x07 cuckooing\x1b", "utter_answer"),
    ("/start", "utter_greet"),
    ("/foo", None),
], ids=["empty", "spaces", "emoji", "arabic", "chinese", "welsh-hello", "welsh-thanks", "control-chars",
        "stray-start", "stray-foo"])
def test_bad_input_gets_a_kind_useful_reply(rest_url, sender, message, expect):
    replies = post(rest_url, sender, message)
    kind_and_useful(replies)
    if expect:
        assert replies[0]["response"] == expect, responses(replies)


def test_control_characters_are_stripped_before_the_question_is_read(rest_url, sender):
    assert post(rest_url, sender, "what\x00 is\x07 cuckooing\x1b")[0]["entry_id"] == "cuckooing"


def test_empty_replies_offer_buttons_and_unclear_ones_say_what_to_type(rest_url, sender):
    empty = post(rest_url, sender, "")
    assert empty[0]["response"] == "channel_empty" and empty[0].get("buttons"), empty
    unclear = post(rest_url, sender, "😀😀🎉")
    assert responses(unclear) == ["utter_unclear"], "one reply that says what the assistant can do"


def test_ten_thousand_characters_are_trimmed_with_a_note(rest_url, sender):
    replies = post(rest_url, sender, ("what is cuckooing? " * 600)[:10_000])
    assert replies[0]["response"] == "channel_trimmed"
    assert f"{MAX_CHARS:,}" in replies[0]["text"]
    assert "cuckooing" in [m.get("entry_id") for m in replies[1:]], "then the answer to what was read"
    kind_and_useful(replies)


def test_the_channels_own_replies_use_checked_numbers_and_pass_the_lint(rest_url, sender):
    """The channel's own wording (bot/channel_replies.yml), as it arrives over REST."""
    own = post(rest_url, sender, "") + post(rest_url, sender, "x " * MAX_CHARS) + post(rest_url, sender, "/restart")
    own = [m for m in own if m["response"].startswith("channel_")]
    assert {m["response"] for m in own} == {"channel_empty", "channel_trimmed", "channel_restarted"}
    for message in own:
        assert all(is_checked_number(n) for n in numbers_in(message["text"])), message
        assert language_rules().find(message["text"]) == [], message["response"]


@pytest.mark.parametrize("body", [
    '{"sender": "x", "message": ', "[1, 2]", '{"message": "hi"}', '{"sender": "x"}',
    '{"sender": 5, "message": "hi"}', '{"sender": "x", "message": 5}', '{"sender": "", "message": "hi"}',
    "not json at all",
], ids=["truncated", "array", "no-sender", "no-message", "number-sender", "number-message",
        "empty-sender", "not-json"])
def test_a_broken_request_gets_a_clear_400(rest_url, body):
    reply = httpx.post(f"{rest_url}/webhooks/rest/webhook", content=body,
                       headers={"content-type": "application/json"}, timeout=30)
    assert reply.status_code == 400
    assert reply.json()["error"]


def test_typed_intents_do_not_drive_the_dialogue(rest_url, tmp_data, sender):
    db = f"sqlite:///{tmp_data / 'conversations.db'}"
    replies = post(rest_url, sender, "/danger_now")
    assert not set(responses(replies)) & set(EMERGENCY), "a typed /danger_now is text, not the intent"
    kind_and_useful(replies)
    for typed in ('/nlu_fallback{"x":1}', "/action_stop_flow", '/inform{"role": "admin"}'):
        kind_and_useful(post(rest_url, sender, typed))
    stored = [e["text"] for e in stored_events(db, sender) if e["event"] == "user"]
    assert stored == ["danger_now", 'nlu_fallback{"x":1}', "action_stop_flow", 'inform{"role": "admin"}']


def test_offered_buttons_still_work(rest_url, sender):
    first = post(rest_url, sender, '/ask_question{"entry_id": "cce_definition"}')
    assert (first[0]["response"], first[0]["entry_id"]) == ("utter_answer", "cce_definition")
    assert first[0]["citation"]
    more = next(b["payload"] for b in first[0]["buttons"] if b.get("expands"))
    expanded = post(rest_url, sender, more)
    assert (expanded[0]["response"], expanded[0]["entry_id"]) == ("utter_more", "cce_definition")
    assert responses(post(rest_url, sender, "/restart")) == ["channel_restarted"]


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(text=st.one_of(st.text(max_size=300), st.text(max_size=40).map(lambda t: "/" + t),
                      st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=300)))
def test_fuzz_every_turn_returns_a_reply(rest_url, text):
    replies = post(rest_url, "fuzz-user", text)
    assert replies and any((m.get("text") or "").strip() for m in replies)
    assert all(m.get("response") for m in replies), "every message names its response"


def test_the_server_keeps_serving_after_all_that(rest_url, sender):
    replies = post(rest_url, sender, "what is county lines")
    assert replies[0]["response"] == "utter_answer" and replies[0]["citation"]
