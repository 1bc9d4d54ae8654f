"""`pearl check-site`: find the newest issue and read one article the way a run does; report the
template found and, for each field, the strategy of site.py that found it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tasks.core import site
from tasks.core.clean import clean_paragraphs
from tasks.core.discover import Discovery
from tasks.core.http import Fetcher, FetchError
from tasks.core.parse import ParseError, parse_article, parse_issue_pages, parse_page_articles


@dataclass
class Finding:
    field: str
    ok: bool
    value: str
    source: str  # the strategy (or pattern) that produced it
    required: bool = True


def _names(strategies: tuple[site.Strategy, ...]) -> str:
    return " → ".join(s.name for s in strategies)


# field label, ParsedArticle attribute, key in ParsedArticle.strategies, strategies, required
_FIELDS = (
    ("title", "title", "title", site.TITLE, True),
    ("kicker", "kicker", "kicker", site.KICKER, False),
    ("subtitle", "subtitle", "subtitle", site.SUBTITLE, False),
    ("author", "author", "author", site.AUTHOR, False),
    ("date line", "dateline", "dateline", site.DATELINE, False),
    ("page", "page_no", "page", site.PAGE, False),
)


def check_site(
    fetcher: Fetcher, base_url: str, edition: str, today: date, days_back: int = 14
) -> tuple[list[Finding], str]:
    """Field-by-field findings for the newest issue of `edition` in the last `days_back` days,
    and the URL that was checked."""
    discovery = Discovery(fetcher, base_url)
    issue = None
    try:
        for back in range(days_back + 1):
            issue = discovery.find(edition, today - timedelta(days=back))
            if issue:
                break
    except FetchError as exc:
        return [Finding("site reachable", False, str(exc), base_url)], base_url
    how = ", ".join(discovery.sources) or "period.xml, index.htm, probing"
    found = str(issue.issue_date) if issue else f"none in {days_back} days"
    findings = [Finding("newest issue", bool(issue), found, how)]
    if discovery.probes:
        findings.append(
            Finding("front-page probes", False, str(discovery.probes), "probing", False)
        )
    if not issue:
        return findings, base_url
    front = issue.front or fetcher.get(issue.url)
    link_source = f"site.PAGE_LINK_STRATEGIES: {_names(site.PAGE_LINK_STRATEGIES)}"
    try:
        pages = parse_issue_pages(front.text, front.url, edition, issue.issue_date)
    except ParseError as exc:
        findings.append(Finding("pages", False, str(exc), link_source))
        return findings, issue.url
    listed = ", ".join(f"{p.page_no}:{p.page_name}" for p in pages[:6])
    findings.append(Finding("pages", True, listed, link_source))
    refs = []
    article_source = f"site.ARTICLE_LINK_STRATEGIES: {_names(site.ARTICLE_LINK_STRATEGIES)}"
    for page in pages:
        html = front.text if page.url == front.url else fetcher.get(page.url).text
        try:
            refs = parse_page_articles(html, page)
        except ParseError as exc:
            findings.append(Finding("article links", False, str(exc), article_source))
            return findings, page.url
        if refs:
            break
    links = f"{len(refs)} on page {refs[0].page_no}" if refs else "none on any page"
    findings.append(Finding("article links", bool(refs), links, article_source))
    if not refs:
        return findings, issue.url
    page = fetcher.get(refs[0].url)
    declared = f"{page.encoding} (declared {page.declared_encoding})"
    findings.append(Finding("encoding", True, declared, "HTTP header / <meta charset>", False))
    try:
        art = parse_article(page.text, refs[0].url, refs[0])
    except ParseError as exc:
        findings.append(Finding("article", False, str(exc), "site.TITLE / site.BODY"))
        return findings, refs[0].url
    findings.append(
        Finding(
            "template",
            art.template != site.UNKNOWN_TEMPLATE,
            art.template,
            f"site.TEMPLATES: {_names(site.TEMPLATES)}",
            False,
        )
    )
    for label, attr, key, strategies, required in _FIELDS:
        value = getattr(art, attr)
        strategy = art.strategies.get(key, "")
        shown = f"{value}:{art.page_name}" if attr == "page_no" and value else str(value or "")
        findings.append(
            Finding(
                label, bool(value), shown, strategy or f"none of {_names(strategies)}", required
            )
        )
    clean = clean_paragraphs(art.paragraphs)
    body = [p for p in clean.paragraphs if p.kind == "body"]
    findings += [
        Finding(
            "body paragraphs",
            bool(body),
            f"{len(body)}: {body[0].text[:40] if body else ''}",
            art.strategies.get("body", _names(site.BODY)),
        ),
        Finding(
            "date matches URL",
            art.dateline == issue.issue_date,
            str(art.dateline),
            "date line vs article URL",
            False,
        ),
        Finding("byline", bool(clean.byline), clean.byline[:40], "clean._LEAD_BYLINE", False),
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
