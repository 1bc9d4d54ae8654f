"""The fault matrix: every fault kind of the fault server, served to a whole run, and what must
happen: loaded after a retry, recorded with its reason (the run publishes the rest), or a loud
failure with nothing published. Every article the fault does not touch is identical to a
fault-free run's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

from tasks.core.replica.faults import KINDS, Fault, FaultServer
from tests.conftest import read_rows, replica_pages, rows_by_article, run_daily

FIRST, LAST = date(2020, 12, 23), date(2020, 12, 25)  # two zjsb issues
DAY = str(FIRST)
# Bounds that keep each fault quick: one retry, no backoff, a 2 s deadline, a 1 MB cap.
ENV = {
    "PEARL_RETRIES": "1",
    "PEARL_BACKOFF": "0",
    "PEARL_DEADLINE": "2",
    "PEARL_MAX_BYTES": "1000000",
    "PEARL_MAX_RETRY_AFTER": "5",
}


@dataclass(frozen=True)
class Case:
    fault: Fault
    target: str  # article | page | front | robots
    outcome: str  # loaded | recorded | fails
    says: str  # the reason recorded, or words of the failure message


CASES = [
    Case(Fault("http_500"), "article", "recorded", "fetch_error"),
    Case(Fault("http_503"), "page", "recorded", "fetch_error"),
    Case(Fault("http_429", times=1, retry_after=1), "article", "loaded", ""),
    Case(Fault("transient", times=1), "article", "loaded", ""),
    Case(Fault("reset", times=1), "article", "loaded", ""),
    Case(Fault("reset"), "page", "recorded", "fetch_error"),
    Case(Fault("slow", rate=32, interval=0.2), "article", "recorded", "deadline_exceeded"),
    Case(Fault("truncated"), "article", "recorded", "truncated_body"),
    Case(Fault("wrong_charset"), "article", "loaded", ""),
    Case(Fault("malformed"), "article", "recorded", "implausible"),
    Case(Fault("oversized", announce_length=False), "article", "recorded", "too_large"),
    Case(Fault("redirect_off_host"), "article", "recorded", "host_not_allowed"),
    Case(Fault("missing"), "front", "recorded", "not_found"),
    Case(Fault("robots_disallow"), "robots", "fails", "disallows"),
    Case(Fault("markup_drift"), "page", "fails", "no strategy reads a link"),
]


def test_the_matrix_covers_every_fault_kind():
    assert {c.fault.kind for c in CASES} == KINDS


@pytest.fixture(scope="module")
def fault_free(prefect_harness, replica_root, tmp_path_factory) -> dict[str, dict[str, list]]:
    db = tmp_path_factory.mktemp("fault-free") / "pearl.duckdb"
    with pytest.MonkeyPatch.context() as env, FaultServer(replica_root) as server:
        for k, v in ENV.items():
            env.setenv(k, v)
        assert run_daily(server.base_url, db, FIRST, LAST).is_completed()
    rows = rows_by_article(db)
    assert len(rows) > 8 and {a.split(":")[1] for a in rows} == {DAY, str(LAST)}
    return rows


def _target(root: Path, target: str) -> str:
    if target == "robots":
        return "/robots.txt"
    if target == "article":
        return replica_pages(root, "zjsb", DAY, "content_*.htm")[1]
    nodes = replica_pages(root, "zjsb", DAY, "node_*.htm")
    return nodes[0] if target == "front" else nodes[1]


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.fault.kind}-{c.target}-{c.outcome}")
def test_a_fault_is_loaded_recorded_or_loud_and_every_other_article_is_untouched(
    fault_free, replica_root, tmp_path, monkeypatch, case
):
    for k, v in ENV.items():
        monkeypatch.setenv(k, v)
    db = tmp_path / "pearl.duckdb"
    path = _target(replica_root, case.target)
    with FaultServer(replica_root, {path: case.fault}) as server:
        state = run_daily(server.base_url, db, FIRST, LAST)
        assert server.served[path] >= 1  # the fault was served
    if case.outcome == "fails":
        assert state.is_failed() and case.says in state.message
        assert not db.exists()  # nothing published
        return
    assert state.is_completed(), state.message
    got = rows_by_article(db)
    failed = read_rows(db, "SELECT url, reason FROM failed_articles") + read_rows(
        db, "SELECT url, reason FROM failed_issues"
    )
    if case.outcome == "loaded":
        assert failed == []
        assert got.keys() == fault_free.keys()
        for article_id, tables in got.items():  # the raw bytes, the fault's, are in the archive
            assert tables == fault_free[article_id], article_id
        return
    ((url, reason),) = failed
    assert url.endswith(path) and reason == case.says
    lost = fault_free.keys() - got.keys()
    assert lost and got.keys() <= fault_free.keys()
    if case.target == "article":
        assert len(lost) == 1 and path.endswith(f"content_{next(iter(lost)).split(':')[2]}.htm")
    else:  # a page's articles, or the whole issue, all of that date
        assert {a.split(":")[1] for a in lost} == {DAY}
    for article_id, tables in got.items():
        assert tables == fault_free[article_id], article_id
