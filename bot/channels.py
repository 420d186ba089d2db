"""The REST channel at the conversation's edge: bad input, the language guard, and a safety net.

credentials.yml names it as `bot.channels.GuardedRestInput: {}`; it keeps the name "rest", so it
serves /webhooks/rest/webhook in place of Rasa's own REST channel. Replies are always collected
(a `?stream=true` request gets the collected list too). Message text is never logged.

Each reply message carries, beside `text` and `buttons`, the `response` it was rendered from
(`utter_emergency`, `utter_answer` ...) and, for answers, the toolkit section as `citation`
and the knowledge `entry_id`: front ends show the citation their own way, and tests and
benchmarks identify replies by name, not by their wording.

Before the dialogue, the channel reads what was typed (bot/user_input.py): a body that is not
{"sender": "...", "message": "..."} gets a 400 with a JSON error; control characters are
stripped; long messages are trimmed (with a note saying so); a "/" message is a button payload
only if the assistant offers it, else plain text. It answers by itself when there is nothing to
pass on (an empty message; letters in another script), and says it could not look that up (with
the emergency and police numbers) when the dialogue fails to answer.

Safety is decided once, in the NLU (bot/turn_reader.py -> knowledge/safety.py), and answered by
the dialogue. The channel only makes sure of it: when that verdict says danger now and the
reply does not open with the emergency message (the action server is down, say), it puts it
first. The language guard adds a gentle reframe, once per rule per conversation.
"""
from __future__ import annotations

import logging
from asyncio import CancelledError
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable, Optional

import yaml

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.trackers import DialogueStateTracker
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.forget import add_forget_route
from bot.guards import reframes_due
from bot.user_input import MAX_CHARS, Typed, in_other_script, read_typed, valid_sender
from knowledge.contacts import fill
from knowledge.entries import knowledge_base
from knowledge.flow_data import flows
from knowledge.language import LanguageHit
from knowledge.payloads import Known
from knowledge.safety import Safety

logger = logging.getLogger(__name__)
EMERGENCY_RESPONSES = ("utter_emergency", "utter_emergency_self_harm")
Message = dict[str, Any]
CHANNEL_REPLIES = Path(__file__).with_name("channel_replies.yml")
UNCLEAR_RESPONSE = "utter_unclear"
KEPT_FIELDS = ("text", "buttons", "image", "attachment", "custom", "citation", "entry_id")


class BadRequest(ValueError):
    """The request body is not {"sender": "...", "message": "..."}; the text says what is wrong."""


class ReplyCollector(CollectingOutputChannel):
    """Rasa's collecting channel, one message per bot utterance, keeping its response name and
    citation (Rasa's own splits text at blank lines and drops both)."""

    async def send_response(self, recipient_id: str, message: dict[str, Any]) -> None:
        kept: Message = {"recipient_id": recipient_id}
        kept.update({k: message[k] for k in KEPT_FIELDS if message.get(k) not in (None, "", [], {})})
        if message.get("utter_action"):
            kept["response"] = message["utter_action"]
        if len(kept) > 1:
            await self._persist_message(kept)


@lru_cache(maxsize=1)
def channel_replies() -> dict[str, dict[str, Any]]:
    return yaml.safe_load(CHANNEL_REPLIES.read_text(encoding="utf-8"))


def channel_reply(name: str, sender: str) -> Message:
    """One of the channel's own messages, numbers filled from knowledge/contacts.yml."""
    reply = channel_replies()[name]
    text = fill(reply["text"]).replace("{max_chars}", f"{MAX_CHARS:,}")
    message: Message = {"recipient_id": sender, "text": text, "response": f"channel_{name}"}
    if reply.get("buttons"):
        message["buttons"] = [dict(button) for button in reply["buttons"]]
    return message


def read_body(request: Request) -> tuple[str, str]:
    """The sender and message of a webhook request, or BadRequest saying what is wrong."""
    try:
        body = request.json
    except Exception:  # sanic raises on a body that is not JSON
        raise BadRequest("The body is not valid JSON.") from None
    if not isinstance(body, dict):
        raise BadRequest('Send a JSON object: {"sender": "...", "message": "..."}.')
    if not valid_sender(body.get("sender")):
        raise BadRequest('"sender" must be a non-empty string of at most 255 characters.')
    if not isinstance(body.get("message"), str):
        raise BadRequest('"message" must be a string.')
    return body["sender"], body["message"]


def known_values(agent: Any) -> Known:
    """What a button payload may name: entries, flows, and each slot's allowed values."""
    values: dict[str, Optional[set[str]]] = {}
    for slot in getattr(getattr(agent, "domain", None), "slots", None) or []:
        allowed = getattr(slot, "values", None)
        values[slot.name] = ({str(v) for v in allowed if not str(v).startswith("__")} if allowed else None)
    return Known(knowledge_base().entries.__contains__, flows().__contains__, values)


async def rendered(agent: Any, name: str, tracker: Any, sender: str) -> Optional[Message]:
    """A domain response rendered by the agent's NLG (numbers from contacts), or None."""
    message = await agent.nlg.generate(name, tracker, "rest") or {}
    message = {k: v for k, v in message.items() if k in KEPT_FIELDS and v not in (None, [], {}, "")}
    return {"recipient_id": sender, **message, "response": name} if message.get("text") else None


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


def turn_safety(tracker: Any, text: str) -> Safety:
    """The safety verdict the NLU gave this turn (empty if the turn never reached it)."""
    latest = getattr(tracker, "latest_message", None)
    parsed = getattr(latest, "parse_data", None) or {}
    if (parsed.get("text") or "") != text:
        return Safety()
    return Safety.from_dict((parsed.get("turn") or {}).get("safety"))


def reframe_messages(sender: str, due: list[LanguageHit]) -> list[Message]:
    """One message per distinct reframe sentence (two rules may share one)."""
    texts = list(dict.fromkeys(hit.reframe for hit in due))
    return [{"recipient_id": sender, "text": text, "response": "reframe"} for text in texts]


def opens_with_emergency(messages: list[Message]) -> bool:
    return bool(messages) and messages[0].get("response") in EMERGENCY_RESPONSES


def assemble(safety_first: list[Message], reframes: list[Message], dialogue: list[Message]) -> list[Message]:
    """The emergency message (when the dialogue could not send it), then the dialogue's reply;
    a reframe goes after the reply's opening safety messages, before the answer."""
    if opens_with_emergency(dialogue):
        head = [m for m in dialogue if m.get("response", "").startswith(("utter_emergency", "utter_danger_",
                                                                         "utter_disclosure_"))]
        rest = dialogue[len(head):]
        return head + reframes + rest
    return safety_first + reframes + dialogue


def notes(typed: Typed, sender: str) -> list[Message]:
    """The channel's notes about what it did to the message (trimmed)."""
    return [channel_reply("trimmed", sender)] if typed.trimmed else []


def after_silence(typed: Typed, sender: str) -> Message:
    """When the dialogue sent nothing: a restart is confirmed; anything else failed to answer."""
    return channel_reply("restarted" if typed.payload == "restart" else "lookup_failed", sender)


class GuardedRestInput(RestInput):
    """Rasa's REST channel with bad-input handling, the language guard and the safety net."""

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
            try:
                return response.json(await self.guarded_reply(request, on_new_message))
            except BadRequest as error:
                return response.json({"error": str(error)}, status=400)

        add_forget_route(webhook)  # POST /webhooks/rest/forget, for Telegram's /forget
        return webhook

    async def guarded_reply(self, request: Request,
                            on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> list[Message]:
        """Run one turn with the guards around it and return the reply list."""
        agent = request.app.ctx.agent
        sender, raw = read_body(request)
        typed = read_typed(raw, known_values(agent))
        if typed.is_empty:
            return [channel_reply("empty", sender)]
        if not typed.payload and in_other_script(typed.text):
            unclear = await rendered(agent, UNCLEAR_RESPONSE, DialogueStateTracker(sender, []), sender)
            return [unclear or channel_reply("empty", sender)]
        text = typed.text
        due = reframes_due(text, set())
        if due:  # only then is the stored conversation needed (a rule is reframed once per conversation)
            due = reframes_due(text, reframed_before(await agent.tracker_store.retrieve(sender)))
        collector = ReplyCollector()
        message = UserMessage(text, collector, sender, input_channel=self._extract_input_channel(request),
                              metadata=with_guards(self.get_metadata(request), due))
        await self.handle(on_new_message, message)
        dialogue = collector.messages or [after_silence(typed, sender)]
        safety_first = []
        if not opens_with_emergency(dialogue):
            safety = turn_safety(await agent.tracker_store.retrieve(sender), text)
            if safety.is_danger:
                name = EMERGENCY_RESPONSES[1] if safety.self_harm else EMERGENCY_RESPONSES[0]
                emergency = await rendered(agent, name, DialogueStateTracker(sender, []), sender)
                safety_first = [emergency] if emergency else []
        return assemble(safety_first, reframe_messages(sender, due) + notes(typed, sender), dialogue)

    @staticmethod
    async def handle(on_new_message: Callable[[UserMessage], Awaitable[Any]], message: UserMessage) -> None:
        """Pass the message to the agent; a failure is logged without the message text."""
        try:
            await on_new_message(message)
        except CancelledError:
            logger.error("rest.message.received.timeout sender=%s", message.sender_id)
        except Exception:
            logger.exception("rest.message.received.failure sender=%s", message.sender_id)
