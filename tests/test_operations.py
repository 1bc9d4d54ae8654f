"""Failure handling on the replica's fault issues: one bad article is recorded and retried, an
issue without articles or with drifted markup fails the run loudly, nothing half-done is published."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from tasks.core import site
from tasks.core.http import Fetcher
from tasks.core.pipeline import TABLES, IssueBatch, IssueRef, scrape_article
from tasks.core.replica.faults import Fault, FaultServer
from tasks.core.replica.generate import FAULT_DAYS
from tests.conftest import read_rows, replica_pages, run_daily


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "pearl.duckdb"


def test_one_broken_article_is_recorded_not_fatal_and_retried_next_run(
    prefect_harness, replica_url, db
):
    state = run_daily(replica_url, db, FAULT_DAYS["broken_article"])
    assert state.is_completed()
    summary = state.result()["summary"]
    assert (summary.new, summary.failed) == (2, 1)
    assert summary.warnings["articles failed: parse_error (retried next run)"] == 1
    assert [f["reason"] for f in summary.failures] == ["parse_error"]
    assert "site.TITLE" in read_rows(db, "SELECT detail FROM failed_articles")[0][0]
    assert "⚠ warnings" in summary.markdown({})

    again = run_daily(replica_url, db, date(2021, 12, 1)).result()[
        "summary"
    ]  # another day: retried
    assert again.skipped["failed: parse_error"] == 1
    assert read_rows(db, "SELECT count(*), max(attempts) FROM failed_articles") == [(1, 2)]


def test_published_day_without_articles_fails_and_publishes_nothing(
    prefect_harness, replica_url, db
):
    state = run_daily(replica_url, db, FAULT_DAYS["no_articles"])
    assert state.is_failed()
    assert "yielded no articles on 8 of 8 pages" in state.message  # drift, found while scraping
    assert not db.exists()  # the analysts' file was never published


def test_empty_body_fails_the_run_with_a_clear_message(prefect_harness, replica_url, db):
    state = run_daily(replica_url, db, FAULT_DAYS["empty_body"])
    assert state.is_failed()
    assert "empty body" in state.message and "site.BODY" in state.message


def test_markup_drift_fails_naming_the_selector(prefect_harness, replica_url, db):
    state = run_daily(replica_url, db, FAULT_DAYS["no_page_links"])
    assert state.is_failed()
    assert "no page links" in state.message and "site.PAGE_LINK_STRATEGIES" in state.message


SEED_DAY = date(2020, 12, 23)


def _article_ids(db: Path) -> set[str]:
    return {r[0] for r in read_rows(db, "SELECT article_id FROM articles")}


def test_a_page_index_that_stays_503_is_recorded_and_the_rest_is_published(
    prefect_harness, replica_root, db
):
    second_page = replica_pages(replica_root, "zjsb", str(SEED_DAY), "node_*.htm")[1]
    with FaultServer(replica_root, {second_page: Fault("http_503")}) as server:
        state = run_daily(server.base_url, db, date(2020, 12, 20), date(2020, 12, 28))
        assert state.is_completed()
        partial = _article_ids(db)
        ((page_no, reason, attempts),) = read_rows(
            db,
            f"SELECT page_no, reason, attempts FROM failed_issues WHERE issue_date = '{SEED_DAY}'",
        )
        assert (reason, attempts) == ("fetch_error", 1) and page_no
        assert second_page in state.result()["summary"].markdown({})
        assert {i.split(":")[1] for i in partial} == {"2020-12-23", "2020-12-25", "2020-12-28"}

        server.faults.clear()  # the next run, on another date, re-scrapes the issue
        assert run_daily(server.base_url, db, date(2021, 1, 1)).is_completed()
    assert read_rows(db, "SELECT count(*) FROM failed_issues") == [(0,)]
    on_the_page = {
        r[0]
        for r in read_rows(
            db,
            f"SELECT article_id FROM articles WHERE issue_date = '{SEED_DAY}' "
            f"AND page_no = '{page_no}'",
        )
    }
    # exactly the articles of the failed page were missing, and now they are there
    assert on_the_page and not on_the_page & partial
    assert _article_ids(db) - partial - on_the_page == {
        i for i in _article_ids(db) if i.split(":")[1] == "2021-01-01"
    }


def test_a_front_page_answering_500_is_recorded_and_the_other_issues_published(
    prefect_harness, replica_root, db
):
    front = replica_pages(replica_root, "zjsb", str(SEED_DAY), "node_*.htm")[0]
    with FaultServer(replica_root, {front: Fault("http_500")}) as server:
        state = run_daily(server.base_url, db, date(2020, 12, 23), date(2020, 12, 25))
    assert state.is_completed()
    assert read_rows(db, "SELECT DISTINCT issue_date FROM articles") == [(date(2020, 12, 25),)]
    assert read_rows(db, "SELECT page_no, reason FROM failed_issues") == [("", "fetch_error")]


def test_a_poison_article_is_quarantined_after_the_bound_and_publishing_continues(
    prefect_harness, replica_url, db, monkeypatch
):
    monkeypatch.setenv("PEARL_MAX_ATTEMPTS", "2")
    first = run_daily(replica_url, db, FAULT_DAYS["empty_body"])
    assert first.is_failed() and not db.exists()  # attempt 1: withheld, as markup drift would be

    second = run_daily(replica_url, db, date(2021, 12, 1))  # unrelated date; the article is retried
    assert second.is_completed() and db.exists()
    summary = second.result()["summary"]
    assert [(f["reason"], f["attempts"], f["quarantined"]) for f in summary.failures] == [
        ("empty_body", 2, True)
    ]
    assert "Quarantined" in summary.markdown({})

    third = run_daily(replica_url, db, date(2021, 12, 2))  # not retried, still reported
    assert third.is_completed()
    summary = third.result()["summary"]
    assert summary.failures == [] and len(summary.quarantined) == 1
    assert summary.quarantined[0]["url"].endswith(".htm")
    assert read_rows(db, "SELECT attempts, quarantined FROM failed_articles") == [(2, True)]


def test_failed_articles_are_keyed_by_identity_whatever_the_host(
    prefect_harness, replica_url, replica_root, db
):
    day = FAULT_DAYS["broken_article"]
    run_daily(replica_url, db, day)
    with FaultServer(replica_root) as other_port:
        run_daily(other_port.base_url, db, day)
    rows = read_rows(db, "SELECT article_id, attempts, quarantined FROM failed_articles")
    assert len(rows) == 1 and rows[0][0].startswith(f"zjsb:{day}:") and rows[0][1:] == (2, False)


def test_an_article_over_its_time_budget_is_a_named_failure(replica_url, replica_root):
    fetcher = Fetcher("pearl-tests", delay_s=0)
    fetcher.allow(replica_url)
    batch = IssueBatch(IssueRef("zjsb", SEED_DAY, ""), rows={t: [] for t in TABLES})
    pages = replica_pages(replica_root, "zjsb", str(SEED_DAY), "content_*.htm")
    path = max(pages, key=lambda p: (replica_root / p.lstrip("/")).stat().st_size)  # the longest
    url = replica_url + path
    assert scrape_article(fetcher, url, batch, budget_s=0.0001) == "over_budget"
    assert batch.failures[0]["article_id"] == site.article_key(url).article_id
    assert "budget" in batch.failures[0]["detail"] and batch.rows["articles"] == []
    assert scrape_article(fetcher, url, batch, budget_s=60) == "ok"
