"""One small async function per command or kind of update. Wording lives in messages.yml.

Every handler that reaches Rasa uses the chat's pseudonym (`context.sender`), never the chat id.
Handlers carry no blanket try/except: failures go to `error_handler`.
"""
from __future__ import annotations

import asyncio
import logging
from contextlib import asynccontextmanager, suppress
from typing import AsyncIterator, Awaitable, Callable, Optional

from telegram import InlineKeyboardMarkup, LinkPreviewOptions, Update
from telegram.constants import ChatAction, ChatMemberStatus, ChatType
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.telegram.context import BotContext, RateLimiter
from bot.telegram.formatting import keyboard, outgoing
from bot.telegram.rasa_client import RasaReply

logger = logging.getLogger(__name__)
TYPING_EVERY = 4.5  # seconds; Telegram shows "typing…" for about five
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
# Checked in this order: an animation is also a document, a venue also a location.
KINDS = ("photo", "sticker", "voice", "audio", "video_note", "video", "animation", "document",
         "venue", "location", "contact", "poll", "dice")


async def start(update: Update, context: BotContext) -> None:
    """A short welcome, the 999 line, and buttons to say who you are."""
    roles = [{"title": title, "payload": payload} for title, payload in context.wording.roles]
    await say(update, context, context.wording.text("welcome"), keyboard(roles, context.shared.payloads))


async def help_command(update: Update, context: BotContext) -> None:
    """How to ask, and the commands."""
    await say(update, context, context.wording.text("help"))


async def privacy(update: Update, context: BotContext) -> None:
    """What is kept, for how long, and how to delete it."""
    days = context.shared.settings.retention_days
    await say(update, context, context.wording.text("privacy", retention_days=days))


async def reset(update: Update, context: BotContext) -> None:
    """Start the conversation again (Rasa's /restart), keeping nothing of the old dialogue state."""
    chat_id = update.effective_chat.id
    async with context.shared.chat_lock(chat_id):
        reply = await context.rasa.send(context.sender(chat_id), "/restart")
    await say(update, context, context.wording.text("reset" if reply.ok else "unavailable"))


async def forget(update: Update, context: BotContext) -> None:
    """Delete this chat's conversation from the tracker store, then confirm."""
    chat_id = update.effective_chat.id
    async with context.shared.chat_lock(chat_id):
        reply = await context.rasa.forget(context.sender(chat_id))
    await say(update, context, context.wording.text("forgotten" if reply.ok else "forget_failed"))


async def unknown_command(update: Update, context: BotContext) -> None:
    """A command we don't have (or a Rasa payload typed by hand): point to /help."""
    await say(update, context, context.wording.text("unknown_command"))


async def text_message(update: Update, context: BotContext) -> None:
    """Forward a typed message to Rasa and send back every reply in order."""
    text = update.message.text
    if text.lstrip().startswith("/"):
        await unknown_command(update, context)
        return
    await converse(update, context, text)


async def button_pressed(update: Update, context: BotContext) -> None:
    """Answer the button (stops the spinner), send its payload to Rasa, remove the keyboard."""
    query = update.callback_query
    await query.answer()
    if query.message is None or query.message.chat.type != ChatType.PRIVATE:
        return
    payload = context.shared.payloads.decode(query.data)

    async def remove_keyboard() -> None:
        with suppress(BadRequest):  # already removed, or the message is too old to edit
            await query.edit_message_reply_markup(reply_markup=None)

    if payload is None:
        await remove_keyboard()
        await say(update, context, context.wording.text("button_expired"))
        return
    await converse(update, context, payload, before_replies=remove_keyboard)


async def not_text(update: Update, context: BotContext) -> None:
    """A photo, sticker, voice message, file or location: one kind line."""
    message = update.message
    kind = next((name for name in KINDS if getattr(message, name, None)), "other")
    await say(update, context, context.wording.text("not_text", kind=context.wording.kind(kind)))


async def edited_message(update: Update, context: BotContext) -> None:
    """An edit of an earlier message: say that edits are not read."""
    await say(update, context, context.wording.text("edited"))


async def membership_changed(update: Update, context: BotContext) -> None:
    """The user blocked or unblocked the bot; nothing to send, only a log line."""
    change = update.my_chat_member
    if change.chat.type == ChatType.PRIVATE and change.new_chat_member.status == ChatMemberStatus.BANNED:
        logger.info("telegram.chat.blocked sender=%s…", context.sender(change.chat.id)[:8])


async def rate_limit(update: Update, context: BotContext) -> None:
    """Runs before every other handler: one chat cannot flood the Rasa server."""
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return
    verdict = context.shared.limiter.check(chat.id)
    if verdict == RateLimiter.OK:
        return
    logger.info("telegram.rate_limited sender=%s… verdict=%s", context.sender(chat.id)[:8], verdict)
    if update.callback_query:
        await update.callback_query.answer()
    if verdict == RateLimiter.WARN:
        await context.bot.send_message(chat.id, context.wording.text("rate_limited"))
    raise ApplicationHandlerStop


async def error_handler(update: object, context: BotContext) -> None:
    """Log the failure (never the message text), then tell the user if we still can."""
    update_id = getattr(update, "update_id", None)
    if isinstance(context.error, Forbidden):  # the user blocked the bot: nothing more to send
        logger.info("telegram.update.forbidden update_id=%s", update_id)
        return
    logger.error("telegram.update.failed update_id=%s", update_id, exc_info=context.error)
    if not isinstance(update, Update):
        return
    chat = update.effective_chat
    if chat is None or chat.type != ChatType.PRIVATE:
        return
    try:
        await context.bot.send_message(chat.id, context.wording.text("unavailable"))
    except TelegramError:
        logger.warning("telegram.error_notice.failed update_id=%s", update_id)


# Helpers ------------------------------------------------------------------------------------

async def say(update: Update, context: BotContext, text: str,
              markup: Optional[InlineKeyboardMarkup] = None) -> None:
    await context.bot.send_message(update.effective_chat.id, text, reply_markup=markup,
                                   link_preview_options=NO_PREVIEW)


async def converse(update: Update, context: BotContext, text: str,
                   before_replies: Optional[Callable[[], Awaitable[None]]] = None) -> None:
    """One turn with Rasa, in order within the chat, "typing…" while it thinks."""
    chat_id = update.effective_chat.id
    async with context.shared.chat_lock(chat_id):
        async with typing(context, chat_id):
            reply = await context.rasa.send(context.sender(chat_id), text)
        if before_replies:
            await before_replies()
        await send_replies(update, context, reply)


async def send_replies(update: Update, context: BotContext, reply: RasaReply) -> None:
    """Every Rasa message in order; nothing back (or an error) gets the can't-answer line."""
    parts = outgoing(reply.messages, context.shared.payloads, context.wording.text("choose")) if reply.ok else []
    if not parts:
        await say(update, context, context.wording.text("unavailable"))
        return
    for text, markup in parts:
        await say(update, context, text, markup)


@asynccontextmanager
async def typing(context: BotContext, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" until the block ends, renewing it while Rasa is still thinking."""

    async def keep_typing() -> None:
        with suppress(TelegramError):
            while True:
                await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
                await asyncio.sleep(TYPING_EVERY)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with suppress(asyncio.CancelledError):
            await task
