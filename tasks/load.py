"""Prefect tasks around the DuckDB store and the data-quality checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb
from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.core import speakers, store
from tasks.core.pipeline import dates_to_fetch, today_for_paper
from tasks.core.quality import QualityReport, check_run
from tasks.core.report import RunSummary
from tasks.core.themes import load_themes
from tasks.scrape import Batches


@task(name="open-database", cache_policy=NO_CACHE)
def open_database(published: Path) -> duckdb.DuckDBPyConnection:
    """The flow's private working copy, migrated, with views and the current taxonomy."""
    con = store.open_writer(published)
    store.replace_themes(con, load_themes())
    return con


@task(name="plan-dates", cache_policy=NO_CACHE)
def plan_dates(
    con: duckdb.DuckDBPyConnection,
    base_url: str,
    lookback_days: int,
    date_from: date | None,
    date_to: date | None,
    catch_up_days: int | None = None,
) -> list[date]:
    """Explicit range, or every date since the last successful run against this site (at most
    `catch_up_days` back)."""
    last = None if (date_from or date_to) else store.last_successful_date(con, base_url)
    return dates_to_fetch(today_for_paper(), last, lookback_days, date_from, date_to, catch_up_days)


@task(name="load-batches", cache_policy=NO_CACHE)
def load_batches(
    con: duckdb.DuckDBPyConnection, chunk: Batches, run_id: str, max_attempts: int
) -> dict[str, str]:
    """One transaction for a chunk of issues, then the people of the names speaking in it
    (tasks/core/speakers.py); failed articles, issues and pages are counted for retry
    (quarantined after `max_attempts` runs)."""
    batches = chunk.items
    merged: dict[str, list[dict[str, Any]]] = {}
    for batch in batches:
        for table, rows in batch.rows.items():
            merged.setdefault(table, []).extend(rows)
    status = store.load_batch(con, merged)
    speakers.update(con, [a["article_id"] for a in merged.get("articles", [])])
    store.record_failures(
        con,
        [f | {"run_id": run_id} for b in batches for f in b.failures],
        [f | {"run_id": run_id} for b in batches for f in b.issue_failures],
        [(b.issue.edition, b.issue.issue_date) for b in batches if b.issue.url],
        max_attempts,
    )
    return status


@task(name="to-retry", cache_policy=NO_CACHE)
def to_retry(
    con: duckdb.DuckDBPyConnection,
) -> tuple[list[dict[str, Any]], list[tuple[str, date]]]:
    """Failed articles and failed issues of earlier runs that are not quarantined."""
    return store.articles_to_retry(con), store.issues_to_retry(con)


@task(name="failures-of-run", cache_policy=NO_CACHE)
def failures_of_run(
    con: duckdb.DuckDBPyConnection, run_id: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """What this run failed, and everything quarantined so far: the run's report lists both."""
    return store.failures_of_run(con, run_id), store.quarantined(con)


@task(name="check-quality", cache_policy=NO_CACHE)
def check_quality(con: duckdb.DuckDBPyConnection, summary: RunSummary) -> QualityReport:
    """Hard checks (they fail the run) and soft ones (warnings in the summary)."""
    return check_run(summary, store.recent_runs(con))


@task(name="record-failed-run", cache_policy=NO_CACHE)
def record_failed_run(con: duckdb.DuckDBPyConnection, run: dict[str, Any]) -> None:
    """Keep the failed run in the private file's history; the analysts' file is left as it was."""
    store.record_run(con, run)
    con.close()


@task(name="record-and-publish", cache_policy=NO_CACHE)
def record_and_publish(
    con: duckdb.DuckDBPyConnection, run: dict[str, Any], published: Path
) -> dict[str, int]:
    """Record the run, then publish the analysts' file atomically; returns row counts."""
    store.record_run(con, run)
    counts = store.row_counts(con)
    store.publish(con, published)
    return counts
