"""The edge guards as pure functions: text in, verdict out. No Rasa or Telegram imports.

Wired in at the conversation's edge by `bot/channels.py`, so they hold on every turn,
in every flow state, whatever the dialogue does.
"""
from __future__ import annotations

from knowledge.danger import DangerVerdict, danger_detector
from knowledge.language import LanguageHit, language_rules

DANGER_INTENT = "danger_now"


def danger_first(text: str, nlu_intent: str | None) -> DangerVerdict:
    """Danger now if the patterns fire or the NLU says `danger_now`: neither alone decides.

    The kind comes from the patterns; on the intent alone it is "general". When the patterns
    saw danger words but set them aside as past, a story, an idiom or a "what if", the intent
    does not overrule them: the NLU cannot tell "he was stabbed last year" from "he's been stabbed".
    """
    verdict = danger_detector().check(text or "")
    if nlu_intent != DANGER_INTENT or verdict.set_aside:
        return verdict
    matched = tuple(sorted({*verdict.matched, f"intent:{DANGER_INTENT}"}))
    return DangerVerdict(True, verdict.kind or "general", matched)


def reframes_due(text: str, already: set[str]) -> list[LanguageHit]:
    """Blaming phrases in the user's message whose rule has not yet been reframed in this conversation."""
    return [hit for hit in language_rules().find(text or "") if hit.rule_id not in already]
