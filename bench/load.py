"""Load test of the production set-up: N users holding multi-turn conversations on 2 Rasa servers.

Usage: python -m bench.load [--users 50] [--turns N] [--servers 2]
   or: make bench-load

Starts throwaway PostgreSQL and Redis (scripts/ensure_services.sh), two action servers and two
Rasa servers with endpoints.production.yml (the PostgreSQL tracker store, the Redis lock store),
then lets N simulated users talk at once (harness/stack.py). Each user holds one conversation of
4-6 turns that mixes typed questions, buttons from the previous reply (tell me more, related
topics) and a guided flow; every turn goes to the other server than the last one, so each
conversation crosses servers. Prints turns per second, p50/p95/p99 latency and errors, then reads
the tracker store and checks that every user turn and every bot reply is stored, in order.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Optional

from harness.services import start_services, stop_services
from harness.stack import production_stack, run_load


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
