"""Faults: the action server down and back, the database unreachable at start and mid-run.

Own servers: these tests break servers, so they cannot use the session's one stack. One Rasa
server for the module, on PostgreSQL reached through a TCP proxy the tests can cut, with its
action server on a fixed port the tests stop and start again; and one Rasa server that must
fail to start.
"""
from __future__ import annotations

import socket
import subprocess
import threading
from contextlib import ExitStack
from pathlib import Path

import pytest
import sqlalchemy as sa

from harness.rest import mark_log, post, responses, stored_events
from harness.servers import BIN, MODEL, ROOT, action_server, free_port, quiet_env, rasa_server, write_endpoints
from harness.stack import LOOKUP_FAILED
from harness.waiting import wait_for
from knowledge.contacts import fill, is_checked_number, numbers_in
from knowledge.language import language_rules

pytestmark = pytest.mark.own_servers
DISTINCTIVE = "wombatquill"


class CuttableProxy:
    """A loopback TCP proxy to `target_port`; `cut()` drops every connection and refuses new ones."""

    def __init__(self, target_port: int) -> None:
        self.target_port, self.open = target_port, True
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.sockets: list[socket.socket] = []
        self.lock = threading.Lock()
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.open:
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def cut(self) -> None:
        self.open = False
        with self.lock:
            for s in self.sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            self.sockets.clear()

    def restore(self) -> None:
        self.open = True

    def close(self) -> None:
        self.cut()
        self.listener.close()


class Stack:
    """The module's servers: an action server that can be stopped and started, Rasa, the proxy."""

    def __init__(self, tmp: Path, db_url: str) -> None:
        self.tmp, self.db_url = tmp, db_url
        self.actions_port = free_port()
        self.actions_log, self.rasa_log = tmp / "actions.log", tmp / "rasa.log"
        self._actions: ExitStack | None = None

    def start_actions(self) -> None:
        self._actions = ExitStack()
        self._actions.enter_context(action_server(port=self.actions_port, log=self.actions_log))

    def stop_actions(self) -> None:
        if self._actions:
            self._actions.close()
            self._actions = None


@pytest.fixture(scope="module")
def stack(services, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("faults")
    db_url = services.database("cce_faults")
    pg_port = int(db_url.rsplit(":", 1)[1].split("/")[0])
    proxy = CuttableProxy(pg_port)
    through_proxy = db_url.replace(f":{pg_port}/", f":{proxy.port}/")
    faults = Stack(tmp, db_url)
    faults.proxy = proxy
    faults.through_proxy = through_proxy
    faults.start_actions()
    endpoints = write_endpoints(tmp / "endpoints.yml", f"http://127.0.0.1:{faults.actions_port}/webhook",
                                through_proxy)
    try:
        with rasa_server(endpoints, log=faults.rasa_log) as url:
            faults.url = url
            yield faults
    finally:
        faults.stop_actions()
        proxy.close()


def test_database_unreachable_at_start_names_the_host_never_the_password(tmp_path):
    """Own server: a Rasa server started on a database that is not there, which must not start."""
    password = "S3cret-Pa55word"
    endpoints = write_endpoints(tmp_path / "endpoints.yml", "http://127.0.0.1:9/webhook",
                                f"postgresql://cce:{password}@127.0.0.1:{free_port()}/cce")
    out = subprocess.run(
        [str(BIN / "rasa"), "run", "--model", str(MODEL), "--endpoints", str(endpoints),
         "--credentials", str(ROOT / "credentials.yml"), "--port", str(free_port())],
        cwd=ROOT, env=quiet_env(), capture_output=True, text=True, timeout=180)
    said = out.stdout + out.stderr
    assert out.returncode != 0, "the server does not start without its database"
    assert "conversation database (postgresql at 127.0.0.1:" in said and "cannot be reached" in said
    assert password not in said


def test_action_server_down_the_user_still_gets_a_reply_then_it_goes_on(stack, sender):
    assert post(stack.url, sender, "what is cuckooing")[0]["entry_id"] == "cuckooing"
    stack.stop_actions()
    try:
        down = post(stack.url, sender, f"what is county lines {DISTINCTIVE}")
        assert responses(down) == [LOOKUP_FAILED], "it says it could not look that up"
        assert fill("{emergency}") in down[0]["text"] and fill("{police_non_emergency}") in down[0]["text"]
        assert all(is_checked_number(n) for n in numbers_in(down[0]["text"]))
        assert language_rules().find(down[0]["text"]) == [], "the channel's own wording passes the lint"
        danger = post(stack.url, sender, "they've just dragged him into a car and driven off")
        assert responses(danger) == ["utter_emergency", LOOKUP_FAILED], \
            "the channel puts the emergency message first when the dialogue could not"
    finally:
        stack.start_actions()
    back = post(stack.url, sender, "who can be exploited")
    assert back[0]["response"] == "utter_answer" and back[0]["citation"], \
        "the conversation goes on once the action server is back"


def test_database_down_mid_run_fails_kindly_and_loses_nothing(stack, sender):
    first = post(stack.url, sender, "what is cuckooing")
    assert first[0]["entry_id"] == "cuckooing"
    before = stored_events(stack.db_url, sender)
    assert [e["event"] for e in before].count("user") == 1
    stack.proxy.cut()
    try:
        during = post(stack.url, sender, f"what is county lines {DISTINCTIVE}")
        assert during and all((m.get("text") or "").strip() for m in during), "a kind reply, not an error"
        assert during[0]["response"] in ("utter_answer", LOOKUP_FAILED), responses(during)
        assert stored_events(stack.db_url, sender) == before
    finally:
        stack.proxy.restore()
    wait_for(lambda: reachable(stack.through_proxy), 10, "the database through the proxy again")
    more = post(stack.url, sender, "tell me more")
    assert (more[0]["response"], more[0]["entry_id"]) == ("utter_more", "cuckooing"), \
        "the stored conversation goes on"
    after = stored_events(stack.db_url, sender)
    assert after[:len(before)] == before, "nothing stored before the outage was lost"


def reachable(db_url: str) -> bool:
    engine = sa.create_engine(db_url, future=True)
    try:
        with engine.connect() as connection:
            return connection.execute(sa.text("SELECT 1")).scalar() == 1
    except sa.exc.OperationalError:
        return False
    finally:
        engine.dispose()


def test_no_message_text_in_the_logs_after_the_faults(stack):
    mark_log(stack.url, stack.rasa_log)  # everything the server logged before is in the file
    for log in (stack.rasa_log, stack.actions_log):
        text = log.read_text(encoding="utf-8", errors="replace")
        assert text, f"{log.name} was captured"
        assert DISTINCTIVE not in text.lower(), f"message text in {log.name}"
