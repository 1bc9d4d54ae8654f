"""The published file's size per 10,000 articles: the rows of a real (replica) run, repeated
under new article ids until there are 10,000 articles, written the way publishing writes them.
The replica alone is too small to measure: DuckDB's fixed cost per table would dominate."""

from __future__ import annotations

from pathlib import Path

from tasks.core import store

TARGET = 10_000


def size_per_10k(source: Path, work: Path) -> dict[str, int]:
    """Bytes of a file of 10,000 articles built from `source`'s rows: with the raw HTML
    archive (`raw_pages`) and without it."""
    src = store.connect(source, read_only=True)
    try:
        articles = src.execute("SELECT count(*) FROM articles").fetchone()[0]
        tables = [name for (name,) in src.execute(store.sql("bench/article_tables")).fetchall()]
    finally:
        src.close()
    copies = -(-TARGET // articles)
    sizes = {}
    for label, skip in (("with raw_pages", ()), ("without raw_pages", ("raw_pages",))):
        path = work / f"size-{len(skip)}.duckdb"
        path.unlink(missing_ok=True)
        con = store.connect(path)
        try:
            store.prepare(con)
            con.execute(f"ATTACH '{source}' AS src (READ_ONLY)")
            for table in tables:
                if table in skip:
                    continue
                con.execute(store.sql("bench/repeat_articles").format(table=table, copies=copies))
            con.execute("DETACH src")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        sizes[label] = round(path.stat().st_size * TARGET / (articles * copies))
    return sizes
