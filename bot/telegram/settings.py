"""Settings from the environment, checked once at start-up with errors that say what to do."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from typing import Mapping, Optional
from urllib.parse import urlparse

DEFAULT_API_BASE_URL = "https://api.telegram.org/bot"
SECRET_TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,256}$")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


@dataclass(frozen=True)
class Settings:
    token: str
    sender_hash_key: bytes
    api_base_url: str = DEFAULT_API_BASE_URL
    rasa_url: str = "http://localhost:5005"
    rasa_timeout: float = 8.0
    webhook_url: Optional[str] = None
    webhook_secret: Optional[str] = None
    webhook_port: int = 8443
    webhook_listen: str = "0.0.0.0"
    poll_timeout: int = 10
    rate_limit_messages: int = 10
    rate_limit_seconds: float = 30.0
    retention_days: int = 30
    concurrent_updates: int = 16

    @property
    def webhook_mode(self) -> bool:
        return bool(self.webhook_url)

    @property
    def webhook_path(self) -> str:
        return urlparse(self.webhook_url or "").path.lstrip("/")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> "Settings":
        env = {k: v.strip() for k, v in environ.items() if v and v.strip()}
        token = env.get("TELEGRAM_BOT_TOKEN")
        if not token:
            raise SettingsError("TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather in "
                                "Telegram (/newbot) and export the token it gives you.")
        key = env.get("SENDER_HASH_KEY")
        if not key:
            raise SettingsError(
                "SENDER_HASH_KEY is not set. It keys the hash that replaces each Telegram chat id "
                "before anything reaches the Rasa server, so no chat id is stored in clear. "
                "Generate one with `python -c 'import secrets; print(secrets.token_hex(32))'` and "
                "keep it: a new key starts every chat's conversation afresh.")
        webhook_url = env.get("TELEGRAM_WEBHOOK_URL")
        secret = env.get("TELEGRAM_WEBHOOK_SECRET")
        if webhook_url:
            if not secret or not SECRET_TOKEN.match(secret):
                raise SettingsError("TELEGRAM_WEBHOOK_SECRET must be set in webhook mode: 1-256 "
                                    "characters from A-Z, a-z, 0-9, _ and -.")
        return cls(
            token=token,
            sender_hash_key=key.encode("utf-8"),
            api_base_url=env.get("TELEGRAM_API_BASE_URL", DEFAULT_API_BASE_URL),
            rasa_url=env.get("RASA_URL", cls.rasa_url).rstrip("/"),
            rasa_timeout=number(env, "RASA_TIMEOUT_SECONDS", cls.rasa_timeout, float),
            webhook_url=webhook_url,
            webhook_secret=secret,
            webhook_port=number(env, "TELEGRAM_WEBHOOK_PORT", cls.webhook_port, int),
            webhook_listen=env.get("TELEGRAM_WEBHOOK_LISTEN", cls.webhook_listen),
            poll_timeout=number(env, "TELEGRAM_POLL_TIMEOUT", cls.poll_timeout, int),
            rate_limit_messages=number(env, "RATE_LIMIT_MESSAGES", cls.rate_limit_messages, int),
            rate_limit_seconds=number(env, "RATE_LIMIT_SECONDS", cls.rate_limit_seconds, float),
            retention_days=number(env, "RETENTION_DAYS", cls.retention_days, int),
            concurrent_updates=number(env, "TELEGRAM_CONCURRENT_UPDATES", cls.concurrent_updates, int),
        )


def number(env: Mapping[str, str], name: str, default, kind):
    """A positive number from the environment, or `default` when unset."""
    if name not in env:
        return default
    try:
        value = kind(env[name])
    except ValueError:
        raise SettingsError(f"{name} must be a number, not {env[name]!r}.") from None
    if value <= 0:
        raise SettingsError(f"{name} must be above zero.")
    return value
