"""Stand-ins for the Rasa agent around GuardedRestInput: a dict tracker store, the real
ContactsNLG over the real domain, and a dialogue that says what it is told to."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.nlg import ContactsNLG

ROOT = Path(__file__).resolve().parents[1]


class FakeStore:
    def __init__(self) -> None:
        self.trackers: dict[str, DialogueStateTracker] = {}

    async def retrieve(self, sender: str) -> DialogueStateTracker | None:
        return self.trackers.get(sender)


class FakeAgent:
    """Stores each user message with the intent it is given; the dialogue sends `replies`."""

    def __init__(self) -> None:
        self.tracker_store = FakeStore()
        self.nlg = ContactsNLG(domain=Domain.load(str(ROOT / "domain.yml")))
        self.intent = "ask_question"
        self.replies: list[dict[str, Any]] = [{"text": "Here is what the toolkit says."}]

    async def on_new_message(self, message: Any) -> None:
        tracker = self.tracker_store.trackers.setdefault(
            message.sender_id, DialogueStateTracker(message.sender_id, slots=[]))
        tracker.update(UserUttered(message.text, {"name": self.intent, "confidence": 1.0},
                                   metadata=message.metadata))
        for reply in self.replies:
            await message.output_channel._persist_message({"recipient_id": message.sender_id, **reply})


def request(agent: FakeAgent, text: str, sender: str = "s1") -> SimpleNamespace:
    return SimpleNamespace(json={"sender": sender, "message": text}, args={},
                           app=SimpleNamespace(ctx=SimpleNamespace(agent=agent)))


async def turn(agent: FakeAgent, text: str, sender: str = "s1") -> list[dict[str, Any]]:
    from bot.channels import GuardedRestInput
    return await GuardedRestInput().guarded_reply(request(agent, text, sender), agent.on_new_message)
