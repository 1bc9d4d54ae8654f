"""DuckDB storage: migrations, views, idempotent batch loads, and atomic publishing.

The flow writes a private file; analysts read a published copy that is replaced atomically at
the end of each run. DuckDB's whole-file locks mean an open analyst session would otherwise
block every load, and a running load would lock analysts out (README, "Concurrency").
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tasks.core.settings import SQL_DIR
from tasks.core.themes import Theme


def sql(name: str) -> str:
    """The text of sql/<name>.sql."""
    return (SQL_DIR / f"{name}.sql").read_text(encoding="utf-8")


def writer_path(published: Path) -> Path:
    """The flow's private working copy beside the published file."""
    return published.with_name(f".{published.stem}.writer.duckdb")


# Files are written in the v1.5 storage format so that the DuckDB CLI on PyPI (duckdb-cli 1.5.x,
# which reads storage versions 64-68 only) opens them; DuckDB 2.0.1 reads and writes it natively.
STORAGE = {"storage_compatibility_version": "v1.5.0"}


def connect(
    path: Path | str, read_only: bool = False, attempts: int = 5
) -> duckdb.DuckDBPyConnection:
    """Open a database, retrying briefly while another process holds its lock."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(attempts):
        try:
            return duckdb.connect(str(path), read_only=read_only, config=STORAGE)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower() or attempt == attempts - 1:
                raise
            time.sleep(0.5 * 2**attempt)
    raise AssertionError("unreachable")


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered migrations not yet applied, each in its own transaction."""
    con.execute(sql("load/create_schema_migrations"))
    done = {r[0] for r in con.execute(sql("queries/applied_migrations")).fetchall()}
    applied = []
    for path in sorted((SQL_DIR / "migrations").glob("*.sql")):
        if path.stem in done:
            continue
        con.execute("BEGIN")
        try:
            con.execute(path.read_text(encoding="utf-8"))
            con.execute(sql("load/record_migration"), [path.stem])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(path.stem)
    return applied


def apply_views(con: duckdb.DuckDBPyConnection) -> None:
    """(Re)create every view, layer by layer (1_base, 2_themes, 3_rollups): a view may only use
    tables and views of earlier layers."""
    for path in sorted((SQL_DIR / "views").rglob("*.sql")):
        con.execute(path.read_text(encoding="utf-8"))


def prepare(con: duckdb.DuckDBPyConnection) -> None:
    migrate(con)
    apply_views(con)


def arrow(
    con: duckdb.DuckDBPyConnection,
    table: str,
    rows: list[dict[str, Any]],
    columns: tuple[str, ...] | None = None,
) -> pa.Table:
    """Rows as an Arrow table with exactly the stored table's column types (or some columns)."""
    schema = con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
    if columns:
        schema = pa.schema([schema.field(c) for c in columns])
    return pa.Table.from_pylist(rows, schema=schema)


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    con.execute("BEGIN")
    try:
        yield
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise


def load_batch(
    con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict[str, Any]]]
) -> dict[str, str]:
    """Load one batch in one transaction; returns each article's status: new, updated, unchanged.

    `tables` maps articles, raw_pages, sentences, speeches, metrics, sentence_themes and
    article_terms to row dicts. Re-loading the
    same batch leaves identical rows; a changed article replaces its old rows.
    """
    names = {
        "articles": "b_articles",
        "raw_pages": "b_raw",
        "sentences": "b_sentences",
        "speeches": "b_speeches",
        "metrics": "b_metrics",
        "sentence_themes": "b_sentence_themes",
        "article_terms": "b_article_terms",
        "org_statements": "b_org_statements",
    }
    seen: set[str] = set()
    articles = []
    for row in reversed(tables["articles"]):  # the last version of a duplicated article wins
        if row["article_id"] not in seen:
            seen.add(row["article_id"])
            articles.append(row)
    tables = {**tables, "articles": articles[::-1]}
    for table, alias in names.items():
        con.register(alias, arrow(con, table, tables.get(table, [])))
    try:
        status = dict(con.execute(sql("load/classify_batch")).fetchall())
        with _transaction(con):
            con.execute(sql("load/upsert_batch"))
    finally:
        for alias in names.values():
            con.unregister(alias)
    return status


def load_registered(con: duckdb.DuckDBPyConnection, statement: str, **tables: pa.Table) -> None:
    for alias, table in tables.items():
        con.register(alias, table)
    try:
        with _transaction(con):
            con.execute(statement)
    finally:
        for alias in tables:
            con.unregister(alias)


def replace_themes(con: duckdb.DuckDBPyConnection, themes: list[Theme]) -> None:
    rows = [
        {"theme_id": t.theme_id, "name": t.name, "parent": t.parent, "description": t.description}
        for t in themes
    ]
    kws = [
        {"theme_id": t.theme_id, "keyword": k, "kind": "keyword"}
        for t in themes
        for k in t.keywords
    ]
    kws += [
        {"theme_id": t.theme_id, "keyword": k, "kind": "exclude"} for t in themes for k in t.exclude
    ]
    load_registered(
        con,
        sql("load/replace_themes"),
        b_themes=arrow(con, "themes", rows),
        b_theme_keywords=arrow(con, "theme_keywords", kws),
    )


def record_failures(con: duckdb.DuckDBPyConnection, rows: list[dict[str, Any]]) -> None:
    load_registered(
        con, sql("load/record_failures"), b_failures=arrow(con, "failed_articles", rows)
    )


def record_run(con: duckdb.DuckDBPyConnection, row: dict[str, Any]) -> None:
    load_registered(con, sql("load/record_run"), b_run=arrow(con, "runs", [row]))


def recent_runs(con: duckdb.DuckDBPyConnection) -> list[tuple[int, int, int]]:
    return con.execute(sql("queries/recent_runs")).fetchall()


def last_successful_date(con: duckdb.DuckDBPyConnection, base_url: str) -> Any:
    return con.execute(sql("queries/last_successful_run"), [base_url]).fetchall()[0][0]


def failed_urls(con: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in con.execute(sql("queries/failed_urls")).fetchall()]


def _count_rows(con: duckdb.DuckDBPyConnection, kind: str, label: str) -> dict[str, int]:
    names = [n for (n,) in con.execute(sql("queries/catalog_names").format(kind=kind)).fetchall()]
    if not names:
        return {}
    one = sql("queries/count_rows")
    query = " UNION ALL ".join(one.format(label=label + n, name=n) for n in names)
    return dict(con.execute(query).fetchall())


def row_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of every table the migrations made (the catalog is the registry). Cheap at any
    size: no view is computed."""
    return _count_rows(con, "table", "")


def view_counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of every view, named 'view …' (each view computed in full: for the demo)."""
    return _count_rows(con, "view", "view ")


def open_writer(published: Path) -> duckdb.DuckDBPyConnection:
    """The flow's connection: its private file, seeded from the published copy if it is missing."""
    private = writer_path(published)
    if not private.exists() and published.exists():
        shutil.copyfile(published, private)
    con = connect(private)
    prepare(con)
    return con


def publish(con: duckdb.DuckDBPyConnection, published: Path) -> Path:
    """Checkpoint and close the writer, then replace the analysts' file atomically.

    Readers that have the old file open keep their snapshot; new connections see the new one.
    """
    private = writer_path(published)
    con.execute("CHECKPOINT")
    con.close()
    tmp = published.with_name(published.name + ".tmp")
    shutil.copyfile(private, tmp)
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, published)
    return published
