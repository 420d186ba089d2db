"""Chat with the running assistant in a terminal, through its REST channel.

Usage: python -m bot.console --url http://localhost:5005
"""
import argparse
import asyncio
import uuid

from rasa.core.channels.console import record_messages

from knowledge.contacts import fill


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", default="http://localhost:5005")
    args = parser.parse_args()
    print(fill("Type a question and press Enter (type /stop to leave). "
                "If someone is in danger now, call {emergency}."))
    asyncio.run(record_messages(sender_id=uuid.uuid4().hex, server_url=args.url,
                                use_response_stream=False))


if __name__ == "__main__":
    main()
