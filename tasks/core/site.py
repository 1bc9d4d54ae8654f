"""Everything specific to the e-paper's markup and URLs, in one place.

The live site could not be observed (see README, "The real site"). What is here follows the
site notes: the shapes sister papers on the same Founder (方正) e-paper software show. Each
field is found by an ordered list of named strategies; `parse.py` tries them in order and
records which one answered. When the real site disagrees, add or reorder a strategy here;
`pearl check-site` shows which strategy found each field.

Strategies are declarative (a CSS selector, a field of the trailing enpproperty comment, …) so
they do not depend on the HTML library that applies them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit, urlunsplit

# Edition code → name. Codes come from URLs seen on the site.
EDITIONS: dict[str, str] = {
    "zjsb": "珠江时报",
    "gcsq": "桂城社区",
    "lssqb": "里水社区报",
    "zjsbyk": "珠江时报月刊",
}
DEFAULT_EDITIONS: tuple[str, ...] = ("zjsb", "gcsq")

# ---- URLs ------------------------------------------------------------------------------------
# /epaper/<edition>/ is the edition's root; it (or index.htm, paperindex.htm) redirects with a
# meta refresh to the newest issue's front page html/YYYY-MM/DD/node_X.htm.
EDITION_ROOT = "/epaper/{edition}/"
INDEX_PAGES: tuple[str, ...] = ("", "index.htm", "paperindex.htm")
ISSUE_DIR = "/epaper/{edition}/html/{day:%Y-%m}/{day:%d}/"
# Which dates of a month have an issue, and (reportedly) each date's front page.
PERIOD_XML = "/epaper/{edition}/html/{day:%Y-%m}/period.xml"
PERIOD_ENTRY = re.compile(r"<period\b[^>]*>(.*?)</period>", re.S | re.I)
PERIOD_DATE = re.compile(r"<period_date>\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*</period_date>", re.I)
PERIOD_FRONT = re.compile(r"<front_page>\s*(node_\d+\.htm)\s*</front_page>", re.I)
META_REFRESH = re.compile(
    r"""<meta[^>]+http-equiv\s*=\s*["']?refresh["']?[^>]*content\s*=\s*["']?\s*\d+\s*;\s*url\s*=\s*"""
    r"""([^"'>\s]+)""",
    re.I,
)
# Front-page nodes seen on a few sister papers: tried only when nothing else names the node.
PROBE_FRONT_NODES: tuple[str, ...] = ("node_1.htm", "node_2.htm")

# Page and article links: by URL pattern, whatever element carries them and whatever
# ?query or #fragment follows (content_586276.htm?div=-1, content_1.htm#article).
PAGE_HREF = re.compile(r"(?:^|/)node_(\d+)\.htm(?:[?#].*)?$")
ARTICLE_HREF = re.compile(r"(?:^|/)content_(\d+)\.htm(?:[?#].*)?$")
ISSUE_URL = re.compile(
    r"/epaper/(?P<edition>[a-z]+)/html/(?P<ym>\d{4}-\d{2})/(?P<d>\d{2})/node_\d+\.htm$"
)
ARTICLE_URL = re.compile(
    r"/epaper/(?P<edition>[a-z]+)/html/(?P<ym>\d{4}-\d{2})/(?P<d>\d{2})/content_(?P<seq>\d+)\.htm$"
)
# Text anywhere in the raw page that looks like an article link: if no strategy found a link
# but this matches, the links moved into an element nobody knows (drift, not a picture page).
ARTICLE_LINK_TEXT = re.compile(r"content_\d+\.htm")

# ---- Page (版面) lists -------------------------------------------------------------------
# 第A01版：头版 (long, visible), A01： 头版 (short, hidden menu), 第07版：<STRONG>栏目</STRONG>.
PAGE_LABEL = re.compile(r"^\s*第\s*(?P<no>[A-Z]?\d{1,3})\s*版\s*[:：]?\s*(?P<name>.*?)\s*$")
SHORT_PAGE_LABEL = re.compile(r"^\s*(?P<no>[A-Z]?\d{1,3})\s*[:：]\s*(?P<name>.*?)\s*$")
PAGE_LINK_ID = re.compile(r"^pagelink$", re.I)  # id=pageLink, id=PageLink …


# 第07版：<STRONG>栏目</STRONG> or A06版：要闻 somewhere in an element's text.
PAGE_LABEL_IN_TEXT = re.compile(r"第?\s*(?P<no>[A-Z]?\d{1,3})\s*版\s*[:：]\s*(?P<name>[^\s<>]+)")
# 2024年02月05日, 2017 年 10 月 9 日 星期一, 2017-10-09 23:59:57
DATE_TEXT = re.compile(r"(\d{4})\s*(?:年|-)\s*(\d{1,2})\s*(?:月|-)\s*(\d{1,2})")


@dataclass(frozen=True)
class Strategy:
    """One named way to find a field. `source` says how `arg` is applied:
    css       text of the first element matching the CSS selector `arg` (and `pattern`, if set)
    label     like css, but only elements without links (a page label, not a page list entry)
    comment   the field `arg` of the trailing <!--enpproperty … /enpproperty--> comment
    block     the HTML between <!--enpcontent--> and <!--/enpcontent-->
    link      taken from the page the article link was found on
    """

    name: str
    source: str
    arg: str = ""
    pattern: re.Pattern[str] | None = None


PAGE_LINK_STRATEGIES: tuple[Strategy, ...] = (
    Strategy("a[href=node_N.htm] with a page label", "css", "a[href]"),
    Strategy("a#pageLink (any case) to node_N.htm", "css", "a[id]"),
)
ARTICLE_LINK_STRATEGIES: tuple[Strategy, ...] = (
    Strategy("a[href=content_N.htm…]", "css", "a[href]"),
    Strategy("image map area[href=content_N.htm…]", "css", "area[href]"),
)
# A page of pictures only says so: a page picture or image map, and no article link at all.
PICTURE_PAGE_MARKERS = "map, img[usemap], div.paper-pic img, img.page-pic"

# ---- Article fields, in the order tried ----------------------------------------------------
TITLE: tuple[Strategy, ...] = (
    Strategy("founder-title", "css", "founder-title"),
    Strategy("enpproperty founder-title", "comment", "founder-title"),
    Strategy("enpproperty title (CMS form)", "comment", "title"),
    Strategy("responsive h1", "css", "div.article h1"),
)
BODY: tuple[Strategy, ...] = (
    Strategy("founder-content", "css", "founder-content"),
    Strategy("enpcontent block", "block"),
    Strategy("div#ozoom", "css", "#ozoom"),
    Strategy("div#articleContent", "css", "#articleContent"),
)
KICKER: tuple[Strategy, ...] = (
    Strategy("enpproperty introtitle (CMS form)", "comment", "introtitle"),
    Strategy(
        "classic td.font02 above the title", "css", "tr:not(tr:has(> td.font01) ~ tr) > td.font02"
    ),
    Strategy("responsive h3", "css", "div.article h3"),
)
SUBTITLE: tuple[Strategy, ...] = (
    Strategy("enpproperty founder-subtitle", "comment", "founder-subtitle"),
    Strategy("enpproperty subtitle (CMS form)", "comment", "subtitle"),
    Strategy("classic td.font02 below the title", "css", "tr:has(> td.font01) + tr > td.font02"),
    Strategy("responsive h2", "css", "div.article h2"),
)
# The issue date is the article URL's (part of the identity); the date printed on the page
# (dateline) is read with these, and compared with the URL's by check-site.
DATELINE: tuple[Strategy, ...] = (
    Strategy("enpproperty founder-date", "comment", "founder-date"),
    Strategy("enpproperty date (CMS form)", "comment", "date"),
    Strategy("responsive p.sec", "css", "div.article p.sec", DATE_TEXT),
    Strategy("first dated table cell", "label", "td", DATE_TEXT),
)
PAGE: tuple[Strategy, ...] = (
    Strategy("page the link came from", "link"),
    Strategy("enpproperty founder-pagenum", "comment", "founder-pagenum"),
    Strategy("responsive p.sec label", "label", "div.article p.sec", PAGE_LABEL_IN_TEXT),
    Strategy("page label cell", "label", "td, span, div", PAGE_LABEL_IN_TEXT),
)
AUTHOR: tuple[Strategy, ...] = (
    Strategy("founder-author", "css", "founder-author"),
    Strategy("enpproperty founder-author", "comment", "founder-author"),
    Strategy("enpproperty author (CMS form)", "comment", "author"),
)
BODY_PARAGRAPHS = "p"

# Which template a page follows, by its first matching marker: recorded per article so that a
# redesign shows in the data (articles.template) before it becomes loss.
TEMPLATES: tuple[Strategy, ...] = (
    Strategy("classic", "css", "td.font01"),
    Strategy("responsive", "css", "div.article"),
    Strategy("cms-comment", "comment", "articleid"),
    Strategy("enp-comment", "comment", "founder-title"),
)
UNKNOWN_TEMPLATE = "unknown"

# The trailing metadata comment, in both forms: <founder-date>…</founder-date> fields (the
# e-paper's) or <date>…</date>, <title>… (the vendor's website CMS). Read from the raw HTML.
ENPPROPERTY = re.compile(r"<!--\s*enpproperty(.*?)/enpproperty\s*-->", re.S | re.I)
COMMENT_FIELD = re.compile(r"<([a-z][a-z_-]*)>(.*?)</\1>", re.S | re.I)
ENPCONTENT = re.compile(r"<!--\s*enpcontent\s*-->(.*?)<!--\s*/enpcontent\s*-->", re.S | re.I)

# Plausibility: a title longer than this is markup gone wrong (a whole page swallowed).
MAX_TITLE_CHARS = 120
MAX_FIELD_CHARS = 200  # kicker, subtitle, author

# ---- Decoding ------------------------------------------------------------------------------
# Declared charset first, then these in order, then detection; every result is checked.
FALLBACK_ENCODINGS: tuple[str, ...] = ("utf-8", "gb18030")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
# A Chinese page decoded right is mostly CJK among its non-ASCII characters, with no U+FFFD.
MIN_CJK_SHARE = 0.6
MAX_REPLACEMENT_SHARE = 0.001
MIN_NON_ASCII_TO_JUDGE = 20


@dataclass(frozen=True)
class ArticleKey:
    """Identity of an article: its counter restarts each January, so it needs edition and date."""

    edition: str
    issue_date: date
    seq: int

    @property
    def article_id(self) -> str:
        return f"{self.edition}:{self.issue_date.isoformat()}:{self.seq}"


def issue_dir_url(base_url: str, edition: str, day: date) -> str:
    return base_url.rstrip("/") + ISSUE_DIR.format(edition=edition, day=day)


def edition_root_url(base_url: str, edition: str) -> str:
    return base_url.rstrip("/") + EDITION_ROOT.format(edition=edition)


def period_url(base_url: str, edition: str, day: date) -> str:
    return base_url.rstrip("/") + PERIOD_XML.format(edition=edition, day=day)


def canonical_url(url: str) -> str:
    """The identity of a page or article: the URL without ?query and #fragment."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def article_key(url: str) -> ArticleKey:
    """Parse an article URL; raises ValueError naming the pattern when it does not match or
    names a date that does not exist."""
    m = ARTICLE_URL.search(canonical_url(url))
    if not m:
        raise ValueError(f"article URL does not match site.ARTICLE_URL: {url}")
    try:
        day = date.fromisoformat(f"{m['ym']}-{m['d']}")
    except ValueError as exc:
        raise ValueError(f"article URL names an impossible date: {url}") from exc
    return ArticleKey(m["edition"], day, int(m["seq"]))
