"""Rasa's SQL tracker store, reached through one SQLAlchemy URL (a SQLite file unless configured).

What users type is stored masked (phone numbers, email addresses, postcodes: `bot/redaction.py`);
the dialogue in memory keeps the words as typed. Old conversations are deleted by
`bot/retention.py` (`make purge`).
"""
import json
import logging
import os
from pathlib import Path
from typing import Any, Optional, Text

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker

from bot.redaction import redact_event

logger = logging.getLogger(__name__)
DEFAULT_URL = "sqlite:///.data/conversations.db"


class DatabaseUnreachable(RuntimeError):
    """The tracker store's database could not be reached; the message names the host only."""


def tracker_store_url() -> str:
    return os.environ.get("TRACKER_STORE_URL") or DEFAULT_URL


def describe(url: str) -> str:
    """Where a database URL points, for messages: backend, host, port, database; never the password."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite file {parsed.database or ':memory:'}"
    return (f"{parsed.get_backend_name()} at {parsed.host or 'localhost'}:{parsed.port or 'default port'}"
            f", database {parsed.database!r}")


def check_reachable(url: str) -> None:
    """Fail at once with the host (never the password) instead of retrying forever."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        return
    engine = sa.create_engine(parsed, future=True, pool_pre_ping=True)
    try:
        with engine.connect():
            pass
    except sa.exc.SQLAlchemyError as error:
        raise DatabaseUnreachable(
            f"The conversation database ({describe(url)}) cannot be reached: "
            f"{type(error.orig or error).__name__}. Check TRACKER_STORE_URL and that the server is running."
        ) from None
    finally:
        engine.dispose()


class ConversationStore(SQLTrackerStore):
    """The SQL tracker store configured by TRACKER_STORE_URL (any SQLAlchemy URL)."""

    def __init__(self, domain: Optional[Domain] = None, host: Optional[Text] = None,
                 event_broker: Optional[EventBroker] = None, **kwargs: Any) -> None:
        # Rasa hands an endpoint's `url:` over as `host`.
        url = host or tracker_store_url()
        check_reachable(url)
        super().__init__(domain=domain, host=url, event_broker=event_broker, **kwargs)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Append the tracker's new events, with the user's words masked, in one transaction."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = redact_event(event.as_dict())
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id,
                    type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=(data.get("parse_data") or {}).get("intent", {}).get("name"),
                    action_name=data.get("name"),
                    data=json.dumps(data),
                ))
            session.commit()
