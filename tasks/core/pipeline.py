"""One issue from the e-paper to rows: discover pages and articles, fetch, parse, clean, segment,
extract. Plain Python; the Prefect tasks only wrap these functions."""

from __future__ import annotations

import gzip
import hashlib
import heapq
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from tasks.core import site
from tasks.core.budget import OverBudget, within_budget
from tasks.core.clean import clean_paragraphs
from tasks.core.http import Fetcher, FetchError, NotFound, RobotsDisallowed
from tasks.core.metrics import extract_metrics
from tasks.core.models import ArticleRef, CleanArticle, FetchedPage, Paragraph, ParsedArticle
from tasks.core.parse import (
    ParseError,
    SiteDriftError,
    check_issue_coverage,
    parse_article,
    parse_issue_pages,
    parse_page_articles,
)
from tasks.core.segment import keywords, segment
from tasks.core.speeches import extract_speeches_and_statements
from tasks.core.theme_match import ThemeMatcher, theme_rows
from tasks.core.themes import load_themes

if TYPE_CHECKING:  # discover.py builds on IssueRef: imported for the annotation only
    from tasks.core.discover import Discovery

# The tables one article contributes rows to.
TABLES = (
    "articles",
    "raw_pages",
    "sentences",
    "speeches",
    "metrics",
    "sentence_themes",
    "article_terms",
    "org_statements",
)


@dataclass(frozen=True)
class IssueRef:
    edition: str
    issue_date: date
    url: str
    # The front page when discovery already fetched it: fetched once, reused by scrape_issue.
    front: FetchedPage | None = field(default=None, compare=False, repr=False)


@dataclass
class Extraction:
    """What the text of one article yields."""

    clean: CleanArticle
    sentences: list[dict[str, Any]]
    speeches: list[dict[str, Any]]
    metrics: list[dict[str, Any]]
    keywords: list[str]
    sentence_themes: list[dict[str, Any]]
    terms: list[dict[str, Any]]
    statements: list[dict[str, Any]]


@dataclass
class IssueBatch:
    """Rows of one issue, ready to load, and what was skipped or failed on the way."""

    issue: IssueRef
    pages: int = 0
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    failures: list[dict[str, Any]] = field(default_factory=list)  # failed_articles rows
    discovered: list[IssueRef] = field(default_factory=list)  # of a discovery batch
    issue_failures: list[dict[str, Any]] = field(default_factory=list)  # failed_issues rows
    skipped: Counter[str] = field(default_factory=Counter)

    @property
    def articles(self) -> int:
        return len(self.rows.get("articles", []))


PAPER_TZ = ZoneInfo("Asia/Shanghai")


def today_for_paper() -> date:
    """Today where the paper is published (a run at 06:30 in Foshan is still 'yesterday' in UTC)."""
    return datetime.now(PAPER_TZ).date()


def dates_to_fetch(
    today: date,
    last_done: date | None,
    lookback_days: int,
    first: date | None = None,
    last: date | None = None,
    catch_up_days: int | None = None,
) -> list[date]:
    """Explicit range if given; otherwise everything since the last successful run, with a
    small lookback for late or corrected issues (the first run looks back `lookback_days`).
    A catch-up reaches back `catch_up_days` at most: older dates are a backfill, not a daily
    run's hour of polite requests."""
    if first or last:
        start, end = first or last, last or first
    else:
        end = today
        start = (last_done or today) - timedelta(days=lookback_days)
        if catch_up_days is not None:
            start = max(start, today - timedelta(days=catch_up_days))
    if start > end:
        raise ValueError(f"empty date range: {start} is after {end}")
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def discover(
    discovery: Discovery,
    wanted: list[tuple[str, date]],
    promised: set[tuple[str, date]],
) -> IssueBatch:
    """The issues among (edition, date) pairs, as an IssueBatch holding no rows: `discovered`
    lists them, `issue_failures` the dates whose front page could not be fetched (retried by
    later runs; the other issues go ahead) and the dates that were promised but answered 404:
    by period.xml, or by an earlier run's server error (`promised`). robots.txt refusing the
    e-paper stops the run: no date can be read."""
    batch = IssueBatch(IssueRef("", date.min, ""), rows=_empty_rows())
    for edition, day in wanted:
        url = site.issue_dir_url(discovery.base_url, edition, day)
        missing = len(discovery.missing)
        try:
            issue = discovery.find(edition, day)
        except RobotsDisallowed:
            raise
        except FetchError as exc:
            batch.issue_failures.append(
                _issue_failure(edition, day, "", url, fetch_reason(exc), exc)
            )
            continue
        if issue:
            batch.discovered.append(issue)
        elif len(discovery.missing) > missing:  # period.xml names the front page, or not
            front = url + ((discovery.calendar(edition, day) or {}).get(day) or "")
            batch.issue_failures.append(
                _issue_failure(edition, day, "", front, "not_found", discovery.missing[-1])
            )
        elif (edition, day) in promised:
            batch.issue_failures.append(
                _issue_failure(edition, day, "", url, "not_found", "failed before, now answers 404")
            )
    return batch


_matcher: ThemeMatcher | None = None


def theme_matcher() -> ThemeMatcher:
    """The matcher of the taxonomy file, built once per process (`pearl retag` builds its own)."""
    global _matcher
    if _matcher is None:
        _matcher = ThemeMatcher(load_themes())
    return _matcher


def speech_containing(positions: list[int], speeches: list[dict[str, Any]]) -> list[int | None]:
    """For each offset, the first speech (lowest speech_no) whose span holds it, or None.

    One sweep over both, sorted: a text with thousands of figures and speeches stays linear."""
    by_start = sorted(speeches, key=lambda sp: sp["start_offset"])
    order = sorted(range(len(positions)), key=positions.__getitem__)
    found: list[int | None] = [None] * len(positions)
    active: list[tuple[int, int]] = []  # (speech_no, end_offset) of speeches begun so far
    k = 0
    for i in order:
        at = positions[i]
        while k < len(by_start) and by_start[k]["start_offset"] <= at:
            heapq.heappush(active, (by_start[k]["speech_no"], by_start[k]["end_offset"]))
            k += 1
        while active and active[0][1] <= at:  # ended before this offset, and before any later one
            heapq.heappop(active)
        found[i] = active[0][0] if active else None
    return found


@dataclass
class Findings:
    """What the extractors find in an article's paragraphs: `pearl extract` prints these."""

    speeches: list[dict[str, Any]]
    statements: list[dict[str, Any]]
    metrics: list[dict[str, Any]]


def extract_findings(paragraphs: list[Paragraph]) -> Findings:
    """Speeches, statements of bodies and metrics as rows, offsets into the joined paragraphs;
    a figure quoted inside a speech points to it."""
    found_speeches, found_statements = extract_speeches_and_statements(paragraphs)
    speeches = [
        {
            "speech_no": i,
            "paragraph_no": sp.paragraph_no,
            "speaker": sp.speaker,
            "title": sp.title,
            "organization": sp.organization,
            "verb": sp.verb,
            "kind": sp.kind,
            "text": sp.text,
            "start_offset": sp.start,
            "end_offset": sp.end,
            "resolved_from": sp.resolved_from,
        }
        for i, sp in enumerate(found_speeches)
    ]
    statements = [
        {
            "statement_no": i,
            "paragraph_no": st.paragraph_no,
            "body": st.body,
            "verb": st.verb,
            "text": st.text,
            "start_offset": st.start,
            "end_offset": st.end,
        }
        for i, st in enumerate(found_statements)
    ]
    found_metrics = extract_metrics(paragraphs)
    quoted_in = speech_containing([m.start for m in found_metrics], speeches)
    metrics = []
    for i, m in enumerate(found_metrics):
        row = dict(vars(m))  # its fields in order, shallow (asdict deep-copies: 10× slower)
        row["metric_no"] = i
        row["start_offset"], row["end_offset"] = row.pop("start"), row.pop("end")
        row["speech_no"] = quoted_in[i]
        metrics.append(row)
    return Findings(speeches, statements, metrics)


def extract_text(clean: CleanArticle) -> Extraction:
    """Segment and extract from cleaned paragraphs; rows carry offsets into clean.content."""
    sentences = [
        {
            "sentence_no": s.sentence_no,
            "paragraph_no": s.paragraph_no,
            "kind": s.kind,
            "start_offset": s.start,
            "end_offset": s.end,
            "text": s.text,
            "tokens": list(s.tokens),
        }
        for s in segment(clean.paragraphs)
    ]
    found = extract_findings(clean.paragraphs)
    speeches, statements, metrics = found.speeches, found.statements, found.metrics
    body_tokens = [t for s in sentences if s["kind"] in ("body", "subhead") for t in s["tokens"]]
    named = [sp[k] for sp in speeches for k in ("title", "organization") if sp[k]]
    not_mentions = [*named, clean.byline, *clean.photo_credits]
    tags, terms = theme_rows(sentences, theme_matcher(), not_mentions)
    return Extraction(
        clean, sentences, speeches, metrics, keywords(body_tokens), tags, terms, statements
    )


def article_rows(parsed: ParsedArticle, page: FetchedPage) -> dict[str, list[dict[str, Any]]]:
    """Every row one article contributes, keyed by table name."""
    headline = [h for h in (parsed.kicker, parsed.title, parsed.subtitle) if h]
    clean = clean_paragraphs(parsed.paragraphs, headline=headline)
    ex = extract_text(clean)
    content = clean.content
    aid = parsed.article_id
    now = page.fetched_at
    article = {
        "article_id": aid,
        "url": parsed.url,
        "edition": parsed.edition,
        "edition_name": site.EDITIONS.get(parsed.edition, parsed.edition),
        "issue_date": parsed.issue_date,
        "page_no": parsed.page_no,
        "page_name": parsed.page_name,
        "seq": parsed.seq,
        "kicker": parsed.kicker,
        "title": parsed.title,
        "subtitle": parsed.subtitle,
        "byline": clean.byline,
        "authors": clean.authors,
        "captions": [p.text for p in clean.paragraphs if p.kind == "caption"],
        "photo_credits": clean.photo_credits,
        "body": "\n".join(p.text for p in clean.paragraphs if p.kind in ("body", "subhead")),
        "content": content,
        "keywords": ex.keywords,
        "template": parsed.template,
        "content_hash": hashlib.sha256(content.encode("utf-8")).hexdigest(),
        "first_seen_at": now,
        "updated_at": now,
    }
    raw = {
        "url": page.url,
        "article_id": aid,
        "fetched_at": now,
        "http_status": page.status,
        "encoding": page.encoding,
        "declared_encoding": page.declared_encoding,
        "content_hash": page.content_hash,
        "html_gz": gzip.compress(page.raw, mtime=0),
    }
    tag = {"article_id": aid}
    return {
        "articles": [article],
        "raw_pages": [raw],
        "sentences": [tag | r for r in ex.sentences],
        "speeches": [tag | r for r in ex.speeches],
        "metrics": [tag | r for r in ex.metrics],
        "sentence_themes": [tag | r for r in ex.sentence_themes],
        "article_terms": [tag | r for r in ex.terms],
        "org_statements": [tag | r for r in ex.statements],
    }


def _failure(url: str, reason: str, detail: str) -> dict[str, Any]:
    """A failed_articles row: keyed by the article's identity, not its URL's host and port."""
    try:
        key = site.article_key(url)
        identity: dict[str, Any] = {
            "article_id": key.article_id,
            "edition": key.edition,
            "issue_date": key.issue_date,
        }
    except ValueError:
        identity = {"article_id": url, "edition": None, "issue_date": None}
    return identity | {
        "url": url,
        "reason": reason,
        "detail": detail[:500],
        "failed_at": datetime.now(UTC),
    }


def _issue_failure(
    edition: str, day: date, page_no: str, url: str, reason: str, detail: object
) -> dict[str, Any]:
    """A failed_issues row: a front page (page_no '') or page index that could not be fetched."""
    return {
        "edition": edition,
        "issue_date": day,
        "page_no": page_no,
        "url": url,
        "reason": reason,
        "detail": str(detail)[:500],
        "failed_at": datetime.now(UTC),
    }


def _empty_rows() -> dict[str, list[dict[str, Any]]]:
    return {k: [] for k in TABLES}


def _parse_and_extract(
    page: FetchedPage, url: str, ref: ArticleRef | None
) -> dict[str, list[dict[str, Any]]]:
    return article_rows(parse_article(page.text, url, ref), page)


def fetch_reason(exc: FetchError) -> str:
    """The failure kind of a fetch error, from its class: TooLarge → too_large."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", type(exc).__name__).lower()


def scrape_article(
    fetcher: Fetcher,
    url: str,
    batch: IssueBatch,
    budget_s: float,
    ref: ArticleRef | None = None,
) -> str:
    """Fetch and process one article into `batch`, within `budget_s` seconds of processing;
    returns 'ok' or the failure reason recorded."""
    try:
        page = fetcher.get(url)
    except NotFound as exc:  # a page index listed it
        batch.failures.append(_failure(url, "not_found", f"the article answered 404: {exc}"))
        return "not_found"
    except FetchError as exc:
        reason = fetch_reason(exc)
        batch.failures.append(_failure(url, reason, str(exc)))
        return reason
    try:
        rows = within_budget(budget_s, _parse_and_extract, page, url, ref)
    except ParseError as exc:
        batch.failures.append(_failure(url, exc.reason, str(exc)))
        return exc.reason
    except OverBudget as exc:
        batch.failures.append(_failure(url, "over_budget", str(exc)))
        return "over_budget"
    except Exception as exc:  # a bug on one article must not lose the day: record it
        batch.failures.append(_failure(url, "processing_error", f"{type(exc).__name__}: {exc}"))
        return "processing_error"
    if not any(r["kind"] == "body" for r in rows["sentences"]):
        batch.skipped["picture_only"] += 1
    for table, table_rows in rows.items():
        batch.rows[table] += table_rows
    return "ok"


def on_host(base_url: str, url: str) -> str:
    """A stored URL moved onto the run's host (the site moves; the replica's port changes)."""
    parts = urlsplit(url)
    return base_url.rstrip("/") + parts.path + (f"?{parts.query}" if parts.query else "")


def retry_articles(fetcher: Fetcher, base_url: str, urls: list[str], budget_s: float) -> IssueBatch:
    """Articles that failed in earlier runs, fetched again from the run's host as one batch."""
    batch = IssueBatch(IssueRef("", date.min, ""), rows=_empty_rows())
    for url in urls:
        scrape_article(fetcher, on_host(base_url, url), batch, budget_s)
    return batch


def scrape_issue(fetcher: Fetcher, issue: IssueRef, budget_s: float) -> IssueBatch:
    """Fetch and process every article of an issue. One bad article is recorded, not fatal; a
    front page or page index that cannot be fetched is recorded in `issue_failures` and the rest
    of the issue goes ahead. An issue whose index shows no pages, or whose every article lacks
    title or body, raises SiteDriftError: the markup has changed and site.py needs correcting."""
    batch = IssueBatch(issue, rows=_empty_rows())
    try:
        front = issue.front or fetcher.get(issue.url)
    except (FetchError, NotFound) as exc:
        reason = "not_found" if isinstance(exc, NotFound) else fetch_reason(exc)
        batch.issue_failures.append(
            _issue_failure(issue.edition, issue.issue_date, "", issue.url, reason, exc)
        )
        return batch
    pages = parse_issue_pages(front.text, front.url, issue.edition, issue.issue_date)
    batch.pages = len(pages)
    refs: dict[str, ArticleRef] = {}
    per_page = []
    for page in pages:
        try:
            html = front.text if page.url == front.url else fetcher.get(page.url).text
        except (FetchError, NotFound) as exc:
            reason = "not_found" if isinstance(exc, NotFound) else fetch_reason(exc)
            batch.issue_failures.append(
                _issue_failure(issue.edition, issue.issue_date, page.page_no, page.url, reason, exc)
            )
            continue
        found = parse_page_articles(html, page)
        if not found:
            batch.skipped["page_without_articles"] += 1
        per_page.append(len(found))
        for ref in found:
            refs.setdefault(ref.url, ref)  # an article belongs to the first page listing it
    check_issue_coverage(issue.url, per_page)
    drift: list[str] = []
    for ref in refs.values():
        if scrape_article(fetcher, ref.url, batch, budget_s, ref) in ("parse_error", "empty_body"):
            drift.append(batch.failures[-1]["detail"])
    if refs and len(drift) == len(refs):
        raise SiteDriftError(f"every article of {issue.url} failed to parse; first: {drift[0]}")
    return batch
