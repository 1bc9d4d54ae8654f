"""Re-tag all history after the taxonomy changed: re-segment the stored sentences with the new
keywords in the dictionary and recompute theme tags and article terms. No scraping."""

from __future__ import annotations

from itertools import groupby
from typing import Any

import duckdb

from tasks.core import store
from tasks.core.segment import ensure_dictionary, tokenize
from tasks.core.theme_match import ThemeMatcher, theme_rows
from tasks.core.themes import Theme, all_keywords


def retag(con: duckdb.DuckDBPyConnection, themes: list[Theme]) -> dict[str, int]:
    """Rewrite tokens, sentence_themes and article_terms in one transaction; returns counts."""
    ensure_dictionary(all_keywords(themes))
    matcher = ThemeMatcher(themes)
    rows = con.execute(store.sql("queries/sentences_for_retag")).fetchall()
    not_mentions = dict(con.execute(store.sql("queries/not_mentions")).fetchall())
    tokens: list[dict[str, Any]] = []
    tags: list[dict[str, Any]] = []
    terms: list[dict[str, Any]] = []
    for article_id, group in groupby(rows, key=lambda r: r[0]):
        sentences = [
            {"sentence_no": no, "kind": kind, "text": text, "tokens": tokenize(text)}
            for _, no, kind, text in group
        ]
        article_tags, article_terms = theme_rows(
            sentences, matcher, not_mentions.get(article_id, ())
        )
        tag = {"article_id": article_id}
        tokens += [
            tag | {"sentence_no": s["sentence_no"], "tokens": s["tokens"]} for s in sentences
        ]
        tags += [tag | r for r in article_tags]
        terms += [tag | r for r in article_terms]
    store.replace_themes(con, themes)
    store.load_registered(
        con,
        store.sql("load/retag"),
        b_tokens=store.arrow(
            con, "sentences", tokens, columns=("article_id", "sentence_no", "tokens")
        ),
        b_sentence_themes=store.arrow(con, "sentence_themes", tags),
        b_article_terms=store.arrow(con, "article_terms", terms),
    )
    return {"sentences": len(tokens), "sentence_themes": len(tags), "article_terms": len(terms)}
