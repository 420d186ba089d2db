"""One turn of free text (actions/turn.py) on Tracker fixtures: safety first, then the answer,
then the flow. Replies are identified by response name and entry id, not by wording."""
from __future__ import annotations

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.answering import TELLS_A_QUESTION, Asker, Composed, add_route, answer_buttons, compose, with_a_tied_runner_up
from actions.replies import MORE_BUTTON, entry_text
from knowledge.contacts import fill
from knowledge.safety import assess
from actions.acts import ActionFlowStep, ActionNoteAge, ActionNoteRole, ActionSkipQuestions
from actions.turn import QUESTION, ActionRespond, Turn
from knowledge.entries import knowledge_base
from knowledge.search import Match, question_parts
from knowledge.safety import DISCLOSURES_FILE
from tests.conftest import run_action


def reply(make_tracker, domain, text, intent="ask_question", slots=None, events=None):
    dispatcher = CollectingDispatcher()
    events = run_action(ActionRespond(), dispatcher, make_tracker(text, intent, slots=slots, events=events), domain)
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def names(messages):
    return [m.get("response") for m in messages]


def test_a_question_gets_its_answer_with_the_section_it_rests_on(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "what is cuckooing")
    assert names(messages)[0] == "utter_answer" and messages[0]["entry_id"] == "cuckooing"
    assert messages[0]["citation"] == knowledge_base().entries["cuckooing"].section.citation
    assert slots["last_entry"] == "cuckooing"


def test_the_first_reply_holds_the_fact_asked_for(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "how long does an nrm decision take")
    assert "five working days" in messages[0]["answer"]


def test_a_plausible_but_uncertain_match_is_given_then_the_alternatives(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "what happens to the family after all this")
    assert names(messages)[0] == "utter_answer"
    if "utter_not_what_you_needed" in names(messages):
        assert names(messages)[-1] == "utter_not_what_you_needed" and len(messages[-1]["buttons"]) <= 2


def test_something_off_topic_says_what_the_assistant_covers(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "who won the football last night", "out_of_scope")
    assert names(messages) == ["utter_out_of_scope"]


def test_a_role_said_first_is_noted_and_the_question_after_it_answered(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "im her teacher btw not her mum lol. do her parents get told before i pass it on")
    assert slots["role"] == "practitioner"
    assert names(messages)[0] == "utter_answer" and "consent" in messages[0]["answer"].lower()


def test_a_question_in_the_subjects_own_words_is_answered_whatever_the_classifier_thought(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "night duty - ictg open at night or wait for the office to open? lad from liverpool brought in tonight",
                        "out_of_scope")
    assert names(messages)[0] == "utter_answer" and messages[0]["entry_id"].startswith("ictg")


def test_a_parents_guilt_matched_strongly_is_answered_whatever_the_classifier_thought(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "is it my fault hes like this", "out_of_scope")
    assert names(messages)[0] == "utter_answer"
    assert "not to blame" in " ".join(m.get("answer") or "" for m in messages)


LANGUAGE_ENTRIES = {"language_use", "victim_blaming_language", "language_lifestyle_choice", "language_involved_at_risk",
                    "language_young_people_not_victims", "blame_free_language"}


def test_a_question_about_blaming_words_is_answered_whatever_the_classifier_thought(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "my manager wrote that the girl 'puts herself at risk' in the report. am i right to be annoyed",
                        "out_of_scope")
    assert names(messages)[0] == "utter_answer" and messages[0]["entry_id"] in LANGUAGE_ENTRIES


def test_welsh_gets_a_welsh_and_english_reply(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "mae fy ŵyr yn 14 ac mae e'n cario pecynnau i ddynion hŷn. beth ddylwn i wneud?",
                        "unclear")
    assert names(messages) == ["utter_unclear_welsh", "utter_flow_worried_parent_opening"]


def test_a_question_asked_in_welsh_is_answered_in_english_after_the_welsh_reply(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "bore da, beth yw llinellau sirol?", "unclear")
    assert names(messages)[:2] == ["utter_unclear_welsh", "utter_answer"]
    assert messages[1]["entry_id"] == "county_lines"
    messages, _ = reply(make_tracker, domain, "beth yw camfanteisio troseddol?", "unclear")
    assert names(messages)[:2] == ["utter_unclear_welsh", "utter_answer"]
    assert messages[1]["entry_id"] == "cce_definition"


@pytest.mark.parametrize("text,entry", [
    ("noswaith dda, beth ydi cuckooing? mae fy merch yn siarad amdano", "cuckooing"),
    ("beth yw'r NRM? mae'r heddlu wedi sôn amdano", "nrm_overview"),
])
def test_english_terms_in_a_welsh_question_are_answered_in_english(make_tracker, domain, text, entry):
    messages, _ = reply(make_tracker, domain, text, "unclear")
    assert names(messages)[:2] == ["utter_unclear_welsh", "utter_answer"]
    assert messages[1]["entry_id"] == entry


def test_welsh_read_as_a_question_still_gets_the_welsh_reply_not_a_guess(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "shwmae, ga i siarad gyda chi yn gymraeg os gwelwch yn dda")
    assert names(messages) == ["utter_unclear_welsh"]
    messages, _ = reply(make_tracker, domain, "bore da, my son is 14 and keeps going missing, what are the signs")
    assert names(messages)[0] == "utter_answer"
    messages, _ = reply(make_tracker, domain, "mae hi'n 15 ac mae hi'n mynd allan bob nos. beth ddylwn i wneud")
    assert names(messages) == ["utter_unclear_welsh"]


@pytest.mark.parametrize("text,disclosure", [
    ("I was raped", "utter_disclosure_sexual_assault_young_person"),
    ("he told me last night one of them raped him", "utter_disclosure_sexual_assault"),
    ("I am depressed", "utter_disclosure_depressed_young_person"),
])
def test_a_disclosure_is_believed_and_referred_in_the_tellers_voice(make_tracker, domain, text, disclosure):
    messages, _ = reply(make_tracker, domain, text)
    assert names(messages)[0] == disclosure
    assert "utter_feedback_thanks" not in names(messages) and "utter_role_thanks" not in names(messages)


def test_a_practitioner_relaying_a_disclosure_gets_their_procedure(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "a pupil has just told me someone raped her", slots={"role": "practitioner"})
    assert names(messages)[0] == "utter_disclosure_sexual_assault_practitioner"


def test_a_police_officers_case_gets_the_polices_own_steps_not_tell_the_police(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "police officer here, found a 17yo in a trap house this morning with 30 wraps. "
                        "what do i need to do")
    assert names(messages)[0] == "utter_disclosure_exploited_now_police"
    text = domain["responses"]["utter_disclosure_exploited_now_police"][0]["text"]
    assert "first responder" in text and "{ictg}" in text and "tell the police" not in text


def test_a_practitioners_exploitation_steps_go_on_past_the_nrm_to_the_trafficking_guardian(domain):
    assert "Independent Child Trafficking Guardian" in domain["responses"]["utter_disclosure_exploited_now_practitioner"][0]["text"]


def test_a_workers_question_about_the_family_beside_a_case_gets_its_own_answer(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "im a TA, one of the kids told me an older lad gives him money to hold stuff, "
                        "do i tell his mum first")
    assert names(messages)[0] == "utter_disclosure_exploited_now_practitioner"
    assert [m.get("entry_id") for m in messages if m.get("response") == "utter_answer"][:1] == ["how_to_refer_childrens_services"]


def test_a_question_beside_chat_about_something_else_is_answered(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "this maths homework is literally killing me lol. also wats county lines, "
                        "we had a lesson on it today n i wasnt listenin")
    assert names(messages)[0] == "utter_answer" and messages[0].get("entry_id") == "county_lines"


def test_every_disclosure_reply_says_it_is_not_their_fault(domain):
    replies = {name: texts[0]["text"] for name, texts in domain["responses"].items() if name.startswith("utter_disclosure_")}
    assert len(replies) >= 20
    for name, text in replies.items():
        assert any(words in text for words in ("not your fault", "not their fault", "not to blame")), name


def test_a_practitioner_relaying_a_disclosure_is_asked_to_tell_the_young_person_it_is_not_their_fault(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "lad on my caseload told me tonight they set him up to get robbed and now say "
                        "he owes 1.5k", slots={"role": "practitioner"})
    assert names(messages)[0] == "utter_disclosure_debt_threats_practitioner"
    assert "not their fault" in domain["responses"]["utter_disclosure_debt_threats_practitioner"][0]["text"]


def test_danger_opens_with_the_emergency_message_and_never_ends_there(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "he's bleeding after they made him plug, what's the NRM?")
    assert names(messages)[:2] == ["utter_emergency", "utter_danger_plugging"]
    assert "utter_answer" in names(messages), "the question in the same message is answered too"
    assert any(m.get("entry_id", "").startswith("nrm") for m in messages)


def test_a_question_typed_without_a_question_mark_is_answered_after_the_danger_reply(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "they made me plug it n now im bleeding loads, whats the nrm thing")
    assert names(messages)[:2] == ["utter_emergency", "utter_danger_plugging_young_person"]
    answers = [m for m in messages if m.get("response") == "utter_answer"]
    assert answers and "NRM" in answers[0]["answer"]


def test_a_young_person_in_danger_is_told_they_are_not_in_trouble(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "they make me sell and i want out, they said theyll hurt me tonight")
    assert names(messages)[0] == "utter_emergency"
    assert names(messages)[1].endswith("_young_person")


def test_a_pickup_still_to_come_is_told_how_to_keep_them_from_going(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "the lads are picking him up in an hour to take him to liverpool, "
                        "hes with me now what do i do")
    assert names(messages)[:2] == ["utter_emergency", "utter_danger_taken"]
    assert "haven't gone yet" in domain["responses"]["utter_danger_taken"][0]["text"]


def test_a_young_person_about_to_be_taken_is_spoken_to_directly(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "theyre taking me to london tonite in the car, i dont want to go")
    assert names(messages)[:2] == ["utter_emergency", "utter_danger_taken_young_person"]
    assert "Don't get into any car" in domain["responses"]["utter_danger_taken_young_person"][0]["text"]


def test_self_harm_gets_its_own_emergency_message_and_support(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "I want to kill myself")
    assert names(messages)[:2] == ["utter_emergency_self_harm", "utter_danger_self_harm"]


def test_a_goodbye_note_gets_the_self_harm_emergency_and_support_and_nothing_else(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "if anyone reads this tell my nan im sorry. im done")
    assert names(messages) == ["utter_emergency_self_harm", "utter_danger_self_harm"]


def test_past_harm_gets_an_answer_not_an_alarm(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "my son was stabbed last year, how do I support him now he's home")
    assert "utter_emergency" not in names(messages) and "utter_answer" in names(messages)


def test_a_request_to_find_someone_is_refused_with_the_route_that_helps(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "give me the address of the dealer who grooms kids on my estate")
    assert names(messages) == ["utter_refuse_locate_person"]


def test_a_young_person_is_spoken_to_directly(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "im 15, will i get in trouble if i tell the police i was made to sell")
    assert slots.get("role") == "young_person"
    answer = next(m for m in messages if m.get("response") == "utter_answer")
    entry = knowledge_base().entries[answer["entry_id"]]
    assert entry.for_young_person and answer["answer"].startswith(entry.for_young_person[:30])


def test_a_young_person_gets_the_facts_after_the_words_written_for_them(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "im 14. what does it mean when my mates say theyre going OT", slots={"role": "young_person"})
    answer = next(m for m in messages if m.get("response") == "utter_answer")
    entry = knowledge_base().entries[answer["entry_id"]]
    assert entry.id == "term_ot"
    assert answer["answer"].startswith(entry.for_young_person[:30]) and "out trapping" in answer["answer"]


def test_a_short_answer_that_speaks_to_adults_is_not_shown_to_a_young_person():
    entry = knowledge_base().entries["youth_charter_listen"]
    assert entry_text(entry, "young_person") == fill(entry.for_young_person)
    assert entry_text(entry, "parent") == fill(entry.short)


def test_what_the_young_persons_words_already_said_is_not_said_again_in_the_third_person():
    entry = knowledge_base().entries["strategy_meeting_young_person"]
    text = entry_text(entry, "young_person")
    assert text.startswith(fill(entry.for_young_person)) and "They should understand why the meeting" not in text
    assert "Independent Professional Advocate" in text  # what it adds stays
    county = knowledge_base().entries["county_lines"]
    assert "the Barry line" in entry_text(county, "young_person")


def test_a_small_entry_is_given_whole_and_offers_no_more():
    entries = knowledge_base().entries
    small, large = entries["ghost_children"], entries["responding_to_missing"]
    composed = compose("what are ghost children", Asker("parent", None))[1]
    assert composed.entry is small and fill(small.more) in composed.text
    assert not any(b["title"] == MORE_BUTTON for b in answer_buttons(composed, Asker("parent", None), False))
    composed = compose("what should happen when a child goes missing and we suspect cce", Asker("practitioner", None))[1]
    assert composed.entry is large and fill(large.more) not in composed.text
    assert any(b["title"] == MORE_BUTTON for b in answer_buttons(composed, Asker("practitioner", None), False))


def test_a_runner_up_all_but_level_with_the_best_is_answered_too():
    entries = knowledge_base().entries
    best, other = entries["term_ot"], entries["term_trapping"]
    tied = [Match(best, 0.60), Match(other, 0.58)]
    text, used = with_a_tied_runner_up(best.short, [best], tied, "parent")
    assert used == [best, other] and text.endswith(fill(other.short))
    clear = [Match(best, 0.60), Match(other, 0.50)]
    assert with_a_tied_runner_up(best.short, [best], clear, "parent") == (best.short, [best])


def test_a_missing_child_at_risk_gets_999_then_the_flow_offered_not_asked(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "my daughter is 14, been gone since yesterday, phone off, last seen with older men",
                            "start_missing")
    assert names(messages) == ["utter_emergency", "utter_danger_missing", "utter_flow_when_safe"]
    assert slots.get("flow") is None


def test_a_flow_starts_when_asked_for_with_its_answer_first(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "my son hasnt come home", "start_missing")
    assert names(messages)[0] == "utter_flow_missing_opening" and slots["flow"] == "missing"
    assert slots["role"] == "parent"


def test_someone_in_crisis_themself_gets_the_crisis_lines_and_no_steps_for_a_missing_child(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "after tonight nobody will hear from me again", "start_missing")
    assert names(messages) == ["utter_emergency_self_harm", "utter_danger_self_harm"]


def test_a_young_person_back_already_gets_what_to_do_on_their_return_not_the_missing_steps(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "resi worker, lad has just come back at 3am freezing and wont talk, what now",
                            "start_missing")
    assert names(messages)[0] == "utter_answer" and messages[0]["entry_id"] == "missing_when_found"
    assert slots.get("flow") is None
    assert "return home interview" in messages[0]["answer"]
    messages, _ = reply(make_tracker, domain, "she goes missing most weekends and wanders back in on monday, police bring her back, "
                        "what should we be doing", "start_missing")
    assert names(messages)[0] != "utter_flow_missing_opening"


@pytest.mark.parametrize("text", [
    # back after days away; brought home by the police; back at an hour; returned to resi tonight
    "foster carer. 14yo back from 3 nights away, says she stayed at a mates",
    "the police brought our girl back this morning, shed been gone since thursday. what happens now",
    "resi night staff, YP back at 2am after being missing, wont say where, what do i do tonight",
    "EDT. LAC 15yo returned to resi tonight after 3 days missing, 4th time this month",
    # in front of them already, then found to be listed as missing
    "a&e nurse, 16yo in with a sprained wrist, turns out hes flagged missing from care. what do i need to do",
    "a&e nurse nights, 15yo in and police log says shes reported missing from her care home",
    # on the missing list and in front of them
    "school nurse here, 13yo in my office for a headache and her name is on the missing persons list from her foster home",
])
def test_a_young_person_back_already_does_not_start_the_missing_steps(make_tracker, domain, text):
    messages, slots = reply(make_tracker, domain, text, "start_missing")
    assert names(messages)[0] != "utter_flow_missing_opening" and slots.get("flow") is None


def test_the_missing_steps_wait_for_someone_to_be_missing(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "custody suite: 15yo ready for release, no one answering at home, "
                            "he says hes not going back there", "start_missing")
    assert names(messages)[0] != "utter_flow_missing_opening" and slots.get("flow") is None


def test_a_question_the_flow_does_not_answer_is_answered_with_the_flow_offered(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "what is a return home interview and who does it", "start_missing")
    assert names(messages)[0] == "utter_answer" and not slots.get("flow")


def test_a_question_of_its_own_is_answered_even_where_a_flow_fits(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "police found my daughter yesterday after 2 days gone. "
                            "when does the return home interview have to happen", "start_missing")
    assert names(messages)[0] == "utter_answer" and not slots.get("flow")
    assert "72 hours" in messages[0]["answer"]


def test_a_parent_telling_of_a_child_named_by_age_is_answered_as_a_parent(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "someone outside the school gates asked my 12yo to drop a parcel "
                                              "to a mate and gave him a tenner")
    assert names(messages)[0] == "utter_disclosure_exploited_now"


def test_saying_your_age_after_an_answer_gives_it_again_in_your_words(make_tracker, domain):
    asked = {"event": "user", "text": "will i get in trouble for carrying for them",
             "parse_data": {"text": "will i get in trouble for carrying for them", "turn": {}}}
    dispatcher = CollectingDispatcher()
    run_action(ActionNoteAge(), dispatcher, make_tracker("im 14", "give_age", events=[asked]), domain)
    assert names(dispatcher.messages)[:2] == ["utter_role_noted", "utter_answer"]
    entry = knowledge_base().entries[dispatcher.messages[1]["entry_id"]]
    assert entry.for_young_person and dispatcher.messages[1]["answer"].startswith(entry.for_young_person[:30])


def test_saying_your_age_after_a_disclosure_gets_it_spoken_to_you(make_tracker, domain):
    told = make_tracker("someone wants me to hold a bag for them and i want out").latest_message
    dispatcher = CollectingDispatcher()
    run_action(ActionNoteAge(), dispatcher,
               make_tracker("im 14", "give_age", events=[{"event": "user", "text": told["text"], "parse_data": told}]), domain)
    assert names(dispatcher.messages) == ["utter_disclosure_exploited_now_young_person"]


def test_a_teacher_correcting_who_they_are_gets_the_last_answer_for_them(make_tracker, domain):
    asked = {"event": "user", "text": "he has two phones and cash, what should i do",
             "parse_data": {"text": "he has two phones and cash, what should i do", "turn": {}}}
    dispatcher = CollectingDispatcher()
    events = run_action(ActionNoteRole(), dispatcher,
                        make_tracker("sorry im his teacher not his mum", "tell_role", slots={"role": "parent"}, events=[asked]),
                        domain)
    assert names(dispatcher.messages)[:2] == ["utter_role_noted", "utter_answer"]
    assert {"role": "practitioner", "sector": "education"}.items() <= {e["name"]: e["value"] for e in events}.items()


def test_an_aunt_correcting_a_mum_gets_the_last_answer_again_not_a_question_back(make_tracker, domain):
    asked = {"event": "user", "text": "he came home after two nights away, what happens now",
             "parse_data": {"text": "he came home after two nights away, what happens now", "turn": {}}}
    for action, intent in ((ActionNoteRole(), "tell_role"), (ActionRespond(), "ask_question")):
        dispatcher = CollectingDispatcher()
        run_action(action, dispatcher, make_tracker("sorry im his aunt not his mum, hes lived with me for years", intent,
                                                    slots={"role": "parent"}, events=[asked]), domain)
        assert names(dispatcher.messages)[:2] == ["utter_role_noted", "utter_answer"]


def test_saying_your_role_outside_a_flow_is_noted(make_tracker, domain):
    dispatcher = CollectingDispatcher()
    events = run_action(ActionNoteRole(), dispatcher, make_tracker("I'm a social worker", "tell_role"), domain)
    assert names(dispatcher.messages) == ["utter_role_thanks"]
    assert {"role": "practitioner", "sector": "childrens_services"}.items() <= \
        {e["name"]: e["value"] for e in events}.items()


def test_a_young_person_telling_of_their_own_missing_episodes_gets_an_answer_not_the_parents_steps(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "i go missing a lot and every time i come back i get this "
                            "return interview and its always a copper. i hate it", intent="start_missing")
    assert "utter_flow_missing_opening" not in names(messages) and "flow" not in slots
    assert names(messages)[0] == "utter_answer"


def test_a_question_after_its_condition_is_a_question():
    assert QUESTION.search("the younger two are petrified. if i ask social services to take him into care will they "
                           "think im a terrible mum")
    assert not QUESTION.search("hes told me that if i tell anyone they will hurt me")


def test_anything_i_should_think_about_is_a_question():
    assert QUESTION.search("plan is to move him out of area. anything i should think about for his mum")
    assert QUESTION.search("any advice")
    assert not QUESTION.search("he has been moved out of area")
    # a question after a dash or a colon: "NRM - does he need to agree", "RHI: who does it"
    assert QUESTION.search("NRM - does he need to agree being 17")
    assert QUESTION.search("RHI: who does it for a child in care")
    assert not QUESTION.search("a well-known estate")


def test_just_tell_me_what_to_do_after_telling_starts_the_steps_for_who_is_asking(make_tracker, domain):
    told = [{"event": "user", "text": "nan here, found £600 cash and 3 phones in his room", "parse_data": {}}]
    dispatcher = CollectingDispatcher()
    events = run_action(ActionSkipQuestions(), dispatcher,
                        make_tracker("just tell me what to do", "skip_questions", slots={"role": "other"}, events=told), domain)
    slots = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    assert names(dispatcher.messages)[0] == "utter_flow_worried_parent_opening"
    assert slots["flow"] == "worried_parent" and slots["flow_general"] is True
    assert not any(str(n).startswith("utter_ask_") for n in names(dispatcher.messages)), "no question after 'just tell me'"


def test_what_now_as_the_first_message_offers_the_situations(make_tracker, domain):
    dispatcher = CollectingDispatcher()
    run_action(ActionFlowStep(), dispatcher, make_tracker("what now", "next_step"), domain)
    assert names(dispatcher.messages) == ["utter_no_flow"]


def test_a_message_thought_off_topic_inside_a_conversation_is_still_answered(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "police want to interview her on the ward tonight. shes terrified",
                        intent="out_of_scope", slots={"last_entry": "missing_section_46"})
    assert names(messages)[0] == "utter_answer"


def test_harm_no_flow_is_about_gets_its_reply_not_a_guessed_flow(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "mam and her bf were fighting again last night, he threw a plate at her head",
                            intent="start_missing")
    assert names(messages)[0].startswith("utter_disclosure_domestic_abuse") and "flow" not in slots


def test_a_parent_not_coping_is_spoken_to_as_an_adult(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "I'm the one not coping now", slots={"role": "parent"})
    assert names(messages)[0] == "utter_disclosure_depressed"


@pytest.mark.parametrize("text, slots, route", [
    ("my grandson keeps getting lifts off older lads and has cash on him, who do i call",
     {"role": "parent"}, "who_to_tell_parent"),
    ("kids keep doing handovers outside my shop at night, who do i tell", {}, "who_to_tell_anyone"),
    ("the old man next door has lads in and out of his flat all night and looks scared, anything i can do", {}, "who_to_tell_anyone"),
    ("a lad on my caseload has new trainers and cash he cant explain, what am i missing",
     {"role": "practitioner", "sector": "youth_justice"}, "who_to_tell_practitioner"),
    # asked in other words: whether they must act, whether they need proof first
    ("pharmacist. a 15yo keeps coming in with older men paying for his stuff. is it really my place to get involved",
     {"role": "practitioner", "sector": "health"}, "who_to_tell_practitioner"),
    ("my year 8 has a new iphone and says an older lad gave it him. do I need evidence before I pass this on",
     {"role": "practitioner", "sector": "education"}, "who_to_tell_practitioner"),
    # a parent telling of their child, asking nothing, is asking what to do
    ("my son keeps vanishing for a night at a time then wanders back in like nothing happened",
     {"role": "parent"}, "who_to_tell_parent"),
    # a case told with a question of its own still calls for who to tell
    ("theres an older lad, 17ish, who keeps buying my 12 yr old chicken n chips and slipping him a fiver. my son "
     "thinks hes amazing. am i being paranoid or is this how it starts", {"role": "parent"}, "who_to_tell_parent"),
    ("a&e nights. 15yo girl in with facial cut, 'cousin' about 25 wont leave her side and answers every question "
     "for her. how do i get her on her own", {"role": "practitioner", "sector": "health"}, "who_to_tell_practitioner"),
    # out of hours, the out-of-hours route
    ("youth worker, 2am. lad at the project has new phones and cash and older lads keep picking him up. his SW is "
     "office hours only. what should i be doing", {"role": "practitioner"}, "who_to_tell_out_of_hours"),
    ("its saturday night and my son has come home with a new phone and cash he wont explain. what do i do",
     {"role": "parent"}, "who_to_tell_out_of_hours"),
    ("my sw only works 9 til 5 and everything kicks off at night. who am i supposed to ring at 2am",
     {"role": "young_person"}, "who_to_tell_young_person"),
    # a pupil told of by a teacher, with a question; waiting for the DSL; a parent whose answer named only 101
    ("lad in my form turned up in £300 trainers, had a wad of cash, keeps falling asleep in lessons. anything to it?",
     {}, "who_to_tell_practitioner"),
    ("DSL is off sick today, do i just wait till monday", {"role": "practitioner", "sector": "education"},
     "who_to_tell_practitioner"),
    ("weve had to tell our son to leave, the dealers keep coming to the door and my other kids are terrified. now "
     "hes been put in a place miles away. did i do the wrong thing", {"role": "parent"}, "who_to_tell_parent"),
])
def test_asking_who_to_tell_gets_the_route_for_who_is_asking_after_the_answer(make_tracker, domain, text, slots, route):
    messages, _ = reply(make_tracker, domain, text, slots=slots)
    entries = knowledge_base().entries
    first = messages[0]
    assert names(messages)[0] == "utter_answer"
    assert entries[route].short.split(":")[0] in first["answer"]  # "Who to tell"
    assert entries[route].section.citation in first["citation"]


def test_a_case_told_after_a_long_answer_gets_the_route_in_a_sentence_and_asked_gets_it_whole():
    entry = knowledge_base().entries["missing_episodes"]
    told, asked = "my son keeps vanishing for a night at a time", "my son keeps vanishing for a night at a time, who do i call"
    for question, words, whole in [(told, 40, True), (told, 130, False), (asked, 130, True)]:
        composed = Composed(entry, "word " * words, True, sources=[entry])
        add_route(composed, question, Asker("parent", None))
        assert "Who to tell: the police on 101" in composed.text
        assert ("Crimestoppers" in composed.text) == whole, (question, words)


def test_an_answer_that_already_names_the_route_gets_no_second_one(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "what is cuckooing, who do i tell", slots={"role": "parent"})
    assert messages[0]["answer"].count("Who to tell") <= 1
    messages, _ = reply(make_tracker, domain, "what is cuckooing")
    assert "Who to tell" not in messages[0]["answer"]


@pytest.mark.parametrize("text, number", [
    ("whats the number for childline", "0800 1111"),
    ("samaritans number?", "116 123"),
    ("how do i contact crimestoppers", "0800 555 111"),
    ("can u give me the missing people number. no rush, just want it in my phone in case", "116 000"),
])
def test_a_services_number_comes_from_the_checked_list(make_tracker, domain, text, number):
    messages, _ = reply(make_tracker, domain, text)
    assert names(messages) == ["utter_contact"]
    assert messages[0]["contact_reach"] == number


def test_a_worker_telling_of_a_case_gets_the_closest_answer_after_the_disclosure_reply(make_tracker, domain):
    messages, _ = reply(make_tracker, domain,
                        "EDT. 15yo picked up from a trap house last night, back with his foster carers now, told us he sells for older lads",
                        slots={"role": "practitioner"})
    assert names(messages)[0].startswith("utter_disclosure_") and "utter_answer" in names(messages)


def test_an_age_given_after_a_question_gets_the_question_answered_with_it_in_mind(make_tracker, domain):
    asked_tracker = make_tracker("found a second phone in my sons bag what does that mean")
    asked = {"event": "user", "text": asked_tracker.latest_message["text"], "parse_data": asked_tracker.latest_message}
    dispatcher = CollectingDispatcher()
    run_action(ActionNoteAge(), dispatcher,
               make_tracker("he's 15", "give_age", slots={"role": "parent"}, events=[asked]), domain)
    assert names(dispatcher.messages)[:2] == ["utter_age_noted", "utter_answer"]


def test_an_age_given_after_a_disclosure_gets_the_disclosure_and_answer_again_with_it_in_mind(make_tracker, domain):
    text = "my girl is selling for her boyfriend now, what do i do"
    asked = {"event": "user", "text": text,
             "parse_data": {"text": text, "turn": {"safety": assess(text).as_dict()}}}
    assert assess(text).disclosure, "the message before is a disclosure"
    dispatcher = CollectingDispatcher()
    run_action(ActionNoteAge(), dispatcher,
               make_tracker("actually shes 17 and hes 25", "give_age", slots={"role": "parent"}, events=[asked]), domain)
    assert names(dispatcher.messages)[0] == "utter_age_noted" and "utter_answer" in names(dispatcher.messages)


def test_just_tell_me_what_to_do_from_someone_who_has_not_said_who_they_are_starts_the_family_steps(make_tracker, domain):
    told = [{"event": "user", "text": "found £600 cash and 3 phones in my grandsons room", "parse_data": {}}]
    dispatcher = CollectingDispatcher()
    run_action(ActionSkipQuestions(), dispatcher, make_tracker("just tell me what to do", "skip_questions", events=told), domain)
    assert names(dispatcher.messages)[0] == "utter_flow_worried_parent_opening"


def test_what_now_from_a_young_person_who_has_told_something_gets_who_they_can_tell(make_tracker, domain):
    told = [{"event": "user", "text": "someone wants me to hold a bag for them", "parse_data": {}}]
    dispatcher = CollectingDispatcher()
    run_action(ActionFlowStep(), dispatcher,
               make_tracker("ok so what now", "next_step", slots={"role": "young_person"}, events=told), domain)
    assert names(dispatcher.messages)[0] == "utter_answer"
    assert dispatcher.messages[0]["entry_id"] == "who_to_tell_young_person"


def test_someone_asked_to_hold_a_bag_is_answered_as_the_young_person_not_given_the_parents_steps(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "some older lads want me to keep a bag at mine for money, idk",
                            intent="start_worried_parent")
    assert "utter_flow_worried_parent_opening" not in names(messages) and "flow" not in slots


def test_a_young_person_naming_family_in_a_threat_is_still_spoken_to_directly(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "if i try to stop they say theyll hurt my sister")
    assert names(messages)[0] == "utter_disclosure_exploited_now_young_person"


def test_danger_said_by_this_message_and_the_one_before_opens_with_the_emergency_message(make_tracker, domain):
    earlier = "my 12 year old keeps getting picked up by a 27 year old man"
    before = [{"event": "user", "text": earlier, "parse_data": {"text": earlier}}]
    dispatcher = CollectingDispatcher()
    run_action(ActionRespond(), dispatcher, make_tracker("shes with him right now", events=before), domain)
    assert names(dispatcher.messages)[0] == "utter_emergency"
    alone = CollectingDispatcher()
    run_action(ActionRespond(), alone, make_tracker("shes with him right now"), domain)
    assert "utter_emergency" not in names(alone.messages)


@pytest.mark.parametrize("text,asks", [
    ("and if hes 18 in a few weeks does any of that change", True),
    ("if she moved to her dads would it still count", True),
    ("would that matter if hes in care", True),
    ("she lives with her nan most weeks", False),
    ("please just get him home", False),
])
def test_a_what_if_without_a_question_mark_is_a_question(make_tracker, text, asks):
    assert Turn.of(make_tracker(text)).asks_something is asks


def test_a_request_to_hurt_someone_gets_its_own_refusal_and_every_refusal_has_a_reply(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "how do i stab someone and get away with it")
    assert names(messages)[0] == "utter_refuse_hurt_someone"
    refusals = yaml.safe_load(DISCLOSURES_FILE.read_text(encoding="utf-8"))["refusals"]
    assert {f"utter_refuse_{name}" for name in refusals} <= set(domain["responses"])


def test_strangled_by_a_partner_gets_999_and_where_help_is_not_a_missing_childs_steps(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "my boyfriend just choked me till i nearly blacked out, hes back in 5 mins",
                        "start_missing")
    assert names(messages)[0] == "utter_emergency"
    assert "utter_disclosure_domestic_abuse" in names(messages)
    assert "utter_flow_when_safe" not in names(messages)


def test_a_question_the_classifier_thinks_off_topic_is_answered_later_in_a_conversation(make_tracker, domain):
    earlier = [{"event": "user", "text": "theres a 13yo girl at the bus station on her own", "parse_data": {}}]
    tracker = make_tracker("what do i write down after tonight and who do i send it to", "out_of_scope", events=earlier)
    dispatcher = CollectingDispatcher()
    run_action(ActionRespond(), dispatcher, tracker, domain)
    assert "utter_out_of_scope" not in names(dispatcher.messages)



def test_a_question_after_anyway_or_btw_is_read_as_the_question():
    assert QUESTION.search("my nan says shell kill us if we eat her biscuits lol. anyway whats a trap house")


def test_a_worker_telling_of_a_case_without_a_question_gets_who_to_tell_after_the_answer(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "custody sergeant, 3am. 15yo from liverpool brought in from a flat in bangor with wraps and 2 phones",
                        slots={"role": "practitioner", "sector": "police"})
    entries = knowledge_base().entries
    assert names(messages)[0] == "utter_answer"
    assert entries["who_to_tell_practitioner"].section.citation in messages[0]["citation"] \
        or "children's services" in messages[0]["answer"].lower()


def test_a_question_word_inside_a_telling_does_not_make_it_a_question():
    assert not TELLS_A_QUESTION.search("school nurse. girl of 14 in with a black eye, vague about how. dad waiting in the car")
    assert TELLS_A_QUESTION.search("girl of 14 in with a black eye. how do I get her on her own")
    assert TELLS_A_QUESTION.search("lad with a black eye, any point ringing anyone")


def test_a_workers_case_that_no_one_entry_answers_gets_the_steps_not_a_menu(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "head of year. yr 10 lad with a new iphone and wads of cash, "
                                              "shattered every monday. do i act now or wait")
    assert names(messages)[0] == "utter_flow_concern_opening"


def test_a_relative_telling_of_signs_that_no_entry_answers_gets_the_worried_parent_steps(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "noswaith dda. my grandson is 13, he has 2 phones now and lads in a car "
                                              "pick him up from the ysgol gates. what should his dad do")
    assert names(messages)[0] == "utter_flow_worried_parent_opening"


def test_someone_asked_to_carry_for_money_is_spoken_to_as_a_young_person(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "a guy at the bus stop asked me to take a parcel to newport for 40 quid")
    assert slots["role"] == "young_person"
    answer = next(m for m in messages if m.get("response") == "utter_answer")
    entry = knowledge_base().entries[answer["entry_id"]]
    assert entry.for_young_person and answer["answer"].startswith(entry.for_young_person[:30])


def test_a_child_told_of_in_welsh_also_gets_what_a_worried_parent_can_do(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "dwi'n poeni am fy mab, mae e'n 14")
    assert names(messages) == ["utter_unclear_welsh", "utter_flow_worried_parent_opening"]


def test_a_child_back_home_told_of_in_welsh_gets_what_follows_a_missing_episode(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "bore da. roedd fy mab ar goll neithiwr ond mae o adre rwan ac yn saff. "
                                              "beth ddylwn i wneud nesa?", "unclear")
    assert names(messages)[:2] == ["utter_unclear_welsh", "utter_answer"]
    assert "return home interview" in messages[1]["answer"]


def test_a_worker_telling_of_danger_gets_the_emergency_lines_then_what_the_guide_says(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "ward nurse. two older lads just turned up at reception asking for the 15yo "
                                              "we admitted, saying theyre his cousins")
    assert names(messages)[0] == "utter_emergency" and "utter_answer" in names(messages)


def test_a_young_person_giving_their_age_after_telling_of_being_used_gets_it_spoken_to_them(make_tracker, domain):
    told = make_tracker("an older lad asked me to hold his bag for a week and said hed pay me").latest_message
    dispatcher = CollectingDispatcher()
    run_action(ActionNoteRole(), dispatcher,
               make_tracker("im 13", "tell_role", slots={"role": "young_person"},
                            events=[{"event": "user", "text": told["text"], "parse_data": told}]), domain)
    assert names(dispatcher.messages) == ["utter_disclosure_exploited_now_young_person"]


def test_a_question_pointing_back_at_a_told_harm_is_answered_with_what_was_told(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "DSL here. yr10 lad is being made to sell by older boys and now the "
                        "head wants to exclude him. will that make it worse")
    assert names(messages)[0] == "utter_disclosure_exploited_now_practitioner"
    assert messages[1]["entry_id"] == "school_exclusion"


def test_a_young_person_naming_a_pupil_referral_unit_is_answered_not_turned_away(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "been kicked out of school and sent to the pru, its alright tbh", "out_of_scope")
    assert names(messages)[0] == "utter_answer"


def test_knowing_where_a_young_person_is_gets_when_they_count_as_missing(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "night shift. her carer says she knows shes at her nans, is she still a misper")
    assert messages[0].get("entry_id") == "missing_whereabouts_known"


@pytest.mark.parametrize("text", [
    "3rd time this month hes gone overnight and strolls back in next morning like nothing happened. do i really "
    "need to ring the police every time, feels like im wasting their time",
    "the school want to exclude my lad again and i think thats what the older ones want",
    "teacher here. the dealers hang round the chippy by the school gates, what can we do beyond an assembly",
])
def test_a_case_the_classifier_thinks_off_topic_is_answered(make_tracker, domain, text):
    messages, _ = reply(make_tracker, domain, text, "out_of_scope")
    assert "utter_out_of_scope" not in names(messages)
    assert names(messages)[0] == "utter_answer"


def test_a_case_that_singles_out_one_entry_is_answered_whole_not_by_its_generic_last_question(make_tracker, domain):
    messages, _ = reply(make_tracker, domain,
                        "response sgt, 15yo girl from care been missing 7 days now. do we need a strategy meeting")
    answer = next(m for m in messages if m.get("response") == "utter_answer")
    assert answer["entry_id"] == "missing_seven_days"


@pytest.mark.parametrize("text, entry", [
    ("they said the older ones call it 'food'", "term_food"),
    ("police called her a 'clean skin' at the station, is that bad", "term_clean_skins"),
])
def test_a_word_put_in_quotes_gets_its_slang_entry(make_tracker, domain, text, entry):
    messages, _ = reply(make_tracker, domain, text)
    answer = next(m for m in messages if m.get("response") == "utter_answer")
    assert answer["entry_id"] == entry


def test_a_parent_weighing_a_tracking_app_is_answered_not_refused(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "should i put a tracking app on his phone and just check it all the time")
    assert "utter_refuse_locate_person" not in names(messages) and "utter_answer" in names(messages)


def test_a_last_question_that_names_no_topic_does_not_outweigh_the_case_told(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "housing officer. vulnerable tenants flat being used by dealers, kids in n "
                        "out all hours. whats our role")
    answer = next(m for m in messages if m.get("response") == "utter_answer")
    assert answer["entry_id"] != "police_role_disrupt_exploiters" and "cuckoo" in answer["answer"].lower()


def test_a_second_question_on_the_same_subject_is_answered_too():
    """"do I need to be certain ... and can school submit one": the second part's entry is related
    to the first answer's, so it needs no margin over its neighbours to be given."""
    _, composed, _ = compose("DSL here. do i need to be certain a pupil is trafficked before doing an NRM? "
                             "and can school even submit one", Asker("practitioner", "education"))
    said = composed.text + (composed.second[1] if composed.second else "")
    assert "need to be certain" in said and "voluntary organisations" in said




def test_a_second_question_after_a_full_stop_or_comma_is_answered_too():
    """"how has this happened to us. is it my fault": two questions with no question mark between;
    what is told before the first question stays with it ("got a DTO for 8 months. do i do ...")."""
    _, composed, _ = compose("we're a good family, stable home, both of us work. how has this happened to us. "
                             "is it my fault", Asker("parent", None))
    assert composed.second and "not to blame" in composed.second[1]
    assert question_parts("got a DTO for 8 months. do i do the whole thing inside? and will they send me "
                          "away")[0] == "got a DTO for 8 months. do i do the whole thing inside"
    _, composed, _ = compose("whats gonna happen after this section 47 thing, will my son end up on a register",
                             Asker("parent", None))
    assert composed.second and "child protection register" in composed.second[1]
    assert question_parts("if he goes missing again tonight, what do i do first") == [
        "if he goes missing again tonight, what do i do first"]


def test_two_questions_in_text_speak_are_both_answered():
    _, composed, _ = compose("wots a shank and wot does going OT mean, everyone at school keeps saying it", Asker(None, None))
    assert "knife" in composed.text and composed.second and "out of town" in composed.second[1].lower()


def test_a_question_asked_mid_sentence_is_answered_after_the_danger_reply(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "EDT, YP missing from placement since saturday, 5 days tomorrow. at what "
                        "point does a strat meeting HAVE to be called", "start_missing", slots={"role": "practitioner"})
    assert names(messages)[0] == "utter_emergency"
    answers = [m for m in messages if m.get("response") == "utter_answer"]
    assert answers and "strategy meeting" in answers[0]["answer"]


def test_a_worker_asking_if_a_sign_is_a_red_flag_gets_the_answer_not_the_steps(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "head of yr. yr9 lad went from constant detentions to suddenly quiet as a "
                        "mouse and good as gold, plus new nikes and a chain. red flag or am i being paranoid",
                        "start_concern", slots={"role": "practitioner", "sector": "education"})
    assert names(messages)[0] == "utter_answer"
    assert "coach" in messages[0]["answer"]


def test_a_fear_that_he_will_go_missing_again_does_not_start_the_missing_steps(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "hes from another force area, how do i make sure he doesnt just disappear "
                        "back there and get lost", "start_missing", slots={"role": "practitioner", "sector": "police"})
    assert "utter_flow_step" not in names(messages) and names(messages)[0] == "utter_answer"


def test_a_number_asked_for_beside_a_case_comes_from_the_checked_list(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "EDT. 15yo from brum found in a trap house in rhyl tonight, NRM going in. "
                        "whats the number for the trafficking guardians and are they even open at this time",
                        slots={"role": "practitioner"})
    contact = next(m for m in messages if m.get("response") == "utter_contact")
    assert "0800 043 4303" in contact["contact_reach"] and "24 hours" in contact["contact_hours"]


def test_harm_to_the_body_told_after_the_event_gets_medical_help_in_the_tellers_voice(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "plugged a few days ago n got it out but its still burning down there and "
                        "there was a bit of blood yesterday. is that bad")
    assert names(messages)[0] == "utter_disclosure_medical_young_person"
    messages, _ = reply(make_tracker, domain, "my son came home with a burn on his hand he wont explain. its blistered, "
                        "gone yellow and it smells. he says leave it", slots={"role": "parent"})
    assert names(messages)[0] == "utter_disclosure_medical"
    assert "utter_emergency" not in names(messages)


@pytest.mark.parametrize("told, then", [
    ("ok its me. started cutting cos of all of it", "not tonight tho, im ok. just wanted to tell someone"),
    ("they said i can pay it off by doing a few drops for them. they said if i dont theres gonna be problems",
     "nah forget it im fine honestly"),
    ("what r the signs someones being groomed into dealing", "asking for a mate"),
])
def test_drawing_back_after_telling_leaves_the_door_open_with_who_to_talk_to(make_tracker, domain, told, then):
    before = make_tracker(told).latest_message
    dispatcher = CollectingDispatcher()
    run_action(ActionRespond(), dispatcher,
               make_tracker(then, events=[{"event": "user", "text": told, "parse_data": before}]), domain)
    assert names(dispatcher.messages) == ["utter_door_open_young_person"]
    assert "{childline}" in domain["responses"]["utter_door_open_young_person"][0]["text"]


def test_a_parent_saying_they_are_fine_without_anything_told_gets_their_answer_not_the_door(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "im fine, what is cuckooing", slots={"role": "parent"})
    assert names(messages)[0] == "utter_answer"


def test_someone_who_names_a_mate_and_tells_of_harm_to_themself_is_spoken_to_directly(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "its cos i got robbed when i had their stuff. but i think my mate set it up tbh",
                        slots={"role": "other"})
    assert names(messages)[0] == "utter_disclosure_assault_young_person"
    messages, _ = reply(make_tracker, domain, "my mate got jumped by the lads he runs for last night", slots={"role": "other"})
    assert names(messages)[0] == "utter_disclosure_assault"


def test_a_question_asked_without_a_question_mark_is_answered_after_the_disclosure_reply(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "some lads have basically moved into my flat and i cant get them out. "
                        "if i tell housing will i get kicked out and lose my tenancy")
    assert names(messages)[0] == "utter_disclosure_exploited_now_young_person"
    assert "utter_answer" in names(messages)


@pytest.mark.parametrize("text, voice", [
    ("will he get in trouble with the police if we report it", "short"),
    ("if i tell my teacher what im doing for them will i get arrested", "for_young_person"),
])
def test_a_fear_that_telling_brings_trouble_is_answered_with_child_first(make_tracker, domain, text, voice):
    messages, _ = reply(make_tracker, domain, text)
    entry = knowledge_base().entries["reporting_keeps_them_safe"]
    assert messages[0]["entry_id"] == entry.id
    assert getattr(entry, voice).split(".")[0] in messages[0]["answer"]


def test_a_fear_for_one_young_person_that_no_entry_speaks_to_gets_who_to_tell_not_not_covered(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "his dad died in a fight years ago and im terrified the same is gonna "
                        "happen to my boy, hes hanging round with the same crowd now", slots={"role": "parent"})
    assert names(messages)[0] == "utter_answer" and messages[0]["entry_id"] == "who_to_tell_parent"


def test_a_young_person_telling_of_a_friends_harm_gets_the_words_about_a_child(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "my friend is 14 and she told me her dad makes her keep drugs in her "
                                                  "room and shes terrified of him. im 15, who do i even tell")
    assert slots["role"] == "young_person"
    assert names(messages)[0] == "utter_disclosure_exploited_now"


def test_a_question_that_names_no_topic_after_a_case_is_answered_from_the_whole_message(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "lad at my club is 17, been running for a line over a year. SW involved "
                                              "but keeps saying the case closes when hes 18. what happens then")
    answers = [m["entry_id"] for m in messages if m.get("response") == "utter_answer"]
    assert answers and answers[0] in ("transitional_safeguarding", "youth_justice_over_18")


def test_a_parent_who_feels_blamed_is_answered_not_told_it_is_off_topic(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "it feels like im dying inside watching him turn into someone else. "
                                              "everyone at school looks at me like its my fault", intent="out_of_scope")
    assert names(messages)[0] == "utter_answer"


def test_a_young_person_asking_whether_a_teacher_must_pass_it_on_gets_the_duty_in_their_words(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "if i tell my teacher does she have to tell someone? im 14")
    entry = knowledge_base().entries["section_130_duty_to_report"]
    assert messages[0]["entry_id"] == entry.id
    assert messages[0]["answer"].startswith(fill(entry.for_young_person)[:40])


def test_asking_whether_to_ring_out_of_hours_tonight_or_wait_is_told_not_to_wait(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "do i call EDT tonight or leave it for day team")
    assert messages[0]["entry_id"] in ("childrens_services_out_of_hours", "who_to_tell_out_of_hours")
    assert "wait for the day team" in messages[0]["answer"]


def test_a_number_asked_for_beside_another_question_comes_from_the_checked_list():
    _, composed, _ = compose("are we first responders for NRM referrals? and who refers to the child trafficking "
                             "guardian, is there a number", Asker("practitioner", "police"))
    assert composed.text.endswith(fill("Independent Child Trafficking Guardian (ICTG) service: {ictg}"))
    _, composed, _ = compose("who refers to the child trafficking guardian", Asker("practitioner", "police"))
    assert "Guardian (ICTG) service: " not in composed.text


def test_saying_the_mate_was_them_makes_the_asker_a_young_person(make_tracker, domain):
    _, slots = reply(make_tracker, domain, "ok its actually me not my mate. if i tell someone will i get arrested")
    assert slots["role"] == "young_person"
    _, slots = reply(make_tracker, domain, "hes not a friend, hes a 30 year old man. what do i do", slots={"role": "parent"})
    assert slots.get("role", "parent") == "parent"


@pytest.mark.parametrize("text", ["cant they just go and get him", "thats not proper dealing is it",
                                  "shouldnt school be doing more", "im 16 so its fine isnt it"])
def test_a_negative_ask_and_a_question_tag_are_questions(text):
    assert QUESTION.search(text)


@pytest.mark.parametrize("text", ["dont worry", "he wont come home", "i told him it is"])
def test_a_telling_with_a_negative_or_an_inverted_verb_is_not_a_question(text):
    assert not QUESTION.search(text)


def test_a_question_asked_beside_danger_without_a_question_mark_is_answered(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "police said hes not 'missing' because i know hes at a flat on the estate. "
                                              "hes 14 and i KNOW whats going on in there!! cant they just go and get him")
    assert names(messages)[0] == "utter_emergency" and "utter_answer" in names(messages)


def test_a_teacher_whose_words_found_a_neighbours_route_gets_their_own(make_tracker, domain):
    asked = "my neighbours lad, about 13, keeps getting into a black car late at night, different men driving. not really my business but"
    asked_tracker = make_tracker(asked)
    before = {"event": "user", "text": asked, "parse_data": asked_tracker.latest_message}
    dispatcher = CollectingDispatcher()
    run_action(ActionNoteRole(), dispatcher, make_tracker("actually i should say im his teacher as well, hes in my form",
                                                          "tell_role", slots={"role": "other"}, events=[before]), domain)
    answers = [m for m in dispatcher.messages if m.get("response") == "utter_answer"]
    assert answers and answers[0]["entry_id"] != "who_to_tell_anyone"
    assert "Designated Safeguarding Lead" in answers[0]["answer"]


def test_the_last_reply_is_not_sent_again_when_another_entry_holds_as_much_of_the_question(make_tracker, domain):
    first = "my sons 17, finally got his own flat through a supported place, but now hes back at mine all day every day and refuses to go back there"
    said = fill(compose(first, Asker("parent", None))[1].text)
    events = [{"event": "user", "text": first, "parse_data": {"text": first, "turn": {}}},
              {"event": "bot", "text": said}]
    messages, _ = reply(make_tracker, domain, "he finally told me some older lads are 'staying' there and he cant get "
                                              "them out. is he going to lose the flat",
                        slots={"role": "parent", "last_entry": "cuckooing"}, events=events)
    answers = [m for m in messages if m.get("response") == "utter_answer"]
    assert answers and answers[0]["answer"] not in said and answers[0]["entry_id"] != "cuckooing"


def test_a_teacher_telling_of_a_pupil_gets_their_safeguarding_lead_after_the_signs(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "yr10 lad keeps turning up in new designer gear with 2 phones. "
                                                  "what signs should i be looking out for")
    assert slots["sector"] == "education"
    assert names(messages)[0] == "utter_answer" and "Designated Safeguarding Lead" in messages[0]["answer"]


def test_asking_whether_to_do_an_nrm_gets_who_makes_it_and_that_under_18s_need_not_consent():
    _, composed, _ = compose("ok. do we need to do an nrm as well? hes 16 and says hes fine", Asker("practitioner", None))
    assert "first responder" in composed.text and "under-18s do not need to consent" in composed.text


@pytest.mark.parametrize("text, entry", [
    ("this maths homework is literally killing me lol. anyway we had a thing in pshe abt county lines wots that "
     "actually mean", "county_lines"),
    ("grandson just said hes gonna kill his brother for eating his last crisps haha. on a serious note whats "
     "cuckooing, the news said its happening on our estate", "cuckooing"),
])
def test_a_question_asked_mid_sentence_beside_chat_is_answered(make_tracker, domain, text, entry):
    messages, _ = reply(make_tracker, domain, text)
    assert names(messages)[0] == "utter_answer" and messages[0]["entry_id"] == entry


def test_a_word_asked_about_after_chat_gets_its_meaning(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "we had a knife crime lesson at school today and now im kinda paranoid lol. "
                                              "what does county lines actually mean")
    assert names(messages)[0] == "utter_answer" and messages[0]["entry_id"] == "county_lines"


@pytest.mark.parametrize("text", [
    "sum older boys keep askin me to take a bag to newport for 50 quid. is that bad",
    "its 1am and im at the youth shelter, the lads keep ringing me to come out. who do i ring",
])
def test_a_young_person_asked_to_do_it_is_spoken_to_directly(make_tracker, domain, text):
    messages, slots = reply(make_tracker, domain, text)
    assert slots.get("role") == "young_person"
    assert "your child" not in " ".join(m.get("answer") or m.get("text") or "" for m in messages)


def test_a_short_second_question_is_read_in_the_light_of_the_whole_message():
    """"... do i need to be sure before an NRM, and do i need his consent": consent for an NRM, not for a
    referral to children's services, which the part alone finds almost as close."""
    _, composed, _ = compose("YJS - 17yo with strong cce indicators but nothing certain. do i need to be sure "
                             "before an NRM, and do i need his consent", Asker("practitioner", "youth_justice"))
    assert composed.second and composed.second[0].id == "nrm_consent"


def test_a_word_heard_from_someone_else_is_the_question():
    _, composed, _ = compose("my mate said something about housing first, whats that", Asker("young_person", None))
    assert composed.entry.id in ("housing_first", "housing_first_for_youth")


def test_a_worker_told_the_young_person_says_he_is_fine_with_friends_also_hears_of_coached_stories():
    question = ("custody sgt, 14yo found 60 miles from home in what looks like a trap house, says hes staying with "
                "friends and hes fine. do we bring him to the station or take him home")
    _, composed, _ = compose(question, Asker("practitioner", "police"))
    assert composed.entry.id == "missing_getting_home"
    assert composed.second and composed.second[0].id == "police_coached_stories"
    _, composed, _ = compose("my son says hes fine and just stressed about exams, should i leave it", Asker("parent", None))
    assert not (composed.second and composed.second[0].id == "police_coached_stories")


def test_a_second_part_that_names_little_of_its_own_is_answered_when_the_whole_message_ranks_it_first():
    _, composed, _ = compose("NRM came back negative at reasonable grounds. can we challenge that? also how long is it "
                             "meant to take normally", Asker("practitioner", None))
    assert composed.entry.id == "nrm_appeals"
    assert composed.second and composed.second[0].id == "nrm_decisions"


def test_news_told_after_saying_who_is_asking_is_answered_not_the_last_answer_again(make_tracker, domain):
    asked = {"event": "user", "text": "got kicked out of school so im at the pru now and theres lads there who sell",
             "parse_data": {"text": "got kicked out of school so im at the pru now and theres lads there who sell", "turn": {}}}
    messages, _ = reply(make_tracker, domain, "im in care btw. my sw is new and i dont trust her, all she does is fire "
                                              "questions at me", events=[asked])
    assert names(messages)[0] == "utter_answer"


def test_asking_who_to_talk_to_beside_something_no_entry_answers_gets_who_to_tell():
    _, composed, _ = compose("my cousin got shanked last year and now evryone says im next cos of who i chill with. "
                             "is there anyone i can actually talk to about it", Asker("young_person", None))
    assert composed.entry.id == "who_to_tell_young_person"


def test_a_question_beside_asking_for_a_number_is_answered_and_the_number_added(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "can police do the NRM referral ourselves or does it have to go thru social "
                                              "services? and whats the number for the child trafficking guardian service")
    assert names(messages)[0] == "utter_answer" and messages[0]["entry_id"].startswith("nrm")
    assert "0800 043 4303" in fill(messages[0]["answer"])
    messages, _ = reply(make_tracker, domain, "whats the number for missing people? not for now, just want it saved")
    assert names(messages) == ["utter_contact"]


def test_a_young_adult_whose_flat_is_used_for_selling_is_answered_not_told_it_is_off_topic(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "im 19 got my own flat off the council. a mate of a mate crashed once and now "
                                              "theres like 4 of them there all the time selling. been sofa surfing at my "
                                              "mums cos i dont wanna go back", "out_of_scope")
    assert names(messages)[0] == "utter_answer"


def test_a_question_asked_with_wdym_beside_chat_is_answered(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "this maths homework is literally killing me lol. unrelated but we had a "
                                              "lesson on county lines today, wdym by a 'line'", "out_of_scope")
    assert "utter_emergency" not in names(messages)
    assert names(messages)[0] == "utter_answer" and "line" in messages[0]["answer"].lower()


def test_someone_telling_of_their_own_debt_to_exploiters_is_spoken_to_as_the_young_person(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "so i did a drop for someone and on the way back i got jumped and they "
                                                  "took it. now the guy says i owe him 500 and i gotta work it off")
    assert slots["role"] == "young_person"
    assert names(messages)[0] == "utter_disclosure_debt_threats_young_person" or \
        names(messages)[0].endswith("_young_person")


def test_a_parent_who_names_their_other_children_is_spoken_to_as_a_parent(make_tracker, domain):
    messages, slots = reply(make_tracker, domain, "i cant cope anymore. the men hes running for have been round the house, "
                                                  "my two youngest are scared stiff. would care be safer? what do i do")
    assert slots["role"] == "parent"
    assert "utter_disclosure_depressed" in names(messages)


def test_an_out_of_hours_worker_asking_what_follows_a_return_gets_the_next_steps():
    _, composed, _ = compose("ok hes back at the placement now. what needs to happen on monday", Asker("practitioner", None))
    assert composed.entry.id == "missing_found_next_steps"
    assert "strategy meeting" in composed.text and "72 hours" in composed.text


def test_a_police_officer_told_a_missing_child_is_safe_at_a_mates_is_answered_not_told_to_ring_the_police(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "response officer. mum reported her 14yo missing, he's just rung her saying "
                                              "hes safe at a mates but wont say where. can we close it off? what do i do")
    assert "utter_flow_missing_opening" not in names(messages)
    said = " ".join(fill(m.get("answer", "")) for m in messages)
    assert "whereabouts are known" in said and "coach" in said
    assert "Who to involve" in said and "Tell the police on" not in said


def test_a_case_with_its_question_read_as_asking_for_the_steps_gets_its_answer_too(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "yr 9 boy, used to be a nightmare in class, last few wks hes been a model "
                                              "pupil. quiet, new phone, £200 trainers, tired all the time. head thinks its "
                                              "great news. should i be worried and what do i do with this", "start_concern")
    assert names(messages)[0] == "utter_flow_concern_opening"
    answer = next(m for m in messages if m.get("response") == "utter_answer")
    assert answer["entry_id"] == "education_behaviour_changes"


def test_a_nurse_with_a_young_person_brought_in_reported_missing_gets_no_missing_child_steps(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "a&e nurse here. 15yo brought in by police, reported missing from a care "
                                              "home in cardiff. says shes fine and wants to go", "start_missing")
    assert "utter_emergency" not in names(messages) and "utter_flow_missing_opening" not in names(messages)
    assert names(messages)[0] == "utter_answer"


def test_a_parent_worn_out_asking_who_comes_gets_the_support_reply_and_the_answer_to_the_whole_message(make_tracker, domain):
    messages, _ = reply(make_tracker, domain, "my 15 yr old daughter was gone 2 nights again and came back this morning "
                                              "not saying a word. im at the end of my rope. does anyone come and speak to her")
    assert names(messages)[0] == "utter_disclosure_depressed"
    said = " ".join(fill(m.get("answer", "")) for m in messages)
    assert "return home interview" in said and "72 hours" in said


def test_a_later_part_that_points_back_at_a_thing_is_read_after_the_part_that_names_it():
    """"whats that and do i have to say yes to IT": the consent for an NRM, not consent to exploitation."""
    _, composed, _ = compose("the SW mentioned an NRM, whats that and do i have to say yes to it", Asker("parent", None))
    assert composed.second and composed.second[0].id == "nrm_consent"


def test_a_follow_up_with_a_topic_of_its_own_gets_a_new_answer_not_the_same_words_again():
    """"and if she wont talk to anyone?" after return home interviews: why young people do not talk,
    not the return home interview again; "what do i do now" still leans wholly on the last answer."""
    parent = Asker("parent", None)
    earlier = "my daughter is 15 and keeps going off for a night or 2, police bring her home and thats it"
    previous = knowledge_base().entries["return_home_interview"]
    _, again, _ = compose("and if she wont talk to anyone?", parent, previous, earlier=earlier)
    assert again.entry.id == "return_home_interview", "the last topic leads when nothing was said before"
    _, composed, _ = compose("and if she wont talk to anyone?", parent, previous, earlier=earlier, said_before=again.text)
    assert composed.entry.id == "why_young_people_dont_tell"
    _, bare, _ = compose("what now", parent, previous, earlier=earlier, said_before=again.text)
    assert bare.entry.id != "why_young_people_dont_tell"


def test_a_word_asked_about_by_pointing_back_at_it_is_answered_not_the_rest_of_the_message(make_tracker, domain):
    """"... they kept sayin county lines. wat even is that": county lines, not knife crime."""
    messages, _ = reply(make_tracker, domain, "had a knife crime talk in school today n they kept sayin county lines. "
                        "wat even is that")
    assert messages[0]["response"] == "utter_answer" and messages[0]["entry_id"] == "county_lines"
    messages, _ = reply(make_tracker, domain, "school nurse, someone said plugging on a CCE training today and i didnt "
                        "want to ask in front of everyone. what does it mean")
    assert messages[0]["response"] == "utter_answer" and "plug" in messages[0]["entry_id"]
    messages, _ = reply(make_tracker, domain, "im his nan. camhs mentioned something called non violent resistance for "
                        "us, sounds like martial arts lol, what is it actually")
    assert messages[0]["entry_id"] == "non_violent_resistance", "the whole message, when it names the thing better"


def test_an_out_of_hours_worker_is_told_who_to_ring_and_two_entries_do_not_say_the_same_thing_twice():
    _, composed, _ = compose("EDT SW. police just rang, 14yo girl found in a flat in another county with adults and gear, "
                             "shes been missing 4 days from her foster placement. what do i need to be thinking about "
                             "tonight", Asker("practitioner", "social_care"))
    assert "emergency duty" in composed.text
    assert composed.text.lower().count("police station") == 1


def test_who_at_school_to_talk_to_gets_who_to_tell():
    _, composed, _ = compose("ok so who at school do i actually talk to about it being more than bad behaviour",
                             Asker("parent", None))
    assert "safeguarding lead at your child's school" in composed.text


def test_the_name_of_the_social_services_act_is_not_taken_for_who_to_tell():
    _, composed, _ = compose("this is the 4th time. who do i ring next time she goes", Asker("parent", None))
    assert "Social Services and Well-being" in composed.text and "police on 101" in composed.text


def test_a_label_that_names_where_the_question_is_asked_stays_in_the_search():
    _, composed, _ = compose("custody sgt. 16yo in on PWITS, 2 handsets and 600 cash on him, no injuries, calm, AA on "
                             "the way. anything CCE specific i should be doing", Asker("practitioner", "police"))
    assert "Before a young person leaves custody" in composed.text
