"""The REST channel with the edge guards: danger first, then a gentle reframe, then the dialogue.

credentials.yml names it as `bot.channels.GuardedRestInput: {}`; it keeps the name "rest",
so it serves /webhooks/rest/webhook in place of Rasa's own REST channel. Replies are always
collected (a `?stream=true` request gets the collected list too), so the emergency message
can go first. Message text is never logged.
"""
from __future__ import annotations

import logging
from asyncio import CancelledError
from typing import Any, Awaitable, Callable, Iterable, Optional

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.forget import add_forget_route
from bot.guards import danger_first, reframes_due
from knowledge.danger import DangerVerdict
from knowledge.language import LanguageHit

logger = logging.getLogger(__name__)
EMERGENCY_RESPONSES = ("utter_emergency", "utter_emergency_self_harm")
Message = dict[str, Any]


def reframed_before(tracker: Any) -> set[str]:
    """Rule ids already reframed in this conversation, from past user events' metadata."""
    done: set[str] = set()
    for event in getattr(tracker, "events", None) or []:
        if getattr(event, "type_name", None) == "user":
            guards = (getattr(event, "metadata", None) or {}).get("guards") or {}
            done.update(guards.get("reframed") or [])
    return done


def with_guards(metadata: Optional[dict[str, Any]], due: list[LanguageHit]) -> dict[str, Any]:
    """The message metadata plus the rule ids reframed on this turn, so the tracker stores them."""
    return {**(metadata or {}), "guards": {"reframed": [hit.rule_id for hit in due]}}


def latest_intent(tracker: Any) -> Optional[str]:
    latest = getattr(tracker, "latest_message", None)
    return (getattr(latest, "intent", None) or {}).get("name") if latest else None


def reframe_messages(sender: str, due: list[LanguageHit]) -> list[Message]:
    """One message per distinct reframe sentence (two rules may share one)."""
    texts = list(dict.fromkeys(hit.reframe for hit in due))
    return [{"recipient_id": sender, "text": text} for text in texts]


def is_emergency(message: Message, emergency: Optional[Message]) -> bool:
    if message.get("utter_action") in EMERGENCY_RESPONSES:
        return True
    return bool(emergency) and message.get("text") == emergency.get("text")


def assemble(emergency: Optional[Message], reframes: list[Message],
             dialogue: Iterable[Message]) -> list[Message]:
    """Emergency first, then reframes, then the dialogue without a second emergency message."""
    rest = [m for m in dialogue if not (emergency and is_emergency(m, emergency))]
    return ([emergency] if emergency else []) + reframes + rest


async def emergency_message(agent: Any, verdict: DangerVerdict, tracker: Any,
                            sender: str) -> Optional[Message]:
    """The emergency response rendered by the agent's NLG, so its numbers come from contacts."""
    if not verdict.is_danger:
        return None
    rendered = await agent.nlg.generate(verdict.response, tracker, "rest") or {}
    message = {k: v for k, v in rendered.items() if v not in (None, [], {}, "")}
    return {"recipient_id": sender, **message, "utter_action": verdict.response}


class GuardedRestInput(RestInput):
    """Rasa's REST channel with the danger and language guards at its edge."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            return response.json(await self.guarded_reply(request, on_new_message))

        add_forget_route(webhook)  # POST /webhooks/rest/forget, for Telegram's /forget
        return webhook

    async def guarded_reply(self, request: Request,
                            on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> list[Message]:
        """Run one turn with the guards around it and return the reply list."""
        agent = request.app.ctx.agent
        sender = await self._extract_sender(request)
        text = self._extract_message(request) or ""
        due = reframes_due(text, reframed_before(await agent.tracker_store.retrieve(sender)))
        collector = CollectingOutputChannel()
        message = UserMessage(text, collector, sender, input_channel=self._extract_input_channel(request),
                              metadata=with_guards(self.get_metadata(request), due))
        await self.handle(on_new_message, message)
        tracker = await agent.tracker_store.retrieve(sender)
        verdict = danger_first(text, latest_intent(tracker))
        emergency = await emergency_message(agent, verdict, tracker, sender)
        return assemble(emergency, reframe_messages(sender, due), collector.messages)

    @staticmethod
    async def handle(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage) -> None:
        """Pass the message to the agent; a failure is logged without the message text."""
        try:
            await on_new_message(message)
        except CancelledError:
            logger.error("rest.message.received.timeout sender=%s", message.sender_id)
        except Exception:
            logger.exception("rest.message.received.failure sender=%s", message.sender_id)
