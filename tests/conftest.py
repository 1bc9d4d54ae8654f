"""Shared fixtures: the replica (built once, served on loopback) and one Prefect test server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tasks.core.replica.generate import ReplicaIssue, build_issues
from tasks.core.replica.render import build_site
from tasks.core.replica.server import ReplicaServer

FIXTURES = Path(__file__).parent / "fixtures"
SEED_TEXT = FIXTURES / "guicheng-work-meeting-2020-12.txt"
SEED_GOLD = FIXTURES / "guicheng-work-meeting-2020-12.gold.json"


def read_rows(db: Path, sql: str) -> list[tuple]:
    """Query a DuckDB file the way an analyst does: read-only, closed right after."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED_TEXT.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def replica_issues() -> list[ReplicaIssue]:
    return build_issues()


@pytest.fixture(scope="session")
def replica_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("replica")
    build_site(root, faults=True)
    return root


@pytest.fixture(scope="session")
def replica_url(replica_root: Path) -> Iterator[str]:
    with ReplicaServer(replica_root) as server:
        yield server.base_url


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[None]:
    """One Prefect test server for the whole session (about 8 s to start)."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


class FaultyProxy:
    """A loopback proxy in front of the replica that answers chosen paths with an HTTP status
    (`faults` maps a path to it; change it between runs). Everything else is forwarded."""

    def __init__(self, upstream: str, faults: dict[str, int] | None = None) -> None:
        import threading
        from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

        import requests

        self.faults = dict(faults or {})
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status = proxy.faults.get(self.path)
                if status:
                    self.send_response(status)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                resp = requests.get(upstream + self.path, timeout=10)
                self.send_response(resp.status_code)
                self.send_header("Content-Type", resp.headers.get("Content-Type", "text/html"))
                self.send_header("Content-Length", str(len(resp.content)))
                self.end_headers()
                self.wfile.write(resp.content)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> FaultyProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
