"""Chat with the running assistant in a terminal, through its REST channel.

Usage: python -m bot.console --url http://localhost:5005
Buttons are listed with numbers: type a number to press one, or type anything else.
"""
from __future__ import annotations

import argparse
import shutil
import textwrap
import uuid

import httpx

from bot.display import display_text
from knowledge.contacts import fill

EXIT_WORDS = {"/stop", "/quit", "/exit"}


def show(messages: list[dict]) -> list[dict]:
    """Print each reply in full, wrapped to the terminal; return the buttons now on offer."""
    width = min(shutil.get_terminal_size((100, 20)).columns, 100) - 4
    buttons: list[dict] = []
    for message in messages:
        for paragraph in display_text(message).split("\n"):
            print(textwrap.fill(paragraph, width, initial_indent="  ", subsequent_indent="  ") or "")
        buttons = message.get("buttons") or buttons
        print()
    for number, button in enumerate(buttons, start=1):
        print(f"  [{number}] {button['title']}")
    if buttons:
        print()
    return buttons


def chosen(text: str, buttons: list[dict]) -> str:
    """A button's payload when the user typed its number, else what they typed."""
    if text.isdigit() and 1 <= int(text) <= len(buttons):
        return buttons[int(text) - 1]["payload"]
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://localhost:5005")
    args = parser.parse_args()
    sender, buttons = uuid.uuid4().hex, []
    print(fill("Type a question and press Enter; type a number to press a button; /stop to leave.\n"
               "If someone is in danger now, call {emergency}.\n"))
    with httpx.Client(base_url=args.url, timeout=60) as client:
        while True:
            try:
                text = input("You: ").strip()
            except (EOFError, KeyboardInterrupt):
                break
            if text.lower() in EXIT_WORDS:
                break
            reply = client.post("/webhooks/rest/webhook",
                                json={"sender": sender, "message": chosen(text, buttons)})
            print()
            buttons = show(reply.json() if reply.status_code == 200 else [{"text": reply.text}])


if __name__ == "__main__":
    main()
