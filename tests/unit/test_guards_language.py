"""The language rules (Appendix B, Figure 10): find for users, lint for our content, reframes once."""
from __future__ import annotations


import pytest
import yaml

from bench.guards import DEV_SET, score
from bot.guards import reframes_due
from knowledge.entries import knowledge_base
from knowledge.language import LANGUAGE_FILE, LanguageRules, language_rules

RULES = yaml.safe_load(LANGUAGE_FILE.read_text(encoding="utf-8"))["rules"]
STRENGTHS_BASED = [
    "she has been groomed",
    "he is being controlled",
    "they have been trafficked",
    "boys and girls are criminally exploited",
    "they are being forced to go back to the flat",
    "he got involved in the school play",
    "the exploiters are putting him at risk",
]
ASKING_ABOUT_A_TERM = [
    "why shouldn't I say lifestyle choice?",
    "is 'drug mule' an ok term?",
    "what does the toolkit say about the phrase putting themselves at risk",
    "is \u201crunaway\u201d victim blaming?",
]


@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_every_rule_catches_its_examples(rule):
    assert rule.get("examples"), "each rule carries examples"
    for sentence in rule["examples"]:
        assert rule["id"] in {h.rule_id for h in language_rules().find(sentence)}, sentence


@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_every_rule_is_complete_and_cites_figure_10(rule):
    assert rule["source"] == "Toolkit, Appendix B, Figure 10"
    assert rule["considerate"] and rule["note"] and rule["reframe"]


@pytest.mark.parametrize("sentence,rule_id", [
    ("she is placing herself at risk", "place_themselves_at_risk"),
    ("he keeps running off", "keeps_running_off"),
    ("they put themselves in danger", "place_themselves_at_risk"),
    ("he's putting himself at risk", "place_themselves_at_risk"),
    ("he's a drug dealer", "drug_dealer_child"),
    ("the yp is non-engaging", "non_engaging"),
])
def test_lemmas_catch_everyday_variants(sentence, rule_id):
    assert [h.rule_id for h in language_rules().find(sentence)] == [rule_id]


# Each class of error, in words that are in none of the labelled sets.
BLAMING_BY_CLASS = [
    ("to be fair he's a dealer now, he knows what he's doing", "drug_dealer_child"),
    ("she's been a little drug dealer for months", "drug_dealer_child"),
    ("he's turned into a little dealer", "drug_dealer_child"),
    ("its the choice she's made", "chose_this"),
    ("the choices he's making are his own", "chose_this"),
    ("he knowingly joined that gang", "chose_this"),
    ("no one made her do it", "chose_this"),
    ("he chose to hang around with them", "chose_this"),
    ("she became heavily involved with the dealers", "become_involved"),
    ("she got invovled in the gang", "become_involved"),
    ("he's become invlved with drugs", "become_involved"),
    ("its his lifestlye choice", "lifestyle_choice"),
    ("hes very streetwize", "streetwise"),
    ("hes street smart", "streetwise"),
    ("she can handle herself", "streetwise"),
    ("he knows full well what he is doing", "knows_what_they_are_doing"),
    ("they know the score", "knows_what_they_are_doing"),
    ("hes old enough to know better", "knows_what_they_are_doing"),
    ("hes only doing it for the money", "in_it_for_the_money"),
    ("he gets a buzz out of it", "in_it_for_the_money"),
    ("she agreed to go with them", "consented"),
    ("he went along with it quite happily", "consented"),
    ("hes not a kid anymore, hes 17", "consented"),
    ("shes complicit in all of it", "consented"),
    ("he asks for trouble hanging round there", "brings_it_on_themselves"),
    ("shes only got herself to blame", "brings_it_on_themselves"),
    ("he got himself caught up in it", "become_involved"),
    ("he joined a gang last year", "become_involved"),
    ("she just runs straight back to them", "go_back_to_exploiters"),
    ("hes back with the olders again", "go_back_to_exploiters"),
    ("shes always going missing", "keep_going_missing"),
    ("he comes and goes as he pleases", "keeps_running_off"),
    ("she keeps doing a runner from the unit", "keeps_running_off"),
    ("she's on the game", "selling_herself"),
    ("she trades sex for a place to stay", "selling_herself"),
    ("she's got a sugar daddy", "selling_herself"),
    ("these kids are thugs", "criminal_label"),
    ("he's a wannabe gangster", "criminal_label"),
    ("he's a lost cause", "criminal_label"),
    ("stop playing the victim", "not_a_victim"),
    ("he isn't a victim", "not_a_victim"),
    ("shes making it all up", "attention_seeking"),
    ("she loves the attention", "attention_seeking"),
    ("he hangs round with them because he wants to", "chose_this"),
    # a motive, a bare "her choice", nobody made him, choosing to carry or to hang about
    ("she joined them because she liked the designer gear", "chose_this"),
    ("he deals for them now, his own choice", "chose_this"),
    ("nobody pushed her into it", "chose_this"),
    ("she chose to hold the stuff for them", "chose_this"),
    ("he chooses to knock about with that lot", "chose_this"),
    ("well what did they expect", "brings_it_on_themselves"),
    ("she is sexually active with much older lads", "promiscuous"),
    ("she's no longer a kid", "consented"),
    ("he's really not a child any more", "consented"),
    ("he seems ok with it all", "consented"),
    ("hes become hardened", "criminal_label"),
    ("she's a courier for some gang in birmingham", "drug_dealer_child"),
    ("those drug couriers are teenagers", "drug_dealer_child"),
]
NOT_BLAMING_BY_CLASS = [
    # an agency, a professional or the family as the subject
    "the school became involved when she stopped attending",
    "social services got involved after the second missing episode",
    "the youth offending team are involved with him",
    # a choice to get help or get safe
    "she chose to speak to the police which took real courage",
    "he made the choice to leave that group",
    "she decided to get help",
    # asking about a term
    "is it alright to say he's streetwise",
    "whats the problem with saying runaway",
    "what's wrong with calling her a runaway",
    # real words near a key word, and the exploiters choosing
    "he was close to the olders before they exploited him",
    "the exploiters chose her because she was isolated",
    # negated or impossible consent, a professional's consent to a referral
    "he is being criminally exploited and cannot consent to that",
    "young people can't consent to exploitation even when it looks consensual",
    "we asked her consent before referring",
    # the exploiters know and want; the child does not know
    "the exploiters know exactly what they're doing",
    "the olders are in it for the money",
    "he doesn't know what he's getting into",
    # "criminal" as an adjective, or a label rejected
    "he's a victim of criminal exploitation",
    "she was treated as a criminal by the police",
    "he is a child, not a criminal",
    "she's not the only victim in the school",
    # ordinary likes, savvy with technology, forced to
    "he loves his football",
    "she's tech savvy so i can't check her phone",
    "he was forced to sell himself",
    "she went along to youth club with her friend",
    "he wants to be safe",
    # the reason named: fear behind not engaging, coercion behind going back
    "she finds it difficult to engage right now",
    "he isnt engaging at the moment, hes terrified of what they'll do",
    "she went back to the flat after they threatened her mum",
    "he keeps going back cos he owes them money",
    # a runner in sport; a choice named as brave
    "my son is a runner for the county athletics team",
    "it was her decision to tell us and her choice was brave",
]


@pytest.mark.parametrize("sentence,rule_id", BLAMING_BY_CLASS)
def test_each_class_of_blaming_is_caught(sentence, rule_id):
    assert rule_id in {h.rule_id for h in language_rules().find(sentence)}


@pytest.mark.parametrize("sentence", NOT_BLAMING_BY_CLASS)
def test_each_class_of_false_alarm_passes(sentence):
    assert language_rules().find(sentence) == []


def test_a_blaming_question_about_the_young_person_is_still_reframed():
    assert language_rules().find("what's wrong with him, he's a drug dealer now")


@pytest.mark.parametrize("sentence", STRENGTHS_BASED)
def test_strengths_based_sentences_pass(sentence):
    assert language_rules().find(sentence) == []
    assert language_rules().lint(sentence) == []


@pytest.mark.parametrize("sentence", ASKING_ABOUT_A_TERM)
def test_asking_about_a_term_is_answered_not_reframed(sentence):
    assert language_rules().find(sentence) == []


def test_lint_counts_every_use_except_inside_double_quotes():
    rules = language_rules()
    assert rules.lint("why shouldn't I say lifestyle choice?")
    assert rules.lint("Avoid 'drug mule'.")
    assert rules.lint('Avoid "drug mule" and "lifestyle choice".') == []
    assert rules.lint("Avoid \u201cthey place themselves at risk\u201d.") == []


def test_a_hit_carries_the_alternative_and_why():
    [hit] = language_rules().find("honestly it's a lifestyle choice for him")
    assert hit.rule_id == "lifestyle_choice" and hit.phrase == "a lifestyle choice"
    assert hit.considerate and hit.note and hit.reframe.startswith("It can look like a choice")


@pytest.mark.parametrize("rule", RULES, ids=[r["id"] for r in RULES])
def test_reframes_pass_the_lint(rule):
    assert language_rules().lint(rule["reframe"]) == []


def test_reframes_are_due_once_per_rule():
    first = reframes_due("he keeps going missing, it's a lifestyle choice", set())
    assert {h.rule_id for h in first} == {"keep_going_missing", "lifestyle_choice"}
    again = reframes_due("it's a lifestyle choice", {"lifestyle_choice"})
    assert again == []


def test_loader_rejects_a_phrase_in_two_rules():
    data = yaml.safe_load(LANGUAGE_FILE.read_text(encoding="utf-8"))
    data["rules"][1]["inconsiderate"].append(data["rules"][0]["inconsiderate"][0])
    with pytest.raises(ValueError, match="already in rule"):
        LanguageRules(data)


@pytest.mark.parametrize("field", ["considerate", "note", "source", "reframe", "inconsiderate"])
def test_loader_rejects_a_rule_missing_a_field(field):
    data = yaml.safe_load(LANGUAGE_FILE.read_text(encoding="utf-8"))
    del data["rules"][0][field]
    with pytest.raises(ValueError, match="lacks"):
        LanguageRules(data)


def test_dev_set_meets_the_floors():
    data = yaml.safe_load(DEV_SET.read_text(encoding="utf-8"))
    assert len(data["blaming"]) >= 70 and len(data["not_blaming"]) >= 70
    s = score(data, "language")
    assert s["recall"] >= 0.95, s["missed"]
    assert s["precision"] >= 0.95, s["false_alarms"]


def test_no_more_than_two_reframes_come_before_the_answer_and_the_rest_wait():
    text = "she's got herself involved with a bad lot, made her bed, she's basically a drug dealer now"
    first = reframes_due(text, set())
    assert len({hit.reframe for hit in first}) == 2
    later = reframes_due(text, {hit.rule_id for hit in first})
    assert later and not {hit.rule_id for hit in later} & {hit.rule_id for hit in first}


def test_each_rule_names_a_knowledge_entry_that_answers_about_its_words():
    entries = knowledge_base().entries
    assert all(rule.entry in entries for rule in language_rules().rules.values())


def test_not_saying_a_word_is_not_a_question_about_words_so_the_blaming_phrase_is_reframed():
    hits = language_rules().find("my 15 yr old daughter was gone 2 nights again and came back this morning not saying "
                                 "a word. shes putting herself at risk and im at the end of my rope")
    assert [hit.rule_id for hit in hits] == ["place_themselves_at_risk"]
    assert language_rules().find("is that word ok, putting herself at risk") == []
