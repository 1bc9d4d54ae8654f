"""The daily flow end to end on the replica, under one Prefect test server."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flows.cli import DEMO_RANGE
from flows.daily import daily
from tasks.core import store
from tasks.core.archive import Archive, default_url
from tasks.core.fingerprint import fingerprints
from tasks.core.replica.server import ReplicaServer
from tests.conftest import read_rows

SEED_ISSUE = date(2020, 12, 23)


def _december(replica_url: str, db: Path) -> dict:
    """The daily flow over December 2020 of the replica (the seed's month)."""
    return daily(
        base_url=replica_url,
        db_path=str(db),
        date_from=date(2020, 12, 1),
        date_to=date(2020, 12, 31),
        delay_s=0,
    )


@pytest.fixture(scope="module")
def first_run(prefect_harness, replica_url: str, tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("flow") / "pearl.duckdb"
    result = _december(replica_url, db)
    return db, result


def test_flow_loads_every_table_of_the_month(first_run, replica_issues):
    _, result = first_run
    expected = sum(
        len(i.articles) for i in replica_issues if i.issue_date.strftime("%Y-%m") == "2020-12"
    )
    counts = result["row_counts"]
    assert counts["articles"] == expected == fingerprints(first_run[0])["raw_pages"][0]
    assert "raw_pages" not in counts  # the archive is outside the analysts' file
    for table in ("sentences", "speeches", "metrics", "sentence_themes"):
        assert counts[table] > 0, table
    assert result["summary"].new == expected and result["summary"].failed == 0


def test_seed_article_arrives_with_its_speeches_and_metrics(first_run):
    db, _ = first_run
    speakers = {
        r[0]
        for r in read_rows(
            db,
            f"""
        SELECT s.speaker FROM speeches s JOIN articles a USING (article_id)
        WHERE a.issue_date = DATE '{SEED_ISSUE}' AND a.title LIKE '%务虚会议%'""",
        )
    }
    assert {
        "岑灼雄",
        "余辉",
        "伦耀波",
        "黄少彬",
        "张伟明",
        "白燕",
        "陈志垣",
        "任泳谊",
        "陈盛博",
    } <= speakers
    texts = {
        r[0]
        for r in read_rows(
            db,
            "SELECT text FROM metrics JOIN articles USING (article_id) WHERE title LIKE '%务虚会议%'",
        )
    }
    assert {"23栋", "7家", "112家", "22个", "32个"} <= texts


def test_offsets_point_into_the_stored_content(first_run):
    db, _ = first_run
    bad = read_rows(
        db,
        """
        SELECT count(*) FROM speeches s JOIN articles a USING (article_id)
        WHERE substring(a.content, s.start_offset + 1, s.end_offset - s.start_offset) <> s.text""",
    )
    assert bad == [(0,)]


def test_rerun_of_the_same_dates_changes_nothing(first_run, replica_url):
    db, result = first_run
    tables = ("articles", "sentences", "speeches", "metrics")
    before = {t: sorted(map(str, read_rows(db, f"FROM {t}"))) for t in tables}
    archived = Archive(default_url(db)).files()
    again = _december(replica_url, db)
    assert again["summary"].unchanged == result["summary"].new and again["summary"].new == 0
    assert {t: sorted(map(str, read_rows(db, f"FROM {t}"))) for t in tables} == before
    assert Archive(default_url(db)).files() == archived  # unchanged pages are not archived again


def test_next_run_starts_from_the_last_successful_one(first_run, replica_url):
    db, _ = first_run
    con = store.connect(db, read_only=True)
    try:
        assert store.last_successful_date(con, replica_url) == date(2020, 12, 31)
    finally:
        con.close()


def test_history_is_rederived_from_the_raw_archive_without_the_network(first_run):
    from tasks.core.reprocess import reprocess

    db, result = first_run
    tables = ("articles", "sentences", "speeches", "metrics", "org_statements", "speakers")
    before = {t: sorted(map(str, read_rows(db, f"FROM {t}"))) for t in tables}
    con = store.open_writer(db)
    counts = reprocess(con)  # takes no fetcher: the network is never asked
    store.publish(con, db)
    assert counts["unchanged"] == result["row_counts"]["articles"] and counts["new"] == 0
    assert {t: sorted(map(str, read_rows(db, f"FROM {t}"))) for t in tables} == before


def test_three_demo_like_runs_leave_identical_row_counts_but_runs(
    prefect_harness, replica_root: Path, tmp_path: Path
):
    """As `make demo` three times: each run serves the replica on a new port, and its range ends
    on the day with an unparsable article; only `runs` may grow."""
    db = tmp_path / "pearl.duckdb"
    counts = []
    for _ in range(3):
        with ReplicaServer(replica_root) as replica:
            result = daily(
                base_url=replica.base_url,
                db_path=str(db),
                date_from=date(2021, 12, 1),
                date_to=DEMO_RANGE[1],
                delay_s=0,
            )
        counts.append({k: v for k, v in result["row_counts"].items() if k != "runs"})
    assert counts[0] == counts[1] == counts[2]
    assert counts[0]["failed_articles"] == 1 and counts[0]["articles"] > 0
    assert read_rows(db, "SELECT count(*) FROM runs") == [(3,)]
