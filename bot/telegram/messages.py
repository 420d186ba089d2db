"""The bot's own wording, loaded once from messages.yml with phone numbers filled from contacts."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from knowledge.contacts import fill, unknown_placeholders

MESSAGES_FILE = Path(__file__).with_name("messages.yml")
TEXT_KEYS = ("welcome", "help", "privacy", "forgotten", "forget_failed", "reset", "unavailable",
             "not_text", "edited", "unknown_command", "rate_limited", "button_expired", "choose")
# Placeholders filled at send time rather than from contacts.
OWN_PLACEHOLDERS = {"retention_days", "kind"}


@dataclass(frozen=True)
class Wording:
    texts: dict[str, str]
    roles: tuple[tuple[str, str], ...]  # (title, payload)
    kinds: dict[str, str]
    commands: dict[str, str]

    def text(self, key: str, **values: object) -> str:
        """The text `key` with {name} placeholders from `values` filled in."""
        text = self.texts[key]
        for name, value in values.items():
            text = text.replace("{" + name + "}", str(value))
        return text

    def kind(self, name: str) -> str:
        return self.kinds.get(name) or self.kinds["other"]


@lru_cache(maxsize=1)
def wording(path: Path = MESSAGES_FILE) -> Wording:
    """Load and check messages.yml: every text present, every placeholder known."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    texts = {key: str(value).strip() for key, value in (data.get("texts") or {}).items()}
    missing = [key for key in TEXT_KEYS if not texts.get(key)]
    if missing:
        raise ValueError(f"{path}: missing texts {missing}")
    for key, text in texts.items():
        unknown = set(unknown_placeholders(text)) - OWN_PLACEHOLDERS
        if unknown:
            raise ValueError(f"{path}: texts.{key} has unknown placeholders {sorted(unknown)}")
    roles = tuple((str(r["title"]), str(r["payload"])) for r in data.get("roles") or [])
    kinds = {str(k): str(v) for k, v in (data.get("kinds") or {}).items()}
    if "other" not in kinds:
        raise ValueError(f"{path}: kinds needs an 'other' entry")
    commands = {str(k): str(v) for k, v in (data.get("commands") or {}).items()}
    return Wording({key: fill(text) for key, text in texts.items()}, roles, kinds, commands)
