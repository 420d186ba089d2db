"""The guided flows through the trained model and the real action server: what users see."""


def texts(messages):
    return [m.get("text", "") for m in messages]


def buttons(messages):
    return [b["title"] for m in messages for b in m.get("buttons") or []]


def test_missing_gives_999_and_101_before_asking_anything(chat):
    messages = chat.say("my son hasnt come home and its nearly midnight")
    first = messages[0]["text"]
    assert "999" in first and "101" in first
    assert first.index("999") < first.index("101")
    assert "Parent or carer" not in buttons(messages), "'my son' already says who is asking"
    assert "Yes" in buttons(messages), "only then: the one question the steps need, as buttons"


def test_missing_asks_who_is_asking_only_when_the_message_does_not_say(chat):
    messages = chat.say("a young person hasnt come back tonight")
    assert "999" in messages[0]["text"]
    assert "Parent or carer" in buttons(messages)


def test_missing_for_a_parent_of_a_child_in_care_reaches_the_philomena_protocol(chat):
    chat.say("a young person in our care has gone missing")
    chat.say('/inform{"role": "practitioner"}')
    first_step = chat.say('/inform{"in_care": "yes"}')
    assert "Toolkit:" in first_step[0]["text"]
    seen = [chat.text("next") for _ in range(4)]
    assert any("Philomena" in text for text in seen)
    assert any("lead practitioner" in text.lower() for text in seen)


def test_nrm_consent_question_inside_the_flow_is_answered_and_the_flow_goes_on(chat):
    chat.say("I need to make an NRM referral")
    replies = texts(chat.say("do I need his consent, he's 16"))
    joined = "\n".join(replies)
    assert "under 18" in joined and "consent is not needed" in joined
    assert any("do not need their consent" in text for text in replies), "the flow picked up, on the under-18 branch"


def test_nrm_changed_answer_takes_the_adult_branch(chat):
    chat.say("can you walk me through an nrm referral")
    first = chat.text('/inform{"age_group": "under_18"}')
    assert "do not need their consent" in first
    changed = chat.text("actually she's 18")
    assert "must agree" in changed


def test_stop_leaves_the_flow_cleanly(chat):
    chat.say("my daughter is missing")
    stopped = chat.text("cancel")
    assert "stopped" in stopped
    after = chat.text("what is cuckooing")
    assert "Cuckooing" in after and "parent or carer" not in after.lower()


def test_danger_inside_a_flow_gets_999_first(chat):
    chat.say("I'm worried about my son, he's got older friends with cars")
    messages = chat.say("they've just grabbed him and driven off")
    assert "999" in messages[0]["text"]


def test_worried_parent_is_told_it_is_not_their_fault_and_who_to_talk_to(chat):
    opening = chat.text("I think my daughter is being exploited")
    assert "isn't your fault" in opening and "999" in opening
    seen = [chat.text('/inform{"sign_noticed": "phone_or_money"}')]
    seen += [chat.text("next step") for _ in range(6)]
    joined = "\n".join(seen)
    assert "safeguarding lead" in joined and "children's services" in joined


def test_practitioner_concern_ends_with_a_summary_that_holds_no_names(chat):
    asked = chat.say("I'm a teacher and I'm worried about a pupil, Jayden Price, in year 10")
    assert "Which sector" not in " ".join(texts(asked)), "'I'm a teacher' already says the sector"
    chat.say("Jayden has a new phone and loads of cash and goes missing")
    chat.say("his mum says there's conflict at home")
    steps = [chat.text("they hang around the park with older lads")]
    steps += [chat.text("next") for _ in range(6)]
    joined = "\n".join(steps)
    assert "Designated Safeguarding Person" in joined or "DSP" in joined
    summary = next(text for text in steps if "summary" in text.lower())
    assert "Sector: education" in summary and "Going missing" in summary
    assert "Jayden" not in summary and "Price" not in summary


def test_housing_cuckooing_flow_walks_the_signs_and_section_55(chat):
    first = chat.text("I think one of our tenants has been cuckooed")
    assert "Toolkit:" in first
    seen = [chat.text("next") for _ in range(4)]
    assert any("section 55" in text.lower() for text in seen)


def test_an_answer_that_does_not_fit_gets_the_question_again_not_silence(chat):
    chat.say("a young person hasnt come back tonight")
    replies = texts(chat.say("no he lives with us"))
    assert replies, "never silence"
    assert any("parent or carer" in text.lower() for text in replies), "the question comes back"
    assert "looked after" in chat.text('/inform{"role": "parent"}'), "and the flow goes on"
