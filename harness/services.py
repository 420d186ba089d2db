"""Throwaway PostgreSQL and Redis on loopback (scripts/ensure_services.sh).

`start_services()` starts both (installing Debian's packages when missing); `stop_services`
stops them; `Services.database(name)` gives a caller a fresh database of its own.
"""
from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

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



