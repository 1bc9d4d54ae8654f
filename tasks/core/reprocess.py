"""Re-derive every article from the raw archive, without the network: after an extractor or
cleaning rule improves, history is brought up to date by `pearl reprocess`."""

from __future__ import annotations

import gzip
from collections import Counter
from typing import Any

import duckdb
import pyarrow as pa

from tasks.core import speakers, store
from tasks.core.archive import PAGE_SCHEMA, Archive
from tasks.core.http import decode_html
from tasks.core.models import FetchedPage
from tasks.core.parse import ParseError, parse_article
from tasks.core.pipeline import TABLES, article_rows

CHUNK = 500  # articles per transaction (at most: a month's articles are never mixed with another's)


def _page(row: tuple) -> FetchedPage:
    _article_id, url, fetched_at, status, encoding, declared, content_hash, html_gz = row
    raw = gzip.decompress(html_gz)
    try:
        text = raw.decode(encoding)
    except (LookupError, UnicodeDecodeError, TypeError):
        text, encoding = decode_html(raw, declared)
    return FetchedPage(url, status or 200, fetched_at, raw, text, encoding, declared, content_hash)


def derive(pages: pa.Table) -> tuple[dict[str, list[dict[str, Any]]], Counter[str]]:
    """Rows re-derived from archived pages (archive.PAGE_SCHEMA), and how many pages no longer
    parse, by reason. The pages themselves are not among the rows: they are the archive's
    already. Plain computation: a cluster worker runs it too."""
    failed: Counter[str] = Counter()
    batch: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES if t != "raw_pages"}
    for row in zip(*(pages.column(name).to_pylist() for name in PAGE_SCHEMA.names), strict=True):
        page = _page(row)
        try:
            rows = article_rows(parse_article(page.text, page.url), page)
        except ParseError as exc:
            failed[exc.reason] += 1
            continue
        for table in batch:
            batch[table] += rows[table]
    return batch, failed


def reprocess(con: duckdb.DuckDBPyConnection) -> Counter[str]:
    """Parse, clean and extract every stored article again from its newest archived page,
    month by month; returns counts by outcome."""
    outcome: Counter[str] = Counter()
    archive = Archive.of(con)
    for unit in archive.units(con, CHUNK) if archive else ():
        batch, failed = derive(unit.read())
        outcome.update(failed)
        outcome.update(store.load_batch(con, batch).values())
    outcome["people"] = speakers.rebuild(con)
    return outcome
