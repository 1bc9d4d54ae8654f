"""Prefect tasks around fetching and processing. Network failures are recorded per issue, page
and article by the pipeline (and retried by later runs), so no task fails for one of them; a
SiteDriftError fails its task and the run."""

from __future__ import annotations

from datetime import date

from prefect import task
from prefect.cache_policies import NO_CACHE

from tasks.core.discover import Discovery
from tasks.core.http import Fetcher
from tasks.core.pipeline import IssueBatch, IssueRef, discover, retry_articles, scrape_issue

_TASK = {"cache_policy": NO_CACHE}  # inputs include the shared HTTP session


@task(name="discover-issues", **_TASK)
def discover_issues(
    fetcher: Fetcher,
    base_url: str,
    wanted: list[tuple[str, date]],
    promised: set[tuple[str, date]],
) -> tuple[IssueBatch, dict[str, int]]:
    """Which (edition, date) pairs have an issue (a missing issue is normal), as a batch whose
    issue_failures hold the dates that failed; and what the run summary should say about how
    they were found (probing, promised dates missing)."""
    discovery = Discovery(fetcher, base_url)
    return discover(discovery, wanted, promised), discovery.warnings()


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
