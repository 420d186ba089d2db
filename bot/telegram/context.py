"""What every handler shares, reached through named properties instead of bot_data string keys."""
from __future__ import annotations

import asyncio
import time
import weakref
from collections import deque
from typing import Callable, Optional

from telegram.ext import Application, CallbackContext, ExtBot

from bot.telegram.formatting import ButtonPayloads
from bot.telegram.messages import Wording, wording
from bot.telegram.rasa_client import RasaClient, pseudonym
from bot.telegram.settings import Settings


class RateLimiter:
    """At most `limit` updates per chat in any `window` seconds. The first update over the limit
    gets a warning; later ones are dropped quietly until the window has room again."""

    OK, WARN, DROP = "ok", "warn", "drop"

    def __init__(self, limit: int, window: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit, self.window, self.clock = limit, window, clock
        self._seen: dict[int, deque] = {}
        self._warned: set[int] = set()

    def check(self, chat_id: int) -> str:
        now = self.clock()
        seen = self._seen.setdefault(chat_id, deque())
        while seen and now - seen[0] >= self.window:
            seen.popleft()
        if len(seen) < self.limit:
            seen.append(now)
            self._warned.discard(chat_id)
            self._tidy(now)
            return self.OK
        if chat_id in self._warned:
            return self.DROP
        self._warned.add(chat_id)
        return self.WARN

    def _tidy(self, now: float) -> None:
        if len(self._seen) > 10_000:
            for chat_id in [c for c, s in self._seen.items() if not s or now - s[-1] >= self.window]:
                del self._seen[chat_id]


class Shared:
    """The bot's shared resources; one instance lives in bot_data["shared"]."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.rasa = RasaClient(settings.rasa_url, settings.rasa_timeout)
        self.payloads = ButtonPayloads()
        self.limiter = RateLimiter(settings.rate_limit_messages, settings.rate_limit_seconds)
        self.wording: Wording = wording()
        self._chat_locks: "weakref.WeakValueDictionary[int, asyncio.Lock]" = weakref.WeakValueDictionary()

    def chat_lock(self, chat_id: int) -> asyncio.Lock:
        """One lock per chat: updates run concurrently across chats, in order within one."""
        lock = self._chat_locks.get(chat_id)
        if lock is None:
            lock = self._chat_locks[chat_id] = asyncio.Lock()
        return lock


class BotContext(CallbackContext[ExtBot, dict, dict, dict]):
    """CallbackContext with the shared resources as properties."""

    def __init__(self, application: Application, chat_id: Optional[int] = None,
                 user_id: Optional[int] = None) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def shared(self) -> Shared:
        return self.bot_data["shared"]

    @property
    def rasa(self) -> RasaClient:
        return self.shared.rasa

    @property
    def wording(self) -> Wording:
        return self.shared.wording

    def sender(self, chat_id: int) -> str:
        """The pseudonymous sender id for this chat."""
        return pseudonym(self.shared.settings.sender_hash_key, chat_id)
