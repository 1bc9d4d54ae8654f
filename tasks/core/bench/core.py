"""Per-article cost against its floor, and parse + clean against trafilatura."""

from __future__ import annotations

import importlib.util
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

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
    """The issue's floor: BeautifulSoup's lxml parse of the page and jieba.cut of its text."""
    import jieba
    from bs4 import BeautifulSoup

    jieba.setLogLevel(logging.WARNING)
    for page in pages:
        jieba.lcut(BeautifulSoup(page.html, "lxml").get_text())


FETCHED_AT = datetime(2026, 1, 1, tzinfo=UTC)


def fetched(page: Page) -> FetchedPage:
    return FetchedPage(page.url, 200, FETCHED_AT, page.raw, page.html, "utf-8", None, "")


def process(page: Page, as_fetched: FetchedPage) -> dict[str, list[dict[str, Any]]] | str:
    """Everything the pipeline does with a fetched article page: parse, clean, segment,
    extract, tag, rows (or why the page cannot be parsed)."""
    try:
        return article_rows(parse_article(page.html, page.url), as_fetched)
    except ValueError as exc:
        return f"{type(exc).__name__}: {exc}"


def core(pages: list[tuple[Page, FetchedPage]]) -> None:
    for page, as_fetched in pages:
        process(page, as_fetched)


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
    ready = [(p, fetched(p)) for p in pages]
    t = interleaved({"floor": lambda: floor(pages), "core": lambda: core(ready)}, repeats)
    return Ratio(name, len(pages), t["core"], t["floor"])


def parse_vs_trafilatura(pages: list[Page], repeats: int) -> Ratio:
    t = interleaved(
        {"trafilatura": lambda: trafilatura_extract(pages), "ours": lambda: parse_clean(pages)},
        repeats,
    )
    return Ratio("parse + clean ÷ trafilatura", len(pages), t["ours"], t["trafilatura"])
