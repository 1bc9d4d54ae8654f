"""DuckDB storage: migrations, views, idempotent batch loads, and publishing no analyst can break.

The flow writes a private file; analysts read a published copy that is replaced atomically at
the end of each run. DuckDB's whole-file locks mean an open analyst session would otherwise
block every load, and a running load would lock analysts out (README, "Concurrency"). DuckDB
finds a file's WAL by path, so a WAL an analyst's session left beside the published file would
be replayed against the next published copy and make it unopenable: publishing moves such a WAL
aside, with the file it belongs to, before the new copy takes the name.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from tasks.core import archive
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


class StoreError(RuntimeError):
    """A database file that cannot serve: names the file and what to do."""


def connect(
    path: Path | str, read_only: bool = False, attempts: int = 5
) -> duckdb.DuckDBPyConnection:
    """Open a database, retrying briefly while another process holds its lock. Every connection
    of the project is opened here, so connection settings have this one home."""
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


# The migration that drops raw_pages; its rows are moved to the archive first.
TO_ARCHIVE = "0007_raw_pages_to_archive"


def _move_raw_pages(con: duckdb.DuckDBPyConnection) -> None:
    target = archive.Archive.of(con)
    if target:
        archive.move_raw_pages(con, target)
    elif con.execute(sql("queries/raw_pages_months")).fetchall():
        raise StoreError("an in-memory database with raw pages has no archive to move them to")


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the numbered migrations not yet applied, each in its own transaction."""
    con.execute(sql("load/create_schema_migrations"))
    done = {r[0] for r in con.execute(sql("queries/applied_migrations")).fetchall()}
    applied = []
    for path in sorted((SQL_DIR / "migrations").glob("*.sql")):
        if path.stem in done:
            continue
        if path.stem == TO_ARCHIVE:
            _move_raw_pages(con)
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


# The registered name of each table of a batch in sql/load/upsert_batch.sql.
BATCH = {
    "articles": "b_articles",
    "sentences": "b_sentences",
    "speeches": "b_speeches",
    "metrics": "b_metrics",
    "sentence_themes": "b_sentence_themes",
    "article_terms": "b_article_terms",
    "org_statements": "b_org_statements",
}


def load_batch(
    con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict[str, Any]]]
) -> dict[str, str]:
    """`load_tables` for row dicts (the shape the pipeline yields)."""
    return load_tables(
        con,
        {
            name: pa.Table.from_pylist(rows, schema=archive.PAGE_SCHEMA)
            if name == "raw_pages"
            else arrow(con, name, rows)
            for name, rows in tables.items()
        },
    )


def _last_of_each_article(articles: pa.Table) -> pa.Table:
    """The last version of an article that a batch holds twice."""
    ids = articles.column("article_id").to_pylist()
    last = {article_id: i for i, article_id in enumerate(ids)}
    return articles if len(last) == len(ids) else articles.take(sorted(last.values()))


def _archive_pages(con: duckdb.DuckDBPyConnection, pages: pa.Table) -> None:
    """Write the batch's pages that the archive does not hold yet (an article's newest archived
    version differs, or there is none): before the batch's transaction, so that a committed
    article always has its page; a page fetched again unchanged is not written twice."""
    target = archive.Archive.of(con)
    if target is None or pages.num_rows == 0:
        return
    dated = con.sql(sql("load/batch_pages")).to_arrow_table()
    months = {archive.month_of(d) for d in dated.column("issue_date").to_pylist()}
    held = target.newest(months)
    known = dict(
        zip(
            held.column("article_id").to_pylist(),
            zip(
                held.column("content_hash").to_pylist(), held.column("url").to_pylist(), strict=True
            ),
            strict=True,
        )
    )
    new = [
        known.get(a) != (h, u)
        for a, h, u in zip(
            dated.column("article_id").to_pylist(),
            dated.column("content_hash").to_pylist(),
            dated.column("url").to_pylist(),
            strict=True,
        )
    ]
    if any(new):
        target.write(dated.filter(pa.array(new)))


def load_tables(con: duckdb.DuckDBPyConnection, tables: dict[str, pa.Table]) -> dict[str, str]:
    """Load one batch in one transaction; returns each article's status: new, updated, unchanged.

    `tables` maps articles, sentences, speeches, metrics, sentence_themes, article_terms and
    org_statements to Arrow tables typed as the stored tables (staged Parquet is loaded as it
    is read), and raw_pages to the fetched pages, which go to the archive. Re-loading the same
    batch leaves identical rows; a changed article replaces its old rows.
    """
    batch = {name: tables.get(name) or arrow(con, name, []) for name in BATCH}
    batch["articles"] = _last_of_each_article(batch["articles"])
    pages = tables.get("raw_pages") or archive.PAGE_SCHEMA.empty_table()
    aliases = {**{BATCH[name]: t for name, t in batch.items()}, "b_raw": pages}
    for alias, table in aliases.items():
        con.register(alias, table)
    try:
        status = dict(con.execute(sql("load/classify_batch")).fetchall())
        _archive_pages(con, pages)
        with _transaction(con):
            con.execute(sql("load/upsert_batch"))
    finally:
        for alias in aliases:
            con.unregister(alias)
    return status


def load_registered(
    con: duckdb.DuckDBPyConnection,
    statement: str,
    params: dict[str, Any] | None = None,
    **tables: pa.Table,
) -> None:
    """Run a load statement over registered Arrow tables, in one transaction."""
    for alias, table in tables.items():
        con.register(alias, table)
    try:
        with _transaction(con):
            con.execute(statement, params)
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
        None,
        b_themes=arrow(con, "themes", rows),
        b_theme_keywords=arrow(con, "theme_keywords", kws),
    )


def _failure_table(
    con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]
) -> pa.Table:
    """Failure rows as Arrow, without the columns the recording statement computes."""
    computed = ("first_failed_at", "attempts", "quarantined")
    schema = con.sql(f"SELECT * FROM {table} LIMIT 0").to_arrow_table().schema
    return arrow(con, table, rows, tuple(n for n in schema.names if n not in computed))


def record_failures(
    con: duckdb.DuckDBPyConnection,
    articles: list[dict[str, Any]],
    issues: list[dict[str, Any]],
    scraped_issues: list[tuple[str, Any]],
    max_attempts: int,
) -> None:
    """Count this run's failed articles and issues (one row per identity); at `max_attempts`
    runs an identity is quarantined. Scraped issues lose old failures that did not recur."""
    by_id = {row["article_id"]: row for row in articles}  # one failure per article and run
    scraped = pa.Table.from_pylist(
        [{"edition": e, "issue_date": d} for e, d in scraped_issues],
        schema=pa.schema([("edition", pa.string()), ("issue_date", pa.date32())]),
    )
    params = {"max_attempts": max_attempts}
    for statement, tables in (
        (
            "load/record_failures",
            {"b_failures": _failure_table(con, "failed_articles", list(by_id.values()))},
        ),
        (
            "load/record_issue_failures",
            {
                "b_issue_failures": _failure_table(con, "failed_issues", issues),
                "b_scraped_issues": scraped,
            },
        ),
    ):
        load_registered(con, sql(statement), params, **tables)


def record_run(con: duckdb.DuckDBPyConnection, row: dict[str, Any]) -> None:
    load_registered(con, sql("load/record_run"), None, b_run=arrow(con, "runs", [row]))


def recent_runs(con: duckdb.DuckDBPyConnection) -> list[tuple[int, int, int]]:
    return con.execute(sql("queries/recent_runs")).fetchall()


def last_successful_date(con: duckdb.DuckDBPyConnection, base_url: str) -> Any:
    return con.execute(sql("queries/last_successful_run"), [base_url]).fetchall()[0][0]


def _dicts(con: duckdb.DuckDBPyConnection, query: str, params: Any = None) -> list[dict[str, Any]]:
    cur = con.execute(sql(query), params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def articles_to_retry(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """Failed articles not yet quarantined: article_id, edition, issue_date, url."""
    return _dicts(con, "queries/articles_to_retry")


def issues_to_retry(con: duckdb.DuckDBPyConnection) -> list[tuple[str, Any]]:
    """(edition, date) of issues with a front page or page index that failed, not quarantined."""
    return [tuple(r.values()) for r in _dicts(con, "queries/issues_to_retry")]


def failures_of_run(con: duckdb.DuckDBPyConnection, run_id: str) -> list[dict[str, Any]]:
    """kind, url, reason, detail, attempts, quarantined of what a run failed."""
    return _dicts(con, "queries/failures_of_run", {"run_id": run_id})


def quarantined(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    return _dicts(con, "queries/quarantined")


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


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def check_readable(path: Path) -> None:
    """Open a database file read-only and read its migrations; StoreError if that fails."""
    try:
        con = connect(path, read_only=True)
        try:
            con.execute(sql("queries/applied_migrations")).fetchall()
        finally:
            con.close()
    except duckdb.Error as exc:
        raise StoreError(f"{path} is not a readable pearl database: {exc}") from exc


def _copy_checked(source: Path, tmp: Path) -> None:
    """Copy a database to a temporary name, fsync it and check that it opens."""
    tmp.unlink(missing_ok=True)
    shutil.copyfile(source, tmp)
    _fsync(tmp)
    check_readable(tmp)


def copy_validated(source: Path, target: Path) -> None:
    """Copy a database under a temporary name and rename it onto `target` once it is checked:
    a run killed while copying never leaves a half-length file under the real name."""
    tmp = target.with_name(target.name + ".tmp")
    _copy_checked(source, tmp)
    os.replace(tmp, target)
    _fsync(target.parent)


def leftovers_dir(published: Path) -> Path:
    """Where publishing puts an analyst's write session it found on the published file."""
    return published.with_name("analyst-leftovers")


def set_aside_stale_wal(published: Path) -> Path | None:
    """Move a WAL beside the published file (an analyst's read-write session wrote it) into
    analyst-leftovers/, together with a hard link to the file it belongs to: opening that pair
    read-write recovers what the analyst wrote. The pipeline never leaves a WAL there."""
    wal = published.with_name(published.name + ".wal")
    if not wal.exists():
        return None
    keep = leftovers_dir(published)
    keep.mkdir(exist_ok=True)
    kept = keep / f"{published.stem}-{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}{published.suffix}"
    if published.exists():
        os.link(published, kept)
    os.replace(wal, kept.with_name(kept.name + ".wal"))
    return kept


def _compacted(con: duckdb.DuckDBPyConnection, path: Path) -> duckdb.DuckDBPyConnection:
    """The database rewritten without the free space a dropped table left, under its name."""
    tmp = path.with_name(path.name + ".compact")
    tmp.unlink(missing_ok=True)
    ((database,),) = con.execute("SELECT current_database()").fetchall()
    con.execute(sql("load/compact").format(database=database, target=tmp))
    con.close()
    check_readable(tmp)
    os.replace(tmp, path)
    return connect(path)


def open_writer(published: Path) -> duckdb.DuckDBPyConnection:
    """The flow's connection: its private file, seeded from the published copy if it is
    missing, migrated (and compacted once the raw pages have moved to the archive)."""
    private = writer_path(published)
    if not private.exists() and published.exists():
        copy_validated(published, private)
    con = connect(private)
    if TO_ARCHIVE in migrate(con):
        con = _compacted(con, private)
    apply_views(con)
    return con


def publish(con: duckdb.DuckDBPyConnection, published: Path) -> Path:
    """Checkpoint and close the writer, then replace the analysts' file atomically with a
    checked copy, read-only on disk, after setting aside any WAL an analyst's session left.

    Readers that have the old file open keep their snapshot; new connections see the new one.
    """
    private = writer_path(published)
    con.execute("CHECKPOINT")
    con.close()
    tmp = published.with_name(published.name + ".tmp")
    _copy_checked(private, tmp)
    # read-only on disk: an analyst's `duckdb pearl.duckdb` without -readonly is refused
    # (for users other than root) instead of locking every other reader out
    os.chmod(tmp, 0o444)
    set_aside_stale_wal(published)
    os.replace(tmp, published)
    _fsync(published.parent)
    return published
