"""Full-text search over speeches and articles: the `search(q)` macro of the database (BM25 over
the stored jieba tokens), with a fallback to the query's own jieba tokens."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tasks.core import store
from tasks.core.segment import tokenize


def search(db: Path, words: list[str], limit: int = 20) -> list[dict[str, Any]]:
    """Ranked hits for the words as typed; when they match nothing (a phrase typed without
    spaces, 村改进展), for the jieba tokens of the words instead."""
    con = store.connect(db, read_only=True)
    try:
        hits = _run(con, " ".join(words), limit)
        if not hits:
            tokens = [t for w in words for t in tokenize(w) if any(c.isalnum() for c in t)]
            if tokens and tokens != words:
                hits = _run(con, " ".join(tokens), limit)
        return hits
    finally:
        con.close()


def _run(con: Any, query: str, limit: int) -> list[dict[str, Any]]:
    cur = con.execute(store.sql("queries/search"), [query, limit])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def format_hits(hits: list[dict[str, Any]], width: int = 60) -> list[str]:
    """One line per hit: score, date, who (or 'article'), the words, and the link."""
    lines = []
    for h in hits:
        who = "[article]"
        if h["kind"] == "speech":
            title = h["title"] if h["title"] and h["title"] != h["speaker_label"] else ""
            who = f"{h['speaker_label']}（{title}）" if title else h["speaker_label"]
        text = h["text"] if len(h["text"]) <= width else h["text"][: width - 1] + "…"
        lines.append(f"{h['score']:6.2f}  {h['issue_date']}  {who}  {text}\n        {h['url']}")
    return lines
