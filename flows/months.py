"""A long backfill as sub-runs by month, pulled by several Prefect workers of one work pool.

Each month's sub-run fetches, parses and extracts its issues into the staging area without the
writer, in parallel with the other months; then it takes the global concurrency limit
`pearl-writer` (one slot: one writer across every worker and machine) and loads what it staged
as any run does. The parent resubmits a sub-run that crashed (its worker killed) or failed: the
retry reads what the killed one had staged completely, and loads are idempotent, so no row is
duplicated.
"""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

from prefect import flow, get_run_logger, unmapped
from prefect.client.orchestration import get_client
from prefect.concurrency.sync import concurrency
from prefect.deployments import run_deployment
from prefect.runtime import flow_run

from flows.daily import run_pipeline
from flows.serve import WRITER_LIMIT
from tasks.core.http import Fetcher
from tasks.core.pipeline import dates_to_fetch
from tasks.core.settings import Settings
from tasks.core.site import DEFAULT_EDITIONS
from tasks.core.staging import Staging
from tasks.distributed import stage_issue_task
from tasks.scrape import discover_issues

MONTH_DEPLOYMENT = "pearl-backfill-month/backfill-month"
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def months(first: date, last: date) -> list[tuple[date, date]]:
    """The calendar months of [first, last], clipped to it."""
    if first > last:
        raise ValueError(f"empty date range: {first} is after {last}")
    spans, start = [], first
    while start <= last:
        next_month = (start.replace(day=1) + timedelta(days=32)).replace(day=1)
        spans.append((start, min(last, next_month - timedelta(days=1))))
        start = next_month
    return spans


@flow(name="pearl-backfill-month")
def backfill_month(
    date_from: date,
    date_to: date,
    staging_key: str,
    base_url: str | None = None,
    db_path: str | None = None,
    editions: tuple[str, ...] = DEFAULT_EDITIONS,
    delay_s: float | None = None,
) -> dict[str, Any]:
    """Stage the month's issues (any worker, no writer), then load them holding the writer."""
    settings = Settings()
    base_url = base_url or settings.base_url
    delay = settings.delay_s if delay_s is None else delay_s
    staging = Staging(settings.staging_url, staging_key)
    fetcher = Fetcher(settings.user_agent, settings.timeout_s, delay, settings=settings)
    try:
        days = dates_to_fetch(date_from, None, 0, date_from, date_to)
        wanted = [(edition, day) for day in days for edition in editions]
        issues = discover_issues(fetcher, base_url, wanted, set())[0].discovered
        policy = (settings, delay, frozenset(fetcher.allowed_hosts))
        budget = settings.article_budget_s
        staged = stage_issue_task.map(issues, unmapped(policy), unmapped(budget), unmapped(staging))
        for future in staged:
            future.result()
    finally:
        fetcher.close()
    get_run_logger().info("%d issues staged; waiting for the writer", len(issues))
    with concurrency(WRITER_LIMIT, occupy=1):
        result = run_pipeline(
            "pearl-backfill-month",
            base_url,
            db_path,
            date_from,
            date_to,
            editions,
            delay_s,
            staging_key=staging_key,
        )
    return {"db": result["db"], "row_counts": result["row_counts"]}


@flow(name="pearl-backfill-months")
def backfill_months(
    date_from: date,
    date_to: date,
    base_url: str | None = None,
    db_path: str | None = None,
    editions: tuple[str, ...] = DEFAULT_EDITIONS,
    delay_s: float | None = None,
    attempts: int = 3,
    poll_s: float = 2.0,
) -> dict[str, str]:
    """Submit one sub-run per month to the work pool and wait for them all; a sub-run that
    crashed or failed is submitted again (up to `attempts` times) with the same staging key."""
    log = get_run_logger()
    parent = str(flow_run.id)
    common = {"base_url": base_url, "db_path": db_path, "editions": editions, "delay_s": delay_s}

    def submit(span: tuple[date, date]) -> str:
        key = f"months-{parent}-{span[0]:%Y-%m}"
        run = run_deployment(
            MONTH_DEPLOYMENT,
            parameters={"date_from": span[0], "date_to": span[1], "staging_key": key, **common},
            timeout=0,
        )
        return str(run.id)

    runs = {span: submit(span) for span in months(date_from, date_to)}
    tries = dict.fromkeys(runs, 1)
    states: dict[tuple[date, date], str] = {}
    with get_client(sync_client=True) as client:
        while len(states) < len(runs):
            time.sleep(poll_s)
            for span, run_id in runs.items():
                if span in states:
                    continue
                state = client.read_flow_run(run_id).state
                kind = state.type.value if state else "PENDING"
                if kind not in FINAL:
                    continue
                if kind != "COMPLETED" and tries[span] < attempts:
                    log.warning("sub-run %s of %s %s: submitting it again", run_id, span[0], kind)
                    runs[span], tries[span] = submit(span), tries[span] + 1
                    continue
                states[span] = kind
    failed = [f"{span[0]:%Y-%m}" for span, kind in states.items() if kind != "COMPLETED"]
    if failed:
        raise RuntimeError(f"months not loaded after {attempts} attempts: {', '.join(failed)}")
    return {f"{span[0]:%Y-%m}": runs[span] for span in runs}
