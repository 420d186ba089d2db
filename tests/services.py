"""Throwaway PostgreSQL and Redis on loopback (scripts/ensure_services.sh), as a session fixture.

`services` starts both once per test session (installing Debian's packages when missing) and
stops them at the end; `services.database(name)` gives a test module a database of its own.
"""
from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "ensure_services.sh"


@dataclass
class Services:
    postgres_url: str
    redis_url: str
    directory: Path

    def database(self, name: str) -> str:
        """A fresh, empty PostgreSQL database `name` on the throwaway server; returns its URL."""
        engine = sa.create_engine(self.postgres_url, future=True, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
        return self.postgres_url.rsplit("/", 1)[0] + f"/{name}"

    @property
    def redis_port(self) -> int:
        return int(self.redis_url.rsplit(":", 1)[1].split("/")[0])


def start_services() -> Services:
    directory = Path(tempfile.mkdtemp(prefix="cce-services-"))
    out = subprocess.run([str(SCRIPT), "start", str(directory)], capture_output=True, text=True,
                         timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"scripts/ensure_services.sh failed:\n{out.stderr[-2000:]}")
    urls = dict(line.split("=", 1) for line in out.stdout.splitlines() if "=" in line)
    return Services(urls["POSTGRES_URL"], urls["REDIS_URL"], directory)


def stop_services(services: Services) -> None:
    subprocess.run([str(SCRIPT), "stop", str(services.directory)], capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def services() -> Iterator[Services]:
    """PostgreSQL and Redis for this test session, on free loopback ports."""
    running = start_services()
    try:
        yield running
    finally:
        stop_services(running)


def post(base_url: str, sender: str, message: str, timeout: float = 90) -> list[dict]:
    """One turn over the REST webhook; asserts HTTP 200 and returns the bot's messages."""
    import httpx

    reply = httpx.post(f"{base_url}/webhooks/rest/webhook",
                       json={"sender": sender, "message": message}, timeout=timeout)
    assert reply.status_code == 200, reply.text[:300]
    return reply.json()


def stored_events(db_url: str, sender: str) -> list[dict]:
    """Every event stored for `sender` in the tracker store at `db_url`, in order."""
    import json

    engine = sa.create_engine(db_url, future=True)
    try:
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT data FROM events WHERE sender_id = :s ORDER BY id"), {"s": sender})
            return [json.loads(row[0]) for row in rows]
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def production(services, action_url, tmp_path_factory) -> Iterator[dict]:
    """The production set-up (bench/load.py), smaller: the tests' action server, 2 Rasa servers on
    endpoints.production.yml sharing a PostgreSQL database and the Redis lock store, API on a token."""
    from bench.load import production_stack

    with production_stack(services, "cce_production", running_actions=[action_url],
                          log_dir=tmp_path_factory.mktemp("production")) as stack:
        yield stack
