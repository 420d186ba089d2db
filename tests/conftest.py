"""Shared fixtures: the real action server, the trained model in-process, and a real Rasa server."""
from __future__ import annotations

import asyncio
import logging
import uuid
from pathlib import Path
from typing import Any

import pytest

from rasa.utils.log_utils import configure_structlog

from tests.servers import MODEL, action_server, rasa_server, write_endpoints
from tests.services import production, services  # noqa: F401  (PostgreSQL + Redis, session scope)

configure_structlog(logging.INFO)  # Rasa's debug lines carry message text: never at the default level


@pytest.fixture(scope="session")
def tmp_data(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("data")


@pytest.fixture(scope="session")
def feedback_db(tmp_data) -> Path:
    """The feedback database the test action server writes to (never the developer's .data/)."""
    return tmp_data / "feedback.db"


@pytest.fixture(scope="session")
def action_url(tmp_data, feedback_db) -> str:
    with action_server(log=tmp_data / "actions.log",
                       env={"FEEDBACK_DB_URL": f"sqlite:///{feedback_db}"}) as url:
        yield url


@pytest.fixture(scope="session")
def endpoints_file(tmp_data, action_url) -> Path:
    return write_endpoints(tmp_data / "endpoints.yml", action_url,
                           f"sqlite:///{tmp_data / 'conversations.db'}")


@pytest.fixture(scope="session")
def event_loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture(scope="session")
def agent(endpoints_file, event_loop):
    """The trained model loaded in-process, talking to the real action server."""
    from rasa.core.agent import load_agent
    from rasa.core.utils import AvailableEndpoints

    endpoints = AvailableEndpoints.read_endpoints(str(endpoints_file))
    return event_loop.run_until_complete(load_agent(model_path=str(MODEL), endpoints=endpoints))


@pytest.fixture(scope="session")
def rest_url(endpoints_file, tmp_data) -> str:
    with rasa_server(endpoints_file, log=tmp_data / "rasa.log") as url:
        yield url


@pytest.fixture
def sender() -> str:
    return f"test-{uuid.uuid4().hex}"


class Conversation:
    """Talk to the in-process agent as one user; each turn returns the bot's messages."""

    def __init__(self, agent, sender_id: str, loop) -> None:
        self.agent, self.sender_id, self.loop = agent, sender_id, loop

    def say(self, text: str) -> list[dict[str, Any]]:
        return self.loop.run_until_complete(self.agent.handle_text(text, sender_id=self.sender_id))

    def text(self, text: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(text))


@pytest.fixture
def chat(agent, sender, event_loop) -> Conversation:
    return Conversation(agent, sender, event_loop)
