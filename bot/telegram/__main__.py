"""Run the Telegram front end: `python -m bot.telegram` (or `make telegram`).

Needs TELEGRAM_BOT_TOKEN and SENDER_HASH_KEY; talks to the Rasa server at RASA_URL
(default http://localhost:5005). Long polling unless TELEGRAM_WEBHOOK_URL is set.
"""
import logging
import os
import sys

from bot.telegram.app import run
from bot.telegram.settings import Settings, SettingsError


def main() -> int:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s %(message)s",
                        level=os.environ.get("LOG_LEVEL", "INFO").upper())
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    try:
        settings = Settings.from_env()
    except SettingsError as error:
        print(f"Cannot start the Telegram bot: {error}", file=sys.stderr)
        return 2
    mode = "webhook" if settings.webhook_mode else "long polling"
    logging.getLogger("bot.telegram").info("telegram.start mode=%s rasa=%s", mode, settings.rasa_url)
    run(settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
