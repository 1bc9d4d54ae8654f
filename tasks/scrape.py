"""Prefect tasks around fetching and processing. Network failures are recorded per issue, page
and article by the pipeline (and retried by later runs), so no task fails for one of them; a
SiteDriftError fails its task and the run."""

from __future__ import annotations

from datetime import date

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import task_run

from tasks.core.discover import Discovery
from tasks.core.http import Fetcher
from tasks.core.pipeline import IssueBatch, IssueRef, discover, retry_articles
from tasks.core.workers import IssueScraper

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


class Batches:
    """Issue batches handed from task to task, opaque to Prefect. Prefect walks every task input
    and result looking for futures; over the rows of a chunk (tens of thousands of dicts) that
    walk costs more than scraping them."""

    __slots__ = ("items",)

    def __init__(self, items: list[IssueBatch]) -> None:
        self.items = items


def _chunk_run_name() -> str:
    issues = task_run.parameters["issues"]
    return f"scrape-{issues[0].issue_date}-to-{issues[-1].issue_date}"


@task(name="scrape-issues", task_run_name=_chunk_run_name, **_TASK)
def scrape_chunk_task(scraper: IssueScraper, issues: list[IssueRef], budget_s: float) -> Batches:
    """All articles of a chunk of issues, fetched, parsed, cleaned, segmented and extracted,
    across worker processes when the site allows it (one task per chunk: a task run costs
    tens of milliseconds, an issue's processing a few)."""
    return Batches(scraper.scrape(issues, budget_s))


@task(name="retry-failed-articles", **_TASK)
def retry_failed_task(fetcher: Fetcher, base_url: str, urls: list[str], budget_s: float) -> Batches:
    """Articles that failed in earlier runs and are not quarantined."""
    return Batches([retry_articles(fetcher, base_url, urls, budget_s)])
