"""Delete one sender's stored conversation from the tracker store, on request.

The Telegram front end's `/forget` calls `POST /webhooks/rest/forget` with {"sender": "..."};
the route (added to the REST channel's blueprint by `add_forget_route`) deletes every event
stored for that sender id in one transaction and answers {"forgotten": true, "events_deleted": N}.
Sender ids are pseudonyms (a keyed hash of the chat id), so knowing one is already proof of
being that chat. Message text is never logged; only the first characters of the sender id.
"""
from __future__ import annotations

import logging
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

logger = logging.getLogger(__name__)


def sql_store(store: Any) -> SQLTrackerStore:
    """The SQL tracker store inside Rasa's wrappers (FailSafeTrackerStore, AwaitableTrackerStore)."""
    seen = 0
    while not isinstance(store, SQLTrackerStore):
        inner = getattr(store, "_tracker_store", None)
        if inner is None or seen > 5:
            raise TypeError(f"/forget needs an SQL tracker store, not {type(store).__name__}")
        store, seen = inner, seen + 1
    return store


def forget_sender(store: Any, sender_id: str) -> int:
    """Delete every stored event of `sender_id` in one transaction; returns how many were deleted."""
    sql = sql_store(store)
    events = sql.SQLEvent
    with sql.session_scope() as session:
        deleted = session.execute(sa.delete(events).where(events.sender_id == sender_id)).rowcount
        session.commit()
    return int(deleted or 0)


def add_forget_route(blueprint: Blueprint) -> None:
    """Serve POST <channel>/forget on the REST channel's blueprint."""

    @blueprint.route("/forget", methods=["POST"])
    async def forget(request: Request) -> HTTPResponse:
        sender = (request.json or {}).get("sender") if isinstance(request.json, dict) else None
        if not isinstance(sender, str) or not sender.strip():
            return response.json({"error": "Send a JSON body {\"sender\": \"...\"}."}, status=400)
        agent = request.app.ctx.agent
        # Hold the conversation's lock so a turn in progress cannot write events back afterwards.
        async with agent.lock_store.lock(sender):
            deleted = forget_sender(agent.tracker_store, sender)
        logger.info("rest.forget sender=%s… events_deleted=%d", sender[:8], deleted)
        return response.json({"forgotten": True, "events_deleted": deleted})
