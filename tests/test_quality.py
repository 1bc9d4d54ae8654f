"""Data-quality checks and `pearl check-site`."""

from __future__ import annotations

from collections import Counter
from datetime import date

from tasks.core.check_site import all_required_found, check_site
from tasks.core.http import Fetcher
from tasks.core.quality import check_run
from tasks.core.replica.generate import FAULT_DAYS
from tasks.core.report import RunSummary


def _summary(articles: int, speeches: int, metrics: int, **extra) -> RunSummary:
    s = RunSummary(
        date(2021, 1, 1),
        date(2021, 1, 1),
        ["zjsb"],
        issues=1,
        new=articles,
        speeches=speeches,
        metrics=metrics,
    )
    for key, value in extra.items():
        setattr(s, key, value)
    return s


HISTORY = [(100, 250, 260), (120, 300, 310)]  # about 5 speeches + metrics per article


def test_a_normal_run_passes():
    assert check_run(_summary(40, 100, 110), HISTORY).ok


def test_collapsing_extraction_fails_and_a_dip_warns():
    report = check_run(_summary(40, 10, 20), HISTORY)
    assert not report.ok and "extraction collapsed" in report.failures[0]
    dipped = _summary(40, 60, 50)
    assert check_run(dipped, HISTORY).ok
    assert dipped.warnings["extraction yield below 60% of the trailing average"] == 1


def test_too_few_articles_or_no_history_is_not_judged():
    assert check_run(_summary(3, 0, 0), HISTORY).ok
    assert check_run(_summary(40, 0, 0), []).ok


def test_issue_without_articles_and_empty_bodies_fail():
    report = check_run(_summary(0, 0, 0, articles_per_issue={"zjsb 2021-01-01": 0}), HISTORY)
    assert "zjsb 2021-01-01 was published but yielded no articles" in report.failures[0]
    report = check_run(
        _summary(5, 9, 9, failures=[_failed("http://h/c_1.htm", "empty_body")]), HISTORY
    )
    assert "empty body" in report.failures[0] and "http://h/c_1.htm" in report.failures[0]


def _failed(url: str, reason: str, quarantined: bool = False, kind: str = "article") -> dict:
    return {
        "kind": kind,
        "url": url,
        "reason": reason,
        "detail": "",
        "attempts": 3 if quarantined else 1,
        "quarantined": quarantined,
    }


def test_a_quarantined_empty_body_no_longer_withholds_the_publish():
    poison = _failed("http://h/c_1.htm", "empty_body", quarantined=True)
    summary = _summary(5, 9, 9, failures=[poison], quarantined=[poison])
    assert check_run(summary, HISTORY).ok
    assert summary.warnings["articles failed: empty_body (quarantined)"] == 1


def test_failed_articles_are_warnings_with_their_reason():
    failures = [
        _failed("http://h/c_1.htm", "fetch_error"),
        _failed("http://h/c_2.htm", "fetch_error"),
        _failed("http://h/node_2.htm", "fetch_error", kind="issue"),
    ]
    summary = _summary(40, 100, 110, skipped=Counter({"picture_only": 1}), failures=failures)
    assert check_run(summary, HISTORY).ok
    assert summary.warnings == Counter(
        {
            "articles failed: fetch_error (retried next run)": 2,
            "issues failed: fetch_error (retried next run)": 1,
            "picture-only items (no body text)": 1,
        }
    )
    assert "http://h/node_2.htm" in summary.markdown({})


def test_check_site_reports_every_field_on_a_good_issue(replica_url):
    fetcher = Fetcher("pearl-tests", delay_s=0)
    findings, url = check_site(fetcher, replica_url, "zjsb", date(2021, 6, 30))
    assert url.endswith(".htm") and all_required_found(findings)
    assert {f.field for f in findings} >= {
        "newest issue",
        "pages",
        "article links",
        "title",
        "body paragraphs",
    }


def test_check_site_names_what_drifted(replica_url):
    fetcher = Fetcher("pearl-tests", delay_s=0)
    findings, _ = check_site(fetcher, replica_url, "zjsb", FAULT_DAYS["no_page_links"])
    failed = [f for f in findings if not f.ok]
    assert [f.field for f in failed] == ["pages"] and "PAGE_LINK_STRATEGIES" in failed[0].source
