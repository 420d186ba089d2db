"""The emergency message, when the dialogue itself recognises danger now."""
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from knowledge.danger import danger_detector


class ActionEmergency(Action):
    """999 first; the self-harm variant adds Samaritans and Childline."""

    def name(self) -> str:
        return "action_emergency"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[EventType]:
        verdict = danger_detector().check(tracker.latest_message.get("text") or "")
        dispatcher.utter_message(response=verdict.response)
        return []
