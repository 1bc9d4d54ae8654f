"""Start and stop a local Prefect server on loopback, offline, for the demo and the UI; its
database is SQLite under PREFECT_HOME, or PostgreSQL when PEARL_PREFECT_DATABASE_URL is set."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from tasks.core.settings import Settings

OFFLINE_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_UI_SHOW_PROMOTIONAL_CONTENT": "false",
}


@contextmanager
def without_heartbeats() -> Iterator[None]:
    """Flow runs started inside (in this process) send no heartbeats. Prefect 3.9 joins its
    heartbeat thread when a run ends, and that thread sleeps in whole seconds: 0 to 1 s more
    on every run, half a no-op run. pearl needs none in process: a run killed mid-way is
    marked crashed by the next run's start (flows/daily.py). Runs a worker starts from a
    deployment keep Prefect's heartbeats."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    with temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(api_url: str) -> bool:
    try:
        return requests.get(f"{api_url}/health", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def database_url(url: str) -> str:
    """The server's SQLAlchemy URL for a PostgreSQL URL as operators write it (postgresql://…):
    Prefect's server talks to PostgreSQL through asyncpg, which it installs."""
    scheme, sep, rest = url.partition("://")
    if not sep or scheme.split("+")[0] not in ("postgresql", "postgres"):
        raise ValueError(f"not a PostgreSQL URL (postgresql://user:password@host/db): {url}")
    return f"postgresql+asyncpg://{rest}"


def server_env(prefect_home: Path, port: int, db_url: str | None = None) -> dict[str, str]:
    """Environment of a server (and of its clients) keeping its database under prefect_home,
    or in the PostgreSQL database `db_url` (default: settings.prefect_database_url)."""
    db_url = Settings().prefect_database_url if db_url is None else db_url
    env = {
        **os.environ,
        **OFFLINE_ENV,
        "PREFECT_HOME": str(prefect_home),
        "PREFECT_SERVER_API_HOST": "127.0.0.1",
        "PREFECT_SERVER_API_PORT": str(port),
        "PREFECT_API_URL": f"http://127.0.0.1:{port}/api",
    }
    if db_url:
        env["PREFECT_SERVER_DATABASE_CONNECTION_URL"] = database_url(db_url)
    return env


def start_server(
    prefect_home: Path,
    port: int,
    log_file: Path,
    timeout_s: float = 90,
    detach: bool = False,
    db_url: str | None = None,
) -> subprocess.Popen:
    """Start `prefect server start` and wait until /api/health answers; a detached server
    outlives the command that started it (`pearl serve`)."""
    prefect_home.mkdir(parents=True, exist_ok=True)
    log = open(log_file, "ab")  # noqa: SIM115 (the server outlives this function)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "prefect",
            "server",
            "start",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        env=server_env(prefect_home, port, db_url),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=detach,
    )
    api = f"http://127.0.0.1:{port}/api"
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"Prefect server exited with {proc.returncode}; see {log_file}")
        if healthy(api):
            return proc
        time.sleep(0.5)
    stop_server(proc)
    raise RuntimeError(f"Prefect server not healthy after {timeout_s:.0f} s; see {log_file}")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
