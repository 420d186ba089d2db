"""Rasa replies → Telegram messages: text split under the size limit, buttons → inline keyboards.

Messages go out as plain text (no parse mode), so nothing needs escaping and no character in an
answer can break a message. Telegram counts length in UTF-16 code units, so we do too.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any, Iterable, Optional

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.display import display_text

TEXT_LIMIT = 4096           # characters in one message
CALLBACK_DATA_LIMIT = 64    # bytes in one button's callback_data
TOKEN_PREFIX = "#"          # marks callback_data that is a token for a longer payload
SEPARATORS = ("\n\n", "\n", ". ", " ")


def telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def split_text(text: str, limit: int = TEXT_LIMIT) -> list[str]:
    """Chunks of at most `limit`, cut at paragraphs, then lines, sentences, words, characters."""
    text = text.strip()
    if not text:
        return []
    return [chunk for chunk in (c.strip() for c in _split(text, limit, SEPARATORS)) if chunk]


def _split(text: str, limit: int, separators: tuple[str, ...]) -> list[str]:
    if telegram_length(text) <= limit:
        return [text]
    if not separators:
        return _hard_cut(text, limit)
    sep, rest = separators[0], separators[1:]
    parts = text.split(sep)
    # Each separator stays with the piece it ends, so a sentence keeps its full stop.
    pieces = [part + sep for part in parts[:-1]] + [parts[-1]]
    chunks: list[str] = []
    current = ""
    for piece in pieces:
        if telegram_length(current + piece) <= limit:
            current += piece
            continue
        if current:
            chunks.append(current)
        if telegram_length(piece) <= limit:
            current = piece
        else:
            *whole, current = _split(piece, limit, rest)
            chunks.extend(whole)
    if current:
        chunks.append(current)
    return chunks


def _hard_cut(text: str, limit: int) -> list[str]:
    chunks, current = [], ""
    for char in text:
        if telegram_length(current + char) > limit:
            chunks.append(current)
            current = ""
        current += char
    return chunks + [current]


class ButtonPayloads:
    """Callback data for Rasa payloads: the payload itself when it fits in 64 bytes, else a short
    token kept here (bounded, oldest dropped first). A token unknown after a restart decodes to None."""

    def __init__(self, capacity: int = 20_000) -> None:
        self.capacity = capacity
        self._by_token: "OrderedDict[str, str]" = OrderedDict()

    def encode(self, payload: str) -> str:
        if len(payload.encode("utf-8")) <= CALLBACK_DATA_LIMIT and not payload.startswith(TOKEN_PREFIX):
            return payload
        token = TOKEN_PREFIX + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:24]
        self._by_token[token] = payload
        self._by_token.move_to_end(token)
        while len(self._by_token) > self.capacity:
            self._by_token.popitem(last=False)
        return token

    def decode(self, data: Optional[str]) -> Optional[str]:
        if not data:
            return None
        if data.startswith(TOKEN_PREFIX):
            return self._by_token.get(data)
        return data


def keyboard(buttons: Iterable[dict[str, Any]], payloads: ButtonPayloads) -> Optional[InlineKeyboardMarkup]:
    """One button per row (titles are sentences); None when there are no usable buttons."""
    rows = [[InlineKeyboardButton(str(b["title"]), callback_data=payloads.encode(str(b["payload"])))]
            for b in buttons if b.get("title") and b.get("payload")]
    return InlineKeyboardMarkup(rows) if rows else None


def outgoing(messages: Iterable[dict[str, Any]], payloads: ButtonPayloads,
             choose: str) -> list[tuple[str, Optional[InlineKeyboardMarkup]]]:
    """Telegram messages for Rasa's replies, in order; a keyboard rides on its reply's last chunk.
    `choose` is the text sent when a reply has buttons but no text."""
    out: list[tuple[str, Optional[InlineKeyboardMarkup]]] = []
    for message in messages:
        text = display_text(message)
        if message.get("image"):
            text = f"{text}\n\n{message['image']}".strip()
        markup = keyboard(message.get("buttons") or [], payloads)
        chunks = split_text(text) or ([choose] if markup else [])
        out.extend((chunk, markup if i == len(chunks) - 1 else None) for i, chunk in enumerate(chunks))
    return out
