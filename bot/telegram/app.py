"""Build the python-telegram-bot Application: shared resources, handlers in one place, run mode."""
from __future__ import annotations

from typing import Optional

from telegram import BotCommand, Update
from telegram.ext import (Application, ApplicationBuilder, CallbackQueryHandler, ChatMemberHandler,
                          CommandHandler, ContextTypes, MessageHandler, TypeHandler, filters)
from telegram.request import BaseRequest

from bot.telegram import handlers
from bot.telegram.context import BotContext, Shared
from bot.telegram.settings import Settings

PRIVATE = filters.ChatType.PRIVATE
NEW_PRIVATE = PRIVATE & filters.UpdateType.MESSAGE
COMMANDS = {"start": handlers.start, "help": handlers.help_command, "reset": handlers.reset,
            "privacy": handlers.privacy, "forget": handlers.forget}


async def post_init(application: Application) -> None:
    shared: Shared = application.bot_data["shared"]
    await shared.rasa.start()
    await application.bot.set_my_commands(
        [BotCommand(name, about) for name, about in shared.wording.commands.items()])


async def post_shutdown(application: Application) -> None:
    await application.bot_data["shared"].rasa.close()


def build_application(settings: Settings, request: Optional[BaseRequest] = None) -> Application:
    """The Application with every handler registered; nothing is contacted until it runs.
    `request` replaces the HTTP layer to the Bot API (the tests' offline mock)."""
    builder = (
        ApplicationBuilder()
        .token(settings.token)
        .base_url(settings.api_base_url)
        .context_types(ContextTypes(context=BotContext))
        .concurrent_updates(settings.concurrent_updates)
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    application = builder.build()
    application.bot_data["shared"] = Shared(settings)
    register(application)
    return application


def register(application: Application) -> None:
    """The whole routing table. Group chats match nothing here, so they get silence."""
    application.add_handler(TypeHandler(Update, handlers.rate_limit), group=-1)
    application.add_handler(MessageHandler(PRIVATE & filters.UpdateType.EDITED_MESSAGE,
                                           handlers.edited_message))
    for name, callback in COMMANDS.items():
        application.add_handler(CommandHandler(name, callback, filters=NEW_PRIVATE))
    application.add_handler(MessageHandler(NEW_PRIVATE & filters.COMMAND, handlers.unknown_command))
    application.add_handler(MessageHandler(NEW_PRIVATE & filters.TEXT, handlers.text_message))
    application.add_handler(MessageHandler(NEW_PRIVATE & ~filters.TEXT & ~filters.StatusUpdate.ALL,
                                           handlers.not_text))
    application.add_handler(CallbackQueryHandler(handlers.button_pressed))
    application.add_handler(ChatMemberHandler(handlers.membership_changed, ChatMemberHandler.MY_CHAT_MEMBER))
    application.add_error_handler(handlers.error_handler)


def run(settings: Settings) -> None:
    """Long polling by default; a webhook when TELEGRAM_WEBHOOK_URL is set."""
    application = build_application(settings)
    if settings.webhook_mode:
        application.run_webhook(
            listen=settings.webhook_listen, port=settings.webhook_port,
            url_path=settings.webhook_path, webhook_url=settings.webhook_url,
            secret_token=settings.webhook_secret, allowed_updates=Update.ALL_TYPES,
        )
    else:
        application.run_polling(allowed_updates=Update.ALL_TYPES, timeout=settings.poll_timeout)
