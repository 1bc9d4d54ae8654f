"""DuckDB storage: idempotent, transactional loads; analysts never block a run, and nothing an
analyst or a killed run does to the files breaks the next publish."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from tasks.core import store
from tasks.core.clean import clean_plain_text
from tasks.core.pipeline import TABLES, extract_text
from tasks.core.writer_lock import WriterBusy, hold_writer


def _batch(article_id: str, text: str) -> dict[str, list[dict]]:
    """Rows of one article built by the real pipeline from plain text."""
    ex = extract_text(clean_plain_text(text))
    now = datetime(2020, 12, 23, 8, tzinfo=UTC)
    tag = {"article_id": article_id}
    return {
        "articles": [
            {
                "article_id": article_id,
                "url": f"http://h/{article_id}",
                "edition": "zjsb",
                "issue_date": date(2020, 12, 23),
                "title": "标题",
                "content": ex.clean.content,
                "content_hash": str(hash(ex.clean.content)),
                "first_seen_at": now,
                "updated_at": now,
            }
        ],
        "raw_pages": [
            {
                "article_id": article_id,
                "url": f"http://h/{article_id}",
                "fetched_at": now,
                "content_hash": "h",
                "html_gz": b"x",
            }
        ],
        "sentences": [tag | r for r in ex.sentences],
        "speeches": [tag | r for r in ex.speeches],
        "metrics": [tag | r for r in ex.metrics],
        "sentence_themes": [tag | r for r in ex.sentence_themes],
        "article_terms": [tag | r for r in ex.terms],
    }


def _published_with_one_article(tmp_path: Path, text: str) -> Path:
    published = tmp_path / "pearl.duckdb"
    writer = store.open_writer(published)
    store.load_batch(writer, _batch("a1", text))
    store.publish(writer, published)
    return published


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = store.connect(":memory:")
    store.prepare(c)
    return c


def _snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    # in memory: no archive, so no pages (tests/test_archive.py has them)
    return {
        t: sorted(map(str, con.execute(f"FROM {t}").fetchall())) for t in TABLES if t != "raw_pages"
    }


def test_migrations_apply_once(con):
    assert store.migrate(con) == []
    store.apply_views(con)  # views are re-applied idempotently


def test_reloading_the_same_batch_leaves_identical_rows(con, seed_text):
    batch = _batch("zjsb:2020-12-23:1", seed_text)
    assert store.load_batch(con, batch) == {"zjsb:2020-12-23:1": "new"}
    before = _snapshot(con)
    assert store.load_batch(con, batch) == {"zjsb:2020-12-23:1": "unchanged"}
    assert _snapshot(con) == before
    assert before["speeches"] and before["metrics"] and before["sentences"]


def test_changed_article_is_updated_not_duplicated(con, seed_text):
    store.load_batch(con, _batch("a1", seed_text))
    status = store.load_batch(con, _batch("a1", "更正后的文章只有一句话。"))
    assert status == {"a1": "updated"}
    assert con.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
    assert con.execute("SELECT count(*) FROM sentences").fetchall() == [(1,)]
    assert con.execute("SELECT count(*) FROM speeches").fetchall() == [(0,)]


def test_a_failing_load_rolls_back_everything(con, seed_text):
    store.load_batch(con, _batch("a1", seed_text))
    before = _snapshot(con)
    bad = _batch("a1", "新的内容。")
    bad["sentences"][0]["text"] = None  # violates NOT NULL after the deletes have run
    with pytest.raises(duckdb.ConstraintException):
        store.load_batch(con, bad)
    assert _snapshot(con) == before


def test_an_open_analyst_session_neither_blocks_nor_loses_a_publish(tmp_path: Path, seed_text):
    published = _published_with_one_article(tmp_path, seed_text)

    analyst = duckdb.connect(str(published), read_only=True)
    assert analyst.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]

    writer = store.open_writer(published)  # the next run, while the analyst keeps the file open
    store.load_batch(writer, _batch("a2", "第二篇文章。"))
    store.publish(writer, published)

    assert analyst.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]  # old snapshot
    analyst.close()
    fresh = duckdb.connect(str(published), read_only=True)
    assert fresh.execute("SELECT count(*) FROM articles").fetchall() == [(2,)]
    fresh.close()


def _killed_after(code: str, ready: str = "ready") -> None:
    """Run Python code in a subprocess that prints `ready` then waits; kill -9 it at that point."""
    proc = subprocess.Popen(
        [
            sys.executable,
            "-c",
            code + f"\nprint({ready!r}, flush=True)\nimport time\ntime.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    try:
        assert proc.stdout.readline().strip() == ready
    finally:
        proc.kill()  # SIGKILL: no atexit, no checkpoint, the WAL stays
        proc.wait()


def test_an_analyst_who_writes_to_the_published_file_and_is_killed_breaks_nothing(
    tmp_path: Path, seed_text
):
    published = _published_with_one_article(tmp_path, seed_text)

    # an analyst forgets -readonly, keeps a table of their own in the published file, is killed
    _killed_after(
        f"import duckdb\ncon = duckdb.connect({str(published)!r})\n"
        "con.execute('CREATE TABLE my_notes AS SELECT 42 AS answer')"
    )
    wal = published.with_name("pearl.duckdb.wal")
    assert wal.exists()  # what used to make the next published file unopenable

    writer = store.open_writer(published)  # the next run
    store.load_batch(writer, _batch("a2", "第二篇文章。"))
    store.publish(writer, published)

    fresh = duckdb.connect(str(published), read_only=True)
    assert fresh.execute("SELECT count(*) FROM articles").fetchall() == [(2,)]
    fresh.close()
    assert not wal.exists()
    # the analyst's work is set aside with the file it belongs to, not lost
    (kept,) = store.leftovers_dir(published).glob("*.duckdb")
    recovered = duckdb.connect(str(kept))
    assert recovered.execute("SELECT answer FROM my_notes").fetchall() == [(42,)]
    recovered.close()


def test_the_published_file_is_read_only_on_disk_and_attachable_from_an_analyst_database(
    tmp_path: Path, seed_text
):
    published = _published_with_one_article(tmp_path, seed_text)
    assert published.stat().st_mode & 0o222 == 0

    mine = duckdb.connect(str(tmp_path / "analyst.duckdb"))  # where analysts keep their tables
    mine.execute(f"ATTACH '{published}' AS pearl (READ_ONLY)")
    mine.execute("CREATE TABLE my_articles AS SELECT article_id FROM pearl.articles")
    assert mine.execute("SELECT count(*) FROM my_articles").fetchall() == [(1,)]
    mine.execute("DETACH pearl")
    mine.close()


def test_a_run_killed_while_seeding_the_writer_leaves_no_half_length_writer(
    tmp_path: Path, seed_text
):
    published = _published_with_one_article(tmp_path, seed_text)
    store.writer_path(published).unlink()  # the writer is reseeded from the published copy

    # the copy is killed half-way: half of the bytes are written, then kill -9
    _killed_after(
        "import os, shutil\nfrom pathlib import Path\nfrom tasks.core import store\n"
        "def half(src, dst):\n"
        "    data = Path(src).read_bytes()\n"
        "    Path(dst).write_bytes(data[: len(data) // 2])\n"
        "    print('ready', flush=True)\n"
        "    import time; time.sleep(60)\n"
        "shutil.copyfile = half\n"
        f"store.open_writer(Path({str(published)!r}))",
    )
    assert not store.writer_path(published).exists()
    writer = store.open_writer(published)
    assert writer.execute("SELECT count(*) FROM articles").fetchall() == [(1,)]
    writer.close()


def test_one_writer_at_a_time_with_a_message_naming_the_holder(tmp_path: Path):
    published = tmp_path / "pearl.duckdb"
    with (
        hold_writer(published, "pearl-backfill"),
        pytest.raises(WriterBusy, match=r"pearl-backfill \(pid \d+"),
        hold_writer(published, "pearl retag"),
    ):
        pass
    with hold_writer(published, "pearl retag") as previous:
        assert previous == {}  # released cleanly: nothing to report


def test_a_killed_holder_releases_the_writer_and_is_named_to_the_next(tmp_path: Path):
    published = tmp_path / "pearl.duckdb"
    _killed_after(
        "from pathlib import Path\nfrom tasks.core.writer_lock import hold_writer\n"
        f"lock = hold_writer(Path({str(published)!r}), 'pearl-daily', flow_run_id='abc')\n"
        "lock.__enter__()"
    )
    with hold_writer(published, "pearl-daily") as previous:
        assert previous["command"] == "pearl-daily" and previous["flow_run_id"] == "abc"
