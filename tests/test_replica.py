"""The replica renders the shapes of the site notes, and whole runs against it (clean, across the
redesign, and behind faults) load everything or fail saying why, publishing nothing then."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.robotparser import RobotFileParser

import pytest

from tasks.core.discover import parse_period_xml
from tasks.core.replica.faults import Fault, FaultServer
from tasks.core.replica.generate import ReplicaIssue
from tasks.core.replica.render import REDESIGN, template_for
from tasks.core.settings import Settings
from tests.conftest import read_rows, replica_pages, run_daily


def _read(root: Path, path: str) -> str:
    raw = (root / path.lstrip("/")).read_bytes()
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def _zjsb(issues: list[ReplicaIssue], before: bool) -> ReplicaIssue:
    return next(
        i
        for i in issues
        if i.edition == "zjsb" and (i.issue_date < REDESIGN) == before and i.articles
    )


def test_index_and_period_xml_name_every_issue_and_its_front_page(replica_root, replica_issues):
    index = _read(replica_root, "/epaper/gcsq/index.htm")
    newest = max(i.issue_date for i in replica_issues if i.edition == "gcsq")
    assert f"URL=html/{newest:%Y-%m/%d}/node_16577.htm" in index
    for month in ("2020-12", "2021-01"):
        listed = parse_period_xml(_read(replica_root, f"/epaper/zjsb/html/{month}/period.xml"))
        days = {i.issue_date for i in replica_issues if i.edition == "zjsb"}
        assert set(listed) == {d for d in days if f"{d:%Y-%m}" == month}
        fronts = {"node_187.htm" if d < REDESIGN else "node_1331.htm" for d in listed}
        assert set(listed.values()) == fronts  # the front page moves at the redesign


def test_robots_txt_lets_the_scraper_read_the_epaper(replica_root):
    robots = RobotFileParser()
    robots.parse(_read(replica_root, "/robots.txt").splitlines())
    assert robots.can_fetch(Settings().user_agent, "http://h/epaper/zjsb/html/2020-12/23/x.htm")
    assert not robots.can_fetch(Settings().user_agent, "http://h/admin/")


def test_classic_pages_have_the_founder_shapes(replica_root, replica_issues):
    issue = _zjsb(replica_issues, before=True)
    day = f"{issue.issue_date}"
    node = _read(replica_root, replica_pages(replica_root, "zjsb", day, "node_187.htm")[0])
    assert re.search(r"<a id=pageLink href=node_187\.htm>A01： ", node)  # hidden short menu
    assert "<a id=pageLink href=node_187.htm>第A01版：" in node  # visible long label
    assert re.search(r"<area [^>]*href=content_\d+\.htm#article>", node)
    assert re.search(r"<a href=content_\d+\.htm\?div=-1><div ", node)
    assert "node_1.htm" not in node and "<!--enpproperty" in node
    article = _read(replica_root, replica_pages(replica_root, "zjsb", day, "content_*.htm")[0])
    assert re.search(r"\d{4} 年 \d{1,2} 月 \d{1,2} 日 星期", article)  # spaced date
    assert "<founder-type>1</founder-type> /enpproperty-->" in article


def test_templates_switch_at_the_redesign():
    assert template_for("zjsb", date(2020, 12, 31)) == "classic"
    assert template_for("gcsq", date(2020, 12, 31)) == "cms-comment"
    assert {template_for(e, REDESIGN) for e in ("zjsb", "gcsq")} == {"responsive"}


# ---- whole runs ---------------------------------------------------------------------------------


def test_a_run_across_the_redesign_loads_every_article_of_every_template(
    prefect_harness, replica_url, replica_issues, tmp_path
):
    days = {e: [i.issue_date for i in replica_issues if i.edition == e] for e in ("zjsb", "gcsq")}
    first = min(max(d for d in ds if d < REDESIGN) for ds in days.values())
    last = max(min(d for d in ds if d >= REDESIGN) for ds in days.values())
    expected = {
        (i.edition, i.issue_date, a.title)
        for i in replica_issues
        if first <= i.issue_date <= last
        for a in i.articles
    }
    state = run_daily(replica_url, tmp_path / "pearl.duckdb", first, last)
    assert state.is_completed(), state.message
    summary = state.result()["summary"]
    db = tmp_path / "pearl.duckdb"
    loaded = read_rows(db, "SELECT edition, issue_date, title FROM articles")
    assert set(loaded) == expected
    templates = dict(read_rows(db, "SELECT template, count(*) FROM articles GROUP BY 1"))
    assert set(templates) == {"classic", "cms-comment", "responsive"}
    # every link found ends as a loaded article or a failure with its reason
    assert summary.articles + summary.failed == len(expected) and summary.failed == 0
    assert not any("probe" in w for w in summary.warnings)


@pytest.fixture(scope="module")
def fault_day(replica_issues) -> ReplicaIssue:
    return next(
        i for i in replica_issues if i.edition == "zjsb" and i.issue_date == date(2020, 12, 23)
    )


def test_robots_txt_disallowing_epaper_stops_the_run_before_any_article(
    prefect_harness, replica_root, fault_day, tmp_path
):
    db = tmp_path / "pearl.duckdb"
    with FaultServer(replica_root, {"/robots.txt": Fault("robots_disallow")}) as server:
        state = run_daily(server.base_url, db, fault_day.issue_date, fault_day.issue_date)
    assert state.is_failed()
    assert "robots.txt of 127.0.0.1" in state.message and "disallows" in state.message
    assert server.hits_matching("/epaper/*") == 0 and not db.exists()


def test_a_429_with_retry_after_is_waited_out_and_the_article_loads(
    prefect_harness, replica_root, fault_day, tmp_path
):
    day = str(fault_day.issue_date)
    article = replica_pages(replica_root, "zjsb", day, "content_*.htm")[1]
    db = tmp_path / "pearl.duckdb"
    faults = {article: Fault("http_429", times=1, retry_after=2)}
    with FaultServer(replica_root, faults) as server:
        state = run_daily(server.base_url, db, fault_day.issue_date, fault_day.issue_date)
    assert state.is_completed(), state.message
    assert server.served[article] == 1 and server.hits[article] == 2
    urls = [u for (u,) in read_rows(db, "SELECT url FROM articles")]
    assert any(u.endswith(article) for u in urls) and len(urls) == len(fault_day.articles)


def test_links_moved_to_an_unknown_element_fail_the_run_naming_the_strategies(
    prefect_harness, replica_root, fault_day, tmp_path
):
    day = str(fault_day.issue_date)
    page = replica_pages(replica_root, "zjsb", day, "node_*.htm")[1]
    db = tmp_path / "pearl.duckdb"
    with FaultServer(replica_root, {page: Fault("markup_drift")}) as server:
        state = run_daily(server.base_url, db, fault_day.issue_date, fault_day.issue_date)
    assert state.is_failed()
    assert "no strategy reads a link" in state.message
    assert (
        "a[href=content_N.htm…]" in state.message and "area[href=content_N.htm…]" in state.message
    )
    assert not db.exists()  # nothing published


@pytest.mark.parametrize(
    ("day", "template", "title_strategy"),
    [
        (date(2020, 12, 31), "classic", "founder-title"),
        (date(2021, 6, 30), "responsive", "responsive h1"),
    ],
)
def test_check_site_reports_the_template_and_each_fields_strategy(
    replica_url, day, template, title_strategy
):
    from tasks.core.check_site import check_site
    from tasks.core.http import Fetcher

    findings, _ = check_site(Fetcher("pearl-tests", delay_s=0), replica_url, "zjsb", day)
    by_field = {f.field: f for f in findings}
    assert by_field["template"].value == template
    assert by_field["title"].source == title_strategy
    assert by_field["page"].source == "page the link came from"
    assert by_field["newest issue"].source == "period.xml"


def test_a_day_period_xml_promises_but_answers_404_is_named_in_the_summary(
    prefect_harness, replica_root, replica_issues, tmp_path
):
    days = sorted(i.issue_date for i in replica_issues if i.edition == "zjsb")
    gone, kept = days[0], days[1]
    front = f"/epaper/zjsb/html/{gone:%Y-%m/%d}/node_187.htm"
    with FaultServer(replica_root, {front: Fault("missing")}) as server:
        state = run_daily(server.base_url, tmp_path / "pearl.duckdb", gone, kept)
    assert state.is_completed(), state.message
    summary = state.result()["summary"]
    assert [w for w in summary.warnings if w.startswith("missing issue:")] == [
        f"missing issue: zjsb {gone}: period.xml lists it but {server.base_url}{front} answered 404"
    ]
    loaded = {
        d
        for (d,) in read_rows(
            tmp_path / "pearl.duckdb",
            "SELECT DISTINCT issue_date FROM articles WHERE edition = 'zjsb'",
        )
    }
    assert loaded == {kept}
