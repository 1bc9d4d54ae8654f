"""Prefect tasks around fetching and processing: retries for network errors only."""

from __future__ import annotations

from datetime import date

from prefect import task
from prefect.cache_policies import NO_CACHE
from prefect.runtime import task_run
from prefect.tasks import exponential_backoff

from tasks.core.discover import Discovery
from tasks.core.http import Fetcher, FetchError
from tasks.core.pipeline import IssueBatch, IssueRef, retry_articles
from tasks.core.workers import IssueScraper


def _network_error_only(task, task_run, state) -> bool:
    """Retry a transient network failure; never a parse error or a policy refusal (robots.txt,
    size cap, host), which would fail the same way again."""
    try:
        state.result()
    except FetchError as exc:
        return exc.transient
    except Exception:
        return False
    return False


_RETRY = {
    "retries": 3,
    "retry_delay_seconds": exponential_backoff(backoff_factor=2),
    "retry_jitter_factor": 0.5,
    "retry_condition_fn": _network_error_only,
    "cache_policy": NO_CACHE,  # inputs include the shared HTTP session
}


@task(name="discover-issues", **_RETRY)
def discover_issues(
    fetcher: Fetcher, base_url: str, editions: list[str], days: list[date]
) -> tuple[list[IssueRef], dict[str, int]]:
    """Which of the dates have an issue, per edition (a missing issue is normal), and what the
    run summary should say about how they were found (probing, promised dates missing)."""
    discovery = Discovery(fetcher, base_url)
    return discovery.find_all(editions, days), discovery.warnings()


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


@task(name="scrape-issues", task_run_name=_chunk_run_name, **_RETRY)
def scrape_chunk_task(scraper: IssueScraper, issues: list[IssueRef]) -> Batches:
    """All articles of a chunk of issues, fetched, parsed, cleaned, segmented and extracted,
    across worker processes when the site allows it (one task per chunk: a task run costs
    tens of milliseconds, an issue's processing a few)."""
    return Batches(scraper.scrape(issues))


@task(name="retry-failed-articles", **_RETRY)
def retry_failed_task(fetcher: Fetcher, urls: list[str]) -> Batches:
    """Articles that failed in earlier runs."""
    return Batches([retry_articles(fetcher, urls)])
