"""`pearl check-site`: fetch the newest issue and one article, report what the adapter finds."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tasks.core import site
from tasks.core.clean import clean_paragraphs
from tasks.core.http import Fetcher, FetchError
from tasks.core.parse import SiteDriftError, parse_article, parse_issue_pages, parse_page_articles
from tasks.core.pipeline import find_issue


@dataclass
class Finding:
    field: str
    ok: bool
    value: str
    source: str  # the selector or pattern that produced it
    required: bool = True


def check_site(
    fetcher: Fetcher, base_url: str, edition: str, today: date, days_back: int = 14
) -> tuple[list[Finding], str]:
    """Field-by-field findings for the newest issue of `edition` in the last `days_back` days,
    and the URL that was checked."""
    findings: list[Finding] = []
    issue = None
    for back in range(days_back + 1):
        try:
            issue = find_issue(fetcher, base_url, edition, today - timedelta(days=back))
        except FetchError as exc:
            return [Finding("site reachable", False, str(exc), base_url)], base_url
        if issue:
            break
    pattern = site.ISSUE_DIR + site.FRONT_PAGE
    findings.append(
        Finding(
            "newest issue",
            bool(issue),
            str(issue.issue_date) if issue else f"none in {days_back} days",
            f"site.ISSUE_DIR + site.FRONT_PAGE = {pattern}",
        )
    )
    if not issue:
        return findings, base_url
    front = fetcher.get(issue.url)
    try:
        pages = parse_issue_pages(front.text, front.url, edition, issue.issue_date)
    except SiteDriftError as exc:
        findings.append(
            Finding("pages", False, str(exc), f"site.SEL_PAGE_LINKS = {site.SEL_PAGE_LINKS}")
        )
        return findings, issue.url
    findings.append(
        Finding(
            "pages",
            True,
            ", ".join(f"{p.page_no}:{p.page_name}" for p in pages[:6]),
            f"site.SEL_PAGE_LINKS = {site.SEL_PAGE_LINKS}",
        )
    )
    refs = []
    for page in pages:
        refs = parse_page_articles(fetcher.get(page.url).text, page)
        if refs:
            break
    findings.append(
        Finding(
            "article links",
            bool(refs),
            f"{len(refs)} on page {refs[0].page_no}" if refs else "none on any page",
            f"site.SEL_PAGE_ARTICLES = {site.SEL_PAGE_ARTICLES}",
        )
    )
    if not refs:
        return findings, issue.url
    page = fetcher.get(refs[0].url)
    findings.append(
        Finding(
            "encoding",
            True,
            f"{page.encoding} (declared {page.declared_encoding})",
            "HTTP header / <meta charset>",
            required=False,
        )
    )
    try:
        art = parse_article(page.text, refs[0].url)
    except SiteDriftError as exc:
        findings.append(Finding("article", False, str(exc), "site.SEL_TITLE / site.SEL_BODY"))
        return findings, refs[0].url
    clean = clean_paragraphs(art.paragraphs)
    body = [p for p in clean.paragraphs if p.kind == "body"]
    findings += [
        Finding("title", bool(art.title), art.title, f"site.SEL_TITLE = {site.SEL_TITLE}"),
        Finding(
            "kicker", bool(art.kicker), art.kicker, f"site.SEL_KICKER = {site.SEL_KICKER}", False
        ),
        Finding(
            "subtitle",
            bool(art.subtitle),
            art.subtitle,
            f"site.SEL_SUBTITLE = {site.SEL_SUBTITLE}",
            False,
        ),
        Finding(
            "page label",
            bool(art.page_no),
            f"{art.page_no}:{art.page_name}",
            f"site.SEL_ARTICLE_PAGE_LABEL = {site.SEL_ARTICLE_PAGE_LABEL}",
            False,
        ),
        Finding(
            "date line",
            art.dateline == issue.issue_date,
            str(art.dateline),
            f"site.SEL_DATELINE = {site.SEL_DATELINE}",
            False,
        ),
        Finding(
            "body paragraphs",
            bool(body),
            f"{len(body)}: {body[0].text[:40] if body else ''}",
            f"site.SEL_BODY = {site.SEL_BODY} > {site.SEL_BODY_PARAGRAPHS}",
        ),
        Finding(
            "byline",
            bool(clean.byline),
            clean.byline[:40],
            "clean._LEAD_BYLINE / _CREDIT_LINE",
            False,
        ),
        Finding(
            "captions",
            True,
            str(sum(p.kind == "caption" for p in clean.paragraphs)),
            "■ ▲ ●",
            False,
        ),
    ]
    return findings, refs[0].url


def format_findings(findings: list[Finding], url: str) -> str:
    lines = [f"Checked {url}", ""]
    for f in findings:
        mark = "ok  " if f.ok else ("FAIL" if f.required else "none")
        lines.append(f"  [{mark}] {f.field:<16} {f.value[:60]:<60}  ← {f.source}")
    return "\n".join(lines)


def all_required_found(findings: list[Finding]) -> bool:
    return all(f.ok for f in findings if f.required)
