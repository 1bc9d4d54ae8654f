"""Shared fixtures: the replica (built once, served on loopback) and one Prefect test server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

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


def run_daily(base_url: str, db: Path, first: date, last: date | None = None) -> Any:
    """The daily flow over a date range, without delay; returns its final state."""
    from flows.daily import daily

    return daily(
        base_url=base_url,
        db_path=str(db),
        date_from=first,
        date_to=last or first,
        delay_s=0,
        return_state=True,
    )


def pearl_cli(args: list[str], env: dict[str, str], timeout: float = 300) -> Any:
    """`pearl ARGS` in a subprocess from the repository root; returns the CompletedProcess."""
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        env=env,
        cwd=Path(__file__).resolve().parents[1],
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def replica_pages(root: Path, edition: str, day: str, pattern: str) -> list[str]:
    """URL paths of the built replica's files of one issue matching a glob, sorted."""
    folder = root / "epaper" / edition / "html" / day[:7] / day[8:]
    return sorted("/" + str(p.relative_to(root)) for p in folder.glob(pattern))


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


def comparable_rows(con, table: str, key: str | None = None) -> dict[str, list[str]]:
    """A table's rows as sorted strings, timestamps left out (they record when, not what) and
    URLs without their origin (each test server has its own port), grouped by `key`'s value
    (all under '' without a key): to compare the outcomes of two runs."""
    import re

    cols = [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? "
            "AND data_type NOT LIKE 'TIMESTAMP%' ORDER BY ordinal_position",
            [table],
        ).fetchall()
    ]
    select = ", ".join(f'"{c}"' for c in cols)
    group = key or "''"
    out: dict[str, list[str]] = {}
    for row in con.execute(f"SELECT {group}, {select} FROM {table}").fetchall():
        out.setdefault(row[0], []).append(re.sub(r"https?://[^/'\"]+", "", str(row[1:])))
    return {k: sorted(v) for k, v in out.items()}


# What a run did rather than what the data is: left out when two runs' outcomes are compared.
RUN_BOOKKEEPING = ("runs", "failed_articles", "failed_issues", "schema_migrations")


def data_tables(con) -> dict[str, set[str]]:
    """The pipeline's data tables (no bookkeeping), each with its column names."""
    tables: dict[str, set[str]] = {}
    for table, column in con.execute(
        "SELECT c.table_name, c.column_name FROM information_schema.columns AS c "
        "JOIN information_schema.tables AS t USING (table_name) WHERE t.table_type = 'BASE TABLE'"
    ).fetchall():
        if table not in RUN_BOOKKEEPING:
            tables.setdefault(table, set()).add(column)
    return tables


def rows_by_article(db: Path) -> dict[str, dict[str, list[str]]]:
    """Every data table with an article_id, as {article: {table: comparable rows}}."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        out: dict[str, dict[str, list[str]]] = {}
        for table, columns in data_tables(con).items():
            if "article_id" not in columns:
                continue
            for article_id, rows in comparable_rows(con, table, "article_id").items():
                out.setdefault(article_id, {})[table] = rows
        return out
    finally:
        con.close()
