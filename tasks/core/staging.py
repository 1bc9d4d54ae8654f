"""Staged work of cluster workers: the tables of one unit of work (an issue scraped, a chunk of
the archive re-derived) as Parquet files under a storage URL that every worker and the writer
reach: a local folder here, an object store (s3://, gcs://, through fsspec) in production.

Workers never open the DuckDB file; the one writer reads what they staged and loads it in
transactions as a single-process run does. A unit's manifest is written last, so a worker killed
half-way leaves a unit without one, which is staged again rather than loaded half.
"""

from __future__ import annotations

import pickle
from functools import cache
from typing import Any

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST = "manifest.pickle"


class Staging:
    """One run's staging area: `<url>/<run_key>/<unit key>/<table>.parquet` plus a manifest."""

    def __init__(self, url: str, run_key: str) -> None:
        self.url, self.run_key = url, run_key
        self.fs, root = fsspec.core.url_to_fs(url)
        self.root = f"{root.rstrip('/')}/{run_key}"

    def _path(self, key: str, name: str) -> str:
        return f"{self.root}/{key}/{name}"

    def write(
        self,
        key: str,
        tables: dict[str, pa.Table | list[dict[str, Any]]],
        about: object = None,
    ) -> str:
        """Stage a unit's tables (Arrow, or rows of the stored tables, typed as they are), then
        its manifest: what the writer needs besides the rows (failures, counts)."""
        self.fs.makedirs(f"{self.root}/{key}", exist_ok=True)
        for name, table in tables.items():
            if not isinstance(table, pa.Table):
                table = pa.Table.from_pylist(table, schema=table_schemas()[name])
            pq.write_table(table, self._path(key, f"{name}.parquet"), filesystem=self.fs)
        # Under a temporary name, then renamed: the writer, polling `done`, never reads a
        # manifest half-written (on an object store a file appears whole when closed anyway).
        partial = self._path(key, MANIFEST + ".partial")
        with self.fs.open(partial, "wb") as handle:
            pickle.dump({"tables": sorted(tables), "about": about}, handle)
        self.fs.mv(partial, self._path(key, MANIFEST))
        return key

    def done(self, key: str) -> bool:
        """Staged completely (its manifest is there)."""
        return self.fs.exists(self._path(key, MANIFEST))

    def read(self, key: str) -> tuple[dict[str, pa.Table], Any]:
        """A completely staged unit: its tables and what its manifest says about it."""
        with self.fs.open(self._path(key, MANIFEST), "rb") as handle:
            manifest = pickle.load(handle)
        tables = {
            name: pq.read_table(self._path(key, f"{name}.parquet"), filesystem=self.fs)
            for name in manifest["tables"]
        }
        return tables, manifest["about"]

    def read_rows(self, key: str) -> tuple[dict[str, list[dict[str, Any]]], Any]:
        """As `read`, with the tables as row dicts (the shape the loads take)."""
        tables, about = self.read(key)
        return {name: table.to_pylist() for name, table in tables.items()}, about

    def clear(self) -> None:
        """Remove the run's staging area once everything is loaded."""
        if self.fs.exists(self.root):
            self.fs.rm(self.root, recursive=True)


@cache
def table_schemas() -> dict[str, pa.Schema]:
    """The Arrow schema of every stored table, from an in-memory database migrated by this
    code, and of the archive's pages: a worker types its staged rows exactly as a load would,
    without the DuckDB file."""
    from tasks.core import store
    from tasks.core.archive import PAGE_SCHEMA

    con = store.connect(":memory:")
    try:
        store.migrate(con)
        names = [r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()]
        return {name: store.arrow(con, name, []).schema for name in names} | {
            "raw_pages": PAGE_SCHEMA
        }
    finally:
        con.close()
