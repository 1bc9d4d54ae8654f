"""Everything specific to the e-paper's markup and URLs, in one place.

The live site could not be observed directly (see README, "The real site"). What is here
follows the site notes and the usual layout of Founder (方正) e-papers; when the real site
disagrees, this module is the one to correct, and `pearl check-site` shows what it finds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# Edition code → name. Codes come from URLs seen on the site.
EDITIONS: dict[str, str] = {
    "zjsb": "珠江时报",
    "gcsq": "桂城社区",
    "lssqb": "里水社区报",
    "zjsbyk": "珠江时报月刊",
}
DEFAULT_EDITIONS: tuple[str, ...] = ("zjsb", "gcsq")

# URL scheme: /epaper/<edition>/html/YYYY-MM/DD/{node_M,content_N}.htm
ISSUE_DIR = "/epaper/{edition}/html/{day:%Y-%m}/{day:%d}/"
# The first page (头版) of an issue. Assumed, not observed: the site notes say so.
FRONT_PAGE = "node_1.htm"
PAGE_HREF = re.compile(r"node_(\d+)\.htm$")
ARTICLE_HREF = re.compile(r"content_(\d+)\.htm$")
ARTICLE_URL = re.compile(
    r"/epaper/(?P<edition>[a-z]+)/html/(?P<ym>\d{4}-\d{2})/(?P<d>\d{2})/content_(?P<seq>\d+)\.htm$"
)

# Table of contents and page index pages.
SEL_PAGE_LINKS = "a#pageLink"  # one per page: 第A01版:要闻
SEL_PAGE_ARTICLES = "#titleList a"  # the article titles of the current page
SEL_CURRENT_PAGE = "#currentPage"  # label of the page being shown
PAGE_LABEL = re.compile(r"第?\s*(?P<no>[A-Z]?\d{1,3})\s*版\s*[:：]\s*(?P<name>\S*)")
SHORT_PAGE_LABEL = re.compile(r"(?P<no>[A-Z]?\d{1,3})\s*[:：]\s*(?P<name>\S+)")

# Article pages.
SEL_ARTICLE_PAGE_LABEL = "#articlePage"  # A06:要闻
SEL_KICKER = "founder-introtitle"
SEL_TITLE = "founder-title"
SEL_SUBTITLE = "founder-subtitle"
SEL_DATELINE = "#articleDate"  # 2024年02月05日
SEL_BODY = "founder-content"
SEL_BODY_PARAGRAPHS = "p"
DATELINE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")

# Decoding: declared charset first, then these in order, then detection.
FALLBACK_ENCODINGS: tuple[str, ...] = ("utf-8", "gb18030")
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)


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


def front_page_url(base_url: str, edition: str, day: date) -> str:
    return issue_dir_url(base_url, edition, day) + FRONT_PAGE


def article_key(url: str) -> ArticleKey:
    """Parse an article URL; raises ValueError naming the pattern when it does not match."""
    m = ARTICLE_URL.search(url)
    if not m:
        raise ValueError(f"article URL does not match site.ARTICLE_URL: {url}")
    day = date.fromisoformat(f"{m['ym']}-{m['d']}")
    return ArticleKey(m["edition"], day, int(m["seq"]))
