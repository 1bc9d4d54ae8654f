"""The raw HTML archive: every fetched article page, gzip-compressed, in Parquet files by month
of issue, outside the analysts' database (publishing copies only what analysts query).

`<archive URL>/<YYYY-MM>/<batch>.parquet`, one file per month of each loaded batch, written
under a temporary name and renamed into place before the batch's transaction commits. A run
killed in between leaves at worst a file whose pages the database never received: reading
keeps the newest fetch of each article, so such a file duplicates nothing, and `pearl
reprocess` reads only the pages of stored articles. The URL is a folder beside the database by
default (data/archive/pearl for data/pearl.duckdb), or any fsspec URL (PEARL_ARCHIVE_URL) that
cluster workers reach.
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import fsspec
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from tasks.core.settings import Settings

# A page as fetched: what `pearl reprocess` re-derives an article from.
PAGE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("url", pa.string()),
        ("fetched_at", pa.timestamp("us", tz="UTC")),
        ("http_status", pa.int32()),
        ("encoding", pa.string()),  # the charset that decoded it
        ("declared_encoding", pa.string()),  # the charset the server or page declared, if any
        ("content_hash", pa.string()),  # sha256 of the raw bytes
        ("html_gz", pa.binary()),
    ]
)
# As stored: with the issue's date, which names the month folder.
SCHEMA = PAGE_SCHEMA.insert(1, pa.field("issue_date", pa.date32()))
UNDATED = "undated"  # the folder of a page whose article has no issue date (none so far)
FILE = "archive_file"  # the column reading adds: which file a row came from


def _sql(name: str) -> str:
    """The text of sql/<name>.sql (store's, imported late: the store loads through this module)."""
    from tasks.core.store import sql

    return sql(name)


def default_url(db_file: Path) -> str:
    """PEARL_ARCHIVE_URL, or archive/<name> beside the database (data/archive/pearl): one
    archive per database, shared by its published file and the writer's private copy
    (.pearl.writer.duckdb)."""
    path = Path(db_file).resolve()
    name = path.stem.removeprefix(".").removesuffix(".writer")
    return Settings().archive_url or str(path.parent / "archive" / name)


def database_file(con: duckdb.DuckDBPyConnection) -> Path | None:
    """The file behind a connection; None for an in-memory database."""
    ((path,),) = con.execute(_sql("queries/database_file")).fetchall()
    return Path(path) if path else None


def month_of(issue_date: Any) -> str:
    return issue_date.strftime("%Y-%m") if issue_date else UNDATED


@dataclass(frozen=True)
class Unit:
    """Some archived pages, by file and article: the input of one unit of reprocessing work,
    small enough to hand to a cluster worker, which reads the pages itself."""

    url: str
    files: tuple[str, ...]
    article_ids: tuple[str, ...]

    def archived(self) -> pa.Table:
        """The unit's pages as archived (SCHEMA), in article order."""
        archive = Archive(self.url)
        table = archive.read(self.files, pc.field("article_id").isin(self.article_ids))
        return newest(table).select(SCHEMA.names)

    def read(self) -> pa.Table:
        """The unit's pages as fetched (PAGE_SCHEMA), in article order."""
        return self.archived().select(PAGE_SCHEMA.names)


def newest(table: pa.Table) -> pa.Table:
    """The newest row of each article (the latest fetch; of two alike, the later file's), in
    article order: what an orphan file of a killed run repeats disappears here."""
    ordered = table.sort_by(
        [("article_id", "ascending"), ("fetched_at", "descending"), (FILE, "descending")]
    )
    ids = ordered.column("article_id").to_pylist()
    return ordered.filter(
        pa.array([i == 0 or ids[i] != ids[i - 1] for i in range(len(ids))], pa.bool_())
    )


class Archive:
    """One archive's files, through fsspec (a local folder here, an object store elsewhere)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.fs, root = fsspec.core.url_to_fs(url)
        self.root = root.rstrip("/")

    @classmethod
    def of(cls, con: duckdb.DuckDBPyConnection) -> Archive | None:
        """The archive of a database connection; None for an in-memory database, which keeps
        no pages (tests and benchmarks of the rows alone)."""
        path = database_file(con)
        return cls(default_url(path)) if path else None

    def months(self) -> list[str]:
        if not self.fs.exists(self.root):
            return []
        return sorted(p.rsplit("/", 1)[-1] for p in self.fs.ls(self.root, detail=False))

    def files(self, months: Iterable[str] | None = None) -> list[str]:
        """The archive's files (of some months), oldest batch first; temporary names left out."""
        found = []
        for month in self.months() if months is None else sorted(set(months)):
            found += self.fs.glob(f"{self.root}/{month}/[!.]*.parquet")
        return sorted(found, key=lambda p: (p.rsplit("/", 2)[-2], p.rsplit("/", 1)[-1]))

    def read(
        self, files: Iterable[str], where: pc.Expression | None = None, columns=None
    ) -> pa.Table:
        """Rows of some files, with the file each came from (FILE)."""
        parts = []
        for path in files:
            table = pq.read_table(path, filesystem=self.fs, columns=columns, filters=where)
            parts.append(table.append_column(FILE, pa.array([path] * table.num_rows, pa.string())))
        if not parts:
            schema = SCHEMA if columns is None else pa.schema([SCHEMA.field(c) for c in columns])
            return schema.append(pa.field(FILE, pa.string())).empty_table()
        return pa.concat_tables(parts)

    def write(self, pages: pa.Table, name: str | None = None) -> list[str]:
        """Pages (SCHEMA) into one new file per month, each written under a temporary name and
        renamed into place: a reader never sees half a file. `name` (default: the time and a
        random id, so that names sort as batches were written) makes a rewrite replace."""
        name = name or f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}"
        months = [month_of(d) for d in pages.column("issue_date").to_pylist()]
        written = []
        for month in sorted(set(months)):
            rows = pages.filter(pa.array([m == month for m in months], pa.bool_()))
            folder = f"{self.root}/{month}"
            self.fs.makedirs(folder, exist_ok=True)
            tmp, final = f"{folder}/.{name}.tmp", f"{folder}/{name}.parquet"
            pq.write_table(rows.cast(SCHEMA), tmp, filesystem=self.fs, compression="zstd")
            self.fs.mv(tmp, final)
            written.append(final)
        return written

    def newest(self, months: Iterable[str]) -> pa.Table:
        """The newest archived version of each article of some months: what a batch's pages
        are compared with (article_id, url, content_hash)."""
        return newest(
            self.read(
                self.files(months), columns=["article_id", "url", "fetched_at", "content_hash"]
            )
        )

    def units(self, con: duckdb.DuckDBPyConnection, size: int) -> Iterator[Unit]:
        """The newest page of every article stored in `con`, in units of `size` articles (the
        last one smaller), in article order; pages of articles never loaded (a killed run's)
        are left out. Which page is the newest is decided here, so a unit may span months."""
        con.register(
            "b_newest", newest(self.read(self.files(), columns=["article_id", "fetched_at"]))
        )
        try:
            chosen = con.execute(_sql("queries/archived_stored_articles")).fetchall()
        finally:
            con.unregister("b_newest")
        for i in range(0, len(chosen), size):
            yield self._unit(chosen[i : i + size])

    def _unit(self, chosen: list[tuple[str, str]]) -> Unit:
        return Unit(self.url, tuple(sorted({f for _, f in chosen})), tuple(a for a, _ in chosen))

    def size_bytes(self) -> int:
        return sum(self.fs.size(p) for p in self.files())


def copy_with_database(db: Path, target: Path) -> None:
    """Copy a database file and the archive beside it (benchmarks and tests work on copies)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(db, target)
    source, copy = Path(default_url(db)), Path(default_url(target))
    if source.exists() and source != copy:  # PEARL_ARCHIVE_URL: one archive for both
        shutil.copytree(source, copy, dirs_exist_ok=True)


MOVED = "00000000T000000000000-moved-from-raw-pages"  # sorts before every batch's file


def move_raw_pages(con: duckdb.DuckDBPyConnection, archive: Archive) -> int:
    """Copy the raw_pages table of a database made before the archive into it, month by month,
    and check each file read back against the table; returns the pages moved. Run again after
    a kill, it rewrites the same files (same names, same rows): nothing is doubled."""
    moved = 0
    for (month,) in con.execute(_sql("queries/raw_pages_months")).fetchall():
        pages = con.sql(_sql("queries/raw_pages_to_move"), params={"month": month}).to_arrow_table()
        (path,) = archive.write(pages.cast(SCHEMA), MOVED)
        back = archive.read([path]).drop_columns([FILE]).sort_by("article_id")
        if not back.equals(pages.cast(SCHEMA)):
            raise RuntimeError(f"the archive's copy of raw_pages for {month} differs: {path}")
        moved += pages.num_rows
    return moved
