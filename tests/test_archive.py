"""The raw HTML archive outside the analysts' file: loads twice leave the same rows and files,
a run killed between writing the archive and committing duplicates nothing anyone sees, and a
database made before the archive moves its raw_pages there once, without loss."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pytest

from tasks.core import store
from tasks.core.archive import PAGE_SCHEMA, Archive, default_url, move_raw_pages
from tasks.core.fingerprint import fingerprints
from tasks.core.http import decode_html
from tasks.core.models import FetchedPage
from tasks.core.parse import parse_article
from tasks.core.pipeline import TABLES, article_rows
from tasks.core.reprocess import reprocess

ROOT = Path(__file__).resolve().parents[1]
FETCHED = datetime(2020, 12, 23, 8, tzinfo=UTC)


def _batch(replica_root: Path, months: tuple[str, ...], fetched_at=FETCHED) -> dict[str, list]:
    """The rows of every replica article page of some months, as the pipeline makes them."""
    batch: dict[str, list] = {}
    for month in months:
        for path in sorted(
            (replica_root / "epaper" / "zjsb" / "html" / month).rglob("content_*.htm")
        ):
            raw = path.read_bytes()
            html, encoding = decode_html(raw, None)
            url = "http://replica/" + path.relative_to(replica_root).as_posix()
            page = FetchedPage(
                url, 200, fetched_at, raw, html, encoding, None, hashlib.sha256(raw).hexdigest()
            )
            try:
                rows = article_rows(parse_article(html, url), page)
            except ValueError:  # the replica's deliberately broken pages
                continue
            for table, table_rows in rows.items():
                batch.setdefault(table, []).extend(table_rows)
    return batch


def _load(published: Path, batch: dict[str, list]) -> dict[str, str]:
    con = store.open_writer(published)
    status = store.load_batch(con, batch)
    store.publish(con, published)
    return status


def _archive_files(published: Path) -> list[str]:
    return Archive(default_url(published)).files()


def _loaded(db: Path) -> dict[str, tuple[int, int]]:
    """The fingerprints of what a load writes (the archive's pages included); speakers are
    derived by the run around it."""
    return {table: rows for table, rows in fingerprints(db).items() if table in TABLES}


def _tables(db: Path) -> set[str]:
    con = store.connect(db, read_only=True)
    try:
        return {
            name for (name,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
    finally:
        con.close()


def test_pages_go_to_the_archive_by_month_and_a_second_load_writes_nothing(replica_root, tmp_path):
    published = tmp_path / "pearl.duckdb"
    batch = _batch(replica_root, ("2020-11", "2020-12"))
    assert len(batch["articles"]) > 20
    _load(published, batch)
    files = _archive_files(published)
    assert sorted({f.rsplit("/", 2)[-2] for f in files}) == ["2020-11", "2020-12"]
    assert "raw_pages" not in _tables(published)
    first = fingerprints(published)
    assert first["raw_pages"][0] == len(batch["articles"])

    status = _load(published, _batch(replica_root, ("2020-11", "2020-12"), datetime.now(UTC)))
    assert set(status.values()) == {"unchanged"}
    assert _archive_files(published) == files  # the same pages: not archived twice
    assert fingerprints(published) == first


def test_a_changed_page_is_archived_again_and_read_as_the_newest(replica_root, tmp_path):
    published = tmp_path / "pearl.duckdb"
    batch = _batch(replica_root, ("2020-12",))
    _load(published, batch)
    changed = dict(batch["raw_pages"][0])
    later = datetime(2020, 12, 24, tzinfo=UTC)
    changed |= {"fetched_at": later, "content_hash": "a later version", "html_gz": b"later"}
    one_article = {
        "articles": [batch["articles"][0]],
        "raw_pages": [changed],
    }
    _load(published, one_article)
    assert len(_archive_files(published)) == 2
    con = store.connect(published, read_only=True)
    try:
        (unit,) = Archive.of(con).units(con, 10_000)
    finally:
        con.close()
    pages = {r["article_id"]: r for r in unit.read().to_pylist()}
    assert len(pages) == len(batch["articles"])
    assert pages[changed["article_id"]]["html_gz"] == b"later"
    assert pages[changed["article_id"]]["fetched_at"] == later


KILLED_LOAD = """
import os, signal, sys
from contextlib import contextmanager
from pathlib import Path
from tasks.core import store
from tests.test_archive import _batch

@contextmanager
def killed(con):
    con.execute("BEGIN")
    con.execute(store.sql("load/upsert_batch"))
    os.kill(os.getpid(), signal.SIGKILL)  # half-way through the transaction
    yield

store._transaction = killed
published, replica = Path(sys.argv[1]), Path(sys.argv[2])
con = store.open_writer(published)
store.load_batch(con, _batch(replica, ("2020-12",)))
"""


def test_a_load_killed_after_archiving_duplicates_nothing(replica_root, tmp_path):
    """The pages of a killed load stay in the archive as an orphan file: reprocessing ignores
    them (their articles were never stored), and the retried load archives nothing twice."""
    clean, killed = tmp_path / "clean" / "pearl.duckdb", tmp_path / "killed" / "pearl.duckdb"
    _load(clean, _batch(replica_root, ("2020-11", "2020-12")))
    _load(killed, _batch(replica_root, ("2020-11",)))
    proc = subprocess.run(
        [sys.executable, "-c", KILLED_LOAD, str(killed), str(replica_root)], cwd=ROOT, check=False
    )
    assert proc.returncode == -9
    orphans = [f for f in _archive_files(killed) if "/2020-12/" in f]
    assert len(orphans) == 1  # written before the transaction, which never committed

    con = store.open_writer(killed)
    assert reprocess(con)["new"] == 0  # the orphan's articles are not stored: not re-derived
    store.publish(con, killed)
    december = _batch(replica_root, ("2020-12",), datetime.now(UTC))
    assert set(_load(killed, december).values()) == {"new"}
    assert [f for f in _archive_files(killed) if "/2020-12/" in f] == orphans
    assert _loaded(killed) == _loaded(clean)


def _old_layout(published: Path, batch: dict[str, list], monkeypatch, tmp_path: Path) -> None:
    """A database as the code before the archive left it: migrations up to 0006 (raw_pages a
    table of the file) and the raw pages in that table."""
    old_sql = tmp_path / "sql-before-0007"
    shutil.copytree(store.SQL_DIR, old_sql)
    (old_sql / "migrations" / f"{store.TO_ARCHIVE}.sql").unlink()
    with monkeypatch.context() as m:
        m.setattr(store, "SQL_DIR", old_sql)
        con = store.open_writer(published)
        pages = pa.Table.from_pylist(batch["raw_pages"], schema=PAGE_SCHEMA)
        store.load_batch(con, {k: v for k, v in batch.items() if k != "raw_pages"})
        store.load_registered(con, "INSERT INTO raw_pages BY NAME FROM b_raw", b_raw=pages)
        store.publish(con, published)
    assert "raw_pages" in _tables(published) and not _archive_files(published)


def test_a_database_made_before_the_archive_moves_its_raw_pages_once(
    replica_root, tmp_path, monkeypatch
):
    batch = _batch(replica_root, ("2020-11", "2020-12"))
    old, fresh = tmp_path / "old" / "pearl.duckdb", tmp_path / "fresh" / "pearl.duckdb"
    _old_layout(old, batch, monkeypatch, tmp_path)
    con = store.connect(old, read_only=True)
    try:
        before = con.sql("FROM raw_pages ORDER BY article_id").to_arrow_table()
    finally:
        con.close()
    size_before = old.stat().st_size

    con = store.connect(store.writer_path(old))  # a first move killed before the table dropped
    move_raw_pages(con, Archive.of(con))
    con.close()
    store.publish(store.open_writer(old), old)  # moves again: the same files, the same rows
    assert "raw_pages" not in _tables(old) and old.stat().st_size < size_before
    con = store.open_writer(old)
    counts = reprocess(con)
    store.publish(con, old)
    con = store.connect(old, read_only=True)
    try:
        (unit,) = Archive.of(con).units(con, 10_000)
    finally:
        con.close()
    assert unit.read().equals(before.cast(PAGE_SCHEMA))  # every page, every byte, once
    assert counts["unchanged"] == len(batch["articles"]) and counts["new"] == 0
    _load(fresh, batch)
    assert _loaded(old) == _loaded(fresh)


def test_an_in_memory_database_with_raw_pages_refuses_to_lose_them(tmp_path, monkeypatch):
    old_sql = tmp_path / "sql-before-0007"
    shutil.copytree(store.SQL_DIR, old_sql)
    (old_sql / "migrations" / f"{store.TO_ARCHIVE}.sql").unlink()
    con = store.connect(":memory:")
    with monkeypatch.context() as m:
        m.setattr(store, "SQL_DIR", old_sql)
        store.migrate(con)
    row = {
        "article_id": "a",
        "url": "u",
        "fetched_at": FETCHED,
        "content_hash": "h",
        "html_gz": b"x",
    }
    pages = pa.Table.from_pylist([row], schema=PAGE_SCHEMA)
    store.load_registered(con, "INSERT INTO raw_pages BY NAME FROM b_raw", b_raw=pages)
    with pytest.raises(store.StoreError, match="in-memory"):
        store.migrate(con)
    assert con.execute("SELECT count(*) FROM raw_pages").fetchall() == [(1,)]


def test_the_archive_lives_where_pearl_archive_url_says(replica_root, tmp_path, monkeypatch):
    """An fsspec URL (here file://; s3:// and the like in production) every worker reaches."""
    shared = tmp_path / "shared"
    monkeypatch.setenv("PEARL_ARCHIVE_URL", f"file://{shared}")
    published = tmp_path / "db" / "pearl.duckdb"
    batch = _batch(replica_root, ("2020-12",))
    _load(published, batch)
    assert list(shared.glob("2020-12/*.parquet")) and not (published.parent / "archive").exists()
    con = store.open_writer(published)
    assert reprocess(con)["unchanged"] == len(batch["articles"])
    store.publish(con, published)


def test_the_cluster_benchmark_grows_an_archive_into_later_years(replica_root, tmp_path):
    """`pearl bench --section cluster` reprocesses the replica's pages copied years on: each
    copy is a new article of a later issue (date, URL and id moved alike),
    archived and loaded as a run would, and reprocessing keeps every copy."""
    from flows.bench_cluster import YEARS_APART, grow

    published = tmp_path / "pearl.duckdb"
    _load(published, _batch(replica_root, ("2020-02", "2020-12")))
    before = _article_dates(published)
    grow(published, 3)
    after = _article_dates(published)
    assert len(after) == 3 * len(before)
    for copy in (1, 2):
        years = copy * YEARS_APART
        moved = {
            (a.replace(str(d.year), str(d.year + years), 1), d.replace(year=d.year + years))
            for a, d in before
        }
        assert moved <= after
    con = store.open_writer(published)
    outcome = reprocess(con)
    store.publish(con, published)
    assert outcome["unchanged"] == len(after)


def _article_dates(db: Path) -> set[tuple]:
    con = store.connect(db, read_only=True)
    try:
        return set(con.execute("SELECT article_id, issue_date FROM articles").fetchall())
    finally:
        con.close()
