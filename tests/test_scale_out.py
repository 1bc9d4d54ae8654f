"""Past one machine: a backfill and a reprocess on a two-process Dask cluster load exactly the
rows of the single process; a month sub-run killed half-way and run again duplicates nothing;
a Prefect server on PostgreSQL hands the months of one backfill to two workers."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from flows.prefect_server import database_url, free_port
from tasks.core import store
from tasks.core.archive import copy_with_database
from tasks.core.fingerprint import fingerprints
from tasks.core.staging import MANIFEST
from tests.conftest import pearl_cli, run_daily
from tests.postgres import bin_dir, throwaway_cluster

ROOT = Path(__file__).resolve().parents[1]
DECEMBER = (date(2020, 12, 1), date(2020, 12, 31))


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    """One local cluster of two single-threaded processes for the module's cluster runs."""
    from dask.distributed import LocalCluster

    from flows.cluster import lean_workers

    lean_workers()
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        yield cluster.scheduler_address


@pytest.fixture(scope="module")
def single_december(prefect_harness, replica_url, tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("single") / "pearl.duckdb"
    assert run_daily(replica_url, db, *DECEMBER).is_completed()
    return db


def test_backfill_on_a_dask_cluster_loads_the_rows_of_the_single_process(
    single_december, replica_url, dask_address, tmp_path, monkeypatch
):
    from prefect_dask import DaskTaskRunner

    from flows.daily import backfill

    monkeypatch.setenv("PEARL_STAGING_URL", str(tmp_path / "staging"))
    db = tmp_path / "pearl.duckdb"
    on_cluster = backfill.with_options(task_runner=DaskTaskRunner(address=dask_address))
    on_cluster(*DECEMBER, base_url=replica_url, db_path=str(db), delay_s=0)
    expected = fingerprints(single_december)
    assert expected["articles"][0] > 20 and expected["speeches"][0] > 50
    assert fingerprints(db) == expected
    assert not any((tmp_path / "staging").iterdir())  # loaded, then cleared


def test_reprocess_on_a_dask_cluster_matches_the_single_process(
    single_december, dask_address, tmp_path, monkeypatch
):
    from prefect_dask import DaskTaskRunner

    from flows.cluster import reprocess_on_cluster
    from tasks.core.reprocess import reprocess

    monkeypatch.setenv("PEARL_STAGING_URL", str(tmp_path / "staging"))
    here, there = tmp_path / "here" / "pearl.duckdb", tmp_path / "there" / "pearl.duckdb"
    for copy in (here, there):
        copy_with_database(single_december, copy)
    # Articles derived by an older extractor: stored under a content hash this one does not give.
    for copy in (here, there):
        con = store.open_writer(copy)
        con.execute(
            "UPDATE articles SET content_hash = 'older' WHERE article_id IN "
            "(SELECT article_id FROM articles ORDER BY article_id LIMIT 3)"
        )
        store.publish(con, copy)
    con = store.open_writer(here)
    expected = reprocess(con)
    store.publish(con, here)
    flow = reprocess_on_cluster.with_options(task_runner=DaskTaskRunner(address=dask_address))
    result = flow(str(there), chunk=7)  # several chunks per worker
    assert result["outcome"] == dict(expected) and expected["updated"] == 3
    assert fingerprints(there) == fingerprints(here) == fingerprints(single_december)


def test_a_month_sub_run_killed_half_way_is_run_again_without_duplicates(
    single_december, replica_url, tmp_path
):
    """The sub-run's process is killed once it has staged part of the month; the retry (same
    staging key) reads what was staged completely, fetches the rest, and loads it all once."""
    from prefect.settings import PREFECT_API_URL

    from flows.months import backfill_month

    staging, key, db = tmp_path / "staging", "months-test-2020-12", tmp_path / "pearl.duckdb"
    env = os.environ | {
        "PEARL_STAGING_URL": str(staging),
        "PREFECT_API_URL": PREFECT_API_URL.value(),
    }
    env |= {"PEARL_DELAY": "0.3"}  # slow enough to be caught half-way
    code = (
        "from datetime import date; from flows.months import backfill_month; "
        f"backfill_month(date(2020, 12, 1), date(2020, 12, 31), {key!r}, {replica_url!r}, {str(db)!r})"
    )
    proc = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=ROOT)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and not list(staging.glob(f"{key}/*/{MANIFEST}")):
        assert proc.poll() is None, "the sub-run ended before it was killed"
        time.sleep(0.1)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    staged = len(list(staging.glob(f"{key}/*/{MANIFEST}")))
    assert staged >= 1 and not db.exists()  # killed while staging, before any load

    os.environ["PEARL_STAGING_URL"] = str(staging)
    try:
        backfill_month(*DECEMBER, key, replica_url, str(db), delay_s=0)
    finally:
        del os.environ["PEARL_STAGING_URL"]
    assert fingerprints(db) == fingerprints(single_december)
    assert not (staging / key).exists()


def test_database_url_is_postgresql_through_asyncpg():
    assert (
        database_url("postgresql://prefect:pw@db.lan:5432/prefect")
        == "postgresql+asyncpg://prefect:pw@db.lan:5432/prefect"
    )
    with pytest.raises(ValueError, match="not a PostgreSQL URL"):
        database_url("sqlite:///prefect.db")


def test_months_split_a_range_at_month_ends():
    from flows.months import months

    assert months(date(2020, 11, 20), date(2021, 1, 5)) == [
        (date(2020, 11, 20), date(2020, 11, 30)),
        (date(2020, 12, 1), date(2020, 12, 31)),
        (date(2021, 1, 1), date(2021, 1, 5)),
    ]


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    if bin_dir() is None:
        pytest.skip("PostgreSQL is not installed (make postgres installs Debian's)")
    with throwaway_cluster() as url:
        yield url


def test_a_postgres_server_spreads_the_months_of_a_backfill_over_two_workers(
    postgres_url, replica_url, tmp_path, prefect_harness
):
    data, port = tmp_path / "serve", free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env |= {"PEARL_DATA_DIR": str(data), "PREFECT_HOME": str(data / "prefect")}
    env |= {"PREFECT_WORKER_QUERY_SECONDS": "2"}
    db = data / "pearl.duckdb"
    serve = ["serve", "--port", str(port), "--base-url", replica_url, "--db", str(db)]
    up = pearl_cli(
        [*serve, "--delay", "0", "--database-url", postgres_url, "--pool-workers", "2"], env
    )
    assert up.returncode == 0, up.stdout + up.stderr
    api_env = env | {"PREFECT_API_URL": f"http://127.0.0.1:{port}/api"}
    try:
        code = """
import json
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowFilter, FlowFilterName
from prefect.deployments import run_deployment
run = run_deployment("pearl-backfill-months/backfill-months", timeout=400,
                     parameters={"date_from": "2020-10-01", "date_to": "2020-12-31"})
with get_client(sync_client=True) as client:
    subs = client.read_flow_runs(flow_filter=FlowFilter(name=FlowFilterName(any_=["pearl-backfill-month"])))
months = {str(r.parameters["date_from"])[:7]: [str(r.id), r.state.name] for r in subs}
print(json.dumps({"state": run.state.name, "months": months}))
"""
        done = subprocess.run(
            [sys.executable, "-c", code], env=api_env, capture_output=True, text=True, timeout=450
        )
        assert done.returncode == 0, done.stderr
        run = json.loads(done.stdout.strip().splitlines()[-1])
    finally:
        assert pearl_cli(["serve", "--stop"], env).returncode == 0
    assert run["state"] == "Completed", run
    assert sorted(run["months"]) == ["2020-10", "2020-11", "2020-12"]
    assert {state for _, state in run["months"].values()} == {"Completed"}
    # Both workers pulled sub-runs of the one backfill.
    logs = [(data / f"prefect-worker-{n}.log").read_text() for n in (1, 2)]
    for log in logs:
        assert any(run_id in log for run_id, _ in run["months"].values()), log[-2000:]
    # The server kept its state in PostgreSQL, not in a SQLite file under PREFECT_HOME.
    assert not list((data / "prefect").glob("*.db"))
    expected = tmp_path / "single" / "pearl.duckdb"
    assert run_daily(replica_url, expected, date(2020, 10, 1), date(2020, 12, 31)).is_completed()
    assert fingerprints(db) == fingerprints(expected)
