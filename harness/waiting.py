"""Waiting for a condition with a deadline, instead of sleeping a fixed time."""
from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Callable


def wait_for(condition: Callable[[], Any], timeout: float = 15.0, what: str = "",
             interval: float = 0.05) -> Any:
    """Poll `condition` until it returns something truthy (and return that); fail after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what or condition}")
        time.sleep(interval)


def wait_for_line(log: Path, line: str, times: int = 1, timeout: float = 15.0) -> None:
    """Wait until the log file `log` holds `line` at least `times` times."""
    wait_for(lambda: log.exists() and log.read_text(encoding="utf-8", errors="replace").count(line) >= times,
             timeout, f"{line!r} ({times}x) in {log}")
