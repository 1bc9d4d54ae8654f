"""The view benchmark: a synthetic database of many years, and each view's time on it."""

from __future__ import annotations

import time
from pathlib import Path

from tasks.core import store
from tasks.core.settings import SQL_DIR
from tasks.core.themes import load_themes


def build_bench_db(path: Path, articles: int, years: int) -> dict[str, int]:
    """Write a fresh synthetic database; returns its row counts."""
    for stale in (path, path.with_name(path.name + ".wal")):
        stale.unlink(missing_ok=True)
    con = store.connect(path)
    try:
        store.prepare(con)
        store.replace_themes(con, load_themes())
        con.execute(f"SET VARIABLE n_articles = {int(articles)}")
        con.execute(f"SET VARIABLE n_years = {int(years)}")
        con.execute(store.sql("bench/build_synthetic"))
        con.execute("CHECKPOINT")
        return store.row_counts(con)
    finally:
        con.close()


def view_names() -> list[str]:
    """Every view file; the macros of 4_macros take arguments and are not timed."""
    return [
        p.stem for p in sorted((SQL_DIR / "views").rglob("*.sql")) if p.parent.name != "4_macros"
    ]


def time_views(path: Path, repeats: int = 3) -> list[tuple[str, int, float]]:
    """(view, rows, best seconds of `repeats`) for reading every row and column of each view."""
    con = store.connect(path, read_only=True)
    results = []
    try:
        for view in view_names():
            best, rows = float("inf"), 0
            for _ in range(repeats):
                started = time.perf_counter()
                rows = con.sql(f"FROM {view}").to_arrow_table().num_rows
                best = min(best, time.perf_counter() - started)
            results.append((view, rows, best))
    finally:
        con.close()
    return results
