"""Per-article cost against its floor, and parse + clean against trafilatura."""

from __future__ import annotations

import importlib.util
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime

from tasks.core.bench import interleaved
from tasks.core.bench.pages import Page
from tasks.core.clean import clean_paragraphs
from tasks.core.models import FetchedPage
from tasks.core.parse import parse_article
from tasks.core.pipeline import article_rows


@dataclass(frozen=True)
class Ratio:
    """Median seconds of a variant and of its reference over the same pages."""

    name: str
    pages: int
    seconds: float
    reference: float

    @property
    def ratio(self) -> float:
        return self.seconds / self.reference

    @property
    def per_second(self) -> float:
        return self.pages / self.seconds


def floor(pages: list[Page]) -> None:
    """The least any pipeline must do: build the tree once, cut the body text once."""
    import jieba
    from bs4 import BeautifulSoup

    for page in pages:
        BeautifulSoup(page.html, "lxml")
        jieba.lcut(page.body_text)


def _fetched(page: Page) -> FetchedPage:
    return FetchedPage(page.url, 200, datetime.now(UTC), page.raw, page.html, "utf-8", None, "")


def core(pages: list[tuple[Page, FetchedPage]]) -> None:
    """Everything the pipeline does with a fetched article page: parse, clean, segment,
    extract, tag, rows."""
    for page, fetched in pages:
        with suppress(ValueError):  # a page that cannot be parsed costs what it costs
            article_rows(parse_article(page.html, page.url), fetched)


def parse_clean(pages: list[Page]) -> None:
    for page in pages:
        try:
            parsed = parse_article(page.html, page.url)
        except ValueError:
            continue
        clean_paragraphs(parsed.paragraphs, headline=[parsed.title])


def trafilatura_extract(pages: list[Page]) -> None:
    import trafilatura

    for page in pages:
        trafilatura.extract(page.html)


def has_trafilatura() -> bool:
    return importlib.util.find_spec("trafilatura") is not None


def core_vs_floor(name: str, pages: list[Page], repeats: int) -> Ratio:
    fetched = [(p, _fetched(p)) for p in pages]
    t = interleaved({"floor": lambda: floor(pages), "core": lambda: core(fetched)}, repeats)
    return Ratio(name, len(pages), t["core"], t["floor"])


def parse_vs_trafilatura(pages: list[Page], repeats: int) -> Ratio:
    t = interleaved(
        {"trafilatura": lambda: trafilatura_extract(pages), "ours": lambda: parse_clean(pages)},
        repeats,
    )
    return Ratio("parse + clean ÷ trafilatura", len(pages), t["ours"], t["trafilatura"])
