"""The Telegram front end: python-telegram-bot in front of the Rasa server's REST channel.

Run it with `python -m bot.telegram`; see settings.py for the environment it reads.
"""
