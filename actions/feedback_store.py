"""Anonymous feedback on answers, and a daily count of questions without a confident answer.

Nothing here can hold what anyone typed or who they are: the tables have no column for
message text or sender id. The people who keep the knowledge base read them with
`make report` (python -m actions.report) to see which answers help and where content falls short.

SQLAlchemy 1.4 in 2.0 style. The database URL comes from FEEDBACK_DB_URL (a SQLite file
under .data/ unless configured); tables are created on first use.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, String, create_engine, func, select
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, declarative_base

DEFAULT_URL = "sqlite:///.data/feedback.db"
Base = declarative_base()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class AnswerFeedback(Base):
    """One press of "Helpful" / "Not helpful" under an answer.

    `id` is a surrogate key; `entry_id` is the knowledge entry that was shown; `helpful` is
    the verdict; `created_at` is when (UTC). No message text, no sender id.
    """

    __tablename__ = "answer_feedback"
    id = Column(Integer, primary_key=True)
    entry_id = Column(String(100), nullable=False, index=True)
    helpful = Column(Boolean, nullable=False)
    created_at = Column(DateTime, nullable=False, default=_now)


class UnansweredQuestions(Base):
    """How many questions found no confident answer on one day (UTC).

    Keyed by `day`. `closest_entries` keeps the candidate entry ids offered most recently
    that day (comma-separated, at most three), to hint at which topic fell short. No
    message text, no sender id.
    """

    __tablename__ = "unanswered_questions"
    day = Column(Date, primary_key=True)
    count = Column(Integer, nullable=False, default=0)
    closest_entries = Column(String(400), nullable=False, default="")


@dataclass(frozen=True)
class EntryFeedback:
    entry_id: str
    helpful: int
    not_helpful: int


@dataclass(frozen=True)
class UnansweredDay:
    day: dt.date
    count: int
    closest_entries: tuple[str, ...]


class FeedbackStore:
    """The feedback tables behind intention-named methods; actions never build queries."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        Base.metadata.create_all(engine)

    def record_feedback(self, entry_id: str, helpful: bool) -> None:
        with Session(self.engine, future=True) as session, session.begin():
            session.add(AnswerFeedback(entry_id=entry_id, helpful=helpful))

    def count_unanswered(self, closest_entry_ids: list[str], day: dt.date | None = None) -> None:
        """Add one to the day's count of questions that found no confident answer."""
        day = day or _now().date()
        with Session(self.engine, future=True) as session, session.begin():
            row = session.get(UnansweredQuestions, day)
            if row is None:
                row = UnansweredQuestions(day=day, count=0, closest_entries="")
                session.add(row)
            row.count += 1
            if closest_entry_ids:
                row.closest_entries = ",".join(closest_entry_ids[:3])

    def feedback_by_entry(self) -> list[EntryFeedback]:
        """Helpful and not-helpful counts per entry, least helpful first."""
        not_helpful = func.sum(1 - AnswerFeedback.helpful.cast(Integer))
        query = (select(AnswerFeedback.entry_id, func.sum(AnswerFeedback.helpful.cast(Integer)), not_helpful)
                 .group_by(AnswerFeedback.entry_id)
                 .order_by(not_helpful.desc(), AnswerFeedback.entry_id))
        with Session(self.engine, future=True) as session:
            return [EntryFeedback(entry_id, int(yes or 0), int(no or 0))
                    for entry_id, yes, no in session.execute(query)]

    def unanswered_by_day(self) -> list[UnansweredDay]:
        """The daily counts of questions without a confident answer, newest first."""
        query = select(UnansweredQuestions).order_by(UnansweredQuestions.day.desc())
        with Session(self.engine, future=True) as session:
            return [UnansweredDay(row.day, row.count, tuple(filter(None, row.closest_entries.split(","))))
                    for row in session.scalars(query)]


def feedback_db_url() -> str:
    return os.environ.get("FEEDBACK_DB_URL") or DEFAULT_URL


def engine_for(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    return create_engine(parsed, future=True, pool_pre_ping=True)


@lru_cache(maxsize=1)
def feedback_store() -> FeedbackStore:
    """The store at FEEDBACK_DB_URL, opened once per process (on first use, not at import)."""
    return FeedbackStore(engine_for(feedback_db_url()))
