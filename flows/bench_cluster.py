"""`pearl bench --section cluster`: reprocessing the raw archive (CPU-bound: parse, clean,
segment, extract) in one process, then on a local Dask cluster, from two copies of the same
database and archive. Prints the speed-up, the time per article and per issue, and how the run
would scale with more cores. Prefect is imported only once the benchmark's own server is set
(Prefect reads its settings when imported)."""

from __future__ import annotations

import logging
import multiprocessing
import os
import re
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa

from tasks.core import store
from tasks.core.archive import Archive, Unit, copy_with_database
from tasks.core.fingerprint import fingerprints
from tasks.core.reprocess import derive, reprocess


@dataclass(frozen=True)
class ClusterBench:
    articles: int
    issues: int
    workers: int
    single_s: float  # `pearl reprocess` in one process: derive and load
    derive_s: float  # of which deriving alone (no load): the part that can be spread
    cluster_start_s: float  # starting the local cluster's processes, once
    cluster_s: float  # the cluster flow's work, from opening the writer to publishing
    cluster_call_s: float  # the whole flow call: Prefect's flow run and Dask client around it
    # Deriving alone over `workers` plain processes (no Dask, no Prefect, no staging), against
    # `derive_s`: the parallelism this machine gives right now, the ceiling of any cluster.
    plain_processes_s: float
    same_rows: bool
    load_avg: tuple[float, float, float]

    @property
    def speedup(self) -> float:
        return self.single_s / self.cluster_s

    @property
    def available(self) -> float:
        return self.derive_s / self.plain_processes_s

    @property
    def serial_s(self) -> float:
        """What one writer does whatever the cluster's size: loading, publishing."""
        return max(self.single_s - self.derive_s, 0.0)

    def projected_s(self, cores: int) -> float:
        """Amdahl: the serial part, the spread part over `cores`, and the overhead measured on
        this cluster (staging, scheduling) scaled the same way."""
        overhead = max(self.cluster_s - self.serial_s - self.derive_s / self.workers, 0.0)
        return self.serial_s + (self.derive_s + overhead * self.workers) / cores


def _archive_units(db: Path) -> tuple[list[Unit], int]:
    """The archived pages of the stored articles in reprocessing units, and how many issues
    they make up."""
    from flows.cluster import REDERIVE_CHUNK

    con = store.connect(db, read_only=True)
    try:
        ((issues,),) = con.execute(store.sql("queries/issue_count")).fetchall()
        archive = Archive.of(con)
        return list(archive.units(con, REDERIVE_CHUNK)) if archive else [], issues
    finally:
        con.close()


def _fresh_copy(db: Path, folder: Path) -> Path:
    copy_with_database(db, folder / db.name)
    return folder / db.name


def _single(db: Path) -> float:
    started = time.perf_counter()
    con = store.open_writer(db)
    reprocess(con)
    store.publish(con, db)
    return time.perf_counter() - started


def _derive_units(units: list[Unit]) -> None:
    for unit in units:
        derive(unit.read())


def _plain_processes(pool: Any, units: list[Unit], workers: int) -> float:
    """Deriving the archive split over the pool's processes: the machine's own parallelism."""
    parts = [units[i::workers] for i in range(workers)]
    started = time.perf_counter()
    pool.map(_derive_units, parts)
    return time.perf_counter() - started


def _timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def run(db: Path, workers: int, repeats: int = 2, scratch: Path | None = None) -> ClusterBench:
    """Medians of `repeats` interleaved rounds (each runs every variant once, so load from
    other processes hits all alike) after one warm-up round, on fresh copies of `db` (left
    untouched). The cluster flow needs a Prefect API."""
    from dask.distributed import LocalCluster
    from prefect_dask import DaskTaskRunner

    from flows.cluster import lean_workers, reprocess_on_cluster
    from flows.prefect_server import without_heartbeats

    units, issues = _archive_units(db)
    load_avg = os.getloadavg()
    logging.getLogger("distributed").setLevel(logging.WARNING)  # figures, not its start-up lines
    times: dict[str, list[float]] = {
        "derive": [],
        "single": [],
        "cluster": [],
        "call": [],
        "plain": [],
    }
    same_rows = True
    work = Path(tempfile.mkdtemp(prefix="pearl-bench-", dir=scratch))
    try:
        started = time.perf_counter()
        lean_workers()
        spawn = multiprocessing.get_context("spawn")
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            spawn.Pool(workers) as pool,
        ):
            pool.map(_derive_units, [units[:1]] * workers)
            cluster.get_client().run(_derive_units, units[:1])  # jieba's dictionary loaded
            start_s = time.perf_counter() - started
            flow = reprocess_on_cluster.with_options(
                task_runner=DaskTaskRunner(address=cluster.scheduler_address)
            )
            for round_no in range(repeats + 1):
                single = _fresh_copy(db, work / f"single-{round_no}")
                spread = _fresh_copy(db, work / f"cluster-{round_no}")
                derive_s = _timed(lambda: _derive_units(units))
                single_s = _single(single)
                called = time.perf_counter()
                with without_heartbeats():  # as `pearl reprocess --workers` calls it
                    cluster_s = flow(str(spread))["seconds"]
                call_s = time.perf_counter() - called
                plain_s = _plain_processes(pool, units, workers)
                same_rows = same_rows and fingerprints(single) == fingerprints(spread)
                if round_no:  # the first round warms both sides up
                    measured = (derive_s, single_s, cluster_s, call_s, plain_s)
                    for name, t in zip(times, measured, strict=True):
                        times[name].append(t)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    median = {name: statistics.median(ts) for name, ts in times.items()}
    return ClusterBench(
        articles=sum(len(u.article_ids) for u in units),
        issues=issues,
        workers=workers,
        single_s=median["single"],
        derive_s=median["derive"],
        cluster_start_s=start_s,
        cluster_s=median["cluster"],
        cluster_call_s=median["call"],
        plain_processes_s=median["plain"],
        same_rows=same_rows,
        load_avg=load_avg,
    )


# The archive reprocessed: the replica's pages and this many copies in all, each moved on by
# YEARS_APART years (about 5,000 articles). The replica alone is 600 articles, reprocessed in
# a second of which a third is fixed cost; the case the cluster is for is years of archive.
COPIES = 8
YEARS_APART = 4  # keeps 29 February a leap day and the copies' dates apart
_YEAR_OF_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d(?=-\d\d)")


def moved_on(pages: pa.Table, years: int) -> pa.Table:
    """Archived pages (archive.PAGE_SCHEMA) as if fetched `years` later: the year of the date in
    each URL and article id moved, so each page is a new article of a later issue."""

    def move(column: str) -> pa.Array:
        values = pages.column(column).to_pylist()
        return pa.array(
            [_YEAR_OF_DATE.sub(lambda m: str(int(m.group(0)) + years), v) for v in values]
        )

    return pages.set_column(pages.schema.get_field_index("url"), "url", move("url")).set_column(
        pages.schema.get_field_index("article_id"), "article_id", move("article_id")
    )


def grow(db: Path, copies: int) -> None:
    """Add copies - 1 moved-on copies of every archived page to `db`, derived and loaded (pages
    into the archive) as a run loads them."""
    from flows.cluster import REDERIVE_CHUNK

    con = store.open_writer(db)
    try:
        archive = Archive.of(con)
        units = [unit.read() for unit in archive.units(con, REDERIVE_CHUNK)] if archive else []
        for copy in range(1, copies):
            for pages in units:
                moved = moved_on(pages, copy * YEARS_APART)
                rows, _ = derive(moved)
                store.load_tables(
                    con,
                    {"raw_pages": moved} | {t: store.arrow(con, t, r) for t, r in rows.items()},
                )
        store.publish(con, db)
    finally:
        con.close()


def cluster_figures(work: Path, repeats: int, workers: int) -> ClusterBench:
    """The replica loaded by a plain run into a database of its own (its archive beside it),
    grown to COPIES copies moved years apart, then reprocessed both ways."""
    from flows.runs_bench import REPLICA_RANGE, replica_and_prefect
    from tasks.core.site import DEFAULT_EDITIONS

    db = work / "cluster" / "pearl.duckdb"
    with replica_and_prefect(work) as base_url:
        from flows.daily import run_pipeline
        from flows.steps import PLAIN

        run_pipeline(
            "bench-cluster", base_url, str(db), *REPLICA_RANGE, DEFAULT_EDITIONS, 0.0, PLAIN
        )
        grow(db, COPIES)
        return run(db, workers, repeats, scratch=work)


def report(b: ClusterBench) -> str:
    per = 1000 / b.articles
    lines = [
        f"Reprocessing {b.articles} archived articles of {b.issues} issues (load average before: "
        + " ".join(f"{x:.2f}" for x in b.load_avg)
        + f", {os.cpu_count()} cores)",
        f"  single process        {b.single_s:7.1f} s   {b.single_s * per:6.1f} ms/article"
        f"   {b.single_s / b.issues:5.2f} s/issue   (deriving {b.derive_s:.1f} s, the rest "
        f"{b.serial_s:.1f} s)",
        f"  Dask, {b.workers} workers × 1    {b.cluster_s:7.1f} s   {b.cluster_s * per:6.1f} "
        f"ms/article   {b.cluster_s / b.issues:5.2f} s/issue   (+ {b.cluster_start_s:.1f} s to "
        "start the cluster, once)",
        f"    the flow call        {b.cluster_call_s:7.1f} s   (with Prefect's flow run and the "
        "connection to the cluster around the work)",
        f"  speed-up              {b.speedup:7.2f} ×  on {b.workers} cores "
        f"(efficiency {b.speedup / b.workers:.0%}); rows identical: {'yes' if b.same_rows else 'NO'}",
        f"  this machine now      {b.available:7.2f} ×  deriving over {b.workers} plain processes "
        "(no Dask, no Prefect): the ceiling while other work shares the cores",
        "  projected (one writer, more cores):",
    ]
    for cores in (4, 8, 16, 32):
        t = b.projected_s(cores)
        lines.append(f"    {cores:3d} cores  {t:7.1f} s   speed-up {b.single_s / t:5.1f} ×")
    return "\n".join(lines)
