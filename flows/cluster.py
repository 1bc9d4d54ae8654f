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
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from tasks.core import speakers, store
from tasks.core.archive import Archive
from tasks.core.http import Fetcher
from tasks.core.pipeline import IssueBatch, IssueRef
from tasks.core.settings import Settings
from tasks.core.staging import Staging
from tasks.distributed import rederive_units_task, stage_issue_task

# Archived articles per unit of reprocessing work (a unit is staged, then loaded in one
# transaction): enough that a unit's fixed costs (seven Parquet files staged and read, a load)
# stay small, few enough that the writer loads while the workers compute. Measured on 4,904
# articles over two workers: 160 → 7.7–8.0 s, 500 → 5.9–6.1 s, 1,000 → 6.7–6.8 s (too few
# units to share evenly). Units are dealt to one Prefect task per core, not one task each.
REDERIVE_CHUNK = 500


def lean_workers() -> None:
    """Dask workers sample their own stacks every 10 ms for the dashboard's profile: on
    pure-Python work that cost about a third more CPU per worker (measured: 3.7 s against 2.9 s
    for the same chunks). Off for the clusters this process starts; its workers inherit it.
    And the scheduler gives a worker no more tasks than it has threads (Dask's default lets it
    take 1.1 × as many, rounded up: both tasks of a reprocess on one single-threaded worker)."""
    import dask

    dask.config.set(
        {
            "distributed.worker.profile.enabled": False,
            "distributed.admin.system-monitor.gil.enabled": False,
            "distributed.scheduler.worker-saturation": 1.0,
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
def reprocess_on_cluster(
    db_path: str, chunk: int = REDERIVE_CHUNK, tasks: int | None = None
) -> dict[str, Any]:
    """`pearl reprocess` on a cluster: one task per core of the cluster (`tasks`), each reading
    its units of the raw archive itself and staging the rows of each unit as it is re-derived;
    the writer loads every staged unit as soon as it is complete, then publishes."""
    log = get_run_logger()
    settings = Settings()
    published = Path(db_path).expanduser().resolve()
    started = time.perf_counter()
    con = store.open_writer(published)
    staging = Staging(settings.staging_url, f"reprocess-{uuid.uuid4()}")
    try:
        outcome = _rederive(con, staging, chunk, tasks or cluster_cores())
    finally:
        staging.clear()
    outcome["people"] = speakers.rebuild(con)
    store.publish(con, published)
    seconds = time.perf_counter() - started
    log.info("reprocessed %d articles in %.1f s", outcome.total() - outcome["people"], seconds)
    return {"outcome": dict(outcome), "seconds": seconds}


def cluster_cores() -> int:
    """Worker threads of the Dask cluster this flow run hands its tasks to (1 without one)."""
    context = FlowRunContext.get()
    client = getattr(context.task_runner, "client", None) if context else None
    return max(1, sum(client.nthreads().values())) if client else 1


# How often the writer looks for units staged completely while the workers compute.
POLL_S = 0.02


def _rederive(
    con: duckdb.DuckDBPyConnection, staging: Staging, chunk: int, tasks: int
) -> Counter[str]:
    """Units of the archive dealt to `tasks` tasks in turn (each stages its units one after
    the other, so all tasks finish a unit at about the same time), loaded as they are staged.
    Few tasks, because Prefect costs about a tenth of a second of CPU per task run on each side
    (serialising its settings for the worker, recording states); many units, so that the
    writer loads while the workers compute."""
    archive = Archive.of(con)
    units = list(archive.units(con, chunk)) if archive else []
    keys = [f"chunk-{i:06d}" for i in range(len(units))]
    shares = [(keys[i::tasks], units[i::tasks]) for i in range(min(tasks, len(units)))]
    futures = rederive_units_task.map(
        [k for k, _ in shares], [u for _, u in shares], unmapped(staging)
    )
    outcome: Counter[str] = Counter()
    pending = keys
    while pending:
        staged = [key for key in pending if staging.done(key)]
        for key in staged:
            tables, failed = staging.read(key)
            outcome.update(failed)
            outcome.update(store.load_tables(con, tables).values())
        pending = [key for key in pending if key not in staged]
        if pending and not staged:
            if all(f.wrapped_future.done() for f in futures):
                for future in futures:
                    future.result()  # a task that failed raises here
                if not any(staging.done(key) for key in pending):
                    raise RuntimeError(f"{len(pending)} units were never staged: {pending[:3]}")
            time.sleep(POLL_S)
    return outcome
