"""Configuration: one pydantic-settings object read from PEARL_* environment variables, with
defaults; flow parameters override per run. pydantic-settings (installed with Prefect) types and
checks every variable, so a bad value is one clear error before any work starts."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, ValidationInfo, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[2]
SQL_DIR = REPO_ROOT / "sql"
DATA_FILES = Path(__file__).resolve().parent / "data"

# The production e-paper. The host has moved before (see README), so it is configuration.
REAL_SITE_URL = "http://szb.nanhaitoday.com"
# Hosts the fetcher may follow redirects to and take URLs from (the e-paper and its new home).
REAL_SITE_HOSTS = ("szb.nanhaitoday.com", "nanhai.fsonline.com.cn")


def _env(name: str, default: object, **extra: object) -> object:
    """A field read from PEARL_<name> (the variable's documented name, not the field's)."""
    return Field(default, validation_alias=f"PEARL_{name}", **extra)


class Settings(BaseSettings):
    """Run-wide knobs. Paths are absolute so a Prefect worker's temp cwd cannot move them."""

    # Aliases name the documented variables; a field name is read only with the prefix too
    # (PEARL_DB_PATH), never bare (DB_PATH, BASE_URL belong to other programs).
    model_config = SettingsConfigDict(
        env_prefix="PEARL_", frozen=True, populate_by_name=True, extra="ignore"
    )

    base_url: str = _env("BASE_URL", REAL_SITE_URL)
    data_dir: Path = _env("DATA_DIR", Path("data"), validate_default=True)
    db_path: Path = _env("DB", Path("data") / "pearl.duckdb", validate_default=True)
    user_agent: str = _env("USER_AGENT", "pearl/0.1 (Pearl River Times research archive)")
    timeout_s: float = _env("TIMEOUT", 20.0, gt=0)
    delay_s: float = _env("DELAY", 1.0, ge=0)
    lookback_days: int = _env("LOOKBACK_DAYS", 3, ge=0)
    # The furthest back a daily run catches up after missed days; older dates: pearl backfill.
    catch_up_days: int = _env("CATCH_UP_DAYS", 31, ge=0)
    # Worker processes that scrape issues when no polite delay is set (tasks/core/workers.py);
    # 1 (the default) scrapes in the flow's own process.
    processes: int = _env("PROCESSES", 1, ge=1)
    # A failed article or issue is retried by this many runs in all, then quarantined.
    max_attempts: int = _env("MAX_ATTEMPTS", 3, ge=1)
    # Seconds one article may take from parsing to extracted rows; beyond it, a named failure.
    article_budget_s: float = _env("ARTICLE_BUDGET", 60.0, gt=0)
    # Seconds a run waits for another pearl command to release the writer before refusing.
    writer_wait_s: float = _env("WRITER_WAIT", 0.0, ge=0)
    # Hosts besides the base URL's own that redirects and links may lead to (comma-separated).
    allowed_hosts: Annotated[tuple[str, ...], NoDecode] = _env("ALLOWED_HOSTS", REAL_SITE_HOSTS)
    # Bounds on one request: total time (a trickling server cannot hold a fetch past it), bytes.
    deadline_s: float = _env("DEADLINE", 60.0, gt=0)
    max_bytes: int = _env("MAX_BYTES", 8 * 1024 * 1024, gt=0)
    # Per-request retries of transient errors (5xx, 429, resets) and their backoff base.
    retries: int = _env("RETRIES", 3, ge=0)
    backoff_s: float = _env("BACKOFF", 1.0, ge=0)
    # The longest Retry-After the fetcher waits out; a server asking for more fails the request.
    max_retry_after_s: float = _env("MAX_RETRY_AFTER", 120.0, ge=0)
    # Where `pearl serve`'s alerts POST (empty: alerts are logged only).
    alert_webhook: str = _env("ALERT_WEBHOOK", "")
    # The tokenizer backend: rjieba (when installed) or jieba; empty picks rjieba if it is there.
    tokenizer: str = _env("TOKENIZER", "")
    # Past one machine (README, "Scaling out"). The Prefect server's own database: empty keeps
    # its SQLite file under PREFECT_HOME; a postgresql+asyncpg:// URL serves several workers.
    prefect_database_url: str = _env("PREFECT_DATABASE_URL", "")
    # An existing Dask scheduler (tcp://host:8786) that backfills and reprocessing hand their
    # fetch → parse → extract work to; empty: a local cluster when --workers is given, else none.
    dask_address: str = _env("DASK_ADDRESS", "")
    # Where cluster workers leave staged Parquet (raw pages and extracted rows, by issue): a
    # folder every worker reaches, or an fsspec URL (s3://…, gcs://…) in production. Empty:
    # `staging` under the data directory.
    staging_url: str = _env("STAGING_URL", "", validate_default=True)
    # The raw HTML archive (tasks/core/archive.py): Parquet files by month, outside the analysts'
    # file. Empty: archive/<name> beside the database (data/archive/pearl); an fsspec URL (s3://…)
    # where cluster workers read it from other machines.
    archive_url: str = _env("ARCHIVE_URL", "")

    @field_validator("data_dir", "db_path", mode="after")
    @classmethod
    def _absolute(cls, path: Path) -> Path:
        return path.expanduser().resolve()

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _host_list(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.split(",")
        return tuple(h.strip().lower() for h in value if h.strip())

    @field_validator("staging_url", mode="after")
    @classmethod
    def _staging_default(cls, url: str, info: ValidationInfo) -> str:
        return url or str(info.data["data_dir"] / "staging")


def settings_error(exc: Exception) -> str:
    """One line naming each invalid PEARL_* variable and why (a pydantic ValidationError)."""
    errors = getattr(exc, "errors", None)
    if not callable(errors):
        return str(exc)
    return "; ".join(
        f"{'.'.join(str(p) for p in e['loc'])}={e.get('input')!r}: {e['msg']}" for e in errors()
    )
