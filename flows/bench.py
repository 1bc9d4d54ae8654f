"""`pearl bench`: the figures every performance change is judged by, printed with their goals.

Sections: core (per-article cost ÷ its floor, replica and long pages), extract (`pearl
extract` on pathological inputs stays linear), trafilatura (parse +
clean ÷ trafilatura, when installed), runs (a full run through Prefect ÷ the same run as a
plain loop; a no-op daily run; the published file's and the archive's size), views (each view
on ten synthetic years), cluster (`pearl reprocess` on a local Dask cluster ÷ one process).
Every figure is a median of interleaved repetitions; nothing here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

SECTIONS = ("core", "extract", "trafilatura", "runs", "views", "cluster")


def machine() -> str:
    """The machine the figures were taken on, for the README."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def _line(measure: str, value: str, goal: str = "") -> None:
    print(f"  {measure:<58}{value:>16}   {goal}")


def bench_core(work: Path, repeats: int) -> None:
    from tasks.core.bench.core import core_vs_floor
    from tasks.core.bench.pages import long_pages, replica_pages

    pages = replica_pages(work / "replica")
    long = long_pages(pages)
    chars = sum(len(p.body_text) for p in long) / len(long)
    for label, subset in (
        (f"{len(pages)} replica pages", pages),
        (f"{len(long)} long pages ({chars:,.0f} chars)", long),
    ):
        r = core_vs_floor(label, subset, repeats)
        _line(f"core ÷ floor, {label}", f"{r.ratio:.2f}", "goal ≤ 1.2")
        _line("  core articles/s (one core)", f"{r.per_second:,.0f}")


def bench_extract(work: Path, repeats: int) -> None:
    from tasks.core.bench.extract import time_pathological

    for t in time_pathological():
        _line(f"`pearl extract` on {t.name}", f"{t.seconds:.2f} s", "keep ≤ 5 s, start-up included")


def bench_trafilatura(work: Path, repeats: int) -> None:
    from tasks.core.bench.core import has_trafilatura, parse_vs_trafilatura
    from tasks.core.bench.pages import replica_pages

    if not has_trafilatura():
        _line("parse + clean ÷ trafilatura", "skipped", "pip install '.[bench]' to compare")
        return
    r = parse_vs_trafilatura(replica_pages(work / "replica"), repeats)
    _line("parse + clean ÷ trafilatura, replica pages", f"{r.ratio:.2f}", "keep ≤ 0.5")


def bench_views(work: Path, repeats: int) -> None:
    from tasks.core.bench.views import build_bench_db, time_views

    path = work / "views.duckdb"
    counts = build_bench_db(path, 150_000, 10)
    view, rows, seconds = max(time_views(path, repeats), key=lambda v: v[2])
    _line(
        f"slowest view on ten synthetic years ({counts['articles']:,} articles)",
        f"{seconds:.2f} s",
        f"keep ≤ 1 s ({view}, {rows:,} rows)",
    )


def bench_runs(work: Path, repeats: int) -> None:
    from flows.runs_bench import run_figures

    r = run_figures(work, repeats)
    _line(
        f"full replica run, {r.articles} articles: Prefect ÷ plain loop",
        f"{r.flow_s / r.loop_s:.2f}",
        "goal ≤ 1.15",
    )
    _line("  through Prefect / as plain calls", f"{r.flow_s:.1f} s / {r.loop_s:.1f} s")
    _line(
        "  plain calls, 1 ÷ 2 worker processes", f"{r.loop_s / r.pool_s:.2f}×", "PEARL_PROCESSES=2"
    )
    _line("no-op daily run (nothing new), flow time", f"{r.no_op_flow_s:.2f} s", "goal ≤ 2 s")
    _line(
        "  the same as a fresh `pearl run` process", f"{r.no_op_cold_s:.2f} s", "imports included"
    )
    for label, size in r.bytes_per_10k.items():
        _line(f"{label} per 10,000 articles", f"{size / 2**20:.1f} MiB")


def bench_cluster(work: Path, repeats: int) -> None:
    from flows.bench_cluster import cluster_figures, report

    print(report(cluster_figures(work, repeats, CLUSTER_WORKERS)))


CLUSTER_WORKERS = 2  # the cluster section's local Dask workers: these machines have 2 cores

BENCHES: dict[str, Callable[[Path, int], None]] = {
    "core": bench_core,
    "extract": bench_extract,
    "trafilatura": bench_trafilatura,
    "runs": bench_runs,
    "views": bench_views,
    "cluster": bench_cluster,
}


def cmd_bench(args: argparse.Namespace) -> int:
    print(
        f"pearl bench on {machine()}, {date.today()}; medians of {args.repeats} interleaved repetitions"
    )
    with tempfile.TemporaryDirectory(prefix="pearl-bench-") as tmp:
        for section in args.section or SECTIONS:
            started = time.perf_counter()
            print(f"\n[{section}]")
            BENCHES[section](Path(tmp) / section, args.repeats)
            print(f"  ({time.perf_counter() - started:.0f} s)")
    return 0


def add_command(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "bench", help="print the performance figures (core, runs, views) against their goals"
    )
    p.add_argument("--section", action="append", choices=SECTIONS, help="only these (repeatable)")
    p.add_argument("--repeats", type=int, default=5)
    p.set_defaults(func=cmd_bench)
