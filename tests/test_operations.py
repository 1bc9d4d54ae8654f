"""Failure handling on the replica's fault issues: one bad article is recorded and retried, an
issue without articles or with drifted markup fails the run loudly, nothing half-done is published."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tasks.core.http import Fetcher, FetchError
from tasks.core.parse import SiteDriftError
from tasks.core.replica.generate import FAULT_DAYS
from tasks.scrape import discover_issues
from tests.conftest import read_rows, run_daily


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "pearl.duckdb"


def _run(replica_url: str, db: Path, day: date):
    return run_daily(replica_url, db, day)


def test_one_broken_article_is_recorded_not_fatal_and_retried_next_run(
    prefect_harness, replica_url, db
):
    state = _run(replica_url, db, FAULT_DAYS["broken_article"])
    assert state.is_completed()
    summary = state.result()["summary"]
    assert (summary.new, summary.failed) == (2, 1)
    assert summary.warnings["articles failed: parse_error (retried next run)"] == 1
    assert "site.TITLE" in read_rows(db, "SELECT detail FROM failed_articles")[0][0]
    assert "⚠ warnings" in summary.markdown({})

    again = _run(replica_url, db, date(2021, 12, 1)).result()["summary"]  # another day: retried
    assert again.skipped["failed: parse_error"] == 1
    assert read_rows(db, "SELECT count(*) FROM failed_articles") == [(1,)]


def test_published_day_without_articles_fails_and_publishes_nothing(
    prefect_harness, replica_url, db
):
    state = _run(replica_url, db, FAULT_DAYS["no_articles"])
    assert state.is_failed()
    assert "yielded no articles on 8 of 8 pages" in state.message  # drift, found while scraping
    assert not db.exists()  # the analysts' file was never published


def test_empty_body_fails_the_run_with_a_clear_message(prefect_harness, replica_url, db):
    state = _run(replica_url, db, FAULT_DAYS["empty_body"])
    assert state.is_failed()
    assert "empty body" in state.message and "site.BODY" in state.message


def test_markup_drift_fails_naming_the_selector(prefect_harness, replica_url, db):
    state = _run(replica_url, db, FAULT_DAYS["no_page_links"])
    assert state.is_failed()
    assert "no page links" in state.message and "site.PAGE_LINK_STRATEGIES" in state.message


class _FlakyFetcher(Fetcher):
    """Fails the first `failures` requests with the given error, then serves normally."""

    def __init__(self, error: Exception, failures: int) -> None:
        super().__init__("pearl-tests", delay_s=0)
        self.error, self.failures, self.calls = error, failures, 0

    def get(self, url: str):
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return super().get(url)


def test_network_errors_are_retried_and_parse_errors_are_not(prefect_harness, replica_url):
    from prefect import flow

    day = date(2020, 12, 23)
    fast = discover_issues.with_options(retry_delay_seconds=0, retry_jitter_factor=None)

    @flow
    def probe(fetcher: Fetcher):
        return fast(fetcher, replica_url, ["zjsb"], [day], return_state=True)

    clean = _FlakyFetcher(FetchError("connection reset"), failures=0)
    assert probe(clean).is_completed()
    flaky = _FlakyFetcher(FetchError("connection reset"), failures=2)
    state = probe(flaky)
    assert state.is_completed() and [i.issue_date for i in state.result()[0]] == [day]
    assert flaky.calls == 2 + clean.calls  # two failures, then the successful try

    broken = _FlakyFetcher(SiteDriftError("no page links: site.PAGE_LINK_STRATEGIES"), failures=5)
    state = probe(broken, return_state=True)
    assert state.is_failed() and broken.calls == 1  # a parse error fails at once
