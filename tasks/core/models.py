"""Plain data passed between stages: no behaviour beyond small derived properties."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class PageRef:
    """One page (版面) of an issue."""

    edition: str
    issue_date: date
    page_no: str  # A01, 03 …
    page_name: str  # 要闻 …
    url: str


@dataclass(frozen=True)
class ArticleRef:
    """An article link found on a page index."""

    url: str
    page_no: str
    page_name: str
    title: str


@dataclass(frozen=True)
class FetchedPage:
    """A fetched document with what the raw archive keeps about it."""

    url: str
    status: int
    fetched_at: datetime
    raw: bytes
    text: str
    encoding: str
    declared_encoding: str | None
    content_hash: str


@dataclass
class ParsedArticle:
    """An article page as the markup gives it, before any text cleaning."""

    article_id: str
    url: str
    edition: str
    issue_date: date
    seq: int
    page_no: str
    page_name: str
    kicker: str
    title: str
    subtitle: str
    dateline: date | None
    paragraphs: list[str]
    author: str = ""
    # The page template that matched (site.TEMPLATES) and, per field, the strategy that found it.
    template: str = ""
    strategies: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Paragraph:
    """A cleaned paragraph; kind is headline, subhead, body or caption."""

    kind: str
    text: str


@dataclass
class CleanArticle:
    """Cleaned text: headline and body paragraphs, captions, and the byline split off."""

    paragraphs: list[Paragraph]
    byline: str = ""
    authors: list[str] = field(default_factory=list)
    photo_credits: list[str] = field(default_factory=list)
    dropped: dict[str, int] = field(default_factory=dict)

    @property
    def content(self) -> str:
        """The text that every offset refers to: paragraphs joined by newlines."""
        return "\n".join(p.text for p in self.paragraphs)


@dataclass(frozen=True)
class Sentence:
    """A sentence with offsets into CleanArticle.content and its jieba tokens."""

    sentence_no: int
    paragraph_no: int
    kind: str
    start: int
    end: int
    text: str
    tokens: tuple[str, ...]


@dataclass
class Speech:
    """Content attributed to a person; offsets cover `text` in CleanArticle.content."""

    speaker: str
    title: str
    organization: str
    verb: str
    kind: str  # direct | indirect
    text: str
    start: int
    end: int
    paragraph_no: int
    resolved_from: str = ""  # the pronoun or short form that was resolved to `speaker`


@dataclass
class Metric:
    """A number with its unit and what it counts; offsets cover `text` in CleanArticle.content."""

    value: float
    unit: str
    object: str
    subject: str
    text: str
    start: int
    end: int
    paragraph_no: int
    value_low: float | None = None
    value_high: float | None = None
    qualifier: str = ""
    base_value: float | None = None
    base_unit: str = ""
    change: str = ""  # 增长 / 下降 … when the figure is a change
    sentence: str = ""
