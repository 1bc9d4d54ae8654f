"""kill -9 at several points of a run (fetching, loading, publishing): the next run converges to
the rows of a run that was never killed, and marks the killed flow run Crashed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from uuid import UUID

import duckdb
import pytest

from flows.daily import daily
from tasks.core import store
from tasks.core.writer_lock import lock_path
from tests.conftest import comparable_rows, data_tables

ROOT = Path(__file__).resolve().parents[1]
FIRST, LAST = date(2020, 10, 1), date(2020, 12, 31)  # 13 issues, 63 articles

# Runs `pearl run` in this process after arranging a kill -9 of itself at one point of the run.
# The flow loads 4 issues per transaction here, so a kill while loading leaves some committed.
KILLER = """
import os, shutil, signal, sys
from contextlib import contextmanager
from flows import daily
from tasks.core import store
from tasks.core.http import Fetcher

point, nth = sys.argv[1], int(sys.argv[2])
daily.CHUNK_ISSUES = 4
seen = {"n": 0}

def die():
    os.kill(os.getpid(), signal.SIGKILL)

def counted(original, before_death=None):
    def wrapper(*args, **kwargs):
        seen["n"] += 1
        if seen["n"] == nth:
            (before_death or (lambda *a, **k: None))(*args, **kwargs)
            die()
        return original(*args, **kwargs)
    return wrapper

if point == "fetching":  # the nth article fetched
    original_get = Fetcher.get
    def get(self, url, *args, **kwargs):
        if "content_" in url:
            seen["n"] += 1
            if seen["n"] == nth:
                die()
        return original_get(self, url, *args, **kwargs)
    Fetcher.get = get
elif point == "loading":  # inside the transaction of the nth chunk, after its upsert, before COMMIT
    @contextmanager
    def dying_transaction(con):
        con.execute("BEGIN")
        yield
        die()
    original_load = store.load_batch
    def load_batch(con, tables):
        if tables["articles"]:
            seen["n"] += 1
            if seen["n"] == nth:
                store._transaction = dying_transaction
        return original_load(con, tables)
    store.load_batch = load_batch
elif point == "publishing":  # half of the copy written, then killed
    def half_copy(src, dst):
        data = open(src, "rb").read()
        with open(dst, "wb") as out:
            out.write(data[: len(data) // 2])
    shutil.copyfile = counted(shutil.copyfile, half_copy)

from flows.cli import main
sys.exit(main(sys.argv[3:]))
"""


def _tables(db: Path) -> dict[str, list]:
    """Every data table's rows, comparable across runs."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {name: comparable_rows(con, name).get("", []) for name in data_tables(con)}
    finally:
        con.close()


def _run(replica_url: str, db: Path):
    return daily(base_url=replica_url, db_path=str(db), date_from=FIRST, date_to=LAST, delay_s=0)


@pytest.fixture(scope="module")
def fault_free(prefect_harness, replica_url, tmp_path_factory) -> dict[str, list]:
    db = tmp_path_factory.mktemp("fault-free") / "pearl.duckdb"
    _run(replica_url, db)
    tables = _tables(db)
    assert tables["articles"] and tables["speeches"] and tables["metrics"]
    return tables


@pytest.mark.parametrize(
    ("point", "nth"),
    [("fetching", 30), ("loading", 3), ("publishing", 1)],
)
def test_a_run_killed_at_any_point_is_repaired_by_the_next(
    fault_free, replica_url, tmp_path, point, nth
):
    from prefect.client.orchestration import get_client
    from prefect.settings import PREFECT_API_URL

    db = tmp_path / "pearl.duckdb"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_API_URL"] = PREFECT_API_URL.value()
    args = ["run", "--db", str(db), "--base-url", replica_url, "--delay", "0"]
    args += ["--from", FIRST.isoformat(), "--to", LAST.isoformat()]
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, point, str(nth), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert killed.returncode == -9, killed.stderr[-3000:]
    holder = json.loads(lock_path(db).read_text())  # left by the killed run
    if point == "loading":
        con = duckdb.connect(str(store.writer_path(db)), read_only=True)
        assert (
            0
            < con.execute("SELECT count(*) FROM articles").fetchall()[0][0]
            < len(fault_free["articles"])
        )  # some chunks committed, not all
        con.close()

    result = _run(replica_url, db)
    assert result["summary"].failed == 0
    assert _tables(db) == fault_free
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(UUID(holder["flow_run_id"])).state
    assert state.is_crashed() and "died while writing" in state.message
