"""`pearl extract`: a stable JSON interface; `pearl run`: arguments checked before Prefect
starts, one writer at a time, flow runs recorded where `pearl ui` shows them."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from flows.cli import main
from tasks.core import store
from tasks.core.preflight import Exit
from tasks.core.writer_lock import hold_writer
from tests.conftest import SEED_TEXT

ROOT = Path(__file__).resolve().parents[1]


def test_extract_prints_speeches_and_metrics_of_the_seed(capsys):
    assert main(["extract", str(SEED_TEXT), "--date", "2020-12-23"]) == 0
    printed = capsys.readouterr().out
    out = json.loads(printed)
    rows = [line for line in printed.splitlines() if line.startswith("  {")]
    assert len(rows) == len(out["speeches"]) + len(out["statements"]) + len(out["metrics"])
    text = SEED_TEXT.read_text(encoding="utf-8")
    speakers = {s["speaker"]: s["title"] for s in out["speeches"]}
    assert speakers["岑灼雄"] == "桂城街道党工委书记"
    assert speakers["陈盛博"] == "佛山市自然资源局南海分局桂城管理所所长"
    assert {"伦耀波", "黄少彬", "余辉", "张伟明", "白燕", "陈志垣", "任泳谊"} <= set(speakers)
    for s in out["speeches"]:
        assert {"speaker", "title", "organization", "verb", "kind", "text"} <= set(s)
        assert s["text"].replace("\n", "") in text.replace("\n", "") or s["text"][:6] in text
    metrics = {(m["value"], m["unit"], m["object"]) for m in out["metrics"]}
    assert {
        (23, "栋", "亿元楼"),
        (7, "家", "上市企业"),
        (112, "家", "上市公司"),
        (22, "个", "农村社区"),
        (32, "个", "镇街"),
    } <= metrics
    assert all({"value", "unit", "object", "subject", "text"} <= set(m) for m in out["metrics"])


def test_extract_reports_unreadable_input(tmp_path, capsys):
    bad = tmp_path / "gbk.txt"
    bad.write_bytes("桂城街道".encode("gbk"))
    assert main(["extract", str(bad)]) == 2
    assert "UTF-8" in capsys.readouterr().err


def _pearl(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    """`pearl ARGS` in a fresh process, without any Prefect server configured."""
    base = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    return subprocess.run(
        [sys.executable, "-m", "flows.cli", *args],
        env=base | (env or {}),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("args", "code", "says"),
    [
        (["--db", "{tmp}"], Exit.USAGE, "is a directory"),
        (["--db", "{tmp}/notes.txt"], Exit.USAGE, "is not a DuckDB database"),
        (["--from", "2021-01-05", "--to", "2021-01-01"], Exit.USAGE, "is after --to"),
        (["--base-url", "127.0.0.1:8000"], Exit.USAGE, "is not an http(s) URL"),
        (["--base-url", "http://127.0.0.1:{closed}"], Exit.UNREACHABLE, "cannot reach"),
    ],
)
def test_run_refuses_bad_arguments_in_one_line_before_prefect_starts(tmp_path, args, code, says):
    (tmp_path / "notes.txt").write_text("not a database", encoding="utf-8")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    args = [a.format(tmp=tmp_path, closed=closed) for a in args]
    if "--db" not in args:
        args += ["--db", str(tmp_path / "pearl.duckdb")]
    done = _pearl("run", *args, env={"PEARL_DATA_DIR": str(tmp_path)})
    assert done.returncode == code
    assert done.stderr.count("\n") == 1 and says in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "prefect").exists()  # Prefect never started


def test_a_second_writer_is_refused_naming_the_first(tmp_path, replica_url):
    db = tmp_path / "pearl.duckdb"
    store.publish(store.open_writer(db), db)  # an empty database, published
    with hold_writer(db, "pearl-backfill"):
        done = _pearl("run", "--db", str(db), "--base-url", replica_url, "--from", "2020-12-23")
        retag = _pearl("retag", "--db", str(db))
    assert done.returncode == Exit.BUSY
    assert f"pearl-backfill (pid {os.getpid()}" in done.stderr and done.stderr.count("\n") == 1
    assert retag.returncode == Exit.BUSY and "pearl-backfill" in retag.stderr


def test_pearl_run_records_its_flow_run_where_pearl_ui_looks(tmp_path, replica_url):
    db = tmp_path / "pearl.duckdb"
    done = _pearl(
        "run",
        "--db",
        str(db),
        "--base-url",
        replica_url,
        "--from",
        "2020-12-23",
        "--delay",
        "0",
        env={"PEARL_DATA_DIR": str(tmp_path)},
    )
    assert done.returncode == Exit.OK, done.stderr[-2000:]
    prefect_db = tmp_path / "prefect" / "prefect.db"  # the database `pearl ui` serves
    with sqlite3.connect(prefect_db) as con:
        runs = con.execute("SELECT state_type FROM flow_run").fetchall()
    assert runs == [("COMPLETED",)]
