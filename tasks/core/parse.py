"""HTML of the e-paper → page lists, article links and article fields (BeautifulSoup + lxml)."""

from __future__ import annotations

from datetime import date
from urllib.parse import urljoin

from bs4 import BeautifulSoup, Tag

from tasks.core import site
from tasks.core.models import ArticleRef, PageRef, ParsedArticle


class SiteDriftError(ValueError):
    """The markup no longer matches the adapter: names the selector or pattern that found nothing."""


class EmptyBody(SiteDriftError):
    """The article page has a body element with no text in it."""


def _soup(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "lxml")


def _text(node: Tag | None) -> str:
    return node.get_text(" ", strip=True) if node else ""


def split_page_label(label: str) -> tuple[str, str]:
    """'第A01版:要闻' or 'A06:要闻' → ('A01', '要闻'); unknown forms give ('', label)."""
    label = label.strip()
    m = site.PAGE_LABEL.search(label) or site.SHORT_PAGE_LABEL.search(label)
    if not m:
        return "", label
    return m["no"], m["name"]


def parse_issue_pages(html: str, url: str, edition: str, issue_date: date) -> list[PageRef]:
    """Every page of an issue, from the table of contents on any of its pages."""
    pages: dict[str, PageRef] = {}
    for a in _soup(html).select(site.SEL_PAGE_LINKS):
        href = a.get("href", "")
        if not site.PAGE_HREF.search(href):
            continue
        page_no, page_name = split_page_label(_text(a))
        page_url = urljoin(url, href)
        pages.setdefault(page_url, PageRef(edition, issue_date, page_no, page_name, page_url))
    if not pages:
        raise SiteDriftError(
            f"no pages found on {url}: selector site.SEL_PAGE_LINKS={site.SEL_PAGE_LINKS!r} "
            f"with links matching site.PAGE_HREF found nothing"
        )
    return list(pages.values())


def parse_page_articles(html: str, page: PageRef) -> list[ArticleRef]:
    """The article links of one page; a page of pictures only legitimately has none."""
    refs: dict[str, ArticleRef] = {}
    for a in _soup(html).select(site.SEL_PAGE_ARTICLES):
        href = a.get("href", "")
        if not site.ARTICLE_HREF.search(href):
            continue
        art_url = urljoin(page.url, href)
        refs.setdefault(art_url, ArticleRef(art_url, page.page_no, page.page_name, _text(a)))
    return list(refs.values())


def _dateline(text: str) -> date | None:
    m = site.DATELINE.search(text)
    return date(int(m[1]), int(m[2]), int(m[3])) if m else None


def parse_article(html: str, url: str) -> ParsedArticle:
    """Article page → fields. Raises SiteDriftError when title or body cannot be found."""
    key = site.article_key(url)
    soup = _soup(html)
    title = _text(soup.select_one(site.SEL_TITLE))
    if not title:
        raise SiteDriftError(f"no title in {url}: selector site.SEL_TITLE={site.SEL_TITLE!r}")
    body = soup.select_one(site.SEL_BODY)
    if body is None:
        raise SiteDriftError(f"no body in {url}: selector site.SEL_BODY={site.SEL_BODY!r}")
    paragraphs = [p.get_text("", strip=False) for p in body.select(site.SEL_BODY_PARAGRAPHS)]
    if not paragraphs:  # bodies of plain text with <br> breaks
        paragraphs = body.get_text("\n").split("\n")
    paragraphs = [p for p in paragraphs if p.strip()]
    if not paragraphs:
        raise EmptyBody(
            f"empty body in {url}: selector {site.SEL_BODY!r} > {site.SEL_BODY_PARAGRAPHS!r} found no text"
        )
    page_no, page_name = split_page_label(_text(soup.select_one(site.SEL_ARTICLE_PAGE_LABEL)))
    return ParsedArticle(
        article_id=key.article_id,
        url=url,
        edition=key.edition,
        issue_date=key.issue_date,
        seq=key.seq,
        page_no=page_no,
        page_name=page_name,
        kicker=_text(soup.select_one(site.SEL_KICKER)),
        title=title,
        subtitle=_text(soup.select_one(site.SEL_SUBTITLE)),
        dateline=_dateline(_text(soup.select_one(site.SEL_DATELINE))),
        paragraphs=paragraphs,
    )
