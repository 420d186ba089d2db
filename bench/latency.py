"""Per-turn latency of the assistant beside Rasa's own starter bot, measured in the same run.

Usage: python -m bench.latency [--turns 40] [--long 100]
   or: make bench-latency

Both bots run as `rasa run` on loopback with a SQLite SQL tracker store, over the REST webhook:
ours with its action server and the guarded channel; the starter bot is what
`rasa init --no-prompt` makes (trained once, kept in .data/bench/starter). For each bot: p50/p95
per turn for one user, and for 10 users at once; the ratio ours/starter is the figure that
travels between machines. Then one conversation of ours of --long turns: the time of turn 1
(and 1-5) against turn 100 (and 96-100), to show how a turn's cost grows with the history.
"""
from __future__ import annotations

import argparse
import asyncio
import math
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import httpx

from harness.servers import (BIN, ROOT, action_server, free_port, quiet_env, rasa_server, stop,
                             wait_until_up, write_endpoints)

STARTER = ROOT / ".data" / "bench" / "starter"
OURS = ["hi", "what is cuckooing", "tell me more", "what is county lines", "who can be exploited",
        "what are the warning signs", "how do I make an NRM referral", "thanks"]
THEIRS = ["hello", "I am sad", "yes", "are you a bot?", "great", "no", "goodbye", "hi there"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)] if ordered else float("nan")


async def one_user(client: httpx.AsyncClient, url: str, texts: list[str], turns: int) -> list[float]:
    sender, times = f"lat-{uuid.uuid4().hex[:10]}", []
    for turn in range(turns):
        started = time.perf_counter()
        reply = await client.post(f"{url}/webhooks/rest/webhook",
                                  json={"sender": sender, "message": texts[turn % len(texts)]})
        times.append(time.perf_counter() - started)
        reply.raise_for_status()
    return times


async def measure(url: str, texts: list[str], users: int, turns: int) -> list[float]:
    async with httpx.AsyncClient(timeout=120) as client:
        await one_user(client, url, texts, 3)  # warm up
        results = await asyncio.gather(*(one_user(client, url, texts, turns) for _ in range(users)))
    return [t for times in results for t in times]


def starter_model() -> Path:
    """Rasa's starter bot, trained once (`rasa init --no-prompt` trains it) and kept."""
    models = sorted((STARTER / "models").glob("*.tar.gz")) if STARTER.exists() else []
    if models:
        return models[-1]
    if STARTER.exists():
        shutil.rmtree(STARTER)
    STARTER.mkdir(parents=True)
    print("Training Rasa's starter bot once (rasa init --no-prompt; a few minutes)...", flush=True)
    subprocess.run([str(BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(STARTER)],
                   cwd=STARTER.parent, env=quiet_env(), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return sorted((STARTER / "models").glob("*.tar.gz"))[-1]


@contextmanager
def starter_server(model: Path, endpoints: Path, log: Path) -> Iterator[str]:
    """`rasa run` for the starter bot, in its own folder with its own credentials (REST)."""
    port = free_port()
    with open(log, "ab") as out:
        process = subprocess.Popen(
            [str(BIN / "rasa"), "run", "--model", str(model), "--endpoints", str(endpoints),
             "--credentials", str(STARTER / "credentials.yml"), "--port", str(port),
             "--interface", "127.0.0.1"], cwd=STARTER, env=quiet_env(), stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/webhooks/rest/", process, 240, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def row(name: str, times: list[float]) -> str:
    return f"{name:<34} p50 {percentile(times, 50) * 1000:7.0f} ms   p95 {percentile(times, 95) * 1000:7.0f} ms"


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=40, help="turns per user in the p50/p95 runs")
    parser.add_argument("--long", type=int, default=100, help="turns in the long conversation")
    args = parser.parse_args(argv)
    model = starter_model()
    tmp = Path(tempfile.mkdtemp(prefix="cce-latency-"))
    figures: dict[str, list[float]] = {}
    try:
        starter_endpoints = tmp / "starter-endpoints.yml"
        starter_endpoints.write_text(
            f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {tmp / 'starter.db'}\n", encoding="utf-8")
        print("Starting Rasa's starter bot...", flush=True)
        with starter_server(model, starter_endpoints, tmp / "starter.log") as url:
            figures["starter, 1 user"] = asyncio.run(measure(url, THEIRS, 1, args.turns))
            figures["starter, 10 users"] = asyncio.run(measure(url, THEIRS, 10, args.turns))
        print("Starting the assistant and its action server...", flush=True)
        with action_server(log=tmp / "actions.log") as actions:
            endpoints = write_endpoints(tmp / "endpoints.yml", actions, f"sqlite:///{tmp / 'ours.db'}")
            with rasa_server(endpoints, log=tmp / "rasa.log") as url:
                figures["assistant, 1 user"] = asyncio.run(measure(url, OURS, 1, args.turns))
                figures["assistant, 10 users"] = asyncio.run(measure(url, OURS, 10, args.turns))
                long_run = asyncio.run(measure(url, OURS, 1, args.long))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(f"\nPer turn, over the REST webhook ({args.turns} turns per user):")
    for name, times in figures.items():
        print(row(name, times))
    for users in ("1 user", "10 users"):
        ours, theirs = figures[f"assistant, {users}"], figures[f"starter, {users}"]
        print(f"ratio assistant/starter, {users:<8}   p50 {percentile(ours, 50) / percentile(theirs, 50):5.2f}x"
              f"   p95 {percentile(ours, 95) / percentile(theirs, 95):5.2f}x")
    first, last = long_run[:5], long_run[-5:]
    print(f"\nOne conversation of {args.long} turns: turn 1 {long_run[0] * 1000:.0f} ms, "
          f"turn {args.long} {long_run[-1] * 1000:.0f} ms; mean of turns 1-5 "
          f"{sum(first) / len(first) * 1000:.0f} ms, of turns {args.long - 4}-{args.long} "
          f"{sum(last) / len(last) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
