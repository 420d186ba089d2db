"""The production set-up, and simulated users talking to it, for tests and benchmarks.

`production_stack` starts `replicas` Rasa servers on endpoints.production.yml (the PostgreSQL
tracker store, the Redis lock store, the HTTP API behind a token) sharing one database, over
their own action servers or the ones given. `run_load` lets N simulated users hold multi-turn
conversations on them at once, then reads the tracker store and checks that every user turn and
every bot reply is stored, in order. bench/load.py is the command line; tests/e2e uses both at a
small size.

Each user holds one conversation of 4-6 turns that mixes typed questions, buttons from the
previous reply (tell me more, related topics) and a guided flow; every turn goes to the other
server than the last one, so each conversation crosses servers.
"""
from __future__ import annotations

import asyncio
import math
import random
import tempfile
import threading
import time
import uuid
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

import httpx

from harness.rest import stored_events
from harness.servers import ROOT, action_server, free_port, rasa_server
from harness.services import Services

PRODUCTION_ENDPOINTS = ROOT / "endpoints.production.yml"
AUTH_TOKEN = "bench-" + uuid.uuid4().hex  # the HTTP API is on, behind a token, as in production
LOOKUP_FAILED = "channel_lookup_failed"   # the channel's reply when the dialogue could not answer
CHANNEL_ONLY = ("channel_", "reframe")    # replies the channel adds itself: never stored as bot events

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
    replies: list[str] = field(default_factory=list)   # every stored bot message text received, in order
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


def stored_by_dialogue(message: dict) -> bool:
    """Is this reply message one the dialogue sent (so the tracker store holds it as a bot event)?"""
    return bool(message.get("text")) and not str(message.get("response", "")).startswith(CHANNEL_ONLY)


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
        if not any(m.get("text") for m in last) or any(m.get("response") == LOOKUP_FAILED for m in last):
            result.errors.append(f"{result.sender} turn {turn + 1}: no answer")
        result.replies.extend(m["text"] for m in last if stored_by_dialogue(m))
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
    """`users` simulated users at once on `servers`; then every conversation checked in the store."""
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
    yields their URLs, the database URL, the API token and the log folder."""
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
        rasas = started[len(ports):]
        yield {"rasa": rasas, "actions": action_urls, "db_url": db_url, "token": AUTH_TOKEN, "logs": log_dir}
