"""Mask what identifies a person in what users type, before it is stored.

Pure functions (text in, text out; event dict in, event dict out), used by the tracker store
(`bot/tracker_store.py`) on every user event it writes. The dialogue itself never sees the
masks: the tracker in memory keeps the words as typed for the turn in progress.

Masked: UK phone numbers (07700 900123, +44 7700 900123, (029) 2018 0000, 0800 1111),
email addresses, and UK postcodes (CF10 1AA, sa1 1aa). Short service numbers (999, 101,
116 123) are not personal and are left as they are.
"""
from __future__ import annotations

import copy
import re
from typing import Any

PHONE_MASK = "[phone number]"
EMAIL_MASK = "[email address]"
POSTCODE_MASK = "[postcode]"

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# A UK number: +44 / 0044 / 0 first, then digits with spaces, dots, dashes or brackets.
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\s?44\s?(?:\(0\)\s?)?|\(?0)[\d\s().-]{7,16}\d(?![\d])")
# Outward code (area letters, district digit, optional letter/digit), then inward code.
POSTCODE = re.compile(
    r"\b[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b", re.IGNORECASE
)


def _phone(match: re.Match) -> str:
    written = match.group(0).strip()
    digits = re.sub(r"\D", "", written)
    if written.startswith(("+", "00")):  # +44 7700 900123 -> 07700900123
        digits = "0" + digits.removeprefix("00").removeprefix("44").lstrip("0")
    # A UK number written nationally has 10 or 11 digits (service numbers are shorter).
    return PHONE_MASK if 10 <= len(digits) <= 11 else match.group(0)


def redact_text(text: str) -> str:
    """`text` with phone numbers, email addresses and postcodes replaced by masks."""
    if not text:
        return text
    text = EMAIL.sub(EMAIL_MASK, text)
    text = PHONE.sub(_phone, text)
    return POSTCODE.sub(POSTCODE_MASK, text)


def redact_event(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of a serialised event with the user's words masked (other events unchanged)."""
    if data.get("event") != "user":
        return data
    data = copy.deepcopy(data)
    if isinstance(data.get("text"), str):
        data["text"] = redact_text(data["text"])
    parse_data = data.get("parse_data")
    if isinstance(parse_data, dict):
        if isinstance(parse_data.get("text"), str):
            parse_data["text"] = redact_text(parse_data["text"])
        for entity in parse_data.get("entities") or []:
            if isinstance(entity, dict) and isinstance(entity.get("value"), str):
                entity["value"] = redact_text(entity["value"])
    return data
