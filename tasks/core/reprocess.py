"""Re-derive every article from the raw archive, without the network: after an extractor or
cleaning rule improves, history is brought up to date by `pearl reprocess`."""

from __future__ import annotations

import gzip
from collections import Counter
from typing import Any

import duckdb

from tasks.core import speakers, store
from tasks.core.http import decode_html
from tasks.core.models import FetchedPage
from tasks.core.parse import ParseError, parse_article
from tasks.core.pipeline import TABLES, article_rows

CHUNK = 500  # articles per transaction


def _page(row: tuple) -> FetchedPage:
    _article_id, url, fetched_at, status, encoding, declared, content_hash, html_gz = row
    raw = gzip.decompress(html_gz)
    try:
        text = raw.decode(encoding)
    except (LookupError, UnicodeDecodeError, TypeError):
        text, encoding = decode_html(raw, declared)
    return FetchedPage(url, status or 200, fetched_at, raw, text, encoding, declared, content_hash)


def derive(archived: list[tuple]) -> tuple[dict[str, list[dict[str, Any]]], Counter[str]]:
    """Rows re-derived from archived pages (rows of raw_pages_for_reprocess), and how many
    pages no longer parse, by reason. Plain computation: a cluster worker runs it too."""
    failed: Counter[str] = Counter()
    batch: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    for row in archived:
        page = _page(row)
        try:
            rows = article_rows(parse_article(page.text, page.url), page)
        except ParseError as exc:
            failed[exc.reason] += 1
            continue
        for table, table_rows in rows.items():
            batch[table] += table_rows
    return batch, failed


def reprocess(con: duckdb.DuckDBPyConnection) -> Counter[str]:
    """Parse, clean and extract every archived article again; returns counts by outcome."""
    outcome: Counter[str] = Counter()
    archived = con.execute(store.sql("queries/raw_pages_for_reprocess")).fetchall()
    for i in range(0, len(archived), CHUNK):
        batch, failed = derive(archived[i : i + CHUNK])
        outcome.update(failed)
        outcome.update(store.load_batch(con, batch).values())
    outcome["people"] = speakers.rebuild(con)
    return outcome
