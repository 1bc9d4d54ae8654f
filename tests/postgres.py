"""A throwaway PostgreSQL cluster on loopback for the tests of the Prefect server on PostgreSQL:
Debian's binaries (`make postgres` installs them), a data folder owned by the postgres user when
the tests run as root, trust authentication on 127.0.0.1 only, removed afterwards."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from flows.prefect_server import free_port


def bin_dir() -> Path | None:
    """Where initdb and pg_ctl are (Debian keeps them out of PATH), or None."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"))
    return versions[-1].parent if versions else None


def _as_owner(cmd: list[str]) -> list[str]:
    """initdb and postgres refuse to run as root: as root, run them as the postgres user."""
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


def _run(cmd: list[str]) -> None:
    done = subprocess.run(_as_owner(cmd), capture_output=True, text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}{done.stderr}")


@contextmanager
def throwaway_cluster(database: str = "prefect") -> Iterator[str]:
    """Start a cluster in a fresh folder (its own: pytest's are closed to other users);
    yields postgresql://postgres@127.0.0.1:PORT/<database>."""
    pg = bin_dir()
    if pg is None:
        raise FileNotFoundError("PostgreSQL is not installed (make postgres)")
    folder = Path(tempfile.mkdtemp(prefix="pearl-pg-"))
    data, port = folder / "data", free_port()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    _run([str(pg / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust"])
    options = f"-h 127.0.0.1 -p {port} -k {folder}"
    log = folder / "postgres.log"
    _run([str(pg / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "start"])
    try:
        _run([str(pg / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", database])
        yield f"postgresql://postgres@127.0.0.1:{port}/{database}"
    finally:
        subprocess.run(
            _as_owner([str(pg / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
            check=False,
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)
