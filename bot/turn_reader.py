"""How a turn is read, after Rasa's intent classifier: free text is a question first.

A Rasa NLU component (config.yml, after DIETClassifier and FallbackClassifier). For each typed
message it decides, in this order:
1. safety (knowledge/safety.py, the one owner): danger now, a disclosure of harm, a request to
   refuse, from the patterns and DIET's `danger_now` intent together. Any of these makes the
   turn a question (`ask_question`), so the reply is composed by the one action that puts 999
   first, then what helps, then the answer;
2. a message that plainly IS an act ("next", "stop", "thanks", "I'm a teacher", knowledge/acts.py)
   gets that act, whatever the classifier thought;
3. the classifier's act intents (greet, thank, tell_role ...) are kept only when plain; otherwise
   the message asks or tells something, and is a question.
Button payloads ("/intent{...}") are left to Rasa's RegexMessageHandler. The verdict rides in
the parse data as `turn` (classes and rule ids, never the text).
"""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from knowledge.acts import plain_act
from knowledge.safety import DANGER_INTENT, assess

QUESTION = "ask_question"
# The classifier's content intents: kept as they are (the flow starts, out of scope, unclear).
CONTENT_INTENTS = frozenset({QUESTION, "nlu_fallback", "out_of_scope", "unclear", "start_missing",
                             "start_nrm", "start_worried_parent", "start_concern", "start_cuckooing",
                             "start_found_with_drugs", "start_strategy_meeting"})
FLOW_STARTS = frozenset(i for i in CONTENT_INTENTS if i.startswith("start_"))
DANGER_CONFIDENCE = 0.95  # DIET's danger_now must lead the ranking with at least this (alone, it mostly raised false alarms)


def danger_intent(message: Message) -> bool:
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != "nlu_fallback"]
    return bool(ranking) and ranking[0]["name"] == DANGER_INTENT and ranking[0]["confidence"] >= DANGER_CONFIDENCE


def read_turn(text: str, intent: Optional[str], danger_said: bool) -> tuple[str, Dict[str, Any]]:
    """The intent the dialogue should see, and the verdict to keep with the turn."""
    safety = assess(text, danger_said)
    act = plain_act(text)
    if safety.is_danger or safety.disclosure or safety.refusal:
        chosen = intent if intent in FLOW_STARTS else QUESTION
    elif act:
        chosen = act
    elif intent in CONTENT_INTENTS and intent != DANGER_INTENT:
        chosen = intent
    else:
        chosen = QUESTION
    return chosen, {"safety": safety.as_dict(), "act": act, "nlu_intent": intent}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class TurnReader(GraphComponent):
    """Decides what kind of turn each typed message is (see the module docstring)."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "TurnReader":
        assess("")  # build the safety rules and train their classifier now, not on a user's first message
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if text.lstrip().startswith("/"):
                continue
            old = message.get(INTENT) or {}
            name, turn = read_turn(text, old.get("name"), danger_intent(message))
            if name != old.get("name"):
                message.set(INTENT, {"name": name, "confidence": 1.0}, add_to_output=True)
            message.set("turn", turn, add_to_output=True)
        return messages
