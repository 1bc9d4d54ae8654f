"""The site adapter on replica pages served over HTTP, GBK and wrongly declared pages included."""

from __future__ import annotations

import pytest

from tasks.core import site
from tasks.core.http import Fetcher, NotFound, declared_encoding, decode_html
from tasks.core.parse import SiteDriftError, parse_article, parse_issue_pages, parse_page_articles
from tasks.core.pipeline import find_issue
from tasks.core.replica.generate import ReplicaIssue


@pytest.fixture(scope="module")
def fetcher() -> Fetcher:
    return Fetcher("pearl-tests", timeout_s=5, delay_s=0)


def _issue(issues: list[ReplicaIssue], **want: object) -> ReplicaIssue:
    return next(
        i for i in issues if all(getattr(i, k) == v for k, v in want.items()) and i.articles
    )


def _articles(fetcher: Fetcher, base: str, issue: ReplicaIssue) -> list:
    front = fetcher.get(site.front_page_url(base, issue.edition, issue.issue_date))
    pages = parse_issue_pages(front.text, front.url, issue.edition, issue.issue_date)
    refs = [r for p in pages for r in parse_page_articles(fetcher.get(p.url).text, p)]
    return [(fetcher.get(r.url), r) for r in refs]


def test_issue_pages_follow_the_table_of_contents(fetcher, replica_url, replica_issues):
    issue = _issue(replica_issues, edition="zjsb")
    front = fetcher.get(site.front_page_url(replica_url, "zjsb", issue.issue_date))
    pages = parse_issue_pages(front.text, front.url, "zjsb", issue.issue_date)
    assert [(p.page_no, p.page_name) for p in pages] == list(issue.pages)
    assert all(p.url.endswith(f"node_{k}.htm") for k, p in enumerate(pages, start=1))


def test_every_article_of_an_issue_is_found_and_parsed(fetcher, replica_url, replica_issues):
    issue = _issue(replica_issues, edition="gcsq")
    found = _articles(fetcher, replica_url, issue)
    assert sorted(r.title for _, r in found) == sorted(a.title for a in issue.articles)
    for page, ref in found:
        art = parse_article(page.text, ref.url)
        expected = next(a for a in issue.articles if a.title == art.title)
        assert (art.edition, art.issue_date, art.page_no, art.page_name) == (
            issue.edition,
            issue.issue_date,
            expected.page_no,
            expected.page_name,
        )
        assert art.kicker == expected.kicker
        assert art.dateline == issue.issue_date
        assert art.paragraphs == expected.paragraphs  # chrome and navigation left out


def test_gbk_issue_declared_only_in_the_page_decodes(fetcher, replica_url, replica_issues):
    issue = _issue(replica_issues, encoding="gbk")
    found = _articles(fetcher, replica_url, issue)
    assert found
    for page, ref in found:
        assert page.declared_encoding == "gb18030" and page.encoding == "gb18030"
        art = parse_article(page.text, ref.url)
        assert art.title in {a.title for a in issue.articles}


def test_utf8_page_wrongly_declared_as_gb2312_still_decodes(fetcher, replica_url, replica_issues):
    issue = _issue(replica_issues, encoding="utf-8", declared="gb2312")
    page, ref = _articles(fetcher, replica_url, issue)[0]
    assert page.declared_encoding == "gb18030" and page.encoding == "utf-8"
    assert parse_article(page.text, ref.url).title in {a.title for a in issue.articles}


def test_decoding_without_any_declaration_detects_gbk():
    text = "<html><body><p>桂城街道举行高质量发展大讨论，与会代表踊跃发言。</p></body></html>" * 5
    decoded, encoding = decode_html(text.encode("gbk"), declared_encoding(None, text.encode("gbk")))
    assert decoded == text and encoding == "gb18030"


def test_a_date_without_an_issue_is_not_an_error(fetcher, replica_url, replica_issues):
    dates = {i.issue_date for i in replica_issues if i.edition == "zjsb"}
    day = min(dates)
    while day in dates:
        day = day.replace(day=day.day + 1)
    assert find_issue(fetcher, replica_url, "zjsb", day) is None
    with pytest.raises(NotFound):
        fetcher.get(site.front_page_url(replica_url, "zjsb", day))


def test_markup_drift_names_the_selector():
    url = "http://example.org/epaper/zjsb/html/2020-12/23/content_1441.htm"
    with pytest.raises(SiteDriftError, match="SEL_TITLE"):
        parse_article("<html><body><h1>标题</h1><p>正文</p></body></html>", url)
    with pytest.raises(SiteDriftError, match="SEL_PAGE_LINKS"):
        parse_issue_pages("<html><body>改版了</body></html>", url, "zjsb", None)


def test_article_identity_needs_edition_and_date():
    key = site.article_key("http://h/epaper/gcsq/html/2021-01/05/content_12.htm")
    assert key.article_id == "gcsq:2021-01-05:12"
    with pytest.raises(ValueError, match="ARTICLE_URL"):
        site.article_key("http://h/epaper/gcsq/2021/content_12.htm")
