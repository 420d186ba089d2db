"""What the feedback tables say: `python -m actions.report` (or `make report`).

Prints, per entry, how often its answer was marked helpful or not helpful (least helpful
first), then the daily count of questions that found no confident answer, with the entries
offered last that day. Reads FEEDBACK_DB_URL like the action server.
"""
from __future__ import annotations

import sys

from actions.feedback_store import feedback_db_url, feedback_store


def main() -> int:
    store = feedback_store()
    print(f"feedback database: {feedback_db_url().split('@')[-1]}")
    rows = store.feedback_by_entry()
    print(f"\nWas this helpful? ({sum(r.helpful + r.not_helpful for r in rows)} answers rated)")
    if not rows:
        print("  no feedback yet")
    for row in rows:
        print(f"  {row.entry_id:45} 👍 {row.helpful:4}   👎 {row.not_helpful:4}")
    days = store.unanswered_by_day()
    print(f"\nQuestions without a confident answer ({sum(d.count for d in days)} in all)")
    if not days:
        print("  none yet")
    for day in days:
        closest = ", ".join(day.closest_entries) or "nothing close"
        print(f"  {day.day.isoformat()}  {day.count:5}   last offered: {closest}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
