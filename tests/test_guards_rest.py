"""Both guards over the real REST channel, in every dialogue state a user can be in."""
import httpx
import pytest


def say(url: str, sender: str, message: str) -> list[dict]:
    response = httpx.post(f"{url}/webhooks/rest/webhook",
                          json={"sender": sender, "message": message}, timeout=60)
    assert response.status_code == 200
    return response.json()


DANGER = "they've just dragged him into a car and driven off"


def assert_999_first(replies: list[dict]) -> None:
    assert replies, "always a reply"
    first_line = replies[0]["text"].splitlines()[0]
    assert "999" in first_line
    assert sum("999" in m.get("text", "") and "danger right now" in m.get("text", "") for m in replies) == 1, \
        "the emergency message is sent once"


def test_danger_gets_999_first_at_the_start(rest_url, sender):
    assert_999_first(say(rest_url, sender, DANGER))


def test_danger_inside_a_flow_question_gets_999_first_then_the_flow_asks_again(rest_url, sender):
    say(rest_url, sender, "I need to make an NRM referral")
    replies = say(rest_url, sender, "he's just texted me saying they've got a knife to his throat")
    assert_999_first(replies)
    assert any("under 18" in m.get("text", "") for m in replies[1:]), "the flow's question comes back"


def test_danger_in_the_middle_of_flow_steps_gets_999_first(rest_url, sender):
    say(rest_url, sender, "a flat on my patch has been taken over by dealers")
    assert_999_first(say(rest_url, sender, "theres a man with a machete in the flat now threatening the tenant"))


def test_self_harm_talk_gets_samaritans_and_childline(rest_url, sender):
    replies = say(rest_url, sender, "my daughter just told me she wants to kill herself tonight")
    assert "999" in replies[0]["text"].splitlines()[0]
    assert "116 123" in replies[0]["text"] and "0800 1111" in replies[0]["text"]


@pytest.mark.parametrize("question", [
    "what does taxing mean", "is carrying a knife a warning sign", "what is plugging",
])
def test_topic_questions_do_not_raise_the_alarm(rest_url, sender, question):
    replies = say(rest_url, sender, question)
    assert "🚨" not in replies[0]["text"]


def test_blaming_words_get_a_gentle_reframe_once_then_the_answer(rest_url, sender):
    first = say(rest_url, sender, "my son has made a lifestyle choice to sell drugs, what can I do")
    assert "choice" in first[0]["text"] and "Toolkit:" not in first[0]["text"], "the reframe opens the reply"
    assert any("Toolkit:" in m.get("text", "") or m.get("buttons") for m in first[1:]), "then the answer"
    again = say(rest_url, sender, "it's his lifestyle choice though isn't it")
    assert not any(m.get("text") == first[0]["text"] for m in again), "once per rule per conversation"


def test_asking_about_a_term_is_answered_not_reframed(rest_url, sender):
    replies = say(rest_url, sender, "why shouldn't I say lifestyle choice?")
    assert "Toolkit: Appendix B" in replies[0]["text"]


def test_strengths_based_words_are_not_reframed(rest_url, sender):
    replies = say(rest_url, sender, "she has been groomed and is being controlled by older men")
    assert not any("can't consent" in m.get("text", "") or "can look like" in m.get("text", "")
                   for m in replies)
