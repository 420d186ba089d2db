"""Load test of the production set-up: N users holding multi-turn conversations on 2 Rasa servers.

Usage: python -m bench.load [--users 50] [--turns N] [--servers 2]
   or: make bench-load

Starts throwaway PostgreSQL and Redis (scripts/ensure_services.sh), two action servers and two
Rasa servers with endpoints.production.yml (the PostgreSQL tracker store, the Redis lock store),
then lets N simulated users talk at once. Each user holds one conversation of 4-6 turns that
mixes typed questions, buttons from the previous reply (tell me more, related topics) and a
guided flow; every turn goes to the other server than the last one, so each conversation
crosses servers. Prints turns per second, p50/p95/p99 latency and errors, then reads the
tracker store and checks that every user turn and every bot reply is stored, in order.
"""
from __future__ import annotations

import argparse
import asyncio
import math
import random
import sys
import tempfile
import threading
import time
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.servers import action_server, free_port, rasa_server  # noqa: E402
from tests.services import Services, start_services, stored_events, stop_services  # noqa: E402

PRODUCTION_ENDPOINTS = ROOT / "endpoints.production.yml"
AUTH_TOKEN = "bench-" + uuid.uuid4().hex  # the HTTP API is on, behind a token, as in production
LOOKUP_FAILED = "couldn't look that up"

# A conversation is a list of steps: ("say", text) types a message; ("tap", prefixes) taps the
# first button of the last reply whose payload starts with one of the prefixes (or, when the
# reply has none, asks the fallback question instead).
QUESTIONS = ["what is cuckooing", "what is county lines", "what are the warning signs of exploitation",
             "how do I make an NRM referral", "what is a return home interview",
             "who can be exploited", "what does contextual safeguarding mean",
             "what should a school do if they are worried"]
SCRIPTS: list[list[tuple[str, Any]]] = [
    [("say", "hi"), ("say", "{question}"), ("tap", ["/tell_more"]), ("tap", ["/ask_question"]),
     ("say", "thank you")],
    [("say", "{question}"), ("tap", ["/ask_question"]), ("say", "{question2}"), ("tap", ["/tell_more"])],
    [("say", "my child is missing"), ("tap", ["/inform", "/next_step"]), ("tap", ["/inform", "/next_step"]),
     ("tap", ["/next_step", "/inform"]), ("say", "{question}"), ("tap", ["/stop_flow", "/ask_question"])],
    [("say", "I'm a parent and I'm worried about my son"), ("tap", ["/inform", "/next_step"]),
     ("tap", ["/next_step", "/inform"]), ("say", "{question}"), ("say", "thanks")],
    [("say", "{question}"), ("tap", ["/tell_more"]), ("say", "{question2}"), ("tap", ["/ask_question"]),
     ("say", "{question}"), ("say", "bye")],
]


@dataclass
class UserResult:
    sender: str
    sent: list[str] = field(default_factory=list)      # what each turn sent, in order
    replies: list[str] = field(default_factory=list)   # every bot message text received, in order
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass
class Report:
    users: int
    turns: int
    seconds: float
    latencies: list[float]
    errors: list[str]
    lost: list[str]

    @property
    def turns_per_second(self) -> float:
        return self.turns / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return float("nan")
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]  # nearest rank

    def lines(self) -> list[str]:
        return [
            f"users {self.users}, turns {self.turns}, wall time {self.seconds:.1f} s",
            f"throughput {self.turns_per_second:.2f} turns/s",
            f"latency p50 {self.percentile(50) * 1000:.0f} ms, p95 {self.percentile(95) * 1000:.0f} ms, "
            f"p99 {self.percentile(99) * 1000:.0f} ms, max {max(self.latencies, default=0) * 1000:.0f} ms",
            f"errors {len(self.errors)}" + (f": {self.errors[:5]}" if self.errors else ""),
            f"lost or out-of-order conversations {len(self.lost)}" + (f": {self.lost[:5]}" if self.lost else ""),
        ]


def next_message(step: tuple[str, Any], last: list[dict], rng: random.Random) -> str:
    kind, value = step
    if kind == "say":
        return value.format(question=rng.choice(QUESTIONS), question2=rng.choice(QUESTIONS))
    for prefix in value:
        for message in last:
            for button in message.get("buttons") or []:
                if str(button.get("payload", "")).startswith(prefix):
                    return button["payload"]
    return rng.choice(QUESTIONS)


async def converse(client: httpx.AsyncClient, servers: list[str], user: int, turns: int,
                   run_id: str, rng: random.Random) -> UserResult:
    script = SCRIPTS[user % len(SCRIPTS)]
    steps = script[:turns] if turns else script  # 0: the script's own 4-6 turns
    result = UserResult(sender=f"load-{run_id}-{user}")
    last: list[dict] = []
    await asyncio.sleep(rng.random())  # users arrive over the first second
    for turn, step in enumerate(steps):
        text = next_message(step, last, rng)
        server = servers[(user + turn) % len(servers)]  # alternate servers within a conversation
        started = time.perf_counter()
        try:
            reply = await client.post(f"{server}/webhooks/rest/webhook",
                                      json={"sender": result.sender, "message": text})
        except httpx.HTTPError as error:
            result.errors.append(f"{result.sender} turn {turn + 1}: {type(error).__name__}")
            break
        result.latencies.append(time.perf_counter() - started)
        result.sent.append(text)
        if reply.status_code != 200:
            result.errors.append(f"{result.sender} turn {turn + 1}: HTTP {reply.status_code}")
            break
        last = reply.json()
        texts = [m.get("text") for m in last if m.get("text")]
        if not texts or any(LOOKUP_FAILED in t for t in texts):
            result.errors.append(f"{result.sender} turn {turn + 1}: no answer")
        result.replies.extend(texts)
        await asyncio.sleep(rng.uniform(0.05, 0.3))  # reading time
    return result


def check_stored(db_url: str, result: UserResult) -> Optional[str]:
    """None when the tracker store holds every user turn and bot reply of `result`, in order."""
    events = stored_events(db_url, result.sender)
    users = [e.get("text") for e in events if e.get("event") == "user"]
    bots = [e.get("text") for e in events if e.get("event") == "bot" and e.get("text")]
    if users != result.sent:
        return f"{result.sender}: {len(users)} user turns stored of {len(result.sent)} sent (or out of order)"
    if bots != result.replies:
        return f"{result.sender}: {len(bots)} bot replies stored of {len(result.replies)} received (or out of order)"
    return None


async def run_load(servers: list[str], db_url: str, users: int, turns: int, seed: int = 7) -> Report:
    run_id = uuid.uuid4().hex[:8]
    rng = random.Random(seed)
    limits = httpx.Limits(max_connections=users * 2, max_keepalive_connections=users * 2)
    async with httpx.AsyncClient(timeout=120, limits=limits) as client:
        started = time.perf_counter()
        results = await asyncio.gather(*(
            converse(client, servers, user, turns, run_id, random.Random(rng.random()))
            for user in range(users)))
        seconds = time.perf_counter() - started
    lost = [problem for r in results if (problem := check_stored(db_url, r))]
    return Report(users=users, turns=sum(len(r.sent) for r in results), seconds=seconds,
                  latencies=[x for r in results for x in r.latencies],
                  errors=[e for r in results for e in r.errors], lost=lost)


def create_tables(db_url: str) -> None:
    """Rasa's tracker store table, created once before several servers start at the same time."""
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore

    engine = sa.create_engine(db_url)
    SQLTrackerStore.Base.metadata.create_all(engine)
    engine.dispose()


def _enter_in_thread(stack: ExitStack, manager: Any, out: list, index: int) -> None:
    out[index] = stack.enter_context(manager)


@contextmanager
def production_stack(services: Services, database: str, replicas: int = 2, action_replicas: int = 2,
                     log_dir: Optional[Path] = None,
                     running_actions: Optional[list[str]] = None) -> Iterator[dict[str, Any]]:
    """`replicas` Rasa servers on endpoints.production.yml sharing one PostgreSQL database and
    the Redis lock store, over `action_replicas` action servers (or the `running_actions` given);
    yields their URLs and the database URL."""
    db_url = services.database(database)
    log_dir = log_dir or Path(tempfile.mkdtemp(prefix="cce-load-"))
    ports = [] if running_actions else [free_port() for _ in range(action_replicas)]
    action_urls = running_actions or [f"http://127.0.0.1:{port}/webhook" for port in ports]
    action_replicas = len(action_urls)
    create_tables(db_url)  # so the Rasa servers can start side by side
    with ExitStack() as stack:
        started: list[Any] = [None] * (len(ports) + replicas)
        managers = [action_server(port=port, log=log_dir / f"actions-{i}.log") for i, port in enumerate(ports)]
        for i in range(replicas):
            env = {"ACTION_SERVER_URL": action_urls[i % action_replicas], "TRACKER_STORE_URL": db_url,
                   "REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(services.redis_port), "REDIS_DB": "0"}
            managers.append(rasa_server(PRODUCTION_ENDPOINTS, auth_token=AUTH_TOKEN,
                                        log=log_dir / f"rasa-{i}.log", env=env))
        threads = [threading.Thread(target=_enter_in_thread, args=(stack, manager, started, i))
                   for i, manager in enumerate(managers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if not all(started):
            raise RuntimeError(f"a server did not start (logs in {log_dir})")
        actions, rasas = action_urls, started[len(ports):]
        yield {"rasa": rasas, "actions": actions, "db_url": db_url, "token": AUTH_TOKEN, "logs": log_dir}


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--turns", type=int, default=0,
                        help="cut every conversation to this many turns (default: each script's own 4-6)")
    parser.add_argument("--servers", type=int, default=2)
    args = parser.parse_args(argv)
    print("Starting PostgreSQL, Redis, action servers and Rasa servers (about a minute)...", flush=True)
    services = start_services()
    try:
        with production_stack(services, "cce_load", replicas=args.servers) as stack:
            print(f"{len(stack['rasa'])} Rasa servers, {len(stack['actions'])} action servers; "
                  f"{args.users} users...", flush=True)
            report = asyncio.run(run_load(stack["rasa"], stack["db_url"], args.users, args.turns))
    finally:
        stop_services(services)
    for line in report.lines():
        print(line)
    return 0 if not report.errors and not report.lost else 1


if __name__ == "__main__":
    sys.exit(main())
