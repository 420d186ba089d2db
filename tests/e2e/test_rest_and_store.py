"""The real Rasa server over its REST webhook, and the SQLite tracker store across a restart."""
import pytest

from harness.rest import post, responses, stored_events
from harness.servers import rasa_server
from knowledge.entries import knowledge_base

CUCKOOING = knowledge_base().entries["cuckooing"]


def test_rest_webhook_answers_a_toolkit_question(rest_url, sender):
    replies = post(rest_url, sender, "what is cuckooing")
    answer = replies[0]
    assert answer["response"] == "utter_answer" and answer["entry_id"] == "cuckooing"
    assert answer["citation"] == CUCKOOING.section.citation == "Section two › Cuckooing"
    assert "Toolkit:" not in answer["text"], "the citation travels as a field, not in the text"


def test_one_message_per_utterance_each_naming_its_response(rest_url, sender):
    replies = post(rest_url, sender, "what is cuckooing")
    assert all(m.get("response") and m.get("recipient_id") == sender for m in replies), replies
    [more] = [b for b in replies[0]["buttons"] if b["title"] == "Tell me more"]
    assert more["expands"] is True, "the web page opens it in place"
    assert all("expands" not in b for b in replies[0]["buttons"] if b is not more)
    expanded = post(rest_url, sender, more["payload"])
    assert responses(expanded)[0] == "utter_more" and expanded[0]["entry_id"] == "cuckooing"
    assert expanded[0]["citation"] == CUCKOOING.section.citation


@pytest.mark.own_servers
def test_a_conversation_survives_a_server_restart(rest_url, endpoints_file, tmp_data, sender):
    """Own server: the conversation starts on the session's server and goes on on a freshly
    started one over the same SQLite store and action server, so it outlives the process."""
    db = f"sqlite:///{tmp_data / 'conversations.db'}"
    assert post(rest_url, sender, "what is cuckooing")[0]["entry_id"] == "cuckooing"
    before = stored_events(db, sender)
    with rasa_server(endpoints_file, log=tmp_data / "restart.log") as url:
        more = post(url, sender, "tell me more")
    assert (more[0]["response"], more[0]["entry_id"]) == ("utter_more", "cuckooing"), \
        "the last answer was remembered across the restart"
    after = stored_events(db, sender)
    assert after[:len(before)] == before, "every event stored before the restart is still there"
    assert [e["text"] for e in after if e["event"] == "user"] == ["what is cuckooing", "tell me more"]
