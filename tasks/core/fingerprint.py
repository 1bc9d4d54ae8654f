"""What two databases hold, compared table by table without the moment of fetching: a run on a
cluster must load exactly the rows a single process loads."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from tasks.core import store
from tasks.core.archive import PAGE_SCHEMA, Archive
from tasks.core.pipeline import TABLES

# When a page was fetched differs between two runs over the same site; nothing else may.
FETCH_TIME = {"articles": ("first_seen_at", "updated_at"), "raw_pages": ("fetched_at",)}
COMPARED = (*TABLES, "speakers", "speaker_titles", "speech_speakers")


def _archived_pages(con) -> pa.Table:
    """The newest archived page of every stored article: the archive's share of a run."""
    archive = Archive.of(con)
    units = archive.units(con, 10_000) if archive else []
    return pa.concat_tables([PAGE_SCHEMA.empty_table(), *(unit.read() for unit in units)])


def fingerprints(db: Path) -> dict[str, tuple[int, int]]:
    """(rows, order-independent hash of the rows) of every table the pipeline loads; for
    raw_pages, of the archive's pages of the stored articles."""
    con = store.connect(db, read_only=True)
    try:
        con.register("raw_pages", _archived_pages(con))
        out = {}
        for table in COMPARED:
            skip = FETCH_TIME.get(table)
            columns = f"* EXCLUDE ({', '.join(skip)})" if skip else "*"
            out[table] = con.execute(
                f"SELECT count(*), coalesce(sum(hash(r)), 0)::HUGEINT "
                f"FROM (SELECT {columns} FROM {table}) AS r"
            ).fetchone()
        return out
    finally:
        con.close()
