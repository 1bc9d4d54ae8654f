"""Checks of a command's arguments before any Prefect machinery starts: a bad path, an
unreachable site or an impossible date range is one line and an exit code, not tracebacks."""

from __future__ import annotations

import os
from datetime import date
from enum import IntEnum
from pathlib import Path
from urllib.parse import urlsplit

import requests

from tasks.core.writer_lock import busy_message, holder_if_busy


class Exit(IntEnum):
    """Exit codes of every `pearl` command (README, "Exit codes")."""

    OK = 0
    FAILED = 1  # the run ran and failed: a data-quality check, markup drift, a bug
    USAGE = 2  # bad arguments or paths
    UNREACHABLE = 3  # the site did not answer
    BUSY = 4  # another pearl command is writing the database


class Refused(Exception):
    """A command refused before starting: a one-line reason and its exit code."""

    def __init__(self, message: str, code: Exit) -> None:
        super().__init__(message)
        self.code = code


# DuckDB files carry this magic at offset 8.
_DUCKDB_MAGIC = b"DUCK"


def database_path(path: Path) -> Path:
    """The database path, absolute, in a writable directory, and a DuckDB file if it exists."""
    path = path.expanduser().resolve()
    if path.is_dir():
        raise Refused(
            f"--db {path} is a directory; give a file such as {path / 'pearl.duckdb'}", Exit.USAGE
        )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Refused(
            f"--db {path}: cannot create its directory: {exc.strerror}", Exit.USAGE
        ) from None
    if not os.access(path.parent, os.W_OK):
        raise Refused(f"--db {path}: its directory is not writable", Exit.USAGE)
    if path.exists():
        with open(path, "rb") as handle:
            head = handle.read(12)
        if head[8:12] != _DUCKDB_MAGIC:
            raise Refused(f"--db {path} exists and is not a DuckDB database", Exit.USAGE)
    return path


def date_range(first: date | None, last: date | None) -> None:
    if first and last and first > last:
        raise Refused(f"--from {first} is after --to {last}", Exit.USAGE)


def site_reachable(base_url: str, user_agent: str, timeout_s: float) -> None:
    """The base URL is http(s) and its host answers at all (any HTTP status). One plain request,
    no retries and no robots.txt: the question is only whether the run can start; the run's
    fetcher then applies its policy (retries, robots.txt, hosts) to every page."""
    parts = urlsplit(base_url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise Refused(f"--base-url {base_url!r} is not an http(s) URL", Exit.USAGE)
    try:
        requests.get(
            base_url.rstrip("/") + "/",
            headers={"User-Agent": user_agent},
            timeout=timeout_s,
            allow_redirects=False,
        ).close()
    except requests.RequestException as exc:
        raise Refused(
            f"cannot reach --base-url {base_url}: {type(exc).__name__}", Exit.UNREACHABLE
        ) from None


def writer_free(published: Path) -> None:
    """No other pearl command is writing now (the run itself takes the writer later)."""
    holder = holder_if_busy(published)
    if holder:
        raise Refused(busy_message(holder, published), Exit.BUSY)
