"""DuckDB storage: idempotent, transactional loads; analysts never block a run."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from tasks.core import store
from tasks.core.clean import clean_plain_text
from tasks.core.pipeline import TABLES, extract_text


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


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    c = store.connect(":memory:")
    store.prepare(c)
    return c


def _snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list]:
    return {t: sorted(map(str, con.execute(f"FROM {t}").fetchall())) for t in TABLES}


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
    published = tmp_path / "pearl.duckdb"
    writer = store.open_writer(published)
    store.load_batch(writer, _batch("a1", seed_text))
    store.publish(writer, published)

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
