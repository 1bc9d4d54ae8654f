"""`pearl export`: a view, table or query of the published database to CSV, Parquet or Excel."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
from openpyxl import Workbook

from tasks.core import store

FORMATS = ("csv", "parquet", "xlsx")
EXCEL_MAX_ROWS = 1_048_575  # a sheet holds 1,048,576 rows, the header included
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class ExportError(ValueError):
    """A one-line reason the export cannot be done (unknown view, bad query, too many rows)."""


def _relation(con: duckdb.DuckDBPyConnection, source: str) -> duckdb.DuckDBPyRelation:
    """A view or table by name, or a query; checked (parsed and bound) before anything is written."""
    source = source.strip().rstrip(";")
    if _NAME.match(source):
        known = {r[0] for r in con.execute(store.sql("queries/exportable")).fetchall()}
        if source not in known:
            raise ExportError(
                f"no view or table named {source!r}; views and tables: {', '.join(sorted(known))}"
            )
        return con.table(source)
    try:
        return con.sql(source)
    except duckdb.Error as exc:
        raise ExportError(f"the query failed: {str(exc).splitlines()[0]}") from exc


def export(db: Path, source: str, fmt: str, out: Path) -> int:
    """Write `source` (a view, a table or a SELECT) to `out`; returns the number of rows."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    con = store.connect(db, read_only=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")  # an existing file is replaced only when done
    try:
        rel = _relation(con, source)
        if fmt == "xlsx":
            rows = _excel(rel, partial)
        else:
            if fmt == "csv":
                rel.write_csv(str(partial), header=True)
                _add_bom(partial)
            else:
                rel.write_parquet(str(partial))
            rows = rel.shape[0]
        partial.replace(out)
        return rows
    except duckdb.Error as exc:  # an error only the execution finds (a failing cast, say)
        raise ExportError(f"the query failed: {str(exc).splitlines()[0]}") from exc
    finally:
        con.close()
        partial.unlink(missing_ok=True)


def _add_bom(path: Path) -> None:
    """Excel reads a UTF-8 CSV as UTF-8 only when it starts with a byte-order mark."""
    data = path.read_bytes()
    path.write_bytes(b"\xef\xbb\xbf" + data)


def _cell(value: Any) -> Any:
    if isinstance(value, list):
        return "、".join(str(v) for v in value)
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.replace(tzinfo=None)  # Excel has no time zones; stored instants are UTC
    if isinstance(value, str | int | float | date | None):
        return value
    return str(value)


def _excel(rel: duckdb.DuckDBPyRelation, out: Path) -> int:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("export")
    sheet.append(rel.columns)
    n = 0
    for batch in rel.to_arrow_reader(10_000):
        n += batch.num_rows
        if n > EXCEL_MAX_ROWS:
            raise ExportError(f"more than {EXCEL_MAX_ROWS} rows, too many for Excel: use parquet")
        for row in batch.to_pylist():
            sheet.append([_cell(v) for v in row.values()])
    book.save(out)
    return n
