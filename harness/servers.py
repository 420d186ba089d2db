"""Start the real action server and Rasa server as child processes for tests and benchmarks."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import httpx

from harness.ports import free_port

ROOT = Path(__file__).resolve().parents[1]
MODEL = ROOT / "models" / "cce-assistant.tar.gz"
BIN = Path(sys.executable).parent


def quiet_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="3",
               RASA_TELEMETRY_ENABLED="false", SQLALCHEMY_SILENCE_UBER_WARNING="1",
               PYTHONWARNINGS="ignore")
    env.update(extra)
    return env


def log_tail(log: Path | None, lines: int = 15) -> str:
    if not log or not log.exists():
        return ""
    tail = log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:]
    return "; its log ends:\n" + "\n".join(tail)


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 180,
                  log: Path | None = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[:3]} exited with {process.returncode} before {url} answered"
                               + log_tail(log))
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def action_server(port: int | None = None, log: Path | None = None,
                  env: dict[str, str] | None = None) -> Iterator[str]:
    """`rasa run actions` on a free port (`env` added to its environment); yields its webhook URL."""
    port = port or free_port()
    out = open(log, "ab") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(port)],
        cwd=ROOT, env=quiet_env(**(env or {})), stdout=out, stderr=subprocess.STDOUT,
    )
    try:
        wait_until_up(f"http://127.0.0.1:{port}/health", process, 120, log)
        yield f"http://127.0.0.1:{port}/webhook"
    finally:
        stop(process)


def write_endpoints(path: Path, action_url: str, tracker_url: str, extra: str = "") -> Path:
    path.write_text(
        f'action_endpoint:\n  url: "{action_url}"\n'
        f"tracker_store:\n  type: bot.tracker_store.ConversationStore\n  url: \"{tracker_url}\"\n"
        f"nlg:\n  type: bot.nlg.ContactsNLG\n{extra}",
        encoding="utf-8",
    )
    return path


@contextmanager
def rasa_server(endpoints: Path, port: int | None = None, auth_token: str | None = None,
                log: Path | None = None, env: dict[str, str] | None = None) -> Iterator[str]:
    """`rasa run` with the project's credentials (REST channel); yields its base URL."""
    port = port or free_port()
    args = [str(BIN / "rasa"), "run", "--model", str(MODEL), "--endpoints", str(endpoints),
            "--credentials", str(ROOT / "credentials.yml"), "--port", str(port),
            "--interface", "127.0.0.1"]
    if auth_token:
        args += ["--enable-api", "--auth-token", auth_token]
    out = open(log, "ab") if log else subprocess.DEVNULL
    process = subprocess.Popen(args, cwd=ROOT, env=quiet_env(**(env or {})),
                               stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/webhooks/rest/", process, 240, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)
