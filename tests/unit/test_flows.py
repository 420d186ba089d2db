"""Every branch of every guided flow, without the model: actions run on rasa_sdk Tracker fixtures
with a CollectingDispatcher (RasaHQ/financial-demo's way), slots carried from turn to turn."""
from __future__ import annotations

import itertools
from typing import Any, Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.acts import (ActionFlowAnswer, ActionFlowStep, ActionNoteAge, ActionNoteRole, ActionSkipQuestions,
                          ActionStopFlow, ActionYesNo)
from actions.turn import ActionRespond
from knowledge.entries import knowledge_base
from knowledge.flow_data import FlowError, _flow, check_flows, flows
from knowledge.payloads import parse
from tests.conftest import run_action

ACTIONS = {"respond": ActionRespond(), "next": ActionFlowStep(), "answer": ActionFlowAnswer(),
           "skip": ActionSkipQuestions(), "role": ActionNoteRole(), "age": ActionNoteAge(),
           "stop": ActionStopFlow(), "yes_no": ActionYesNo()}


class Walk:
    """One user's conversation with the actions, slots kept between turns."""

    def __init__(self, make_tracker, domain, slots: Optional[dict] = None) -> None:
        self.make_tracker, self.domain = make_tracker, domain
        self.slots: dict[str, Any] = dict(slots or {})
        self.shown: list[dict] = []

    def turn(self, action: str, text: str = "", intent: str = "ask_question", entities=None) -> list[dict]:
        dispatcher = CollectingDispatcher()
        tracker = self.make_tracker(text, intent, slots=self.slots, entities=entities)
        events = run_action(ACTIONS[action], dispatcher, tracker, self.domain)
        for event in events:
            if event.get("event") == "slot":
                self.slots[event["name"]] = event["value"]
        self.shown += dispatcher.messages
        return dispatcher.messages

    def say(self, text: str, intent: str = "ask_question") -> list[dict]:
        return self.turn("respond", text, intent)

    def press(self, payload: str) -> list[dict]:
        found = parse(payload)
        entities = [{"entity": k, "value": v} for k, v in found.entities.items()]
        action = {"next_step": "next", "inform": "answer", "skip_questions": "skip", "stop_flow": "stop",
                  "start_flow": "respond"}[found.intent]
        return self.turn(action, payload, found.intent, entities)

    def to_the_end(self, limit: int = 20) -> list[dict]:
        for _ in range(limit):
            if not self.slots.get("flow"):
                return self.shown
            self.press("/next_step")
        raise AssertionError("the flow never ended")


def responses(messages: list[dict]) -> list[str]:
    return [m.get("response") for m in messages]


def shown_entries(messages: list[dict]) -> list[str]:
    return [m["entry_id"] for m in messages if m.get("response") == "utter_answer" and m.get("entry_id")]


def branches(flow):
    """Every combination of the flow's answers, for every role it is for."""
    slots = list(flow.asks)
    values = [[a.value for a in flow.asks[slot].answers] for slot in slots]
    for role in flow.for_roles:
        for combo in itertools.product(*values):
            yield role, dict(zip(slots, combo))


CASES = [(flow.id, role, answers) for flow in flows().values() for role, answers in branches(flow)]


@pytest.mark.parametrize("flow_id,role,answers", CASES,
                         ids=[f"{f}-{r}-{'-'.join(a.values()) or 'all'}" for f, r, a in CASES])
def test_every_branch_shows_exactly_the_steps_that_fit_it(flow_id, role, answers, make_tracker, domain):
    flow = flows()[flow_id]
    walk = Walk(make_tracker, domain, {"role": role, "sector": "education" if role == "practitioner" else None})
    walk.press(f'/start_flow{{"flow": "{flow_id}"}}')
    assert responses(walk.shown)[0] == flow.opening, "the flow opens with its answer, before any question"
    for slot, value in answers.items():
        walk.press(f'/inform{{"{slot}": "{value}"}}')
    walk.to_the_end()
    known = {"role": role, "sector": walk.slots.get("sector"), **answers}
    expected = [s.entry for s in flow.steps if s.entry and s.fits(known)]
    assert shown_entries(walk.shown) == expected
    assert all(m.get("citation") for m in walk.shown if m.get("response") == "utter_answer")
    assert responses(walk.shown)[-1] == "utter_flow_done"
    assert walk.slots["flow"] is None


def test_nrm_for_someone_18_or_over_shows_no_child_only_steps(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "practitioner"})
    walk.say("how do I make an NRM referral for someone who is 19", "start_nrm")
    walk.to_the_end()
    shown = responses(walk.shown)
    assert "utter_step_nrm_consent_needed" in shown and "utter_step_nrm_adult_safeguarding" in shown
    assert "utter_step_nrm_no_consent_needed" not in shown
    assert not {"nrm_tell_police_and_childrens_services", "ictg_referral"} & set(shown_entries(walk.shown)), \
        "Part 7 and the ICTG are for under 18s"


def test_nrm_for_an_adult_already_known_skips_part_7(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "practitioner", "age_group": "adult"})
    walk.press('/start_flow{"flow": "nrm"}')
    texts = " ".join(m.get("text") or m.get("answer") or "" for m in walk.to_the_end())
    assert "Part 7" not in texts


def test_a_changed_age_reroutes_to_the_step_it_changes(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "practitioner"})
    walk.say("I need to do an NRM for a 16 year old", "start_nrm")
    first = walk.press("/next_step")
    assert "utter_step_nrm_no_consent_needed" in responses(first)
    walk.press("/next_step")
    changed = walk.turn("age", "actually she's 18", "give_age")
    assert responses(changed)[:2] == ["utter_flow_updated", "utter_step_nrm_consent_needed"]
    assert walk.slots["age_group"] == "adult"


def test_in_care_said_in_words_and_not_in_care_is_not_in_care(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "parent"})
    walk.say("my son hasnt come home", "start_missing")
    walk.press("/next_step")
    asked = walk.press("/next_step")
    assert "utter_ask_in_care" in responses(asked) or walk.slots.get("flow_asked") is None
    walk.say("no he's not in care, he lives with us")
    assert walk.slots["in_care"] == "no"
    assert "philomena_protocol" not in shown_entries(walk.to_the_end())


def test_a_car_is_not_care(make_tracker, domain):
    flow = flows()["missing"]
    assert flow.asks["in_care"].value_in("he got into a car with older lads") is None
    assert flow.asks["in_care"].value_in("she's not in care") == "no"
    assert flow.asks["in_care"].value_in("she lives in a children's home") == "yes"


def test_worried_about_school_is_not_staying_out():
    ask = flows()["worried_parent"].asks["sign_noticed"]
    assert ask.value_in("I'm worried about school") == "school"
    assert ask.value_in("he's been moody lately") is None


def test_just_tell_me_ends_the_questions_and_labels_each_branch(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "parent"})
    walk.say("my daughter has gone missing", "start_missing")
    walk.press("/skip_questions")
    walk.to_the_end()
    texts = [m.get("answer") or "" for m in walk.shown if m.get("entry_id") == "philomena_protocol"]
    assert texts and texts[0].startswith("If they are in care: "), "the in-care step, labelled"
    assert "utter_ask_in_care" not in responses(walk.shown[2:])


def test_just_tell_me_what_to_do_gives_what_to_do_before_the_next_step(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "other"})
    walk.say("older lads keep giving him money and taking him to maccies", "start_worried_parent")
    walk.press("/next_step")
    before = len(walk.shown)
    walk.press("/skip_questions")
    said = responses(walk.shown[before:])
    assert said[:2] == ["utter_general_steps", "utter_flow_worried_parent_opening"]
    assert any(m.get("entry_id") for m in walk.shown[before + 2:]), "then the steps go on"


def test_two_questions_that_fit_no_button_end_the_questions(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "parent"})
    walk.say("my son hasnt come home", "start_missing")
    while not walk.slots.get("flow_asked"):
        walk.press("/next_step")
    assert walk.slots["flow_asked"] == "in_care", "asked only beside the step before the one it changes"
    walk.say("what do the police do?")
    walk.say("how long will it take?")
    assert walk.slots["flow_general"] is True


def test_distress_ends_the_questions_and_the_next_step_follows(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "parent"})
    walk.say("my son hasnt come home", "start_missing")
    walk.press("/next_step")
    reply = walk.say("please i just want him home")
    assert responses(reply)[0] == "utter_flow_heard" and responses(reply)[1] == "utter_answer"
    assert walk.slots["flow_general"] is True


def test_news_the_knowledge_base_answers_is_answered_inside_a_flow(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "parent"})
    walk.say("my son has new trainers and cash from nowhere", "start_worried_parent")
    reply = walk.say("SW now wants us in something called a safeguarding contract")
    assert responses(reply)[0] == "utter_answer" and reply[0]["entry_id"] == "safeguarding_contract"
    assert responses(reply)[-1] == "utter_back_to_flow" and walk.slots["flow"] == "worried_parent"


def test_what_the_first_message_says_is_not_asked_again(make_tracker, domain):
    walk = Walk(make_tracker, domain)
    reply = walk.say("im worried about my son, he's got a second phone and cash from nowhere", "start_worried_parent")
    assert walk.slots["sign_noticed"] == "phone_or_money"
    assert "utter_ask_sign_noticed" not in responses(reply)


def test_a_question_inside_a_flow_is_answered_and_the_flow_waits(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "parent"})
    walk.say("my son hasnt come home", "start_missing")
    reply = walk.say("what is a return home interview?")
    assert responses(reply)[0] == "utter_answer" and responses(reply)[-1] == "utter_back_to_flow"
    assert walk.slots["flow"] == "missing"


def test_the_young_person_back_during_the_missing_steps_gets_what_to_do_on_their_return(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "parent"})
    walk.say("my daughter is 14 and hasnt been home since friday", "start_missing")
    reply = walk.say("shes just walked in, says she was round a friends. now what")
    assert reply[0]["entry_id"] == "missing_when_found" and walk.slots["flow"] == "missing"
    walk = Walk(make_tracker, domain, {"role": "parent"})
    walk.say("my daughter is 14 and hasnt been home since friday", "start_missing")
    reply = walk.say("the police always just bring her back and nothing ever changes")
    assert reply[0].get("entry_id") != "missing_when_found"
    walk = Walk(make_tracker, domain, {"role": "practitioner"})
    walk.say("a 13 year old from our home has been missing since saturday", "start_missing")
    reply = walk.say("update: police found her in a flat in rhyl, they've got her now")
    assert reply[0]["entry_id"] == "missing_when_found"


def test_going_missing_told_as_a_pattern_is_answered_and_missing_again_now_starts_the_steps(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "practitioner"})
    reply = walk.say("night shift, fourth missing report this month for the same boy from our unit", "start_missing")
    assert walk.slots.get("flow") is None and responses(reply)[0] == "utter_answer"
    walk = Walk(make_tracker, domain, {"role": "parent"})
    walk.say("hes gone missing again, third time this month", "start_missing")
    assert walk.slots["flow"] == "missing"


def test_danger_inside_a_flow_comes_first_and_no_question_follows(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "parent"})
    walk.say("my son hasnt come home", "start_missing")
    reply = walk.say("he just rang, theyve got a knife to his throat")
    assert responses(reply)[0] == "utter_emergency"
    assert responses(reply)[1].startswith("utter_danger_")
    assert not any(r.startswith("utter_ask_") for r in responses(reply))


def test_a_teacher_correcting_a_parent_flow_gets_the_practitioners_flow(make_tracker, domain):
    walk = Walk(make_tracker, domain)
    walk.say("my son has new trainers and cash from nowhere", "start_worried_parent")
    assert walk.slots["flow"] == "worried_parent"
    reply = walk.turn("role", "im not the parent im his teacher", "tell_role")
    assert walk.slots["flow"] == "concern" and walk.slots["role"] == "practitioner"
    assert responses(reply)[0] == "utter_flow_concern_opening"


def test_a_young_person_never_gets_the_parent_flow(make_tracker, domain):
    walk = Walk(make_tracker, domain)
    reply = walk.say("im 15 and my mates olders want me to carry a bag to swansea", "start_worried_parent")
    assert walk.slots.get("flow") is None
    assert "utter_flow_worried_parent_opening" not in responses(reply)


def test_stop_leaves_the_flow_and_keeps_who_is_asking(make_tracker, domain):
    walk = Walk(make_tracker, domain, {"role": "parent"})
    walk.say("my son hasnt come home", "start_missing")
    walk.press("/stop_flow")
    assert walk.slots["flow"] is None and walk.slots["role"] == "parent"


def test_the_missing_flow_opens_with_what_to_do_and_offers_missing_people(domain):
    opening = domain["responses"]["utter_flow_missing_opening"][0]["text"]
    assert opening.startswith("If you think they are in danger now")
    assert "{missing_people}" in opening and "If you know where they are" not in opening


def test_missing_flow_content_matches_the_toolkit():
    entries = knowledge_base().entries
    assert "however short" in entries["return_home_interview"].short
    assert "as soon as" in entries["missing_seven_days"].short
    steps = [s.entry for s in flows()["missing"].steps]
    assert {"missing_health_assessment", "missing_record_each_episode"} <= set(steps)


def test_found_with_drugs_says_the_defence_has_limits_and_to_get_legal_advice(domain):
    text = domain["responses"]["utter_step_section_45_legal_advice"][0]["text"]
    assert "Schedule 4" in text and "legal advice" in text
    assert "utter_step_section_45_legal_advice" in [s.response for s in flows()["found_with_drugs"].steps]


def test_the_safeguarding_lead_is_not_a_gate():
    short = knowledge_base().entries["designated_safeguarding_person"].short
    assert "decide" not in short and "section 130" in short


def test_loading_rejects_an_unknown_slot_entry_or_unreachable_step():
    good = {"title": "t", "for": ["parent"], "opening": "utter_flow_done", "steps": [{"entry": "cuckooing"}]}
    check_flows({"ok": _flow("ok", good)})
    for bad in ({**good, "steps": [{"entry": "cuckooing", "when": {"in_cre": "yes"}}]},
                {**good, "steps": [{"entry": "no_such_entry"}]},
                {**good, "steps": [{"entry": "cuckooing", "when": {"role": "practitioner"}}]},
                {**good, "opening": "utter_no_such_response"},
                {**good, "not_for_sectors": ["polis"]}):
        with pytest.raises(FlowError):
            check_flows({"bad": _flow("bad", bad)}, domain={"responses": {"utter_flow_done": []}, "intents": []})


@pytest.mark.parametrize("entry_id", ["plugging", "taxing", "sexual_violence_control"])
def test_distressing_entries_lead_with_what_to_do(entry_id):
    first_sentence = knowledge_base().entries[entry_id].short.split(". ")[0].lower()
    assert any(word in first_sentence for word in ("get medical help", "medical help", "not their fault", "not to blame",
                                                   "call")), \
        first_sentence

