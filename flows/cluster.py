"""Backfills and reprocessing on a Dask cluster (prefect-dask): the fetch → parse → extract work
goes to worker processes, on this machine (`--workers N`) or on an existing cluster
(PEARL_DASK_ADDRESS); the flow's own process stays the one writer of the DuckDB file.

Without a cluster nothing here is used: the embedded default runs in threads, as before.
"""

from __future__ import annotations

import dataclasses
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb
from prefect import flow, get_run_logger, unmapped
from prefect.context import FlowRunContext
from prefect.futures import as_completed
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from tasks.core import speakers, store
from tasks.core.archive import Archive
from tasks.core.http import Fetcher
from tasks.core.pipeline import IssueBatch, IssueRef
from tasks.core.settings import Settings
from tasks.core.staging import Staging
from tasks.distributed import rederive_chunk_task, stage_issue_task

# Archived articles per unit of reprocessing work: enough that Prefect's cost per task run (about
# a tenth of a second of CPU in the worker, measured) stays small; few enough that the workers
# stay balanced and the writer loads while they compute. 80 → 160 took the demo's reprocess on
# two workers from 4.0 s to 3.4 s.
REDERIVE_CHUNK = 160


def lean_workers() -> None:
    """Dask workers sample their own stacks every 10 ms for the dashboard's profile: on
    pure-Python work that cost about a third more CPU per worker (measured: 3.7 s against 2.9 s
    for the same chunks). Off for the clusters this process starts; its workers inherit it."""
    import dask

    dask.config.set(
        {
            "distributed.worker.profile.enabled": False,
            "distributed.admin.system-monitor.gil.enabled": False,
        }
    )


def task_runner(workers: int = 0, settings: Settings | None = None) -> TaskRunner:
    """Dask on the configured scheduler, or a local cluster of `workers` processes (one thread
    each: the work is CPU-bound Python, which threads would serialise); otherwise Prefect's
    default, threads."""
    settings = settings or Settings()
    if not (settings.dask_address or workers > 0):
        return ThreadPoolTaskRunner()
    from prefect_dask import DaskTaskRunner  # imported only when asked for: dask costs a second

    if settings.dask_address:
        return DaskTaskRunner(address=settings.dask_address)
    lean_workers()
    return DaskTaskRunner(
        cluster_kwargs={
            "n_workers": workers,
            "threads_per_worker": 1,
            "processes": True,
            "dashboard_address": None,
        }
    )


def on_cluster() -> bool:
    """Whether this flow run's tasks run outside its process (Dask, maybe on other machines):
    they cannot share its fetcher or its DuckDB connection."""
    context = FlowRunContext.get()
    return context is not None and not isinstance(context.task_runner, ThreadPoolTaskRunner)


class StagedScraper:
    """Scrapes chunks of issues for run_pipeline through the staging area: on a cluster (worker
    processes stage their rows for this, the writer's, process to read), or for a sub-run of a
    backfill that staged its issues before taking the writer (`staging_key`: issues staged
    already are read, not fetched again)."""

    def __init__(
        self, fetcher: Fetcher, settings: Settings, delay_s: float, budget_s: float, key: str
    ) -> None:
        self.staging = Staging(settings.staging_url, key)
        self.fetcher, self.settings = fetcher, settings
        self.delay_s, self.budget_s = delay_s, budget_s

    @classmethod
    def when_needed(
        cls,
        fetcher: Fetcher,
        settings: Settings,
        delay_s: float,
        budget_s: float,
        staging_key: str | None,
    ) -> StagedScraper | None:
        """One when the run stages (a cluster, or a staging key); None: scrape in this process."""
        if not (staging_key or on_cluster()):
            return None
        return cls(fetcher, settings, delay_s, budget_s, staging_key or f"run-{uuid.uuid4()}")

    def scrape(self, chunk: list[IssueRef]) -> list[IssueBatch]:
        # The hosts as they are now: discovery has allowed the run's base URL's.
        policy = (self.settings, self.delay_s, frozenset(self.fetcher.allowed_hosts))
        futures = stage_issue_task.map(
            chunk, unmapped(policy), unmapped(self.budget_s), unmapped(self.staging)
        )
        batches = []
        for future in futures:
            rows, rest = self.staging.read_rows(future.result())
            batches.append(dataclasses.replace(rest, rows=rows))
        return batches

    def done(self) -> None:
        """Everything is loaded: the staged rows can go (kept when the run fails, for its retry)."""
        self.staging.clear()


@flow(name="pearl-reprocess")
def reprocess_on_cluster(db_path: str, chunk: int = REDERIVE_CHUNK) -> dict[str, Any]:
    """`pearl reprocess` on a cluster: workers read their share of the raw archive themselves
    and stage the rows they re-derive; the writer loads each share's Parquet as it arrives,
    then publishes."""
    log = get_run_logger()
    settings = Settings()
    published = Path(db_path).expanduser().resolve()
    con = store.open_writer(published)
    staging = Staging(settings.staging_url, f"reprocess-{uuid.uuid4()}")
    started = time.perf_counter()
    try:
        outcome = _rederive(con, staging, chunk)
    finally:
        staging.clear()
    outcome["people"] = speakers.rebuild(con)
    store.publish(con, published)
    seconds = time.perf_counter() - started
    log.info("reprocessed %d articles in %.1f s", outcome.total() - outcome["people"], seconds)
    return {"outcome": dict(outcome), "seconds": seconds}


def _rederive(con: duckdb.DuckDBPyConnection, staging: Staging, chunk: int) -> Counter[str]:
    archive = Archive.of(con)
    units = list(archive.units(con, chunk)) if archive else []
    keys = [f"chunk-{i:06d}" for i in range(len(units))]
    futures = rederive_chunk_task.map(keys, units, unmapped(staging))
    outcome: Counter[str] = Counter()
    for future in as_completed(futures):
        tables, failed = staging.read(future.result())
        outcome.update(failed)
        outcome.update(store.load_tables(con, tables).values())
    return outcome
