"""The Telegram front end: fast offline checks, then end to end over real HTTP.

End to end, `python -m bot.telegram` runs as a child process, long-polling a fake Bot API on
loopback (harness/fake_telegram.py) and asking the session's one Rasa server (`rest_url`). A test
pushes an update, the real python-telegram-bot fetches it with getUpdates, asks Rasa, and the
test reads what arrived at sendMessage, keyboards included. Nothing sleeps: a check that the bot
sent nothing more waits first for a positive sign that it finished (a later reply in the same
chat, or the line the bot logs for what it did).
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import sqlite3
import subprocess
import sys
import time
from contextlib import contextmanager
from itertools import count
from pathlib import Path
from typing import Any, Iterator

import httpx
import pytest

from bot.display import CITATION_PREFIX
from bot.telegram.context import RateLimiter
from bot.telegram.formatting import (CALLBACK_DATA_LIMIT, ButtonPayloads, outgoing, split_text,
                                     telegram_length)
from bot.telegram.messages import wording
from bot.telegram.rasa_client import RasaClient, pseudonym
from bot.telegram.settings import Settings, SettingsError
from harness.fake_telegram import LONG_PARAGRAPH, FakeTelegram
from harness.rest import stored_events as stored_turns
from harness.servers import ROOT, free_port, quiet_env, stop
from harness.waiting import wait_for_line
from knowledge.contacts import fill
from knowledge.entries import knowledge_base

KEY = "test-sender-hash-key"
ARTIFACT = ROOT / "tests" / "artifacts" / "telegram_conversation.txt"
EMERGENCY, POLICE = fill("{emergency}"), fill("{police_non_emergency}")
_chat_ids = count(7_000_001)
BOT_LOGS: dict[str, Path] = {}  # token -> the bot's log file


def domain_text(domain: dict, response: str) -> str:
    """A domain response's text as the assistant sends it (contact numbers filled)."""
    return fill(domain["responses"][response][0]["text"])


def with_citation(entry_id: str) -> str:
    """How a Telegram answer ends: the toolkit section from the message's `citation` field."""
    return f"\n\n{CITATION_PREFIX}{knowledge_base().entries[entry_id].section.citation}"


def logged(token: str, line: str, times: int = 1, timeout: float = 15) -> None:
    """Wait until the bot with `token` has logged `line` (at least `times` times)."""
    wait_for_line(BOT_LOGS[token], line, times, timeout)


def run(coroutine: Any) -> Any:
    """Run a coroutine on a private loop (leaves the session's event loop alone)."""
    loop = asyncio.new_event_loop()
    try:
        return loop.run_until_complete(coroutine)
    finally:
        loop.close()


# Offline: formatting, wording, settings, the Rasa client --------------------------------------

class TestSplittingWithoutRequest:
    def test_short_text_is_one_message(self):
        assert split_text("Hello.\n\nSecond paragraph.") == ["Hello.\n\nSecond paragraph."]

    def test_long_text_is_cut_at_paragraphs_under_the_limit(self):
        paragraphs = [f"Paragraph {i}. " + "word " * 300 for i in range(12)]
        chunks = split_text("\n\n".join(paragraphs))
        assert len(chunks) > 1
        assert all(telegram_length(c) <= 4096 for c in chunks)
        assert all(c.startswith("Paragraph ") for c in chunks), "every chunk starts a paragraph"
        assert "\n\n".join(chunks).split() == "\n\n".join(paragraphs).split(), "nothing lost"

    def test_one_huge_paragraph_is_cut_at_sentences_then_words(self):
        text = "This is one sentence in a very long paragraph. " * 300
        chunks = split_text(text, limit=1000)
        assert all(telegram_length(c) <= 1000 and c.endswith(".") for c in chunks)
        assert " ".join(chunks).split() == text.split()
        assert split_text("x" * 2500, limit=1000) == ["x" * 1000, "x" * 1000, "x" * 500]

    def test_emoji_count_twice_as_telegram_counts_them(self):
        chunks = split_text("📖" * 3000)
        assert [telegram_length(c) for c in chunks] == [4096, 1904]


class TestButtonsWithoutRequest:
    def test_callback_data_always_fits_64_bytes_and_comes_back(self):
        payloads = ButtonPayloads()
        short = '/tell_more{"entry_id": "cuckooing"}'
        long = '/ask_question{"entry_id": "' + "a_very_long_entry_identifier_" * 3 + '"}'
        assert payloads.encode(short) == short
        token = payloads.encode(long)
        assert len(token.encode()) <= CALLBACK_DATA_LIMIT and payloads.decode(token) == long
        assert ButtonPayloads().decode(token) is None, "a token from before a restart has expired"

    def test_keyboard_rides_on_the_last_chunk_only(self):
        reply = {"text": "\n\n".join(["word " * 700] * 3),
                 "buttons": [{"title": "Tell me more", "payload": "/tell_more"}]}
        parts = outgoing([reply, {"text": "Second reply."}], ButtonPayloads(), "Choose one:")
        markups = [markup for _, markup in parts]
        assert len(parts) == 4 and markups[:2] == [None, None] and markups[3] is None
        assert markups[2].inline_keyboard[0][0].text == "Tell me more"

    def test_buttons_without_text_still_get_a_message(self):
        parts = outgoing([{"buttons": [{"title": "Yes", "payload": "/affirm"}]}], ButtonPayloads(), "Choose one:")
        assert [text for text, _ in parts] == ["Choose one:"]


class TestWordingWithoutRequest:
    def test_every_text_passes_the_language_lint_and_uses_checked_numbers(self):
        from knowledge.lint import problems
        w = wording()
        texts = [(f"messages.yml [{k}]", v) for k, v in w.texts.items()]
        texts += [(f"messages.yml [role {t}]", t) for t, _ in w.roles]
        assert problems(iter(texts)) == []

    def test_emergency_numbers_come_from_contacts(self):
        w = wording()
        assert EMERGENCY in w.text("welcome") and EMERGENCY in w.text("unavailable")
        assert POLICE in w.text("unavailable")
        assert "{" not in w.text("privacy", retention_days=30)

    def test_role_buttons_tell_rasa_the_role(self):
        assert [p for _, p in wording().roles] == [
            '/tell_role{"role": "parent"}', '/tell_role{"role": "practitioner"}',
            '/tell_role{"role": "young_person"}']


class TestSettingsWithoutRequest:
    def test_a_missing_hash_key_is_a_clear_error(self):
        with pytest.raises(SettingsError, match="SENDER_HASH_KEY"):
            Settings.from_env({"TELEGRAM_BOT_TOKEN": "123:abc"})

    def test_webhook_mode_needs_a_secret(self):
        env = {"TELEGRAM_BOT_TOKEN": "123:abc", "SENDER_HASH_KEY": "k",
               "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/hook"}
        with pytest.raises(SettingsError, match="TELEGRAM_WEBHOOK_SECRET"):
            Settings.from_env(env)
        settings = Settings.from_env({**env, "TELEGRAM_WEBHOOK_SECRET": "s3cret"})
        assert settings.webhook_mode and settings.webhook_path == "hook"

    def test_defaults(self):
        settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": "123:abc", "SENDER_HASH_KEY": "k"})
        assert settings.api_base_url == "https://api.telegram.org/bot"
        assert settings.rasa_url == "http://localhost:5005" and not settings.webhook_mode
        assert settings.retention_days == 30

    def test_the_sender_id_is_a_keyed_hash_not_the_chat_id(self):
        sender = pseudonym(b"key", 123456789)
        assert len(sender) == 64 and "123456789" not in sender
        assert sender != pseudonym(b"other key", 123456789) != pseudonym(b"key", 123456780)


class TestRasaClientWithoutRequest:
    @staticmethod
    def send(handler) -> Any:
        async def go():
            client = RasaClient("http://rasa", timeout=1, transport=httpx.MockTransport(handler))
            await client.start()
            try:
                return await client.send("abc", "hello")
            finally:
                await client.close()
        return run(go())

    def test_replies_come_back_in_order(self):
        reply = self.send(lambda r: httpx.Response(200, json=[{"text": "one"}, {"text": "two"}]))
        assert reply.ok and [m["text"] for m in reply.messages] == ["one", "two"]

    @pytest.mark.parametrize("handler", [
        lambda r: httpx.Response(500),
        lambda r: httpx.Response(200, text="not json"),
        lambda r: (_ for _ in ()).throw(httpx.ConnectError("refused")),
        lambda r: (_ for _ in ()).throw(httpx.ReadTimeout("slow")),
    ], ids=["server error", "not json", "refused", "timeout"])
    def test_failures_are_returned_not_raised(self, handler):
        reply = self.send(handler)
        assert not reply.ok and reply.messages == []


def test_the_rate_limiter_warns_once_then_drops_until_the_window_moves():
    now = [0.0]
    limiter = RateLimiter(3, 10, clock=lambda: now[0])
    assert [limiter.check(1) for _ in range(5)] == ["ok", "ok", "ok", "warn", "drop"]
    assert limiter.check(2) == "ok", "other chats are not affected"
    now[0] = 10.5
    assert limiter.check(1) == "ok"


def test_forget_unwraps_rasas_store_wrappers_and_deletes_one_sender(tmp_path):
    from rasa.core.tracker_store import AwaitableTrackerStore, FailSafeTrackerStore
    from rasa.shared.core.events import ActionExecuted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.forget import forget_sender
    from bot.tracker_store import ConversationStore

    store = ConversationStore(host=f"sqlite:///{tmp_path / 'store.db'}")
    wrapped = FailSafeTrackerStore(AwaitableTrackerStore(store))
    for sender in ("alice", "bob"):
        tracker = DialogueStateTracker.from_events(
            sender, [ActionExecuted("action_listen"), UserUttered("hello")])
        run(wrapped.save(tracker))
    assert forget_sender(wrapped, "alice") == 2
    assert run(wrapped.retrieve("alice")) is None
    assert run(wrapped.retrieve("bob")) is not None


# End to end: the real bot, a fake Bot API, the real Rasa server --------------------------------

@pytest.fixture(scope="module")
def fake() -> Iterator[FakeTelegram]:
    with FakeTelegram() as server:
        yield server


@contextmanager
def telegram_bot(fake: FakeTelegram, token: str, rasa_url: str, log: Path,
                 ready: str = "getUpdates", **env: str) -> Iterator[subprocess.Popen]:
    """`python -m bot.telegram` pointed at the fake Bot API; ready once it polls (or sets its webhook)."""
    BOT_LOGS[token] = log
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.telegram"], cwd=ROOT, stdout=open(log, "ab"), stderr=subprocess.STDOUT,
        env=quiet_env(TELEGRAM_BOT_TOKEN=token, TELEGRAM_API_BASE_URL=fake.base_url, RASA_URL=rasa_url,
                      SENDER_HASH_KEY=KEY, TELEGRAM_POLL_TIMEOUT="1", **env))
    try:
        def up():
            assert process.poll() is None, f"the bot exited with {process.returncode}; see {log}"
            return fake.calls_of(token, ready)
        fake.wait_for(up, 30, f"the bot ({token}) to start")
        yield process
    finally:
        stop(process)


@pytest.fixture(scope="module")
def bot(fake, rest_url, tmp_data) -> Iterator[str]:
    """A bot talking to the real Rasa server; yields its token."""
    with telegram_bot(fake, "1001:real-rasa", rest_url, tmp_data / "telegram.log"):
        yield "1001:real-rasa"


@pytest.fixture(scope="module")
def down_bot(fake, tmp_data) -> Iterator[str]:
    """A bot whose Rasa URL is a closed port."""
    with telegram_bot(fake, "1002:rasa-down", f"http://127.0.0.1:{free_port()}",
                      tmp_data / "telegram-down.log"):
        yield "1002:rasa-down"


@pytest.fixture(scope="module")
def stub_bot(fake, tmp_data) -> Iterator[str]:
    """A bot whose Rasa is the fake's stand-in (long replies; "slow" takes 30 s)."""
    with telegram_bot(fake, "1003:stub-rasa", fake.stub_rasa_url, tmp_data / "telegram-stub.log",
                      RASA_TIMEOUT_SECONDS="2"):
        yield "1003:stub-rasa"


class Chat:
    """One private chat with one bot, as the user sees it."""

    def __init__(self, fake: FakeTelegram, token: str, chat_id: int | None = None) -> None:
        self.fake, self.token, self.id = fake, token, chat_id or next(_chat_ids)
        self.mark = time.monotonic()

    @property
    def sender(self) -> str:
        return hmac.new(KEY.encode(), str(self.id).encode(), hashlib.sha256).hexdigest()

    def send(self, update: dict[str, Any]) -> dict[str, Any]:
        self.mark = time.monotonic()
        return self.fake.push(self.token, update)

    def say(self, text: str, **kw: Any) -> dict[str, Any]:
        return self.send(self.fake.message_update(self.id, text, **kw))

    def press(self, sent: dict[str, Any], title: str) -> dict[str, Any]:
        """Press the button called `title` under the bot's message `sent` (a sendMessage result)."""
        rows = sent["reply_markup"]["inline_keyboard"]
        data = next(b["callback_data"] for row in rows for b in row if b["text"] == title)
        return self.send(self.fake.callback_update(self.id, sent, data))

    def sent(self, method: str = "sendMessage") -> list:
        return self.fake.calls_of(self.token, method, chat_id=self.id, since=self.mark)

    def replies(self, n: int = 1, timeout: float = 20) -> list[dict[str, Any]]:
        """The next `n` messages the bot sent to this chat (sendMessage results), waiting for them."""
        calls = self.fake.wait_for(lambda: len(self.sent()) >= n and self.sent(), timeout,
                                   f"{n} message(s) to chat {self.id}")
        return [call.result for call in calls]

    def everything(self, since: float) -> list:
        """Every Bot API call about this chat since `since` (a time.monotonic() value)."""
        return self.fake.calls_of(self.token, chat_id=self.id, since=since)


def stored_events(db: Path, sender: str) -> list[tuple[str, str | None]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT type_name, intent_name FROM events WHERE sender_id = ? ORDER BY id",
                            (sender,)).fetchall()


def test_a_conversation_start_role_question_and_button(fake, bot, tmp_data, domain):
    chat = Chat(fake, bot)
    chat.say("/start")
    welcome = chat.replies(1)[0]
    assert welcome["text"] == wording().text("welcome")
    titles = [row[0]["text"] for row in welcome["reply_markup"]["inline_keyboard"]]
    assert titles == ["I'm a parent or carer", "I'm a practitioner", "I'm a young person"]

    chat.press(welcome, "I'm a parent or carer")
    thanks = chat.replies(1)[0]
    assert thanks["text"] == domain_text(domain, "utter_role_thanks")
    assert fake.wait_for(lambda: chat.sent("editMessageReplyMarkup"))[0].params["message_id"] == welcome["message_id"]
    assert ("user", "tell_role") in stored_events(tmp_data / "conversations.db", chat.sender)

    chat.say("what is cuckooing")
    answer = chat.replies(1)[0]
    assert answer["text"].endswith(with_citation("cuckooing")), "the citation field, shown as a last line"
    assert answer["text"].startswith(fill(knowledge_base().entries["cuckooing"].short))
    buttons = [b for row in answer["reply_markup"]["inline_keyboard"] for b in row]
    assert buttons[0]["text"] == "Tell me more" and len(buttons) >= 2
    assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)
    typing = chat.sent("sendChatAction")
    assert typing and typing[0].params["action"] == "typing"
    assert typing[0].at <= chat.sent()[0].at, "typing… shows before the answer"

    press = chat.press(answer, "Tell me more")
    more = chat.replies(1)[0]
    assert more["text"].startswith(fill(knowledge_base().entries["cuckooing"].more))
    assert more["text"].endswith(with_citation("cuckooing"))
    answered = chat.fake.calls_of(bot, "answerCallbackQuery", since=chat.mark)
    assert [c.params["callback_query_id"] for c in answered] == [press["callback_query"]["id"]]
    edits = fake.wait_for(lambda: chat.sent("editMessageReplyMarkup"))
    assert edits[0].params["message_id"] == answer["message_id"] and not edits[0].params.get("reply_markup")
    assert answered[0].at < chat.sent()[0].at, "the spinner stops before the reply"
    assert ("user", "tell_more") in stored_events(tmp_data / "conversations.db", chat.sender)

    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    ARTIFACT.write_text(
        "# One conversation as the fake Bot API recorded it (tests/e2e/test_telegram.py).\n"
        "# python-telegram-bot long-polls getUpdates; replies come from the real Rasa server.\n\n"
        + fake.transcript(bot, chat.id) + "\n", encoding="utf-8")


def test_danger_in_the_middle_of_a_flow_gets_the_emergency_message_first_on_telegram(fake, bot, domain):
    chat = Chat(fake, bot)
    chat.say("I need to make an NRM referral")
    asked = chat.replies(2)[1]
    assert asked["text"] == domain_text(domain, "utter_ask_age_group"), "the flow asked its question"
    chat.say("they have just pulled a knife on him outside the flat")
    first, then = chat.replies(2)[:2]
    assert first["text"] == domain_text(domain, "utter_emergency"), "utter_emergency comes first"
    situations = {domain_text(domain, name) for name in domain["responses"] if name.startswith("utter_danger_")}
    assert then["text"] in situations, "then what to do now (an utter_danger_ response)"


def test_the_sender_id_reaching_rasa_is_a_keyed_hash(fake, bot, tmp_data):
    chat = Chat(fake, bot)
    chat.say("hello")
    chat.replies(1)
    db = tmp_data / "conversations.db"
    assert stored_events(db, chat.sender), "the conversation is stored under HMAC(key, chat id)"
    with sqlite3.connect(db) as conn:
        clear = conn.execute("SELECT COUNT(*) FROM events WHERE sender_id LIKE ?", (f"%{chat.id}%",)).fetchone()
    assert clear == (0,), "the chat id never reaches the tracker store"


def test_forget_deletes_the_conversation(fake, bot, tmp_data):
    db = tmp_data / "conversations.db"
    chat = Chat(fake, bot)
    chat.say("what is county lines")
    chat.replies(1)
    assert len(stored_events(db, chat.sender)) > 3
    chat.say("/forget")
    confirmation = chat.replies(1)[0]
    assert confirmation["text"] == wording().text("forgotten")
    assert stored_events(db, chat.sender) == []
    chat.say("what is cuckooing")
    assert chat.replies(1)[0]["text"].endswith(with_citation("cuckooing")), "a new conversation starts afterwards"


def test_reset_restarts_the_conversation_in_rasa(fake, bot, tmp_data):
    chat = Chat(fake, bot)
    chat.say("what is cuckooing")
    chat.replies(1)
    chat.say("/reset")
    assert chat.replies(1)[0]["text"] == wording().text("reset")
    assert ("restart", None) in stored_events(tmp_data / "conversations.db", chat.sender)


def test_help_and_privacy(fake, bot):
    chat = Chat(fake, bot)
    chat.say("/help")
    assert chat.replies(1)[0]["text"] == wording().text("help")
    chat.say("/privacy")
    privacy = chat.replies(1)[0]["text"]
    assert privacy == wording().text("privacy", retention_days=30)
    assert "30 days" in privacy and "/forget" in privacy


def test_a_typed_payload_or_unknown_command_never_reaches_rasa(fake, bot, tmp_data):
    chat = Chat(fake, bot)
    chat.say('/tell_role{"role": "practitioner"}')
    assert chat.replies(1)[0]["text"] == wording().text("unknown_command")
    assert stored_events(tmp_data / "conversations.db", chat.sender) == []


def around_the_next_question(chat: Chat, tmp_data: Path, question: str,
                             since: float) -> tuple[list[str], list[str]]:
    """Ask `question` in the chat and wait for its answer: the positive sign that whatever was
    sent before it has been handled (one chat's turns with Rasa run in order). Checks that Rasa
    heard only the question; returns the texts sent to the chat from `since`, before and after
    the question was asked."""
    chat.say(question)
    asked = chat.mark
    chat.fake.wait_for(lambda: any(c.method == "sendMessage" and CITATION_PREFIX in str(c.params.get("text"))
                                   for c in chat.everything(asked)), 30, "the answer to the next question")
    turns = [e["text"] for e in stored_turns(f"sqlite:///{tmp_data / 'conversations.db'}", chat.sender)
             if e["event"] == "user"]
    assert turns == [question], f"Rasa heard {turns}"
    sent = [c for c in chat.everything(since) if c.method == "sendMessage"]
    return [c.params["text"] for c in sent if c.at < asked], [c.params["text"] for c in sent if c.at >= asked]


def test_a_sticker_gets_one_kind_line(fake, bot, tmp_data):
    chat = Chat(fake, bot)
    chat.send(fake.message_update(chat.id, sticker={
        "file_id": "CAAC", "file_unique_id": "u1", "type": "regular", "width": 512, "height": 512,
        "is_animated": False, "is_video": False}))
    started = chat.mark
    line = chat.replies(1)[0]["text"]
    assert line == wording().text("not_text", kind=wording().kind("sticker"))
    before, after = around_the_next_question(chat, tmp_data, "what is cuckooing", started)
    assert before == [line] and line not in after, (before, after)


def test_a_location_gets_one_kind_line(fake, bot):
    chat = Chat(fake, bot)
    chat.send(fake.message_update(chat.id, location={"latitude": 51.48, "longitude": -3.18}))
    assert chat.replies(1)[0]["text"] == wording().text("not_text", kind=wording().kind("location"))


def test_an_edited_message_gets_one_line_and_is_not_answered_again(fake, bot, tmp_data):
    chat = Chat(fake, bot)
    chat.say("what is cuckooing", edited=True)
    started = chat.mark
    assert chat.replies(1)[0]["text"] == wording().text("edited")
    before, after = around_the_next_question(chat, tmp_data, "what is county lines", started)
    assert before == [wording().text("edited")] and wording().text("edited") not in after, (before, after)


def test_a_group_message_gets_silence(fake, bot):
    group = Chat(fake, bot, chat_id=-100123456)
    started = time.monotonic()
    update = group.say("what is cuckooing", chat_type="supergroup")
    fake.wait_for(lambda: any(int(c.params.get("offset") or 0) > update["update_id"]
                              for c in fake.calls_of(bot, "getUpdates")), 10, "the group update to be fetched")
    private = Chat(fake, bot)
    private.say("what is cuckooing")  # fetched after the group's: its answer means the group's was handled
    assert private.replies(1)[0]["text"].endswith(with_citation("cuckooing"))
    assert group.everything(started) == []


def test_a_user_who_blocked_the_bot_does_not_stop_it(fake, bot):
    blocked = Chat(fake, bot)
    fake.blocked.add(blocked.id)
    update = blocked.say("/help")
    logged(bot, f"telegram.update.forbidden update_id={update['update_id']}")  # the bot gave up on it
    assert [c.method for c in blocked.everything(blocked.mark)] == ["sendMessage"], "no retry, no notice"
    other = Chat(fake, bot)
    other.say("/help")
    assert other.replies(1)


def test_rasa_down_gets_a_kind_reply_with_999_and_101_within_seconds(fake, down_bot):
    chat = Chat(fake, down_bot)
    started = time.monotonic()
    chat.say("my son has not come home")
    text = chat.replies(1, timeout=10)[0]["text"]
    assert time.monotonic() - started < 5
    assert text == wording().text("unavailable"), "the kind line with the emergency and police numbers"


def test_rasa_slow_gets_the_same_reply_after_the_timeout(fake, stub_bot):
    chat = Chat(fake, stub_bot)
    started = time.monotonic()
    chat.say("slow")
    assert chat.replies(1, timeout=10)[0]["text"] == wording().text("unavailable")
    assert time.monotonic() - started < 5


def test_a_long_reply_is_split_under_4096_at_paragraphs(fake, stub_bot):
    chat = Chat(fake, stub_bot)
    chat.say("tell me everything")
    parts = fake.wait_for(lambda: [c.result for c in chat.sent()] if any(
        "reply_markup" in c.result for c in chat.sent()) else None, 10, "the last part, with its keyboard")
    assert len(parts) == 3, "about 9,000 characters in three messages"
    assert all(len(p["text"].encode("utf-16-le")) // 2 <= 4096 for p in parts)
    assert all(p["text"].startswith("This paragraph") for p in parts), "cut at paragraph boundaries"
    assert "\n\n".join(p["text"] for p in parts) == "\n\n".join([LONG_PARAGRAPH.strip()] * 9)
    assert ["reply_markup" in p for p in parts] == [False, False, True], "the keyboard goes last"
    assert fake.stub_rasa_requests[-1]["sender"] == chat.sender


def test_one_chat_flooding_is_rate_limited_and_others_are_not(fake, down_bot):
    flood = Chat(fake, down_bot)
    started = time.monotonic()
    for _ in range(13):
        flood.say("/help")
    fake.wait_for(lambda: len(flood.sent()) >= 11, 15, "11 messages")
    logged(down_bot, f"telegram.rate_limited sender={flood.sender[:8]}… verdict=drop", times=2)  # 12th, 13th
    texts = [c.params["text"] for c in flood.everything(started) if c.method == "sendMessage"]
    assert texts.count(wording().text("help")) == 10
    assert texts.count(wording().text("rate_limited")) == 1, "one warning, then silence"
    other = Chat(fake, down_bot)
    other.say("/help")
    assert other.replies(1)[0]["text"] == wording().text("help")


def test_webhook_mode(fake, tmp_data):
    port, token, secret = free_port(), "1004:webhook", "test-secret_123"
    url = f"http://127.0.0.1:{port}/telegram-hook"
    with telegram_bot(fake, token, f"http://127.0.0.1:{free_port()}", tmp_data / "telegram-hook.log",
                      ready="setWebhook", TELEGRAM_WEBHOOK_URL=url, TELEGRAM_WEBHOOK_SECRET=secret,
                      TELEGRAM_WEBHOOK_PORT=str(port), TELEGRAM_WEBHOOK_LISTEN="127.0.0.1"):
        assert fake.webhook(token)["url"] == url and fake.webhook(token)["secret_token"] == secret
        chat = Chat(fake, token)
        update = {"update_id": 1, **fake.message_update(chat.id, "/help")}
        wrong = fake.wait_for(lambda: _post(url, update, "wrong"), 10, "the webhook to listen")
        assert wrong.status_code == 403
        assert _post(url, update, secret).status_code == 200
        assert chat.replies(1)[0]["text"] == wording().text("help")


def _post(url: str, update: dict, secret: str) -> httpx.Response | None:
    try:
        return httpx.post(url, content=json.dumps(update), timeout=5,
                          headers={"X-Telegram-Bot-Api-Secret-Token": secret,
                                   "Content-Type": "application/json"})
    except httpx.HTTPError:
        return None


class TestRoutingWithoutRequest:
    """Which handler each kind of update reaches, on the real Application (no network)."""

    @pytest.fixture(scope="class")
    def application(self):
        from telegram import User

        from bot.telegram.app import build_application
        application = build_application(Settings(token="123:abc", sender_hash_key=b"k"))
        # What initialize() would learn from getMe, as python-telegram-bot's offline tests do.
        application.bot._bot_user = User(123, "CCE helper", is_bot=True, username="cce_helper_bot")
        return application

    @staticmethod
    def route(application, update: dict[str, Any]) -> str | None:
        from telegram import Update
        parsed = Update.de_json({"update_id": 1, **update}, application.bot)
        handler = next((h for h in application.handlers[0] if h.check_update(parsed)), None)
        return handler.callback.__name__ if handler else None

    @pytest.mark.parametrize("update, callback", [
        ({"text": "what is cuckooing"}, "text_message"),
        ({"text": "/start"}, "start"),
        ({"text": "/forget"}, "forget"),
        ({"text": "/nonsense"}, "unknown_command"),
        ({"sticker": {"file_id": "a", "file_unique_id": "b", "type": "regular", "width": 1, "height": 1,
                      "is_animated": False, "is_video": False}}, "not_text"),
        ({"voice": {"file_id": "a", "file_unique_id": "b", "duration": 3}}, "not_text"),
        ({"text": "what is cuckooing", "edited": True}, "edited_message"),
        ({"text": "/start", "edited": True}, "edited_message"),
        ({"text": "what is cuckooing", "chat_type": "group"}, None),
        ({"text": "/start", "chat_type": "supergroup"}, None),
    ], ids=["text", "start", "forget", "unknown command", "sticker", "voice", "edited", "edited command",
            "group", "group command"])
    def test_each_update_reaches_one_handler(self, application, update, callback):
        fake = FakeTelegram()  # only its update factories; the server is not started
        text = update.pop("text", None)
        assert self.route(application, fake.message_update(42, text, **update)) == callback


def test_the_telegram_front_end_never_imports_rasa():
    """It only relays over HTTP, so it stays light and can run on a machine without Rasa."""
    code = ("import sys, bot.telegram.app, bot.telegram.__main__; "
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'rasa', 'rasa_sdk', 'actions'}))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=quiet_env(),
                         capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
