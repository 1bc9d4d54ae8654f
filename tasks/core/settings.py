"""Configuration read from the environment, with defaults; flow parameters override per run."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
SQL_DIR = REPO_ROOT / "sql"
DATA_FILES = Path(__file__).resolve().parent / "data"

# The production e-paper. The host has moved before (see README), so it is configuration.
REAL_SITE_URL = "http://szb.nanhaitoday.com"
# Hosts the fetcher may follow redirects to and take URLs from (the e-paper and its new home).
REAL_SITE_HOSTS = "szb.nanhaitoday.com,nanhai.fsonline.com.cn"


def _env_float(name: str, default: str) -> float:
    return float(os.environ.get(name, default))


def _env_path(name: str, default: Path) -> Path:
    return Path(os.environ.get(name, str(default))).expanduser().resolve()


@dataclass(frozen=True)
class Settings:
    """Run-wide knobs. Paths are absolute so a Prefect worker's temp cwd cannot move them."""

    base_url: str = field(default_factory=lambda: os.environ.get("PEARL_BASE_URL", REAL_SITE_URL))
    data_dir: Path = field(default_factory=lambda: _env_path("PEARL_DATA_DIR", Path("data")))
    db_path: Path = field(
        default_factory=lambda: _env_path("PEARL_DB", Path("data") / "pearl.duckdb")
    )
    user_agent: str = field(
        default_factory=lambda: os.environ.get(
            "PEARL_USER_AGENT", "pearl/0.1 (Pearl River Times research archive)"
        )
    )
    timeout_s: float = field(default_factory=lambda: float(os.environ.get("PEARL_TIMEOUT", "20")))
    delay_s: float = field(default_factory=lambda: float(os.environ.get("PEARL_DELAY", "1.0")))
    lookback_days: int = field(
        default_factory=lambda: int(os.environ.get("PEARL_LOOKBACK_DAYS", "3"))
    )
    # The furthest back a daily run catches up after missed days; older dates: pearl backfill.
    catch_up_days: int = field(
        default_factory=lambda: int(os.environ.get("PEARL_CATCH_UP_DAYS", "31"))
    )
    # Worker processes that scrape issues when no polite delay is set (tasks/core/workers.py);
    # 1 (the default) scrapes in the flow's own process.
    processes: int = field(default_factory=lambda: int(os.environ.get("PEARL_PROCESSES", "1")))
    # A failed article or issue is retried by this many runs in all, then quarantined.
    max_attempts: int = field(
        default_factory=lambda: int(os.environ.get("PEARL_MAX_ATTEMPTS", "3"))
    )
    # Seconds one article may take from parsing to extracted rows; beyond it, a named failure.
    article_budget_s: float = field(
        default_factory=lambda: _env_float("PEARL_ARTICLE_BUDGET", "60")
    )
    # Seconds a run waits for another pearl command to release the writer before refusing.
    writer_wait_s: float = field(default_factory=lambda: _env_float("PEARL_WRITER_WAIT", "0"))
    # Hosts besides the base URL's own that redirects and links may lead to.
    allowed_hosts: tuple[str, ...] = field(
        default_factory=lambda: tuple(
            h.strip().lower()
            for h in os.environ.get("PEARL_ALLOWED_HOSTS", REAL_SITE_HOSTS).split(",")
            if h.strip()
        )
    )
    # Bounds on one request: total time (a trickling server cannot hold a fetch past it), bytes.
    deadline_s: float = field(default_factory=lambda: _env_float("PEARL_DEADLINE", "60"))
    max_bytes: int = field(
        default_factory=lambda: int(os.environ.get("PEARL_MAX_BYTES", str(8 * 1024 * 1024)))
    )
    # Per-request retries of transient errors (5xx, 429, resets) and their backoff base.
    retries: int = field(default_factory=lambda: int(os.environ.get("PEARL_RETRIES", "3")))
    backoff_s: float = field(default_factory=lambda: _env_float("PEARL_BACKOFF", "1.0"))
    # The longest Retry-After the fetcher waits out; a server asking for more fails the request.
    max_retry_after_s: float = field(
        default_factory=lambda: _env_float("PEARL_MAX_RETRY_AFTER", "120")
    )
    # Past one machine (README, "Scaling out"). The Prefect server's own database: empty keeps
    # its SQLite file under PREFECT_HOME; a postgresql+asyncpg:// URL serves several workers.
    prefect_database_url: str = field(
        default_factory=lambda: os.environ.get("PEARL_PREFECT_DATABASE_URL", "")
    )
    # An existing Dask scheduler (tcp://host:8786) that backfills and reprocessing hand their
    # fetch → parse → extract work to; empty: a local cluster when --workers is given, else none.
    dask_address: str = field(default_factory=lambda: os.environ.get("PEARL_DASK_ADDRESS", ""))
    # Where cluster workers leave staged Parquet (raw pages and extracted rows, by issue): a
    # folder every worker reaches, or an fsspec URL (s3://…, gcs://…) in production.
    staging_url: str = field(
        default_factory=lambda: os.environ.get(
            "PEARL_STAGING_URL", str(_env_path("PEARL_DATA_DIR", Path("data")) / "staging")
        )
    )
    # The raw HTML archive (tasks/core/archive.py): Parquet files by month, outside the analysts'
    # file. Empty: archive/<name> beside the database (data/archive/pearl); an fsspec URL (s3://…)
    # where cluster workers read it from other machines.
    archive_url: str = field(default_factory=lambda: os.environ.get("PEARL_ARCHIVE_URL", ""))
