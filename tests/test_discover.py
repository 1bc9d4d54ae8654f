"""Discovery without guesses: period.xml and the index's meta refresh name the issues and their
front pages; probing happens only when they are silent, and is counted."""

from __future__ import annotations

from datetime import date

import pytest

from tasks.core.discover import Discovery, meta_refresh_target, parse_period_xml
from tasks.core.http import Fetcher
from tasks.core.pipeline import scrape_issue
from tasks.core.replica.faults import Fault, FaultServer
from tasks.core.replica.generate import ReplicaIssue
from tasks.core.replica.render import REDESIGN
from tasks.core.settings import Settings


def _fetcher() -> Fetcher:
    return Fetcher("pearl-tests", 5, 0)


def _dates(issues: list[ReplicaIssue], edition: str) -> list[date]:
    return sorted(i.issue_date for i in issues if i.edition == edition)


def test_period_xml_lists_dates_and_front_pages():
    xml = """<?xml version="1.0" encoding="UTF-8"?><calendar>
    <period id="1"><period_name>2017-10-09</period_name><period_date>2017-10-09</period_date>
    <front_page>node_82.htm</front_page></period>
    <period id="2"><period_date>2017-10-10</period_date></period>
    <period id="3"><period_date>2017-02-30</period_date></period></calendar>"""
    assert parse_period_xml(xml) == {date(2017, 10, 9): "node_82.htm", date(2017, 10, 10): None}


def test_meta_refresh_gives_the_newest_front_page():
    html = '<html><head><meta http-equiv=refresh content="0; URL=html/2021-12/28/node_1331.htm">'
    assert (
        meta_refresh_target(html, "http://h/epaper/zjsb/")
        == "http://h/epaper/zjsb/html/2021-12/28/node_1331.htm"
    )
    assert meta_refresh_target("<html><body>首页</body></html>", "http://h/") is None


def test_current_issue_comes_from_the_edition_index(replica_url, replica_issues):
    newest = Discovery(_fetcher(), replica_url).current_issue("gcsq")
    assert newest is not None and newest.issue_date == _dates(replica_issues, "gcsq")[-1]
    assert newest.url.endswith("/node_16577.htm")


def test_front_page_node_is_learned_per_date_across_the_redesign(replica_url, replica_issues):
    days = _dates(replica_issues, "zjsb")
    before = max(d for d in days if d < REDESIGN)
    after = min(d for d in days if d >= REDESIGN)
    discovery = Discovery(_fetcher(), replica_url)
    old, new = discovery.find("zjsb", before), discovery.find("zjsb", after)
    assert old.url.endswith(f"/{before:%Y-%m/%d}/node_187.htm")
    assert new.url.endswith(f"/{after:%Y-%m/%d}/node_1331.htm")
    assert old.front is not None and new.front is not None  # fetched once, handed on
    assert discovery.probes == 0 and discovery.sources["period.xml"] == 2


def test_a_date_without_issue_costs_no_request_to_its_folder(replica_root, replica_issues):
    days = set(_dates(replica_issues, "zjsb"))
    day = next(d for d in (date(2020, 12, n) for n in range(1, 32)) if d not in days)
    with FaultServer(replica_root) as server:
        discovery = Discovery(_fetcher(), server.base_url)
        assert discovery.find("zjsb", day) is None
    assert server.hits_matching(f"*/{day:%Y-%m/%d}/*") == 0 and discovery.probes == 0


def test_without_period_xml_probing_is_the_counted_last_resort(replica_root, replica_issues):
    day = max(_dates(replica_issues, "gcsq"))  # the index names the newest; the one before not
    earlier = [d for d in _dates(replica_issues, "gcsq") if d >= REDESIGN][-2]
    with FaultServer(replica_root, {"*/period.xml": Fault("missing")}) as server:
        discovery = Discovery(_fetcher(), server.base_url)
        assert discovery.find("gcsq", day).url.endswith("node_16577.htm")
        assert discovery.probes == 0 and discovery.sources["index.htm"] == 1
        found = discovery.find("gcsq", earlier)
    assert found.url.endswith(f"/{earlier:%Y-%m/%d}/node_16577.htm")
    assert discovery.probes == 1 and discovery.sources["probing"] == 1
    assert discovery.warnings() == {"front-page probes (no period.xml or index named the page)": 1}


def test_a_day_period_xml_promises_that_answers_404_is_recorded(replica_root, replica_issues):
    day = _dates(replica_issues, "zjsb")[0]
    front = f"/epaper/zjsb/html/{day:%Y-%m/%d}/node_187.htm"
    with FaultServer(replica_root, {front: Fault("missing")}) as server:
        discovery = Discovery(_fetcher(), server.base_url)
        assert discovery.find("zjsb", day) is None
    missing = f"zjsb {day}: period.xml lists it but {server.base_url}{front} answered 404"
    assert discovery.missing == [missing]
    assert discovery.warnings() == {f"missing issue: {missing}": 1}


@pytest.mark.parametrize("day", [date(2020, 12, 23), date(2021, 1, 5)])
def test_the_front_page_is_fetched_once_per_run(replica_root, replica_issues, day):
    issue = next(i for i in replica_issues if i.edition == "zjsb" and i.issue_date >= day)
    with FaultServer(replica_root) as server:
        fetcher = _fetcher()
        found = Discovery(fetcher, server.base_url).find("zjsb", issue.issue_date)
        batch = scrape_issue(fetcher, found, Settings().article_budget_s)
    front_path = found.url.removeprefix(server.base_url)
    assert server.hits[front_path] == 1
    assert batch.articles == len(issue.articles) and not batch.failures


def test_a_month_without_period_xml_on_a_site_that_keeps_them_has_no_issue(replica_root):
    with FaultServer(replica_root) as server:
        discovery = Discovery(_fetcher(), server.base_url)
        assert discovery.find("gcsq", date(2022, 1, 4)) is None  # gcsq has no issue in 2022
    assert discovery.probes == 0
    assert server.hits["/epaper/gcsq/html/2021-12/period.xml"] == 1  # the month before has one
