"""Feedback buttons through the trained model, the rows they leave, and answers over REST.

The session's action server writes feedback to a temporary SQLite file (the `feedback_db`
fixture in conftest.py), read back here with the same repository the report uses.
"""
from __future__ import annotations

import datetime as dt
import json
import sqlite3


from actions.feedback_store import FeedbackStore, engine_for


def store_at(path) -> FeedbackStore:
    return FeedbackStore(engine_for(f"sqlite:///{path}"))


def feedback_rows(path) -> list[tuple]:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT entry_id, helpful FROM answer_feedback ORDER BY id").fetchall()


def buttons_of(messages: list[dict]) -> list[dict]:
    return [button for message in messages for button in message.get("buttons") or []]


def test_an_answer_offers_feedback_buttons_within_five_buttons(chat):
    messages = chat.say("what is cuckooing")
    answer = next(m for m in messages if m.get("response") == "utter_answer")
    titles = [b["title"] for b in answer["buttons"]]
    assert "👍 Helpful" in titles and "👎 Not helpful" in titles
    assert len(titles) <= 5
    payloads = {b["title"]: b["payload"] for b in answer["buttons"]}
    assert json.loads(payloads["👍 Helpful"].removeprefix("/feedback")) == {"entry_id": "cuckooing", "helpful": "yes"}


def test_pressing_helpful_stores_the_entry_and_verdict_and_thanks_the_user(chat, feedback_db):
    messages = chat.say("what is cuckooing")
    helpful = next(b for b in buttons_of(messages) if b["title"] == "👍 Helpful")
    before = feedback_rows(feedback_db) if feedback_db.exists() else []

    reply = chat.say(helpful["payload"])

    assert feedback_rows(feedback_db)[len(before):] == [("cuckooing", 1)]
    assert [m["response"] for m in reply] == ["utter_feedback_thanks"]


def test_pressing_not_helpful_is_stored_as_not_helpful(chat, feedback_db):
    messages = chat.say("how long does the nrm take to decide")
    not_helpful = next(b for b in buttons_of(messages) if b["title"] == "👎 Not helpful")
    entry_id = json.loads(not_helpful["payload"].removeprefix("/feedback"))["entry_id"]
    before = feedback_rows(feedback_db) if feedback_db.exists() else []

    chat.say(not_helpful["payload"])

    assert feedback_rows(feedback_db)[len(before):] == [(entry_id, 0)]
    report = {row.entry_id: row for row in store_at(feedback_db).feedback_by_entry()}
    assert report[entry_id].not_helpful >= 1


def test_no_message_text_or_sender_reaches_the_feedback_database(chat, sender, feedback_db):
    secret = "my neighbour zxqvbn has dealers in his flat"
    chat.say(secret)
    chat.say("what is cuckooing")
    chat.say('/feedback{"entry_id": "cuckooing", "helpful": "no"}')
    dump = "\n".join(sqlite3.connect(feedback_db).iterdump())
    assert "zxqvbn" not in dump and sender not in dump
    columns = {row[1] for table in ("answer_feedback", "unanswered_questions")
               for row in sqlite3.connect(feedback_db).execute(f"PRAGMA table_info({table})")}
    assert columns == {"id", "entry_id", "helpful", "created_at", "day", "count", "closest_entries"}


def test_a_question_with_no_confident_answer_is_counted_for_today(chat, feedback_db):
    store = store_at(feedback_db)
    today = dt.datetime.now(dt.timezone.utc).date()
    before = {day.day: day.count for day in store.unanswered_by_day()}.get(today, 0)

    reply = chat.say("what happens with the stuff at the office")

    assert {"utter_not_sure", "utter_not_what_you_needed", "utter_no_answer"} & {m["response"] for m in reply}
    after = {day.day: day.count for day in store.unanswered_by_day()}.get(today, 0)
    assert after == before + 1


def test_the_repository_counts_by_day_and_by_entry(tmp_path):
    store = store_at(tmp_path / "feedback.db")
    day = dt.date(2026, 1, 5)
    store.count_unanswered(["cuckooing", "county_lines", "debt_bondage", "grooming"], day=day)
    store.count_unanswered([], day=day)
    store.record_feedback("cuckooing", helpful=True)
    store.record_feedback("cuckooing", helpful=False)
    store.record_feedback("grooming", helpful=False)

    [counted] = store.unanswered_by_day()
    assert (counted.day, counted.count, counted.closest_entries) == (
        day, 2, ("cuckooing", "county_lines", "debt_bondage"))
    by_entry = [(row.entry_id, row.helpful, row.not_helpful) for row in store.feedback_by_entry()]
    assert by_entry == [("cuckooing", 1, 1), ("grooming", 0, 1)]
