"""The real Rasa server over its REST webhook, and the SQLite tracker store across a restart."""
import httpx

from tests.servers import rasa_server


def post(url: str, sender: str, message: str) -> list[dict]:
    response = httpx.post(f"{url}/webhooks/rest/webhook",
                          json={"sender": sender, "message": message}, timeout=60)
    assert response.status_code == 200
    return response.json()


def test_rest_webhook_answers_a_toolkit_question(rest_url, sender):
    replies = post(rest_url, sender, "what is cuckooing")
    assert "Toolkit:" in replies[0]["text"] and "Cuckooing" in replies[0]["text"]


def test_a_conversation_survives_a_server_restart(endpoints_file, tmp_data, sender):
    from tests.services import stored_events

    db = f"sqlite:///{tmp_data / 'conversations.db'}"
    with rasa_server(endpoints_file, log=tmp_data / "restart.log") as url:
        post(url, sender, "what is cuckooing")
    before = stored_events(db, sender)
    with rasa_server(endpoints_file, log=tmp_data / "restart.log") as url:
        more = post(url, sender, "tell me more")
    assert "Cuckooing" in more[0]["text"], "the last answer was remembered across the restart"
    after = stored_events(db, sender)
    assert after[:len(before)] == before, "every event stored before the restart is still there"
    assert [e["text"] for e in after if e["event"] == "user"] == ["what is cuckooing", "tell me more"]
