"""End to end: the real Rasa server over HTTP, PostgreSQL and Redis for the tests that need them,
and the production stack on them.

One stack per run: `rest_url` (one Rasa server on SQLite) and `action_url` (one action server,
tests/conftest.py) are started the first time a test needs them and serve every e2e test. Only
a test that must restart, break or reconfigure servers starts its own; it says so in its
docstring and is marked `own_servers` (`-m "not own_servers"` runs the rest on the one stack)."""
from __future__ import annotations

from pathlib import Path

import pytest

from harness.servers import rasa_server, write_endpoints
from tests.e2e.services import production, services  # noqa: F401  (PostgreSQL + Redis, session scope)


@pytest.fixture(scope="session")
def endpoints_file(tmp_data, action_url) -> Path:
    return write_endpoints(tmp_data / "endpoints.yml", action_url,
                           f"sqlite:///{tmp_data / 'conversations.db'}")


@pytest.fixture(scope="session")
def rest_url(endpoints_file, tmp_data) -> str:
    with rasa_server(endpoints_file, log=tmp_data / "rasa.log") as url:
        yield url
