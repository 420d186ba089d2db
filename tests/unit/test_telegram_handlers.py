"""The Telegram handlers without a network: real Update objects through `Application.process_update`,
the Bot API and the Rasa server each an httpx MockTransport that records what was sent
(python-telegram-bot's own tests work this way). The end-to-end run over HTTP is in tests/e2e."""
from __future__ import annotations

import asyncio
import datetime as dt
import json
from typing import Any

import httpx
import pytest
from telegram import CallbackQuery, Chat, Message, Update, User
from telegram.request import HTTPXRequest

from bot.telegram.app import build_application
from bot.telegram.rasa_client import RasaClient, pseudonym
from bot.telegram.settings import Settings

KEY = b"k" * 32
ANSWER = {"text": "Cuckooing is when a home is taken over.", "response": "utter_answer",
          "citation": "Section two › Cuckooing", "entry_id": "cuckooing",
          "buttons": [{"title": "Tell me more", "payload": '/tell_more{"entry_id": "cuckooing"}', "expands": True}]}


class FakeTelegramApi:
    """Answers every Bot API method, and keeps (method, parameters) in order."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.message_id = 100

    def __call__(self, request: httpx.Request) -> httpx.Response:
        method = request.url.path.rsplit("/", 1)[-1]
        body = request.content.decode() or "{}"
        params = json.loads(body) if body.startswith("{") else dict(httpx.QueryParams(body))
        self.calls.append((method, params))
        if method == "getMe":
            result: Any = {"id": 1, "is_bot": True, "first_name": "Guide", "username": "guide_bot"}
        elif method == "sendMessage":
            self.message_id += 1
            result = {"message_id": self.message_id, "date": 0, "text": params.get("text", ""),
                      "chat": {"id": int(params["chat_id"]), "type": "private"}}
        else:
            result = True
        return httpx.Response(200, json={"ok": True, "result": result})

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]


class FakeRasa:
    """The REST channel: replies with `replies`, and keeps what it was sent."""

    def __init__(self, replies: list[dict]) -> None:
        self.replies, self.received = replies, []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.received.append(json.loads(request.content))
        return httpx.Response(200, json=self.replies)


def make_bot(rasa_transport=None, **settings_overrides):
    """(the fake Bot API, the fake Rasa, a function that runs updates through the Application)."""
    telegram, rasa = FakeTelegramApi(), FakeRasa([ANSWER])
    settings = Settings(token="123:abc", sender_hash_key=KEY, **settings_overrides)
    application = build_application(settings, HTTPXRequest(httpx_kwargs={"transport": httpx.MockTransport(telegram)}))
    shared = application.bot_data["shared"]
    shared.rasa = RasaClient("http://rasa", transport=rasa_transport or httpx.MockTransport(rasa))

    async def run(*updates: Update) -> None:
        await application.initialize()
        await shared.rasa.start()
        for update in updates:  # as the Bot API would send it, tied to this bot
            await application.process_update(Update.de_json(update.to_dict(), application.bot))
        await shared.rasa.close()
        await application.shutdown()

    return telegram, rasa, shared, lambda *updates: asyncio.run(run(*updates))


@pytest.fixture
def bot():
    telegram, rasa, _, run = make_bot(rate_limit_messages=3, rate_limit_seconds=60)
    return telegram, rasa, run


def typed(text: str, chat_type: str = "private", update_id: int = 1, chat_id: int = 42) -> Update:
    user = User(id=chat_id, first_name="A", is_bot=False)
    message = Message(message_id=update_id, date=dt.datetime.now(dt.timezone.utc),
                      chat=Chat(id=chat_id, type=chat_type), from_user=user, text=text)
    return Update(update_id=update_id, message=message)


def pressed(data: str, update_id: int = 2, chat_id: int = 42) -> Update:
    user = User(id=chat_id, first_name="A", is_bot=False)
    message = Message(message_id=7, date=dt.datetime.now(dt.timezone.utc), chat=Chat(id=chat_id, type="private"),
                      from_user=user, text="Cuckooing is ...")
    return Update(update_id=update_id, callback_query=CallbackQuery(id="q1", from_user=user, chat_instance="c",
                                                                   message=message, data=data))


def test_a_question_reaches_rasa_under_a_pseudonym_and_the_answer_carries_its_section(bot):
    telegram, rasa, run = bot
    run(typed("whats cuckooing"))
    assert rasa.received == [{"sender": pseudonym(KEY, 42), "message": "whats cuckooing"}]
    [sent] = telegram.sent()
    assert sent["text"] == "Cuckooing is when a home is taken over.\n\n📖 Toolkit: Section two › Cuckooing"
    keyboard = sent["reply_markup"] if isinstance(sent["reply_markup"], dict) else json.loads(sent["reply_markup"])
    assert keyboard["inline_keyboard"][0][0] == {"text": "Tell me more",
                                                 "callback_data": '/tell_more{"entry_id": "cuckooing"}'}


def test_a_button_press_is_acknowledged_first_then_sent_as_its_payload(bot):
    telegram, rasa, run = bot
    run(pressed('/tell_more{"entry_id": "cuckooing"}'))
    methods = [name for name, _ in telegram.calls if name != "getMe"]
    assert methods[0] == "answerCallbackQuery"
    assert rasa.received[-1]["message"] == '/tell_more{"entry_id": "cuckooing"}'


def test_group_chats_get_silence(bot):
    telegram, rasa, run = bot
    run(typed("hello", chat_type="group"))
    assert telegram.sent() == [] and rasa.received == []


def test_too_many_messages_get_one_warning_then_silence(bot):
    telegram, rasa, run = bot
    run(*(typed(f"question {n}", update_id=n) for n in range(1, 7)))
    assert len(rasa.received) == 3
    assert len(telegram.sent()) == 4, "three answers and one warning, then nothing"


def test_rasa_unreachable_gets_the_kind_reply_with_the_numbers():
    def refused(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    telegram, _, shared, run = make_bot(rasa_transport=httpx.MockTransport(refused))
    run(typed("hello"))
    [sent] = telegram.sent()
    assert sent["text"] == shared.wording.text("unavailable")
