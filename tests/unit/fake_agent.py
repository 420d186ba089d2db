"""A stand-in for the Rasa agent behind GuardedRestInput: a dict tracker store, the real
ContactsNLG over the real domain, the real turn reader, and a dialogue that sends what it is told."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any, Optional

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlg import ContactsNLG
from bot.turn_reader import read_turn

ROOT = Path(__file__).resolve().parents[2]


class FakeStore:
    def __init__(self) -> None:
        self.trackers: dict[str, DialogueStateTracker] = {}

    async def retrieve(self, sender: str) -> Optional[DialogueStateTracker]:
        return self.trackers.get(sender)


class FakeAgent:
    """Reads each message with the real turn reader (as the NLU would), stores it, and lets the
    dialogue send `replies` (as the action server would, response names included)."""

    def __init__(self) -> None:
        self.tracker_store = FakeStore()
        self.domain = Domain.load(str(ROOT / "domain.yml"))
        self.nlg = ContactsNLG(domain=self.domain)
        self.replies: list[dict[str, Any]] = [{"text": "Here is what the toolkit says.", "utter_action": "utter_answer",
                                               "citation": "Section two › Cuckooing"}]
        self.fail = False

    async def on_new_message(self, message: Any) -> None:
        tracker = self.tracker_store.trackers.setdefault(
            message.sender_id, DialogueStateTracker(message.sender_id, slots=[]))
        intent, turn = read_turn(message.text, "ask_question", False)
        tracker.update(UserUttered(message.text, {"name": intent, "confidence": 1.0},
                                   parse_data={"turn": turn}, metadata=message.metadata))
        if self.fail:
            raise RuntimeError("the action server is down")
        for reply in self.replies:
            await message.output_channel.send_response(message.sender_id, dict(reply))


def request(agent: FakeAgent, text: Any, sender: Any = "s1") -> SimpleNamespace:
    return SimpleNamespace(json={"sender": sender, "message": text}, args={},
                           app=SimpleNamespace(ctx=SimpleNamespace(agent=agent)))


async def turn(agent: FakeAgent, text: str, sender: str = "s1") -> list[dict[str, Any]]:
    from bot.channels import GuardedRestInput
    return await GuardedRestInput().guarded_reply(request(agent, text, sender), agent.on_new_message)
