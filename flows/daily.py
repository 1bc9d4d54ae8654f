"""The daily flow and the backfill flow: composition only, the work is in tasks/."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.task_runners import ThreadPoolTaskRunner

from tasks.core.http import Fetcher
from tasks.core.report import RunSummary
from tasks.core.settings import REAL_SITE_URL, Settings
from tasks.core.site import DEFAULT_EDITIONS
from tasks.load import (
    load_batches,
    open_database,
    plan_dates,
    previously_failed,
    record_and_publish,
)
from tasks.report import publish_summary
from tasks.scrape import discover_issues, retry_failed_task, scrape_issue_task

# Issues processed, then loaded in one transaction, per chunk: bounds memory on long backfills.
CHUNK_ISSUES = 16


def run_pipeline(
    flow_name: str,
    base_url: str,
    db_path: str,
    date_from: date | None,
    date_to: date | None,
    editions: tuple[str, ...] | list[str],
    delay_s: float | None,
) -> dict[str, Any]:
    """Shared body of both flows: plan → discover → scrape per issue → load per chunk → publish."""
    log = get_run_logger()
    settings = Settings()
    published = Path(db_path).expanduser().resolve()
    run_id = str(uuid.uuid4())
    started = datetime.now(UTC)
    con = open_database(published)
    days = plan_dates(con, base_url, settings.lookback_days, date_from, date_to)
    summary = RunSummary(days[0], days[-1], list(editions))
    fetcher = Fetcher(
        settings.user_agent, settings.timeout_s, settings.delay_s if delay_s is None else delay_s
    )
    try:
        issues = discover_issues(fetcher, base_url, list(editions), days)
        summary.issues = len(issues)
        log.info("%d issues between %s and %s", len(issues), days[0], days[-1])
        progress = (
            create_progress_artifact(0.0, description="issues loaded")
            if len(issues) > CHUNK_ISSUES
            else None
        )
        retry = previously_failed(con)
        chunks = [issues[i : i + CHUNK_ISSUES] for i in range(0, len(issues), CHUNK_ISSUES)]
        for n, chunk in enumerate(chunks, start=1):
            batches = [f.result() for f in scrape_issue_task.map(fetcher, chunk)]
            _count(summary, batches, load_batches(con, batches, run_id))
            if progress:
                update_progress_artifact(progress, 100.0 * n / len(chunks))
        if retry:
            batch = retry_failed_task(fetcher, retry)
            _count(summary, [batch], load_batches(con, [batch], run_id))
    finally:
        fetcher.close()
    run = {
        "run_id": run_id,
        "flow": flow_name,
        "started_at": started,
        "finished_at": datetime.now(UTC),
        "status": "Completed",
        "base_url": base_url,
        "date_from": days[0],
        "date_to": days[-1],
        "issues": summary.issues,
        "articles_new": summary.new,
        "articles_updated": summary.updated,
        "articles_unchanged": summary.unchanged,
        "articles_failed": summary.failed,
        "skipped": str(dict(summary.skipped)),
    }
    counts = record_and_publish(con, run, published)
    publish_summary(summary, counts)
    return {"db": str(published), "summary": summary, "row_counts": counts}


def _count(summary: RunSummary, batches: list[Any], load_counts: dict[str, int]) -> None:
    summary.add_load(load_counts)
    for b in batches:
        summary.pages += b.pages
        summary.failed += len(b.failures)
        summary.speeches += len(b.rows["speeches"])
        summary.metrics += len(b.rows["metrics"])
        summary.skipped.update(b.skipped)
        summary.skipped.update(f"failed: {f['reason']}" for f in b.failures)


@flow(name="pearl-daily", task_runner=ThreadPoolTaskRunner(max_workers=Settings().max_workers))
def daily(
    base_url: str = REAL_SITE_URL,
    db_path: str = "data/pearl.duckdb",
    date_from: date | None = None,
    date_to: date | None = None,
    editions: tuple[str, ...] = DEFAULT_EDITIONS,
    delay_s: float | None = None,
) -> dict[str, Any]:
    """Scrape new issues (since the last successful run, or the given dates) into DuckDB."""
    return run_pipeline("pearl-daily", base_url, db_path, date_from, date_to, editions, delay_s)


@flow(name="pearl-backfill", task_runner=ThreadPoolTaskRunner(max_workers=Settings().max_workers))
def backfill(
    date_from: date,
    date_to: date,
    base_url: str = REAL_SITE_URL,
    db_path: str = "data/pearl.duckdb",
    editions: tuple[str, ...] = DEFAULT_EDITIONS,
    delay_s: float | None = None,
) -> dict[str, Any]:
    """Re-scrape a date range (history, or after fixing the adapter), with progress."""
    return run_pipeline("pearl-backfill", base_url, db_path, date_from, date_to, editions, delay_s)
