"""Fixtures every layer shares. Nothing here loads the model or starts a server by itself.

- `domain`, `make_tracker`, `dispatcher`: actions run on rasa_sdk `Tracker` fixtures with a
  `CollectingDispatcher`, the way RasaHQ/financial-demo tests its actions (tests/unit/).
- `action_url`: one real action server for the whole run, started the first time a test needs it
  (tests/dialogue/ and tests/e2e/ share it).
"""
from __future__ import annotations

import asyncio
import uuid
from pathlib import Path
from typing import Any, Callable, Optional

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from harness.servers import action_server

ROOT = Path(__file__).resolve().parents[1]
SLOT_DEFAULTS = {"flow_misses": None, "flow_general": None}


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """domain.yml as the action server receives it (a dict)."""
    return yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


@pytest.fixture
def make_tracker(domain) -> Callable[..., Tracker]:
    """A Tracker as the action server would get it: `text` the user typed, the `intent` and
    `entities` the NLU gave it, the `turn` verdict (bot/turn_reader.py) and any `slots`."""

    def make(text: str = "", intent: str = "ask_question", slots: Optional[dict] = None,
             entities: Optional[list] = None, turn: Optional[dict] = None, events: Optional[list] = None) -> Tracker:
        if turn is None and not text.startswith("/"):
            from bot.turn_reader import read_turn
            intent, turn = read_turn(text, intent, False)
        all_slots = {name: None for name in domain["slots"]} | SLOT_DEFAULTS | (slots or {})
        latest = {"text": text, "intent": {"name": intent, "confidence": 1.0},
                  "entities": entities or [], "turn": turn or {}}
        return Tracker.from_dict({"sender_id": "test", "slots": all_slots, "latest_message": latest,
                                  "events": (events or []) + [{"event": "user", "text": text, "parse_data": latest}],
                                  "paused": False, "followup_action": None, "active_loop": {},
                                  "latest_action_name": "action_listen"})

    return make


def run_action(action, dispatcher, tracker, domain) -> list[dict]:
    """Run an action's `run` to completion and return its events."""
    return asyncio.run(action.run(dispatcher, tracker, domain))


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


@pytest.fixture
def sender() -> str:
    return f"test-{uuid.uuid4().hex}"


OWN_STACK_FIXTURES = {"services", "production"}


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist reads the groups
def pytest_collection_modifyitems(items) -> None:
    """Under pytest-xdist (`make test` runs `-n 2 --dist loadgroup`), the tests on the session's
    one stack run on one worker, in order; the tests on PostgreSQL, Redis and the production or
    fault stacks run on the other, beside the fast layer, so no stack is started twice."""
    for item in items:
        if "dialogue" not in item.path.parts and "e2e" not in item.path.parts:
            continue
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & OWN_STACK_FIXTURES or "retention_db" in fixtures or _breaks_servers(item):
            item.add_marker(pytest.mark.xdist_group("own_stack"))
        else:
            item.add_marker(pytest.mark.xdist_group("servers"))


def _breaks_servers(item) -> bool:
    """Marked own_servers and not leaning on the session's Rasa server."""
    return item.get_closest_marker("own_servers") is not None and "rest_url" not in item.fixturenames
