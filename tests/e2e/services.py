"""PostgreSQL and Redis for a test session (harness/services.py), and the production stack on them."""
from __future__ import annotations

from typing import Iterator

import pytest

from harness.services import Services, start_services, stop_services
from harness.stack import production_stack


@pytest.fixture(scope="session")
def services() -> Iterator[Services]:
    """PostgreSQL and Redis for this test session, on free loopback ports."""
    running = start_services()
    try:
        yield running
    finally:
        stop_services(running)


@pytest.fixture(scope="session")
def production(services, action_url, tmp_path_factory) -> Iterator[dict]:
    """The production set-up (harness/stack.py), smaller: the session's action server, 2 Rasa
    servers of its own on endpoints.production.yml sharing a PostgreSQL database and the Redis
    lock store, API on a token. Only tests marked `own_servers` use it."""
    with production_stack(services, "cce_production", running_actions=[action_url],
                          log_dir=tmp_path_factory.mktemp("production")) as stack:
        yield stack
