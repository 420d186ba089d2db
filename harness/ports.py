"""A free loopback port for a server under test, chosen below the kernel's ephemeral range.

A port the kernel hands out for `bind(0)` lies in the ephemeral range, the same range every
outgoing connection takes its local port from. A server that needs half a minute to load its
model before it binds (Rasa) can find its port taken by one of the thousands of connections the
other test worker makes meanwhile, and then exits without serving. Below that range only
listeners compete, and those are few. Standard library only: scripts/ensure_services.sh runs it
with the system Python.
"""
from __future__ import annotations

import random
import socket
from pathlib import Path

EPHEMERAL_RANGE = Path("/proc/sys/net/ipv4/ip_local_port_range")
LOWEST = 10000
DEFAULT_EPHEMERAL_START = 32768
TRIES = 200
PICK = random.SystemRandom()  # never the seeded module state: two test workers must not pick alike


def ephemeral_start() -> int:
    try:
        return int(EPHEMERAL_RANGE.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return DEFAULT_EPHEMERAL_START


def is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def any_free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port() -> int:
    highest = ephemeral_start() - 1
    for _ in range(TRIES if highest > LOWEST else 0):
        port = PICK.randint(LOWEST, highest)
        if is_free(port):
            return port
    return any_free_port()


if __name__ == "__main__":
    print(free_port())
