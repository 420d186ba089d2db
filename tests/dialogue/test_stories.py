"""The test stories in tests/stories, through the session's trained model, as `rasa test core
--stories tests/stories --fail-on-prediction-errors` runs them (without loading the model again)."""
from __future__ import annotations

from pathlib import Path

import yaml

STORIES = Path(__file__).resolve().parents[1] / "stories"


def test_every_test_story_is_predicted_turn_by_turn(agent, event_loop, tmp_path):
    from rasa.core.test import test

    event_loop.run_until_complete(test(str(STORIES), agent, out_directory=str(tmp_path),
                                       fail_on_prediction_errors=False, disable_plotting=True))
    failed = tmp_path / "failed_test_stories.yml"
    stories = (yaml.safe_load(failed.read_text(encoding="utf-8")) or {}).get("stories") if failed.exists() else None
    assert not stories, failed.read_text(encoding="utf-8")
