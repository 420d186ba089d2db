"""The checked list of services and phone numbers, and the filling of {id} placeholders from it."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import yaml

CONTACTS_FILE = Path(__file__).with_name("contacts.yml")
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
# A UK phone number as people write it: 3 digits for 999/101, or 6+ digits with spaces.
PHONE_NUMBER = re.compile(r"(?<![\d£.,])(?:\d[\d ]{4,}\d|\b(?:999|101|111)\b)(?![\d%])")


@dataclass(frozen=True)
class Contact:
    id: str
    name: str
    number: str
    for_whom: str
    hours: str
    web: str = ""
    also: tuple[str, ...] = ()  # names people type for it

    @property
    def reach(self) -> str:
        """What a reply shows: the number, or the web address of an online service."""
        return self.number or self.web


@lru_cache(maxsize=1)
def contacts() -> dict[str, Contact]:
    """All services by id, loaded once."""
    rows = yaml.safe_load(CONTACTS_FILE.read_text(encoding="utf-8"))["contacts"]
    loaded = {
        row["id"]: Contact(row["id"], row["name"], str(row["number"]), row["for"], row["hours"],
                           row.get("web", ""), tuple(str(a).lower() for a in row.get("also", ())))
        for row in rows
    }
    if len(loaded) != len(rows):
        raise ValueError(f"{CONTACTS_FILE}: duplicate contact id")
    unreachable = [c.id for c in loaded.values() if not c.reach]
    if unreachable:
        raise ValueError(f"{CONTACTS_FILE}: no number or web address for {unreachable}")
    return loaded


# Asking how to reach a service: "whats the number for childline", "samaritans number?", "how do i contact meic"
ASKS_FOR_CONTACT = re.compile(
    r"\b(numbers?|no\.?|phone|tel|helpline|website|site|how\s+(do|can)\s+i\s+(call|ring|phone|contact|reach|get\s+hold\s+of)|contact\s+details?)\b",
    re.IGNORECASE)
MAX_CONTACT_QUESTION_WORDS = 12
# sentences, and clauses that ask afresh ("..., whats the number for missing people and do they help")
SENTENCE_END = re.compile(r"[?.!\n]+|(?:,\s*|,?\s+(?:and|but)\s+)(?=(?:are|is|do|does|can|what|whats|what's|when|how)\b)")


def aliases_named(text: str) -> list[tuple[str, Contact]]:
    """(the name typed, its service) for every service on the list the words name."""
    lowered = " ".join(text.lower().split())
    return [(alias, contact) for contact in contacts().values() for alias in contact.also
            if re.search(rf"(?<![\w]){re.escape(alias)}s?(?![\w])", lowered)]


def contacts_named(text: str) -> list[Contact]:
    """The services on the list a message names ("who refers to the child trafficking guardian")."""
    return list(dict.fromkeys(contact for _, contact in aliases_named(text)))


def contact_asked_for(text: str) -> Contact | None:
    """The service a short message, or a short sentence of it, asks the number of, if it names
    one on the list ("whats the number for missing people? not for now, just want it saved")."""
    for part in SENTENCE_END.split(text):
        lowered = " ".join(part.lower().split())
        if not lowered or len(lowered.split()) > MAX_CONTACT_QUESTION_WORDS or not ASKS_FOR_CONTACT.search(lowered):
            continue
        named = aliases_named(lowered)
        if named:
            return max(named, key=lambda pair: len(pair[0]))[1]
    return None


# A question of its own beside the one for a number: "can police do the NRM referral ourselves? and whats the
# number for the child trafficking guardian" is answered, with the number added.
OTHER_QUESTION = re.compile(r"^\W*(?:and\s+|also\s+)?(?:what|whats|what's|how|who|where|when|why|can|could|do|does|"
                            r"is|are|should|will|would|have|has)\b", re.IGNORECASE)


# ... but not one about the service itself: "... and are they even open at this time", "is it free"
ABOUT_THE_SERVICE = re.compile(r"^\W*(?:and\s+|also\s+)?(?:are|is|do|does|will|can|would|could)\s+(?:they|it|you|u|that|them|those)\b",
                               re.IGNORECASE)


def asked_beside_a_number(text: str) -> str:
    """What the message asks besides a service's number and what the service is like ("" if nothing)."""
    return " ".join(part.strip() for part in SENTENCE_END.split(text)
                    if OTHER_QUESTION.search(part) and not ABOUT_THE_SERVICE.search(part)
                    and not ASKS_FOR_CONTACT.search(part) and len(part.split()) >= 4)


# Numbers people know without a name; every other number is shown with its service's name
# unless the words just before it name the service already ("call Childline on {childline}").
SELF_EXPLAINING = frozenset({"emergency", "police_non_emergency", "nhs_111"})
NAMED_WITHIN = 60  # characters before a placeholder


def fill(text: str, escape: Callable[[str], str] = str) -> str:
    """Replace every {id} naming a contact with its number (passed through `escape`, e.g.
    html.escape for a page), named where the words before it do not name it ("call {childline}"
    becomes "call Childline (0800 1111)"); other braces are left alone."""
    known = contacts()

    def number(match: re.Match) -> str:
        contact = known.get(match.group(1))
        if contact is None:
            return match.group(0)
        before = text[max(0, match.start() - NAMED_WITHIN):match.start()].lower()
        named = contact.id in SELF_EXPLAINING or any(alias in before for alias in contact.also
                                                     if not alias[0].isdigit())
        return escape(contact.reach) if named else f"{escape(contact.name)} ({escape(contact.reach)})"

    return PLACEHOLDER.sub(number, text)


def unknown_placeholders(text: str) -> list[str]:
    """Placeholder names in `text` that are not contact ids."""
    return [name for name in PLACEHOLDER.findall(text) if name not in contacts()]


def numbers_in(text: str) -> list[str]:
    """Phone-number-like strings in `text` (used to prove no number is typed by hand)."""
    return [m.group(0).strip() for m in PHONE_NUMBER.finditer(text)]


def is_checked_number(number: str) -> bool:
    digits = number.replace(" ", "")
    return any(c.number.replace(" ", "") == digits for c in contacts().values())
