"""Prefect tasks around fetching and processing. Network failures are recorded per issue, page
and article by the pipeline (and retried by later runs), so no task fails for one of them; a
SiteDriftError fails its task and the run."""

from __future__ import annotations

from datetime import date

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.core.http import Fetcher
from tasks.core.pipeline import IssueBatch, IssueRef, discover, retry_articles, scrape_issue

_TASK = {"cache_policy": NO_CACHE}  # inputs include the shared HTTP session


@task(name="discover-issues", **_TASK)
def discover_issues(
    fetcher: Fetcher,
    base_url: str,
    wanted: list[tuple[str, date]],
    promised: set[tuple[str, date]],
) -> IssueBatch:
    """Which (edition, date) pairs have an issue (a missing issue is normal); front pages that
    could not be fetched are recorded in the batch's issue_failures."""
    return discover(fetcher, base_url, wanted, promised)


@task(name="scrape-issue", task_run_name="scrape-{issue.edition}-{issue.issue_date}", **_TASK)
def scrape_issue_task(fetcher: Fetcher, issue: IssueRef, budget_s: float) -> IssueBatch:
    """All articles of one issue, fetched, parsed, cleaned, segmented and extracted."""
    return scrape_issue(fetcher, issue, budget_s)


@task(name="retry-failed-articles", **_TASK)
def retry_failed_task(
    fetcher: Fetcher, base_url: str, urls: list[str], budget_s: float
) -> IssueBatch:
    """Articles that failed in earlier runs and are not quarantined."""
    return retry_articles(fetcher, base_url, urls, budget_s)
