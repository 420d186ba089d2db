"""A small fake Telegram Bot API on loopback, for driving the real python-telegram-bot.

The server runs in a background thread with its own event loop (aiohttp) and serves
`{base_url}{token}/{method}` like api.telegram.org, so a bot started with
`TELEGRAM_API_BASE_URL=<FakeTelegram.base_url>` talks to it over real HTTP. Several bots
(tokens) can share it. Tests queue updates (`push`), which `getUpdates` serves with a short
long-poll, and read what the bot sent from `calls`, which records every request in order.

Implemented: getMe, getUpdates, sendMessage, sendChatAction, answerCallbackQuery,
editMessageReplyMarkup, setWebhook, deleteWebhook, setMyCommands. A chat in `blocked` gets
Telegram's 403 "bot was blocked by the user" on sendMessage.

It also serves a stand-in Rasa REST channel under `/stub-rasa` for the two cases the real
server cannot be made to produce: a reply longer than Telegram's limit, and a slow reply.
"""
from __future__ import annotations

import asyncio
import itertools
import json
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from aiohttp import web

from harness.waiting import wait_for

# Fields PTB sends as plain strings; every other form field is JSON-encoded.
STRING_FIELDS = {"text", "callback_query_id", "url", "secret_token", "action", "parse_mode",
                 "caption", "data"}
LONG_PARAGRAPH = ("This paragraph stands in for a very long answer, long enough that Telegram "
                  "would refuse it as one message. ") * 12
LONG_PARAGRAPH = LONG_PARAGRAPH.strip()


@dataclass
class Call:
    at: float
    token: str
    method: str
    params: dict[str, Any]
    result: Any = None


@dataclass
class BotState:
    updates: list[dict[str, Any]] = field(default_factory=list)
    delivered_offset: int = 0
    webhook: Optional[dict[str, Any]] = None


class FakeTelegram:
    """Start with `with FakeTelegram() as fake:`; `fake.base_url` is the bot's base_url."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.updates_pushed: list[tuple[float, str, dict[str, Any]]] = []
        self.blocked: set[int] = set()
        self.stub_rasa_requests: list[dict[str, Any]] = []
        self._bots: dict[str, BotState] = {}
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._closing = False
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self.port = 0

    # Lifecycle --------------------------------------------------------------------------------

    def __enter__(self) -> "FakeTelegram":
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self._closing = True
        asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_post("/stub-rasa/webhooks/rest/webhook", self._stub_rasa)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]

    async def _stop(self) -> None:
        await asyncio.sleep(0.1)  # let pending long-polls return
        await self._runner.cleanup()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def stub_rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/stub-rasa"

    # The Bot API ------------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.Response:
        token, method = request.match_info["token"], request.match_info["method"]
        params = await self._params(request)
        bot = self._bots.setdefault(token, BotState())
        handler = getattr(self, f"_{method}", None)
        if handler is None:
            return self._fail(404, "Not Found: method not found")
        if method != "getUpdates":
            call = Call(time.monotonic(), token, method, params)
            with self._lock:
                self.calls.append(call)
        ok, result = await handler(bot, token, params)
        if method == "getUpdates":
            with self._lock:
                self.calls.append(Call(time.monotonic(), token, method, params, result))
        else:
            call.result = result
        if not ok:
            return self._fail(*result)
        return web.json_response({"ok": True, "result": result})

    @staticmethod
    async def _params(request: web.Request) -> dict[str, Any]:
        if request.content_type == "application/json":
            return await request.json()
        params: dict[str, Any] = {}
        for key, value in (await request.post()).items():
            if key in STRING_FIELDS or not isinstance(value, str):
                params[key] = value
            else:
                try:
                    params[key] = json.loads(value)
                except ValueError:
                    params[key] = value
        return params

    @staticmethod
    def _fail(code: int, description: str) -> web.Response:
        return web.json_response({"ok": False, "error_code": code, "description": description},
                                 status=code)

    async def _getMe(self, bot: BotState, token: str, params: dict) -> tuple[bool, Any]:
        return True, {"id": int(token.split(":")[0]), "is_bot": True, "first_name": "CCE helper",
                      "username": "cce_helper_bot", "can_join_groups": False,
                      "can_read_all_group_messages": False, "supports_inline_queries": False}

    async def _getUpdates(self, bot: BotState, token: str, params: dict) -> tuple[bool, Any]:
        offset = int(params.get("offset") or 0)
        # A short long-poll: answer as soon as an update arrives, or empty after a second.
        deadline = time.monotonic() + min(float(params.get("timeout") or 0), 1.0)
        while True:
            pending = self._pending(bot, offset)
            if pending or self._closing or time.monotonic() >= deadline:
                return True, pending
            await asyncio.sleep(0.02)

    def _pending(self, bot: BotState, offset: int) -> list[dict[str, Any]]:
        with self._lock:
            if offset:
                bot.updates = [u for u in bot.updates if u["update_id"] >= offset]
            return list(bot.updates[:100])

    async def _sendMessage(self, bot: BotState, token: str, params: dict) -> tuple[bool, Any]:
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked:
            return False, (403, "Forbidden: bot was blocked by the user")
        if not str(params.get("text") or "").strip():
            return False, (400, "Bad Request: message text is empty")
        if len(params["text"].encode("utf-16-le")) // 2 > 4096:
            return False, (400, "Bad Request: message is too long")
        message = {"message_id": next(self._ids), "date": int(time.time()),
                   "chat": {"id": chat_id, "type": "private"}, "text": params["text"],
                   "from": {"id": int(token.split(":")[0]), "is_bot": True, "first_name": "CCE helper"}}
        if params.get("reply_markup"):
            for row in params["reply_markup"].get("inline_keyboard", []):
                for button in row:
                    if len(button.get("callback_data", "").encode()) > 64:
                        return False, (400, "Bad Request: BUTTON_DATA_INVALID")
            message["reply_markup"] = params["reply_markup"]
        return True, message

    async def _sendChatAction(self, bot: BotState, token: str, params: dict) -> tuple[bool, Any]:
        return True, True

    async def _answerCallbackQuery(self, bot: BotState, token: str, params: dict) -> tuple[bool, Any]:
        return True, True

    async def _editMessageReplyMarkup(self, bot: BotState, token: str, params: dict) -> tuple[bool, Any]:
        sent = self.message(token, int(params["message_id"]))
        if sent is None:
            return False, (400, "Bad Request: message to edit not found")
        edited = {k: v for k, v in sent.result.items() if k != "reply_markup"}
        if params.get("reply_markup"):
            edited["reply_markup"] = params["reply_markup"]
        return True, edited

    async def _setWebhook(self, bot: BotState, token: str, params: dict) -> tuple[bool, Any]:
        bot.webhook = params
        return True, True

    async def _deleteWebhook(self, bot: BotState, token: str, params: dict) -> tuple[bool, Any]:
        bot.webhook = None
        return True, True

    async def _setMyCommands(self, bot: BotState, token: str, params: dict) -> tuple[bool, Any]:
        return True, True

    # A stand-in Rasa for what the real one cannot produce ---------------------------------------

    async def _stub_rasa(self, request: web.Request) -> web.Response:
        body = await request.json()
        with self._lock:
            self.stub_rasa_requests.append(body)
        if body.get("message") == "slow":
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline and not self._closing:
                await asyncio.sleep(0.05)
        text = "\n\n".join([LONG_PARAGRAPH] * 9)  # about 9,000 characters
        return web.json_response([{"recipient_id": body["sender"], "text": text,
                                   "buttons": [{"title": "Tell me more", "payload": "/tell_more"}]}])

    # What tests use ---------------------------------------------------------------------------

    def push(self, token: str, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for `token`; it gets the next update_id."""
        update = {"update_id": next(self._ids), **update}
        with self._lock:
            self._bots.setdefault(token, BotState()).updates.append(update)
            self.updates_pushed.append((time.monotonic(), token, update))
        return update

    def calls_of(self, token: str, method: Optional[str] = None, chat_id: Optional[int] = None,
                 since: float = 0.0) -> list[Call]:
        with self._lock:
            calls = list(self.calls)
        return [c for c in calls if c.token == token and c.at >= since
                and (method is None or c.method == method)
                and (chat_id is None or str(c.params.get("chat_id")) == str(chat_id))]

    def message(self, token: str, message_id: int) -> Optional[Call]:
        """The sendMessage call that produced `message_id`."""
        for call in self.calls_of(token, "sendMessage"):
            if isinstance(call.result, dict) and call.result.get("message_id") == message_id:
                return call
        return None

    def webhook(self, token: str) -> Optional[dict[str, Any]]:
        return self._bots.get(token, BotState()).webhook

    def wait_for(self, condition: Callable[[], Any], timeout: float = 15.0, what: str = "") -> Any:
        """Poll `condition` until it returns something truthy; fail after `timeout` seconds."""
        return wait_for(condition, timeout, what)

    # Update factories, shaped like Telegram's -------------------------------------------------

    def message_update(self, chat_id: int, text: Optional[str] = None, chat_type: str = "private",
                       edited: bool = False, **content: Any) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self._ids), "date": int(time.time()),
            "chat": {"id": chat_id, "type": chat_type, **({"title": "A group"} if chat_type != "private" else {})},
            "from": {"id": abs(chat_id), "is_bot": False, "first_name": "Sam"},
            **content,
        }
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                command = text.split()[0]
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
        if edited:
            message["edit_date"] = int(time.time())
        return {"edited_message" if edited else "message": message}

    def callback_update(self, chat_id: int, sent: dict[str, Any], data: str) -> dict[str, Any]:
        """A press of the button carrying `data` under the bot's message `sent`."""
        return {"callback_query": {
            "id": str(next(self._ids)), "chat_instance": str(chat_id), "data": data,
            "from": {"id": chat_id, "is_bot": False, "first_name": "Sam"},
            "message": sent,
        }}

    def transcript(self, token: str, chat_id: int) -> str:
        """What the user did and every Bot API call about this chat, in order, as readable lines."""
        with self._lock:
            pushed = [(at, u) for at, t, u in self.updates_pushed if t == token]
        events: list[tuple[float, str]] = []
        for at, update in pushed:
            line = describe_update(update, chat_id)
            if line:
                events.append((at, line))
        callback_ids = {str(u.get("callback_query", {}).get("id")) for _, u in pushed
                        if u.get("callback_query", {}).get("from", {}).get("id") == chat_id}
        for call in self.calls_of(token):
            if str(call.params.get("chat_id")) == str(chat_id) or call.params.get("callback_query_id") in callback_ids:
                events.append((call.at, describe_call(call)))
        start = min((at for at, _ in events), default=0.0)
        return "\n".join(f"[{at - start:6.2f}s] {line}" for at, line in sorted(events, key=lambda e: e[0]))


def describe_update(update: dict[str, Any], chat_id: int) -> Optional[str]:
    message = update.get("message") or update.get("edited_message")
    if message and message["chat"]["id"] == chat_id:
        kind = "edited_message" if "edited_message" in update else "message"
        what = message.get("text") or next((k for k in ("sticker", "photo", "voice", "location") if k in message), "?")
        return f"getUpdates → {kind} from user: {what!r}"
    query = update.get("callback_query")
    if query and query["from"]["id"] == chat_id:
        return f"getUpdates → callback_query from user: data={query['data']!r}"
    return None


def describe_call(call: Call) -> str:
    p = call.params
    if call.method == "sendMessage":
        lines = ["sendMessage → bot says:"] + ["    " + line for line in str(p.get("text")).splitlines()]
        for row in (p.get("reply_markup") or {}).get("inline_keyboard", []):
            for button in row:
                lines.append(f"    [button] {button['text']}  (callback_data={button.get('callback_data')!r})")
        return "\n".join(lines)
    if call.method == "sendChatAction":
        return f"sendChatAction → {p.get('action')}"
    if call.method == "answerCallbackQuery":
        return "answerCallbackQuery → spinner stopped"
    if call.method == "editMessageReplyMarkup":
        return f"editMessageReplyMarkup → keyboard removed from message {p.get('message_id')}"
    return f"{call.method} {json.dumps(p, ensure_ascii=False)}"
