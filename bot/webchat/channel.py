"""The web chat page, served by the Rasa server itself at GET /webhooks/webchat/.

credentials.yml names it as `bot.webchat.channel.WebChatInput:`. It receives no messages: the
page POSTs each message to the REST channel (/webhooks/rest/webhook) on the same origin. The
page is static HTML, CSS and JavaScript (no build step, nothing from other hosts); the only
server-side work is filling the emergency number from knowledge/contacts.yml into the HTML.
Every response carries headers that keep no trace in the browser (no-store, no referrer) and a
Content-Security-Policy that allows nothing but this origin.
"""
from __future__ import annotations

import html
from functools import lru_cache
from pathlib import Path
from typing import Any, Awaitable, Callable

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from knowledge.contacts import fill

STATIC = Path(__file__).with_name("static")
ASSETS = {  # the only files served: name -> content type
    "app.js": "text/javascript; charset=utf-8",
    "style.css": "text/css; charset=utf-8",
}
HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
        "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    ),
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def render(template: str) -> str:
    """Fill each {contact_id} in the page with that contact's number, HTML-escaped."""
    return fill(template, escape=html.escape)


@lru_cache(maxsize=1)
def page() -> str:
    """index.html with its numbers filled in, built once."""
    return render((STATIC / "index.html").read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def asset(name: str) -> bytes:
    return (STATIC / name).read_bytes()


class WebChatInput(InputChannel):
    """Serves the web chat page and its assets; messages go through the REST channel."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Any) -> "WebChatInput":
        return cls()

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webchat = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webchat.route("/", methods=["GET"], strict_slashes=True)
        async def index(request: Request) -> HTTPResponse:
            return response.html(page(), headers=HEADERS)

        @webchat.route("", methods=["GET"], strict_slashes=True)
        async def to_index(request: Request) -> HTTPResponse:
            # The page's links are relative, so it lives at the address ending in "/".
            return response.redirect(f"{request.path}/", headers=HEADERS)

        @webchat.route("/<name:str>", methods=["GET"], strict_slashes=True)
        async def static(request: Request, name: str) -> HTTPResponse:
            if name not in ASSETS:
                return response.text("Not found", status=404, headers=HEADERS)
            return response.raw(asset(name), content_type=ASSETS[name], headers=HEADERS)

        return webchat
