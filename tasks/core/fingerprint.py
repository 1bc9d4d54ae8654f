"""What two databases hold, compared table by table without the moment of fetching: a run on a
cluster must load exactly the rows a single process loads."""

from __future__ import annotations

from pathlib import Path

from tasks.core import store
from tasks.core.pipeline import TABLES

# When a page was fetched differs between two runs over the same site; nothing else may.
FETCH_TIME = {"articles": ("first_seen_at", "updated_at"), "raw_pages": ("fetched_at",)}
COMPARED = (*TABLES, "speakers", "speaker_titles", "speech_speakers")


def fingerprints(db: Path) -> dict[str, tuple[int, int]]:
    """(rows, order-independent hash of the rows) of every table the pipeline loads."""
    con = store.connect(db, read_only=True)
    try:
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
