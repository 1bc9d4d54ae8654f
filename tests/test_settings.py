"""The one settings object: PEARL_* variables typed and checked, other programs' variables
ignored, a bad value one line before any work starts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from tasks.core.settings import Settings, settings_error
from tests.conftest import pearl_cli


def test_documented_variables_are_read_typed_and_paths_made_absolute(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PEARL_DB", "archive/pearl.duckdb")
    monkeypatch.setenv("PEARL_DELAY", "0.25")
    monkeypatch.setenv("PEARL_ALLOWED_HOSTS", " Mirror.Example.org ,,szb.nanhaitoday.com")
    monkeypatch.setenv("PEARL_DATA_DIR", "work")
    s = Settings()
    assert s.db_path == tmp_path / "archive" / "pearl.duckdb"
    assert s.delay_s == 0.25
    assert s.allowed_hosts == ("mirror.example.org", "szb.nanhaitoday.com")
    assert s.staging_url == str(tmp_path / "work" / "staging")


def test_unprefixed_variables_of_other_programs_are_ignored(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("BASE_URL", "http://elsewhere.example")
    monkeypatch.setenv("RETRIES", "99")
    monkeypatch.delenv("PEARL_BASE_URL", raising=False)
    monkeypatch.delenv("PEARL_RETRIES", raising=False)
    s = Settings()
    assert s.base_url == "http://szb.nanhaitoday.com"
    assert s.retries == 3


def test_a_run_overrides_fields_by_name() -> None:
    s = Settings(retries=0, deadline_s=2.5)
    assert (s.retries, s.deadline_s) == (0, 2.5)
    with pytest.raises(ValidationError):
        s.retries = 4  # frozen: one run's settings cannot drift half-way


def test_each_invalid_variable_is_named_on_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PEARL_TIMEOUT", "soon")
    monkeypatch.setenv("PEARL_MAX_ATTEMPTS", "0")
    with pytest.raises(ValidationError) as caught:
        Settings()
    line = settings_error(caught.value)
    assert "\n" not in line
    assert "PEARL_TIMEOUT='soon'" in line and "PEARL_MAX_ATTEMPTS='0'" in line


def test_the_cli_refuses_a_bad_setting_before_starting_anything(tmp_path: Path) -> None:
    env = dict(os.environ, PEARL_DELAY="-1", PEARL_DATA_DIR=str(tmp_path))
    done = pearl_cli(["run", "--from", "2020-12-23", "--to", "2020-12-23"], env, timeout=60)
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert "PEARL_DELAY='-1'" in done.stderr
    assert not (tmp_path / "prefect").exists()
