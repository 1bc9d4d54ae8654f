"""One writer at a time: daily, backfill, retag and reprocess all write the private DuckDB file.

An advisory lock (flock) on a file beside the published database. The kernel releases it when
the holder dies, even by kill -9, so a killed run never leaves it stuck; what the holder wrote
into the file stays, so the next holder learns which run was killed.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any


class WriterBusy(RuntimeError):
    """Another pearl command holds the writer; says which one and since when."""


def lock_path(published: Path) -> Path:
    return published.with_name(f".{published.stem}.writer.lock")


def _read(fd: int) -> dict[str, Any]:
    raw = os.pread(fd, 4096, 0)
    try:
        return json.loads(raw) if raw.strip() else {}
    except ValueError:
        return {}


def describe(holder: dict[str, Any]) -> str:
    if not holder:
        return "another pearl command"
    return f"{holder.get('command', 'a pearl command')} (pid {holder.get('pid')}, since {holder.get('since')})"


def busy_message(holder: str, published: Path) -> str:
    return (
        f"{holder} is writing {published}; one writer at a time: run this again when it has "
        "finished"
    )


@contextmanager
def hold_writer(
    published: Path,
    command: str,
    wait_s: float = 0.0,
    on_wait: Callable[[str], None] | None = None,
    **about: Any,
) -> Iterator[dict[str, Any]]:
    """Hold the writer for the block; wait up to `wait_s` for another holder, then WriterBusy.

    Yields what a previous holder left in the lock file when it did not release it cleanly
    (killed): {} after a clean release. `about` (e.g. a flow run id) is written for the next one.
    """
    path = lock_path(published)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + wait_s
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = describe(_read(fd))
                if time.monotonic() >= deadline:
                    raise WriterBusy(busy_message(holder, published)) from None
                if on_wait and not told:
                    on_wait(
                        f"waiting up to {wait_s:.0f} s for {holder} to finish writing {published}"
                    )
                    told = True
                time.sleep(min(1.0, max(0.0, deadline - time.monotonic())))
        previous = _read(fd)
        mine = {
            "command": command,
            "pid": os.getpid(),
            "since": f"{datetime.now(UTC):%Y-%m-%d %H:%M:%S} UTC",
            **about,
        }
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(mine).encode(), 0)
        try:
            yield previous
        finally:
            os.ftruncate(fd, 0)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def holder_if_busy(published: Path) -> str | None:
    """Who holds the writer now, or None if it is free; leaves the lock file as it is."""
    path = lock_path(published)
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return describe(_read(fd))
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)
