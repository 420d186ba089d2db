"""The one way to the Rasa server: its REST channel, over an httpx.AsyncClient.

Failures come back as a value (`RasaReply.error`), never as an exception into a handler, so
each handler decides what the user sees. Timeouts are short: a user waiting on a phone gets
the "can't answer right now" line within seconds rather than silence.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
from dataclasses import dataclass, field
from typing import Any, Optional

import httpx

logger = logging.getLogger(__name__)
Message = dict[str, Any]


def pseudonym(key: bytes, chat_id: int) -> str:
    """The sender id Rasa sees for a chat: HMAC-SHA256(key, chat id), hex. Never the chat id."""
    return hmac.new(key, str(chat_id).encode("ascii"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class RasaReply:
    messages: list[Message] = field(default_factory=list)
    error: Optional[str] = None
    data: Any = None

    @property
    def ok(self) -> bool:
        return self.error is None


class RasaClient:
    """Posts to {rasa_url}/webhooks/rest/...; `start()` in post_init, `close()` in post_shutdown."""

    def __init__(self, base_url: str, timeout: float = 8.0,
                 transport: Optional[httpx.AsyncBaseTransport] = None) -> None:
        self.base_url, self.timeout, self.transport = base_url.rstrip("/"), timeout, transport
        self._client: Optional[httpx.AsyncClient] = None

    async def start(self) -> None:
        self._client = httpx.AsyncClient(
            base_url=self.base_url, transport=self.transport,
            timeout=httpx.Timeout(self.timeout, connect=min(2.0, self.timeout)),
        )

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None

    async def send(self, sender: str, text: str) -> RasaReply:
        """One user turn; the reply holds Rasa's messages in order, or an error."""
        reply = await self._post("/webhooks/rest/webhook", {"sender": sender, "message": text}, sender)
        if reply.ok and not isinstance(reply.data, list):
            return RasaReply(error="reply is not a list")
        return RasaReply(messages=[m for m in reply.data if isinstance(m, dict)]) if reply.ok else reply

    async def forget(self, sender: str) -> RasaReply:
        """Ask the Rasa server to delete this sender's stored conversation."""
        reply = await self._post("/webhooks/rest/forget", {"sender": sender}, sender)
        if reply.ok and not (isinstance(reply.data, dict) and reply.data.get("forgotten") is True):
            return RasaReply(error="forget not confirmed")
        return reply

    async def _post(self, path: str, body: dict[str, Any], sender: str) -> RasaReply:
        if self._client is None:
            return RasaReply(error="client not started")
        try:
            response = await self._client.post(path, json=body)
        except httpx.TimeoutException:
            error = "timeout"
        except httpx.HTTPError as exc:
            error = type(exc).__name__
        else:
            if response.status_code != 200:
                error = f"status {response.status_code}"
            else:
                try:
                    return RasaReply(data=response.json())
                except ValueError:
                    error = "reply is not JSON"
        logger.warning("rasa.request.failed path=%s sender=%s… error=%s", path, sender[:8], error)
        return RasaReply(error=error)
