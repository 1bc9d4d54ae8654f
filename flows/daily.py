"""The daily flow and the backfill flow: composition only, the work is in tasks/."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.artifacts import create_progress_artifact, update_progress_artifact
from prefect.runtime import flow_run

from flows.cluster import StagedScraper, task_runner
from flows.steps import ORCHESTRATED, Steps
from tasks.core.http import Fetcher
from tasks.core.report import RunSummary
from tasks.core.settings import Settings
from tasks.core.site import DEFAULT_EDITIONS
from tasks.core.workers import IssueScraper
from tasks.core.writer_lock import hold_writer
from tasks.load import (
    check_quality,
    failures_of_run,
    load_batches,
    open_database,
    plan_dates,
    record_and_publish,
    record_failed_run,
    to_retry,
)
from tasks.report import mark_crashed, publish_summary
from tasks.scrape import Batches, discover_issues, retry_failed_task, scrape_chunk_task

# Issues processed, then loaded in one transaction, per chunk: bounds memory on long backfills.
CHUNK_ISSUES = 32


class DataQualityError(RuntimeError):
    """A hard data-quality check failed: nothing is published and the dates are retried."""


def run_pipeline(
    flow_name: str,
    base_url: str | None,
    db_path: str | None,
    date_from: date | None,
    date_to: date | None,
    editions: tuple[str, ...] | list[str],
    delay_s: float | None,
    steps: Steps = ORCHESTRATED,
    staging_key: str | None = None,
) -> dict[str, Any]:
    """Shared body of both flows, holding the writer (one pearl writer at a time): plan →
    discover → scrape and load per chunk of issues → retry earlier failures → check → publish.
    A failed check leaves the analysts' file as it was. `steps` runs each step as a Prefect
    task (the flows) or as a plain call (`pearl bench`'s reference loop). A `staging_key` reads
    the issues a sub-run of a backfill staged before taking the writer (flows/months.py)."""
    log = steps.logger()
    settings = Settings()
    published = Path(db_path or settings.db_path).expanduser().resolve()
    this_run = str(flow_run.id) if steps.orchestrated else None
    with hold_writer(
        published, flow_name, settings.writer_wait_s, log.warning, flow_run_id=this_run
    ) as killed:
        if steps.orchestrated and killed.get("flow_run_id") not in (None, this_run):
            mark_crashed(killed["flow_run_id"], killed)
        return _pipeline(
            flow_name,
            settings,
            base_url or settings.base_url,
            published,
            date_from,
            date_to,
            list(editions),
            delay_s,
            steps,
            staging_key,
        )


def _pipeline(
    flow_name: str,
    settings: Settings,
    base_url: str,
    published: Path,
    date_from: date | None,
    date_to: date | None,
    editions: list[str],
    delay_s: float | None,
    steps: Steps,
    staging_key: str | None,
) -> dict[str, Any]:
    """The run itself, once the writer is held."""
    log = steps.logger()
    run_id, started = str(uuid.uuid4()), datetime.now(UTC)
    con = steps(open_database, published)
    days = steps(
        plan_dates,
        con,
        base_url,
        settings.lookback_days,
        date_from,
        date_to,
        settings.catch_up_days,
    )
    summary = RunSummary(days[0], days[-1], editions)
    delay = settings.delay_s if delay_s is None else delay_s
    fetcher = Fetcher(settings.user_agent, settings.timeout_s, delay, settings=settings)
    budget, attempts = settings.article_budget_s, settings.max_attempts
    scraper = IssueScraper(fetcher, settings.processes)
    staged = StagedScraper.when_needed(fetcher, settings, delay, budget, staging_key)
    try:
        failed_articles, failed_issues = steps(to_retry, con)
        wanted = [(e, d) for d in days for e in editions]
        wanted += sorted(set(failed_issues) - set(wanted))
        found, discovery_warnings = steps(
            discover_issues, fetcher, base_url, wanted, set(failed_issues)
        )
        summary.warnings.update(discovery_warnings)
        issues = found.discovered
        summary.issues = len(issues)
        log.info("%d issues on %s between %s and %s", len(issues), base_url, days[0], days[-1])
        summary.add([found], steps(load_batches, con, Batches([found]), run_id, attempts))
        many = len(issues) > CHUNK_ISSUES
        progress = (
            steps.ui(create_progress_artifact, 0.0, description="issues loaded") if many else None
        )
        chunks = [issues[i : i + CHUNK_ISSUES] for i in range(0, len(issues), CHUNK_ISSUES)]
        for n, chunk in enumerate(chunks, start=1):
            if staged:  # on a cluster, or a month sub-run reading what it staged
                batches = Batches(staged.scrape(chunk))
            else:
                batches = steps(scrape_chunk_task, scraper, chunk, budget)
            summary.add(batches.items, steps(load_batches, con, batches, run_id, attempts))
            if progress:
                steps.ui(update_progress_artifact, progress, 100.0 * n / len(chunks))
        scraped = {(i.edition, i.issue_date) for i in issues}
        retry = [
            f["url"] for f in failed_articles if (f["edition"], f["issue_date"]) not in scraped
        ]
        if retry:
            log.info("retrying %d articles that failed before", len(retry))
            batches = steps(retry_failed_task, fetcher, base_url, retry, budget)
            summary.add(batches.items, steps(load_batches, con, batches, run_id, attempts))
        if staged:
            staged.done()
    finally:
        scraper.close()
        fetcher.close()
    summary.failures, summary.quarantined = steps(failures_of_run, con, run_id)
    quality = steps(check_quality, con, summary)
    for line in summary.failure_lines():
        log.warning(line)
    if not quality.ok:
        steps(
            record_failed_run,
            con,
            summary.run_row(
                run_id,
                flow_name,
                started,
                datetime.now(UTC),
                base_url,
                "Failed",
                "; ".join(quality.failures),
            ),
        )
        steps.report(publish_summary, summary, {}, quality.failures)
        raise DataQualityError("; ".join(quality.failures))
    row = summary.run_row(run_id, flow_name, started, datetime.now(UTC), base_url, "Completed")
    counts = steps(record_and_publish, con, row, published)
    steps.report(publish_summary, summary, counts)
    return {"db": str(published), "summary": summary, "row_counts": counts}


@flow(name="pearl-daily", task_runner=task_runner())
def daily(
    base_url: str | None = None,
    db_path: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    editions: tuple[str, ...] = DEFAULT_EDITIONS,
    delay_s: float | None = None,
) -> dict[str, Any]:
    """Scrape new issues into DuckDB: every date since the last successful run (catching up on
    missed days), or the given dates. Unset parameters come from PEARL_* settings."""
    return run_pipeline("pearl-daily", base_url, db_path, date_from, date_to, editions, delay_s)


@flow(name="pearl-backfill", task_runner=task_runner())
def backfill(
    date_from: date,
    date_to: date,
    base_url: str | None = None,
    db_path: str | None = None,
    editions: tuple[str, ...] = DEFAULT_EDITIONS,
    delay_s: float | None = None,
) -> dict[str, Any]:
    """Re-scrape a date range (history, or after correcting the adapter), with progress."""
    return run_pipeline("pearl-backfill", base_url, db_path, date_from, date_to, editions, delay_s)
