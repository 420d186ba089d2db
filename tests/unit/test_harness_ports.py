"""The test servers' ports: a Rasa server that binds only after loading its model must not lose
its port to an outgoing connection (those take theirs from the kernel's ephemeral range)."""
from __future__ import annotations

import socket

from harness.ports import ephemeral_start, free_port


def test_a_server_port_lies_below_the_ephemeral_range_and_can_be_bound():
    ports = {free_port() for _ in range(20)}
    assert all(port < ephemeral_start() for port in ports)
    for port in ports:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", port))


def test_a_port_in_use_is_never_picked(monkeypatch):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        # the range below the ephemeral one holds the busy port and its neighbour, which may be busy
        # too (the other test worker's servers): the busy one is never given
        monkeypatch.setattr("harness.ports.ephemeral_start", lambda: busy + 1)
        monkeypatch.setattr("harness.ports.LOWEST", busy - 1)
        assert busy not in {free_port() for _ in range(20)}
