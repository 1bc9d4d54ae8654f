"""`pearl sql`: the DuckDB CLI installed in the project's environment (PyPI duckdb-cli 1.5.x), on
the published file, read-only. The file is written in the v1.5 storage format for it
(store.STORAGE); the views, search(q) macro included, are stored in the file."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path


def duckdb_cli() -> Path:
    """The CLI beside the running Python (.venv/bin/duckdb), else the one on PATH."""
    beside = Path(sys.executable).parent / "duckdb"
    if beside.exists():
        return beside
    found = shutil.which("duckdb")
    if found is None:
        raise FileNotFoundError(
            "no DuckDB CLI: `make install` puts one in .venv/bin (PyPI duckdb-cli)"
        )
    return Path(found)


def cli_command(db: Path, sql: str | None = None) -> list[str]:
    """The command that opens `db` read-only in the CLI (and runs `sql`, if given)."""
    if not db.exists():
        raise FileNotFoundError(f"no database at {db}; run `pearl demo` or `pearl run` first")
    return [str(duckdb_cli()), "-readonly", str(db), *(["-c", sql] if sql else [])]
