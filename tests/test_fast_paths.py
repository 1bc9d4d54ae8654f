"""The fast paths give what the slow ones gave: over the whole replica (broken pages included),
the rows of every article with the old tools (BeautifulSoup and soupsieve, jieba cutting each
text again, jieba's extract_tags) and the new (lxml's tree, rjieba, keywords from the sentences'
tokens); and the speakers after incremental updates against a full rebuild."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from tasks.core import html_tree, speakers, store, tokenizer
from tasks.core.bench.core import fetched, process
from tasks.core.bench.pages import Page, replica_pages

Rows = dict[str, list[dict[str, Any]]]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Page]:
    return replica_pages(tmp_path_factory.mktemp("replica-pages"), faults=True)


def _run(pages: list[Page], tree: str, backend: str) -> list[Rows | str]:
    html_tree.use(tree)
    tokenizer.use(backend)
    try:
        return [process(p, fetched(p)) for p in pages]
    finally:
        html_tree.use("lxml")
        tokenizer.use(tokenizer.default_backend())


@pytest.fixture(scope="module")
def new_rows(pages: list[Page]) -> list[Rows | str]:
    return _run(pages, "lxml", "rjieba")


def test_fast_parser_and_tokenizer_give_the_rows_of_the_old_ones(pages, new_rows):
    import jieba.analyse

    old_rows = _run(pages, "soup", "jieba")
    assert sum(isinstance(r, dict) for r in old_rows) > 500
    assert any(isinstance(r, str) for r in old_rows)  # the broken pages fail alike
    for page, old, new in zip(pages, old_rows, new_rows, strict=True):
        assert old == new, page.url
        if isinstance(old, dict):  # the old keywords: jieba cut the body again, ranked words
            body = old["articles"][0]["body"]
            expected = jieba.analyse.extract_tags(body, topK=10) if body else []
            assert new["articles"][0]["keywords"] == expected, page.url


def _speaker_tables(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple]]:
    return {
        t: sorted(map(str, con.execute(f"FROM {t}").fetchall()))
        for t in ("speakers", "speaker_titles", "speech_speakers")
    }


def _load(con: duckdb.DuckDBPyConnection, batch: list[Rows]) -> list[str]:
    merged: Rows = {}
    for rows in batch:
        for table, table_rows in rows.items():
            merged.setdefault(table, []).extend(table_rows)
    store.load_batch(con, merged)
    return [r["article_id"] for r in merged["articles"]]


def _renamed(rows: Rows, name: str) -> Rows:
    """The article as a corrected page would give it: its first speaker renamed."""
    speeches = [dict(s) for s in rows["speeches"]]
    speeches[0]["speaker"] = name
    return {**rows, "speeches": speeches}


def test_speakers_updated_batch_by_batch_equal_a_full_rebuild(tmp_path: Path, new_rows):
    batches: list[list[Rows]] = [
        [r for r in new_rows if isinstance(r, dict)][i::5] for i in range(5)
    ]
    with_speech = next(r for r in batches[0] if r["speeches"])
    known = with_speech["speeches"][0]["speaker"]
    # day 6: an article of day 1 comes back corrected: its speaker changed name
    batches.append([_renamed(with_speech, "冯晓东" if known != "冯晓东" else "岑灼雄")])
    incremental = store.connect(tmp_path / "incremental.duckdb")
    full = store.connect(tmp_path / "full.duckdb")
    for con in (incremental, full):
        store.prepare(con)
    updated = 0
    for batch in batches:
        ids = _load(incremental, batch)
        updated += speakers.update(incremental, ids)
        _load(full, batch)
    people = speakers.rebuild(full)
    assert people > 50 and updated > people  # names recur across batches
    assert _speaker_tables(incremental) == _speaker_tables(full)
    gone = incremental.execute(
        "SELECT count(*) FROM speech_speakers AS l JOIN speeches AS s USING (article_id, speech_no)"
        " JOIN speakers AS p USING (speaker_id) WHERE p.name <> s.speaker"
    ).fetchone()
    assert gone == (0,)


def test_markup_libxml2_refuses_is_read_by_beautifulsoup():
    declared = (
        '<?xml version="1.0" encoding="gb2312"?><html><body><p>桂城 <b>发布</b></p></body></html>'
    )
    tree, root = html_tree.parse(declared)
    assert tree.name == "soup"
    (p,) = tree.select(root, "p")
    assert tree.text(p, " ", strip=True) == "桂城 发布"
    tree, root = html_tree.parse("<p>桂城<!-- 注释 --><script>x()</script> 发布</p>")
    assert tree.name == "lxml" and tree.text(tree.select(root, "p")[0]) == "桂城 发布"
