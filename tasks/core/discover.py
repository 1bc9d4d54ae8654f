"""Which dates have an issue and where each issue's front page is, learned from the site.

Sources, in order: the month's `html/YYYY-MM/period.xml` (the dates with an issue and,
where its entries name it, each date's front page); the edition's root or index.htm /
paperindex.htm, whose meta refresh points at the newest issue's front page; the page list of
the issue itself (its first page is the front page). The front page's node is learned per
date, never assumed: it changes on a redesign. Only when none of these answers are front
pages probed (nodes learned from other dates, then `site.PROBE_FRONT_NODES`); every probe is
counted so the run summary can say so; a month without period.xml on a site that keeps them
has no issue. Each front page is fetched once and handed on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urljoin

from tasks.core import site
from tasks.core.http import Fetcher, NotFound
from tasks.core.models import FetchedPage
from tasks.core.parse import SiteDriftError, parse_issue_pages
from tasks.core.pipeline import IssueRef


def parse_period_xml(text: str) -> dict[date, str | None]:
    """period.xml → {date with an issue: its front page node file, or None if not named}."""
    dates: dict[date, str | None] = {}
    for entry in site.PERIOD_ENTRY.findall(text):
        m = site.PERIOD_DATE.search(entry)
        if not m:
            continue
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue  # an impossible date promises nothing
        front = site.PERIOD_FRONT.search(entry)
        dates[day] = front.group(1) if front else None
    return dates


def meta_refresh_target(html: str, url: str) -> str | None:
    """The absolute URL a meta refresh sends to, if the page has one."""
    m = site.META_REFRESH.search(html)
    return urljoin(url, m.group(1)) if m else None


@dataclass
class Discovery:
    """Finds issues for one base URL, caching what it learns (one instance per run)."""

    fetcher: Fetcher
    base_url: str
    probes: int = 0
    missing: list[str] = field(default_factory=list)
    sources: Counter[str] = field(default_factory=Counter)
    _calendars: dict[tuple[str, str], dict[date, str | None] | None] = field(default_factory=dict)
    _current: dict[str, IssueRef | None] = field(default_factory=dict)
    _learned: dict[str, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.fetcher.allow(self.base_url)  # the operator's base URL is configuration

    # -- sources -------------------------------------------------------------------------------
    def calendar(self, edition: str, day: date) -> dict[date, str | None] | None:
        """The month's period.xml as {date: front page or None}; None when there is none."""
        key = (edition, f"{day:%Y-%m}")
        if key not in self._calendars:
            try:
                page = self.fetcher.get(site.period_url(self.base_url, edition, day))
                self._calendars[key] = parse_period_xml(page.text)
            except NotFound:
                self._calendars[key] = None
            for node in filter(None, (self._calendars[key] or {}).values()):
                self._learn(edition, node)
        return self._calendars[key]

    def current_issue(self, edition: str) -> IssueRef | None:
        """The newest issue, from the meta refresh of the edition's root or index pages."""
        if edition not in self._current:
            self._current[edition] = None
            root = site.edition_root_url(self.base_url, edition)
            for name in site.INDEX_PAGES:
                try:
                    page = self.fetcher.get(root + name)
                except NotFound:
                    continue
                target = meta_refresh_target(page.text, page.url)
                m = site.ISSUE_URL.search(site.canonical_url(target or ""))
                try:
                    day = date.fromisoformat(f"{m['ym']}-{m['d']}") if target and m else None
                except ValueError:
                    day = None  # a refresh to an impossible date names no issue
                if target and day:
                    self._current[edition] = IssueRef(edition, day, site.canonical_url(target))
                    self._learn(edition, target.rsplit("/", 1)[-1])
                    break
        return self._current[edition]

    def _learn(self, edition: str, node: str) -> None:
        nodes = self._learned.setdefault(edition, [])
        node = site.canonical_url(node)
        if node in nodes:
            nodes.remove(node)
        nodes.insert(0, node)  # most recently learned first

    # -- one date ------------------------------------------------------------------------------
    def _fetch_front(self, edition: str, day: date, url: str) -> IssueRef | None:
        """Fetch a candidate front page; the issue's page list names the real front page."""
        try:
            page: FetchedPage = self.fetcher.get(url)
        except NotFound:
            return None
        try:
            pages = parse_issue_pages(page.text, page.url, edition, day)
        except SiteDriftError:
            return IssueRef(edition, day, url, front=page)  # scraping will report the drift
        first = pages[0].url
        self._learn(edition, first.rsplit("/", 1)[-1])
        if first == site.canonical_url(url):
            return IssueRef(edition, day, first, front=page)
        return IssueRef(edition, day, first)

    def _probe(self, edition: str, day: date) -> IssueRef | None:
        candidates = list(self._learned.get(edition, []))
        candidates += [n for n in site.PROBE_FRONT_NODES if n not in candidates]
        folder = site.issue_dir_url(self.base_url, edition, day)
        for node in candidates:
            self.probes += 1
            issue = self._fetch_front(edition, day, folder + node)
            if issue:
                return issue
        return None

    def find(self, edition: str, day: date) -> IssueRef | None:
        """The issue of `edition` on `day`, its front page fetched; None when there is none."""
        folder = site.issue_dir_url(self.base_url, edition, day)
        known = self.calendar(edition, day)
        current = self.current_issue(edition)
        if current and current.issue_date == day:
            self.sources["index.htm"] += 1
            return self._fetch_front(edition, day, current.url)
        if known is not None:
            if day not in known:
                return None  # period.xml lists no issue that day: normal
            node = known[day]
            issue = self._fetch_front(edition, day, folder + node) if node else None
            if issue is None and not node:
                issue = self._probe(edition, day)
            if issue is None:
                self.missing.append(
                    f"{edition} {day}: period.xml lists it but "
                    f"{folder + node if node else 'no probed front page'} answered 404"
                )
                return None
            self.sources["period.xml"] += 1
            return issue
        if self._uses_calendars(edition, day):
            return None  # the site keeps period.xml, and has none for this month: no issue
        issue = self._probe(edition, day)
        if issue:
            self.sources["probing"] += 1
        return issue

    def _uses_calendars(self, edition: str, day: date) -> bool:
        """Whether this edition keeps period.xml at all: one was found for another month, or
        the previous month has one (a month without issues has no period.xml)."""
        if any(cal is not None for (e, _), cal in self._calendars.items() if e == edition):
            return True
        return self.calendar(edition, day.replace(day=1) - timedelta(days=1)) is not None

    def find_all(self, editions: list[str], days: list[date]) -> list[IssueRef]:
        found = (self.find(e, d) for d in days for e in editions)
        return [issue for issue in found if issue]

    def warnings(self) -> dict[str, int]:
        """What the run summary should say about discovery: the probes made, and each date
        period.xml promised that answered 404 (named, so that it can be looked at)."""
        counts = {f"missing issue: {m}": 1 for m in self.missing}
        if self.probes:
            counts["front-page probes (no period.xml or index named the page)"] = self.probes
        return counts
