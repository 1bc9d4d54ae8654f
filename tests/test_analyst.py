"""What analysts use on the published file: the report (rendered in headless Chromium), search,
export, and the DuckDB CLI of PyPI opening the file written by DuckDB 2.0."""

from __future__ import annotations

import csv
import html
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import pytest
from openpyxl import load_workbook

from flows.cli import main
from flows.daily import daily
from tasks.core.analyst_report import write_report
from tasks.core.bench.views import view_names
from tasks.core.sql_shell import cli_command, duckdb_cli
from tests.conftest import read_rows

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "build" / "report"  # ignored by git
CHROMIUM = shutil.which("chromium")


@pytest.fixture(scope="module")
def db(prefect_harness, replica_url: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Half a year of the replica, loaded by the daily flow and published."""
    path = tmp_path_factory.mktemp("analyst") / "pearl.duckdb"
    daily(
        base_url=replica_url,
        db_path=str(path),
        date_from=date(2020, 9, 1),
        date_to=date(2021, 2, 28),
        delay_s=0,
    )
    return path


def test_search_lists_ranked_speeches_with_speakers_dates_and_links(db: Path, capsys):
    assert main(["search", "村级工业园", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.splitlines()
    hits = [re.match(r"\s*([\d.]+)  (\d{4}-\d\d-\d\d)  (\S+)  (.+)", line) for line in lines[::2]]
    assert hits and all(hits)
    scores = [float(h.group(1)) for h in hits]
    assert scores == sorted(scores, reverse=True)
    speeches = [h for h in hits if h.group(3) != "[article]"]
    assert speeches, "speeches about the theme are found"
    # every speech hit says something about the theme, not only its speaker's title does
    assert all("村" in h.group(4) or "园" in h.group(4) for h in speeches)
    assert all(line.strip().startswith("http") for line in lines[1::2])


def test_export_writes_files_a_spreadsheet_opens(db: Path, tmp_path: Path, capsys):
    expected = read_rows(db, "SELECT count(*) FROM theme_mentions_monthly")[0][0]
    out = tmp_path / "monthly.csv"
    assert main(["export", "theme_mentions_monthly", "-o", str(out), "--db", str(db)]) == 0
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["theme_id", "parent", "month"]
    assert len(rows) - 1 == expected
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8

    xlsx = tmp_path / "speakers.xlsx"
    assert (
        main(["export", "theme_speakers", "--format", "xlsx", "-o", str(xlsx), "--db", str(db)])
        == 0
    )
    sheet = load_workbook(xlsx, read_only=True).active
    got = list(sheet.iter_rows(values_only=True))
    assert got[0][:3] == ("theme_id", "speaker_id", "speaker_label")
    assert len(got) - 1 == read_rows(db, "SELECT count(*) FROM theme_speakers")[0][0]

    parquet = tmp_path / "q.parquet"
    query = "SELECT speaker_label, count(*) AS n FROM speech_timeline GROUP BY ALL"
    assert main(["export", query, "--format", "parquet", "-o", str(parquet), "--db", str(db)]) == 0
    back = duckdb.connect().execute(f"SELECT sum(n) FROM '{parquet}'").fetchall()[0][0]
    assert back == read_rows(db, "SELECT count(*) FROM speeches")[0][0]


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("theme_mention", "no view or table named 'theme_mention'"),
        ("SELECT nothing FROM articles", "the query failed: Binder Error"),
        ("SELECT CAST('x' AS INTEGER)", "the query failed: Conversion Error"),
    ],
)
def test_export_refuses_bad_input_in_one_line_and_writes_nothing(
    db: Path, tmp_path: Path, capsys, source: str, message: str
):
    out = tmp_path / "bad.csv"
    assert main(["export", source, "-o", str(out), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"pearl export: {message}") and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_the_pypi_duckdb_cli_opens_the_published_file_and_runs_every_view(db: Path):
    command = cli_command(db, "FROM theme_trend LIMIT 5")
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "theme_id" in done.stdout and "rolling_3m_share" in done.stdout
    counts = " UNION ALL ".join(f"SELECT '{v}', count(*) FROM {v}" for v in view_names())
    counts += " UNION ALL SELECT 'search', count(*) FROM search('村级工业园')"
    done = subprocess.run(
        [str(duckdb_cli()), "-csv", "-noheader", "-readonly", str(db), "-c", counts],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    got = dict(line.rsplit(",", 1) for line in done.stdout.split())
    assert set(got) == {*view_names(), "search"}
    assert int(got["theme_trend"]) > 0 and int(got["search"]) > 0


def test_report_is_self_contained(db: Path, tmp_path: Path):
    page = write_report(db, tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script src" not in page  # plotly.js is inlined: the file opens offline
    assert page.count('class="chart"') == 4
    assert '<a href="http://127.0.0.1' in page  # the speeches link to their articles


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (`make browser`)")
def test_report_charts_render_in_headless_chromium(db: Path):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    report = write_report(db, SCREENSHOTS / "report.html")
    base = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        f"--user-data-dir={SCREENSHOTS / 'chromium-profile'}",
        "--virtual-time-budget=20000",
        "--enable-logging=stderr",
    ]
    shot = SCREENSHOTS / "report.png"
    shot.unlink(missing_ok=True)
    subprocess.run(
        [*base, "--window-size=1300,3000", f"--screenshot={shot}", report.as_uri()],
        capture_output=True,
        timeout=120,
        check=False,
    )
    done = subprocess.run(
        [*base, "--dump-dom", report.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    dom = done.stdout
    # the page writes any script error while rendering into its error banner
    banner = re.search(r'<div id="render-errors"[^>]*>(.*?)</div>', dom, flags=re.S)
    assert banner is not None and banner.group(1).strip() == "", html.unescape(banner.group(1))
    assert "Uncaught" not in done.stderr
    for chart in ("theme-shares", "theme-speakers", "metric-series", "runs"):
        # plotly draws each chart as an SVG with its traces inside
        part = dom.split(f'id="{chart}"', 1)[1][:400_000]
        assert 'class="main-svg"' in part and 'class="trace' in part, chart
    assert dom.count('class="trace scatter') >= 10  # the small multiples, one per theme
    assert shot.exists() and shot.stat().st_size > 50_000
