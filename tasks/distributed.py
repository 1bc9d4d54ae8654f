"""Prefect tasks that run on cluster workers (Dask processes, maybe on other machines).

They share nothing with the flow's process: each builds its own fetcher from the settings it is
handed, reads its input from the site or the raw archive, writes its rows to the staging area
(tasks/core/staging.py), and returns only the key of what it staged. A unit already staged by
a killed attempt's sibling is not done twice.
"""

from __future__ import annotations

import dataclasses
from datetime import date

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.core.archive import Unit
from tasks.core.http import Fetcher
from tasks.core.pipeline import IssueRef, scrape_issue
from tasks.core.reprocess import derive
from tasks.core.settings import Settings
from tasks.core.staging import Staging

# What a worker needs to fetch as the flow's own fetcher does: the settings, the delay between
# requests to one host, and the allowed hosts (with the run's base URL's).
FetchPolicy = tuple[Settings, float, frozenset[str]]

_fetchers: dict[FetchPolicy, Fetcher] = {}


def _fetcher(policy: FetchPolicy) -> Fetcher:
    """One fetcher per worker process and policy (its session, robots.txt, per-host delays)."""
    if policy not in _fetchers:
        settings, delay_s, hosts = policy
        _fetchers[policy] = Fetcher(
            settings.user_agent, settings.timeout_s, delay_s, allowed_hosts=hosts, settings=settings
        )
    return _fetchers[policy]


def issue_key(edition: str, day: date) -> str:
    return f"issue-{edition}-{day.isoformat()}"


@task(
    name="stage-issue",
    task_run_name="stage-{issue.edition}-{issue.issue_date}",
    cache_policy=NO_CACHE,
)
def stage_issue_task(
    issue: IssueRef, policy: FetchPolicy, budget_s: float, staging: Staging
) -> str:
    """Fetch, parse and extract one issue on a worker; stage its rows and the rest of its batch
    (failures, skipped counts) for the writer."""
    key = issue_key(issue.edition, issue.issue_date)
    if not staging.done(key):
        batch = scrape_issue(_fetcher(policy), issue, budget_s)
        rest = dataclasses.replace(batch, rows={}, issue=dataclasses.replace(issue, front=None))
        staging.write(key, batch.rows, rest)
    return key


@task(name="rederive-units", task_run_name="rederive-{keys[0]}", cache_policy=NO_CACHE)
def rederive_units_task(keys: list[str], units: list[Unit], staging: Staging) -> list[str]:
    """Re-derive units of the raw archive one after the other on a worker (each read from the
    archive there), staging each unit's rows under its key as soon as they are derived, so
    that the writer loads them while the next is computed."""
    for key, unit in zip(keys, units, strict=True):
        if not staging.done(key):
            rows, failed = derive(unit.read())
            staging.write(key, rows, failed)
    return keys
