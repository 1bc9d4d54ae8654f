"""Each view on hand-made input rows (tests/sql_cases/<view>.yaml) against its expected rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from tasks.core import store

CASES = Path(__file__).parent / "sql_cases"
SQL_VIEWS = sorted(p.stem for p in (Path(store.SQL_DIR) / "views").rglob("*.sql"))

# Placeholders for required columns a case leaves out, by DuckDB type.
_PLACEHOLDER = {
    "VARCHAR": "x",
    "INTEGER": 0,
    "DOUBLE": 0.0,
    "BLOB": b"",
    "TIMESTAMP WITH TIME ZONE": dt.datetime(2021, 1, 1, tzinfo=dt.UTC),
    "DATE": dt.date(2021, 1, 1),
    "VARCHAR[]": [],
}


def _load(con, inputs: dict[str, list[dict[str, Any]]]) -> None:
    for table, rows in inputs.items():
        columns = con.execute(f"DESCRIBE {table}").fetchall()
        required = {c[0]: _PLACEHOLDER[c[1]] for c in columns if c[2] == "NO"}
        full = [required | row for row in rows]
        store.load_registered(
            con,
            f"INSERT INTO {table} BY NAME SELECT * FROM b_rows",
            b_rows=store.arrow(con, table, full),
        )


def _normal(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


@pytest.mark.parametrize("view", SQL_VIEWS)
def test_view_case(view: str):
    case = yaml.safe_load((CASES / f"{view}.yaml").read_text(encoding="utf-8"))
    assert case["view"] == view
    inputs = case.get("inputs") or yaml.safe_load(
        (CASES / f"{case['scenario']}.yaml").read_text(encoding="utf-8")
    )
    con = store.connect(":memory:")
    store.prepare(con)
    _load(con, inputs)
    got = [[_normal(v) for v in row] for row in con.execute(case["query"]).fetchall()]
    assert got == [[_normal(v) for v in row] for row in case["expected"]]
