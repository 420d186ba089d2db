"""Delete conversations whose last event is older than the retention period (default 30 days).

    python -m bot.retention [--days N] [--url SQLALCHEMY_URL] [--endpoints endpoints.yml]
    make purge                      # the same, for a scheduler (cron, systemd timer, k8s CronJob)

The database is the tracker store's: --url, else the endpoints file's `tracker_store.url`,
else TRACKER_STORE_URL, else the SQLite file under .data/ (the same order as the Rasa server).
RETENTION_DAYS sets the default period. A conversation goes as a whole: every event of a
sender whose newest event is older than the cut-off, in one transaction, on SQLite and
PostgreSQL alike. It prints how many conversations and events were removed, never ids or text.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import sqlalchemy as sa
import yaml

DEFAULT_DAYS = 30
DEFAULT_URL = "sqlite:///.data/conversations.db"
SECONDS_PER_DAY = 86_400

metadata = sa.MetaData()
# The columns of Rasa's SQL tracker store table that retention needs (rasa.core.tracker_store.SQLEvent).
events = sa.Table(
    "events", metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("sender_id", sa.String(255), nullable=False, index=True),
    sa.Column("timestamp", sa.Float),
)


@dataclass(frozen=True)
class Purged:
    conversations: int
    events: int

    def __str__(self) -> str:
        return (f"Removed {self.conversations} conversation(s) ({self.events} event(s)) "
                f"with no activity in the retention period.")


def retention_days() -> int:
    return int(os.environ.get("RETENTION_DAYS") or DEFAULT_DAYS)


def database_url(url: Optional[str] = None, endpoints: Optional[Path] = None) -> str:
    """The tracker store's URL, found in the same order as the Rasa server finds it."""
    if url:
        return url
    if endpoints and endpoints.exists():
        config = yaml.safe_load(endpoints.read_text(encoding="utf-8")) or {}
        configured = os.path.expandvars(str((config.get("tracker_store") or {}).get("url") or ""))
        if configured and "${" not in configured:
            return configured
    return os.environ.get("TRACKER_STORE_URL") or DEFAULT_URL


def stale_senders(cutoff: float) -> sa.sql.Select:
    """Senders whose newest event is older than `cutoff` (seconds since the epoch)."""
    return (sa.select(events.c.sender_id)
            .group_by(events.c.sender_id)
            .having(sa.func.max(events.c.timestamp) < cutoff))


def purge(engine: sa.engine.Engine, days: int, now: Optional[float] = None) -> Purged:
    """Delete every event of each conversation idle for more than `days` days, in one transaction."""
    if days < 0:
        raise ValueError("the retention period cannot be negative")
    if not sa.inspect(engine).has_table(events.name):
        return Purged(0, 0)
    cutoff = (time.time() if now is None else now) - days * SECONDS_PER_DAY
    stale = stale_senders(cutoff).subquery()
    with engine.begin() as connection:
        conversations = connection.execute(sa.select(sa.func.count()).select_from(stale)).scalar_one()
        deleted = connection.execute(
            sa.delete(events).where(events.c.sender_id.in_(sa.select(stale.c.sender_id)))
        ).rowcount
    return Purged(int(conversations), int(deleted or 0))


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=retention_days(),
                        help="keep conversations active in the last N days (default: RETENTION_DAYS or 30)")
    parser.add_argument("--url", help="SQLAlchemy URL of the tracker store")
    parser.add_argument("--endpoints", type=Path, default=Path("endpoints.yml"))
    args = parser.parse_args(argv)
    url = database_url(args.url, args.endpoints)
    engine = sa.create_engine(url, future=True)
    try:
        result = purge(engine, args.days)
    except sa.exc.SQLAlchemyError as error:
        where = sa.engine.make_url(url)
        print(f"Could not purge: the database at {where.host or where.database} failed "
              f"({type(error.orig or error).__name__}).", file=sys.stderr)
        return 1
    finally:
        engine.dispose()
    print(f"{result} Retention: {args.days} days.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
