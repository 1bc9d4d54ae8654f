"""The published file's and the raw archive's size per 10,000 articles: the rows and pages of a
real (replica) run, repeated under new article ids until there are 10,000 articles, written the
way publishing and loading write them. The replica alone is too small to measure: DuckDB's fixed
cost per table would dominate."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from tasks.core import store
from tasks.core.archive import Archive

TARGET = 10_000


def _published(source: Path, path: Path, copies: int) -> int:
    """Bytes of a database holding every article table of `source` `copies` times."""
    src = store.connect(source, read_only=True)
    try:
        tables = [name for (name,) in src.execute(store.sql("bench/article_tables")).fetchall()]
    finally:
        src.close()
    con = store.connect(path)
    try:
        store.prepare(con)
        con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
        for table in tables:
            con.execute(store.sql("bench/repeat_articles").format(table=table, copies=copies))
        con.execute("DETACH src")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path.stat().st_size


def _archived(source: Path, folder: Path, copies: int) -> int:
    """Bytes of an archive holding the archived pages of `source` `copies` times, one batch
    (a file per month) per copy, as loads write it."""
    con = store.connect(source, read_only=True)
    try:
        archive = Archive.of(con)
        pages = [unit.archived() for unit in archive.units(con, TARGET)] if archive else []
    finally:
        con.close()
    target = Archive(str(folder))
    for i in range(copies):
        for table in pages:
            ids = pc.binary_join_element_wise(table.column("article_id"), pa.scalar(f"#{i}"), "")
            target.write(table.set_column(0, "article_id", ids))
    return target.size_bytes()


def size_per_10k(source: Path, work: Path) -> dict[str, int]:
    """Bytes per 10,000 articles built from `source`'s rows: of the published file (what
    analysts get), and of the raw HTML archive beside it."""
    con = store.connect(source, read_only=True)
    try:
        ((articles,),) = con.execute(store.sql("queries/article_count")).fetchall()
    finally:
        con.close()
    copies = -(-TARGET // articles)
    scale = TARGET / (articles * copies)
    path = work / "size.duckdb"
    path.unlink(missing_ok=True)
    return {
        "published file": round(_published(source, path, copies) * scale),
        "raw HTML archive": round(_archived(source, work / "size-archive", copies) * scale),
    }
