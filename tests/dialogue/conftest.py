"""The trained model in-process (rasa's Agent), talking to the session's real action server.
Replies come back as the REST channel sends them: one message per utterance, each with the
name of the `response` it was rendered from and, for answers, the toolkit `citation`."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest

from harness.servers import MODEL, write_endpoints


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def agent(action_url, tmp_data, event_loop):
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.INFO)  # Rasa's debug lines carry message text: never at the default level
    endpoints = write_endpoints(tmp_data / "dialogue-endpoints.yml", action_url,
                                f"sqlite:///{tmp_data / 'dialogue.db'}")
    loaded = AvailableEndpoints.read_endpoints(str(endpoints))
    return event_loop.run_until_complete(load_agent(model_path=str(MODEL), endpoints=loaded))


class Conversation:
    """Talk to the in-process agent as one user; each turn returns the bot's messages."""

    def __init__(self, agent, sender_id: str, loop) -> None:
        self.agent, self.sender_id, self.loop = agent, sender_id, loop

    def say(self, text: str) -> list[dict[str, Any]]:
        from rasa.core.channels.channel import UserMessage
        from bot.channels import ReplyCollector

        collector = ReplyCollector()
        self.loop.run_until_complete(self.agent.handle_message(UserMessage(text, collector, self.sender_id)))
        return collector.messages

    def responses(self, text: str) -> list[str]:
        return [m.get("response", "") for m in self.say(text)]

    def text(self, text: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(text))


@pytest.fixture
def chat(agent, sender, event_loop) -> Conversation:
    return Conversation(agent, sender, event_loop)
