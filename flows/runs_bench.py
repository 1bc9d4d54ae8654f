"""The run figures of `pearl bench`: a full replica run through Prefect against the same
pipeline as plain calls, and a daily run with nothing new. Both against the replica served on
loopback, with no polite delay, recorded by a Prefect server of their own."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from flows.prefect_server import (
    free_port,
    server_env,
    start_server,
    stop_server,
    without_heartbeats,
)
from tasks.core.bench import interleaved
from tasks.core.bench.size import size_per_10k
from tasks.core.replica.generate import FIRST_MONTH, LAST_MONTH
from tasks.core.replica.render import build_site
from tasks.core.replica.server import ReplicaServer
from tasks.core.site import DEFAULT_EDITIONS

REPLICA_RANGE = (FIRST_MONTH, (LAST_MONTH + timedelta(days=31)).replace(day=1) - timedelta(days=1))


@contextmanager
def replica_and_prefect(work: Path) -> Iterator[str]:
    """The replica on loopback and a Prefect server this process (and its children) use."""
    build_site(work / "replica")
    port = free_port()
    proc = start_server(work / "prefect", port, work / "prefect-server.log")
    saved = dict(os.environ)
    env = server_env(work / "prefect", port)
    # Figures, not the flows' INFO lines (read when Prefect is first imported).
    os.environ.update(env, PREFECT_LOGGING_LEVEL="WARNING")
    try:
        with ReplicaServer(work / "replica") as replica, ExitStack() as stack:
            if "prefect" in sys.modules:  # an earlier section's server is in Prefect's settings
                from prefect.settings import PREFECT_API_URL, temporary_settings

                stack.enter_context(
                    temporary_settings(updates={PREFECT_API_URL: env["PREFECT_API_URL"]})
                )
            yield replica.base_url
    finally:
        os.environ.clear()
        os.environ.update(saved)
        stop_server(proc)


def _fresh(path: Path) -> str:
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()
    return str(path)


@dataclass
class RunFigures:
    flow_s: float  # a full replica run through Prefect
    loop_s: float  # the same pipeline as plain calls
    pool_s: float  # the plain calls with two worker processes (PEARL_PROCESSES=2)
    articles: int
    no_op_flow_s: float  # a daily run with nothing new, in a warm process
    no_op_cold_s: float  # the same as a fresh `pearl run` process
    bytes_per_10k: dict[str, int]  # the published file and the raw archive per 10,000 articles


def run_figures(work: Path, repeats: int) -> RunFigures:
    """The replica and a Prefect server started once for both measures."""
    with replica_and_prefect(work) as base_url:
        flow_s, loop_s, pool_s, articles = _prefect_vs_loop(work, base_url, repeats)
        sizes = size_per_10k(work / "loop.duckdb", work)
        no_op = _no_op(work, base_url, repeats)
        return RunFigures(flow_s, loop_s, pool_s, articles, *no_op, sizes)


def _prefect_vs_loop(work: Path, base_url: str, repeats: int) -> tuple[float, float, float, int]:
    """(seconds through Prefect, seconds as plain calls, articles) of a full replica run into
    a new database: fetching, processing, loading, checking and publishing alike."""
    from flows.daily import daily, run_pipeline
    from flows.steps import PLAIN

    first, last = REPLICA_RANGE
    flow_db, loop_db = work / "flow.duckdb", work / "loop.duckdb"
    results: dict[str, dict] = {}

    def through_prefect() -> None:  # as `pearl run` calls it
        with without_heartbeats():
            results["flow"] = daily(base_url, _fresh(flow_db), first, last, DEFAULT_EDITIONS, 0.0)

    def plain_loop() -> None:
        results["loop"] = run_pipeline(
            "bench-loop", base_url, _fresh(loop_db), first, last, DEFAULT_EDITIONS, 0.0, PLAIN
        )

    def two_processes() -> None:
        os.environ["PEARL_PROCESSES"] = "2"
        try:
            run_pipeline(
                "bench-pool",
                base_url,
                _fresh(work / "pool.duckdb"),
                first,
                last,
                DEFAULT_EDITIONS,
                0.0,
                PLAIN,
            )
        finally:
            del os.environ["PEARL_PROCESSES"]

    t = interleaved({"flow": through_prefect, "loop": plain_loop, "pool": two_processes}, repeats)
    flow_counts = results["flow"]["row_counts"]
    loop_counts = results["loop"]["row_counts"]
    if flow_counts != loop_counts:
        raise RuntimeError(f"the two runs differ: {flow_counts} against {loop_counts}")
    return t["flow"], t["loop"], t["pool"], flow_counts["articles"]


def _no_op(work: Path, base_url: str, repeats: int) -> tuple[float, float]:
    """(flow time in a warm process, wall time of a fresh `pearl run`) of a daily run when
    every date up to today is done and nothing new has appeared."""
    from flows.daily import daily

    db = _fresh(work / "noop.duckdb")
    daily(base_url, db, REPLICA_RANGE[0], date.today(), DEFAULT_EDITIONS, 0.0)
    with without_heartbeats():
        t = interleaved({"noop": lambda: daily(base_url, db, delay_s=0.0)}, repeats)
    cmd = [sys.executable, "-m", "flows.cli", "run", "--base-url", base_url, "--db", db]
    walls = []
    for _ in range(min(repeats, 3)):
        started = time.perf_counter()
        subprocess.run([*cmd, "--delay", "0"], check=True, capture_output=True)
        walls.append(time.perf_counter() - started)
    return t["noop"], sorted(walls)[len(walls) // 2]
