"""What the reply says first when the turn's safety verdict (knowledge/safety.py) asks for it.

1. Danger now: the emergency line, then what fits the situation (utter_danger_<situation>).
2. A disclosure: believed, thanked, not their fault, what can happen next, who to contact
   (utter_disclosure_<class>).
3. A request refused, with the route that helps (utter_refuse_<class>).
Each is written for who is telling: a young person, or anyone speaking of themself, directly
(`_young_person`); a practitioner with their procedures (`_practitioner`, or their own service's,
`_police`); a parent or anyone else about a child (the plain response). A variant missing from the
domain falls back to the plain one.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Optional

from rasa_sdk.executor import CollectingDispatcher

from knowledge.safety import Safety

EMERGENCY = "utter_emergency"
EMERGENCY_SELF_HARM = "utter_emergency_self_harm"


@dataclass(frozen=True)
class SafetySaid:
    danger: bool = False
    disclosure: bool = False
    refusal: bool = False

    @property
    def anything(self) -> bool:
        return self.danger or self.disclosure or self.refusal


# Someone telling of domestic abuse about themself is most often an adult partner: the plain reply
# speaks to them; its young person's words are for a young person living with it at home.
ADULT_WHEN_ABOUT_SELF = frozenset({"domestic_abuse"})


# Disclosures that, told of oneself, come from the young person being exploited.
TOLD_BY_THE_EXPLOITED = frozenset({"exploited_now", "debt_threats", "image_threat"})


def voice(safety: Safety, role: Optional[str]) -> str:
    """Whose words these are: "young_person" (speaking of themself), "practitioner" or ""."""
    # a parent "not coping" is spoken to as an adult; someone who names a mate or a brother ("other")
    # and tells of harm to themself ("i got robbed when i had their stuff, my mate set it up", "if I
    # stop they'll hurt my brother") is most often the young person, and is spoken to directly
    adult = role in ("parent", "practitioner") or (role == "other" and not safety.about_self
                                                   and safety.disclosure not in TOLD_BY_THE_EXPLOITED)
    # a young person telling of someone else's harm ("my friend is 14 ... im 15") gets the words about a child
    of_a_friend = role == "young_person" and bool(safety.disclosure) and not safety.about_self
    if (role == "young_person" and not of_a_friend) or (safety.about_self and not adult
                                                         and safety.disclosure not in ADULT_WHEN_ABOUT_SELF):
        return "young_person"
    return "practitioner" if role == "practitioner" else ""


def variant(base: str, voice_name: str, responses: Mapping[str, Any]) -> str:
    name = f"{base}_{voice_name}" if voice_name else base
    return name if name in responses else base


def for_sector(base: str, voice_name: str, sector: Optional[str], responses: Mapping[str, Any]) -> str:
    """A practitioner's own steps where their service has its own ("_police": they are the police)."""
    own = f"{base}_{sector}"
    return own if voice_name == "practitioner" and own in responses else variant(base, voice_name, responses)


def send_safety(dispatcher: CollectingDispatcher, safety: Safety, role: Optional[str],
                responses: Mapping[str, Any], sector: Optional[str] = None) -> SafetySaid:
    """The emergency line and what helps, the disclosure reply, the refusal: each when due."""
    speaker = voice(safety, role)
    if safety.is_danger:
        dispatcher.utter_message(response=EMERGENCY_SELF_HARM if safety.self_harm else EMERGENCY)
        situation = f"utter_danger_{safety.danger}"
        if safety.danger == "self_harm" and speaker != "young_person":
            dispatcher.utter_message(response=variant(situation, "adult", responses))
        else:
            dispatcher.utter_message(response=variant(situation if situation in responses else "utter_danger_general",
                                                      speaker, responses))
    if safety.disclosure:
        dispatcher.utter_message(response=for_sector(f"utter_disclosure_{safety.disclosure}", speaker, sector, responses))
    if safety.refusal:
        dispatcher.utter_message(response=f"utter_refuse_{safety.refusal}")
    return SafetySaid(safety.is_danger, bool(safety.disclosure), bool(safety.refusal))
