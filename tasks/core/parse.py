"""HTML of the e-paper → page lists, article links and article fields.

Links are found by URL pattern, fields by the ordered, named strategies of `site.py`; every
result says which strategy found it. The parse library is used only through `_Doc` and
`html_tree` (lxml's tree by default, BeautifulSoup as the tolerant path), so the strategies
do not depend on it. Nothing is lost silently: a page without
article links is a picture page only when its markup says so, and every other shape that no
strategy reads raises `SiteDriftError` naming the strategies tried.
"""

from __future__ import annotations

import html as html_lib
import re
from datetime import date
from urllib.parse import urljoin

from tasks.core import html_tree, site
from tasks.core.html_tree import Node
from tasks.core.models import ArticleRef, PageRef, ParsedArticle
from tasks.core.site import Strategy

# Bodies longer than this, or with markup leaking into the text, come from broken pages.
MAX_BODY_CHARS = 60_000
_MARKUP_LEAK = re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*[\s>/]")
_TAG = re.compile(r"<[^>]*>")


class ParseError(ValueError):
    """A page that cannot be turned into what was asked; `reason` names the failure kind."""

    reason = "parse_error"


class SiteDriftError(ParseError):
    """The markup no longer matches the adapter: names every strategy that was tried."""


class EmptyBody(SiteDriftError):
    """The article page has a body element with no text in it."""

    reason = "empty_body"


class ImplausibleArticle(ParseError):
    """A field was found but cannot be right (a title of hundreds of characters …)."""

    reason = "implausible"


class BadDateline(ImplausibleArticle):
    """The page prints a date that does not exist (2024年02月31日)."""

    reason = "bad_dateline"


def _tried(strategies: tuple[Strategy, ...]) -> str:
    return "; ".join(s.name for s in strategies)


def _clean(text: str) -> str:
    return " ".join(html_lib.unescape(_TAG.sub(" ", text)).split())


class _Doc:
    """One page: the parsed tree for CSS strategies, the raw HTML for comment strategies."""

    def __init__(self, html: str) -> None:
        self.html = html
        self.tree, self.root = html_tree.parse(html)
        self._comment: dict[str, str] | None = None

    @property
    def comment(self) -> dict[str, str]:
        """Fields of the enpproperty comments (first value of each field wins)."""
        if self._comment is None:
            self._comment = {}
            for block in site.ENPPROPERTY.findall(self.html):
                for name, value in site.COMMENT_FIELD.findall(block):
                    self._comment.setdefault(name.lower(), _clean(value))
        return self._comment

    def elements(self, selector: str, node: Node | None = None) -> list[Node]:
        return self.tree.select(self.root if node is None else node, selector)

    def text(self, node: Node, separator: str = "", strip: bool = False) -> str:
        return self.tree.text(node, separator, strip)

    def text_of(self, strategy: Strategy) -> str:
        """The text a css/label/comment strategy finds, or '' when it finds nothing."""
        if strategy.source == "comment":
            value = self.comment.get(strategy.arg, "")
            return _match(strategy, value)
        if strategy.source not in ("css", "label"):
            return ""
        for node in self.elements(strategy.arg):
            if strategy.source == "label" and self.tree.inside(node, "a"):
                continue
            value = _match(strategy, self.text(node, " ", strip=True))
            if value:
                return value
        return ""


def _match(strategy: Strategy, text: str) -> str:
    if not text or strategy.pattern is None:
        return text
    m = strategy.pattern.search(text)
    return m.group(0) if m else ""


def _first(doc: _Doc, strategies: tuple[Strategy, ...]) -> tuple[str, str]:
    """(value, strategy name) of the first strategy that finds something, or ('', '')."""
    for strategy in strategies:
        value = doc.text_of(strategy)
        if value:
            return value, strategy.name
    return "", ""


# ---- page lists and article links ------------------------------------------------------------


def split_page_label(label: str) -> tuple[str, str]:
    """'第A01版：要闻', 'A06:要闻' or '第07版：栏目' → ('A01', '要闻'); other text gives ('', text)."""
    m = site.PAGE_LABEL.match(label) or site.SHORT_PAGE_LABEL.match(label)
    if not m:
        return "", label.strip()
    return m["no"], m["name"]


def parse_issue_pages(html: str, url: str, edition: str, issue_date: date | None) -> list[PageRef]:
    """Every page of an issue, from the page list on any of its pages. A page is any link to
    node_N.htm whose text is a page label, or whose id is pageLink in any case; the two copies
    of each page (hidden short menu, visible long label) are merged, the long label kept."""
    doc = _Doc(html)
    found: dict[str, tuple[bool, str, str]] = {}  # canonical URL → (long label?, no, name)
    for a in doc.elements("a[href]"):
        href = str(a.get("href", ""))
        if not site.PAGE_HREF.search(href):
            continue
        text = doc.text(a, "", strip=True)
        is_long = bool(site.PAGE_LABEL.match(text))
        by_label = is_long or bool(site.SHORT_PAGE_LABEL.match(text))
        by_id = bool(site.PAGE_LINK_ID.match(str(a.get("id", ""))))
        if not (by_label or by_id):
            continue
        page_url = site.canonical_url(urljoin(url, href))
        no, name = split_page_label(text)
        if page_url not in found or (is_long and not found[page_url][0]):
            found[page_url] = (is_long, no, name)
    if not found:
        raise SiteDriftError(
            f"no page links on {url}: tried {_tried(site.PAGE_LINK_STRATEGIES)} "
            f"(site.PAGE_LINK_STRATEGIES, site.PAGE_HREF)"
        )
    return [
        PageRef(edition, issue_date, no, name, page_url)  # type: ignore[arg-type]
        for page_url, (_, no, name) in found.items()
    ]


def parse_page_articles(html: str, page: PageRef) -> list[ArticleRef]:
    """The article links of one page, by URL pattern on a[href] and area[href], whatever
    ?query or #fragment they carry; the canonical URL is the identity. An empty list means a
    picture page, which the markup must show (a page picture or image map); links that moved
    into an unknown element raise SiteDriftError."""
    doc = _Doc(html)
    titles: dict[str, str] = {}
    for node in doc.elements("a[href], area[href]"):
        href = str(node.get("href", ""))
        if not site.ARTICLE_HREF.search(href):
            continue
        art_url = site.canonical_url(urljoin(page.url, href))
        title = doc.text(node, " ", strip=True) or str(node.get("alt") or node.get("title") or "")
        if not titles.get(art_url):
            titles[art_url] = title
    if titles:
        return [ArticleRef(u, page.page_no, page.page_name, t) for u, t in titles.items()]
    tried = _tried(site.ARTICLE_LINK_STRATEGIES)
    if site.ARTICLE_LINK_TEXT.search(html):
        raise SiteDriftError(
            f"page {page.url} names content_N.htm but no strategy reads a link to it: "
            f"tried {tried} (site.ARTICLE_LINK_STRATEGIES)"
        )
    if not doc.elements(site.PICTURE_PAGE_MARKERS):
        raise SiteDriftError(
            f"page {page.url} has no article link and no page picture: tried {tried} "
            f"(site.ARTICLE_LINK_STRATEGIES) and picture markers {site.PICTURE_PAGE_MARKERS!r}"
        )
    return []


def check_issue_coverage(issue_url: str, articles_per_page: list[int]) -> None:
    """An issue where most pages have no article is drift, not a day of pictures."""
    empty = sum(1 for n in articles_per_page if n == 0)
    if articles_per_page and empty * 2 > len(articles_per_page):
        raise SiteDriftError(
            f"issue {issue_url} yielded no articles on {empty} of {len(articles_per_page)} "
            f"pages: tried {_tried(site.ARTICLE_LINK_STRATEGIES)} (site.ARTICLE_LINK_STRATEGIES)"
        )


# ---- article fields --------------------------------------------------------------------------


def _paragraphs(doc: _Doc, node: Node) -> list[str]:
    paragraphs = [doc.text(p) for p in doc.elements(site.BODY_PARAGRAPHS, node)]
    if not paragraphs:  # bodies of plain text with <br> breaks
        paragraphs = doc.text(node, "\n").split("\n")
    return [p for p in paragraphs if p.strip()]


def _body(doc: _Doc, url: str) -> tuple[list[str], str]:
    """(paragraphs, strategy) of the first body strategy with text; raises when none has."""
    empty: list[str] = []
    for strategy in site.BODY:
        if strategy.source == "block":
            m = site.ENPCONTENT.search(doc.html)
            block = _Doc(m.group(1)) if m else None
            nodes = [(block, block.root)] if block else []
        else:
            nodes = [(doc, node) for node in doc.elements(strategy.arg)[:1]]
        for in_doc, node in nodes:
            paragraphs = _paragraphs(in_doc, node)
            if paragraphs:
                return paragraphs, strategy.name
            empty.append(strategy.name)
    if empty:
        raise EmptyBody(
            f"empty body in {url}: {', '.join(empty)} found but without text; "
            f"tried {_tried(site.BODY)} (site.BODY)"
        )
    raise SiteDriftError(f"no body in {url}: tried {_tried(site.BODY)} (site.BODY)")


def _dateline(doc: _Doc, url: str) -> tuple[date | None, str]:
    text, strategy = _first(doc, site.DATELINE)
    m = site.DATE_TEXT.search(text)
    if not m:
        return None, ""
    try:
        return date(int(m[1]), int(m[2]), int(m[3])), strategy
    except ValueError as exc:
        raise BadDateline(
            f"impossible date {text!r} in {url} (found by {strategy}): {exc}"
        ) from exc


def _page(doc: _Doc, ref: ArticleRef | None) -> tuple[str, str, str]:
    """(page_no, page_name, strategy): the page the link came from, then the page's own."""
    if ref is not None and ref.page_no:
        return ref.page_no, ref.page_name, site.PAGE[0].name
    labels = tuple(s for s in site.PAGE if s.source == "label")
    label, label_strategy = _first(doc, labels)
    m = site.PAGE_LABEL_IN_TEXT.search(label)
    label_no, label_name = (m["no"], m["name"]) if m else ("", "")
    for strategy in site.PAGE:
        if strategy.source == "comment" and (no := doc.text_of(strategy)):
            return no, label_name if no == label_no else "", strategy.name
    return label_no, label_name, label_strategy if label_no else ""


def _plausible(field: str, value: str, limit: int, strategy: str, url: str) -> str:
    if len(value) > limit:
        raise ImplausibleArticle(
            f"{field} of {len(value)} characters in {url} (found by {strategy}; the limit is "
            f"{limit}): malformed markup swallowed the page"
        )
    return value


def template_of(doc: _Doc) -> str:
    for marker in site.TEMPLATES:
        if marker.source == "comment" and marker.arg in doc.comment:
            return marker.name
        if marker.source == "css" and doc.elements(marker.arg):
            return marker.name
    return site.UNKNOWN_TEMPLATE


def parse_article(html: str, url: str, ref: ArticleRef | None = None) -> ParsedArticle:
    """Article page → fields, each by the first strategy of site.py that finds it. `ref` is
    the link the article was found by (its page). Raises SiteDriftError when no strategy finds
    the title or the body, ImplausibleArticle when what was found cannot be right."""
    try:
        key = site.article_key(url)
    except ValueError as exc:
        raise ParseError(str(exc)) from exc
    doc = _Doc(html)
    used: dict[str, str] = {"date": "article URL"}
    title, used["title"] = _first(doc, site.TITLE)
    if not title:
        raise SiteDriftError(f"no title in {url}: tried {_tried(site.TITLE)} (site.TITLE)")
    _plausible("title", title, site.MAX_TITLE_CHARS, used["title"], url)
    paragraphs, used["body"] = _body(doc, url)
    body_chars = sum(len(p) for p in paragraphs)
    if body_chars > MAX_BODY_CHARS or any(_MARKUP_LEAK.search(p) for p in paragraphs):
        raise ImplausibleArticle(
            f"body of {url} (found by {used['body']}; {body_chars} characters) is too long "
            f"(limit {MAX_BODY_CHARS}) or contains markup as text: broken HTML"
        )
    fields = {}
    for name, strategies in (
        ("kicker", site.KICKER),
        ("subtitle", site.SUBTITLE),
        ("author", site.AUTHOR),
    ):
        fields[name], used[name] = _first(doc, strategies)
        _plausible(name, fields[name], site.MAX_FIELD_CHARS, used[name], url)
    dateline, used["dateline"] = _dateline(doc, url)
    page_no, page_name, used["page"] = _page(doc, ref)
    return ParsedArticle(
        article_id=key.article_id,
        url=url,
        edition=key.edition,
        issue_date=key.issue_date,
        seq=key.seq,
        page_no=page_no,
        page_name=page_name,
        kicker=fields["kicker"],
        title=title,
        subtitle=fields["subtitle"],
        dateline=dateline,
        paragraphs=paragraphs,
        author=fields["author"],
        template=template_of(doc),
        strategies={k: v for k, v in used.items() if v},
    )
