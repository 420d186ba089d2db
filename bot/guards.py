"""The language guard as a pure function: text in, the reframes due out. No Rasa or Telegram imports.

Wired in at the conversation's edge by `bot/channels.py`, so it holds on every turn, in every
flow state, whatever the dialogue does. (Danger and disclosures are decided once, in
knowledge/safety.py, when the NLU reads the turn: see bot/turn_reader.py.)
"""
from __future__ import annotations

from knowledge.language import LanguageHit, language_rules


# Reframes said before the answer, at most: more reads as a lecture to someone at a hard moment;
# the others wait for the next time their words come up.
MAX_REFRAMES = 2


def reframes_due(text: str, already: set[str]) -> list[LanguageHit]:
    """Blaming phrases in the user's message whose rule has not yet been reframed in this
    conversation, for the first MAX_REFRAMES distinct reframes."""
    hits = [hit for hit in language_rules().find(text or "") if hit.rule_id not in already]
    said = list(dict.fromkeys(hit.reframe for hit in hits))[:MAX_REFRAMES]
    return [hit for hit in hits if hit.reframe in said]
