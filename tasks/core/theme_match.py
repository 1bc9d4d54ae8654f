"""Tagging sentences with themes by matching keyword tokens and phrases, with exclusions."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

from tasks.core.lexicon import person_titles
from tasks.core.segment import tokenize
from tasks.core.settings import DATA_FILES
from tasks.core.themes import Theme, all_keywords, load_themes
from tasks.core.tokenizer import tokenizer

# Dictionary tags of content words: nouns, nominal verbs (改造 as in 村改),
# abbreviations and set phrases. Verbs, adverbs, numerals, pronouns, person and place names and
# time words are left out of article_terms, and so out of emerging_terms.
CONTENT_TAGS = frozenset({"n", "nz", "vn", "j", "l"})
_TERM = re.compile(r"^[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9]+$")


@cache
def _stop_terms() -> frozenset[str]:
    lines = (DATA_FILES / "stop_terms.txt").read_text(encoding="utf-8").splitlines()
    words = {w for line in lines if not line.startswith("#") for w in line.split()}
    return frozenset(words) | frozenset(person_titles())


def _dictionary_tag(word: str) -> str | None:
    """The part of speech the dictionary gives a word (our user dictionary first); theme
    keywords added without a tag count as nouns; words the dictionary lacks (names and odd
    splits jieba's HMM invents) have none."""
    tag = tokenizer().word_tag(word)
    if tag is not None:
        return tag
    return "n" if word in _theme_words() else None


@cache
def _theme_words() -> frozenset[str]:
    return frozenset(all_keywords(load_themes()))


def is_content_word(token: str) -> bool:
    """A word that can tell what an article is about: a noun-like dictionary word, not routine."""
    return (
        bool(_TERM.match(token))
        and token not in _stop_terms()
        and _dictionary_tag(token) in CONTENT_TAGS
    )


def mask_non_mentions(text: str, spans: Iterable[str]) -> str | None:
    """The text with every occurrence of a speaker's title or organisation, a byline or a photo
    credit replaced by a comma (so 大沥镇村级工业园改造办公室主任 says nothing about the theme),
    or None when none occurs and the stored tokens can be used as they are."""
    found = [s for s in sorted(set(spans), key=len, reverse=True) if s and s in text]
    if not found:
        return None
    for span in found:
        text = text.replace(span, "，")
    return text


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(text.split())


class ThemeMatcher:
    """Matches the taxonomy against the tokens of a sentence."""

    def __init__(self, themes: Sequence[Theme]) -> None:
        self.single: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.phrases: list[tuple[tuple[str, ...], str, str]] = []
        self.exclusions: dict[str, list[tuple[str, ...]]] = {}
        for theme in themes:
            for keyword in theme.keywords:
                words = _phrase(keyword)
                if len(words) == 1:
                    self.single[words[0]].append((theme.theme_id, keyword))
                else:
                    self.phrases.append((words, theme.theme_id, keyword))
            self.exclusions[theme.theme_id] = [_phrase(e) for e in theme.exclude]

    @staticmethod
    def _contains(tokens: Sequence[str], words: tuple[str, ...]) -> bool:
        n = len(words)
        return any(tuple(tokens[i : i + n]) == words for i in range(len(tokens) - n + 1))

    def match(self, tokens: Sequence[str]) -> dict[str, list[str]]:
        """theme_id → the keywords found in this sentence (an excluded theme is left out)."""
        found: dict[str, list[str]] = defaultdict(list)
        for token in tokens:
            for theme_id, keyword in self.single.get(token, ()):
                if keyword not in found[theme_id]:
                    found[theme_id].append(keyword)
        present = set(tokens)
        for words, theme_id, keyword in self.phrases:
            if words[0] in present and self._contains(tokens, words):
                found[theme_id].append(keyword)
        return {
            theme_id: keywords
            for theme_id, keywords in found.items()
            if keywords
            and not any(self._contains(tokens, ex) for ex in self.exclusions.get(theme_id, ()))
        }


def article_terms(token_lists: Sequence[Sequence[str]]) -> dict[str, int]:
    """Content words of an article and how often they occur (for the emerging-terms view);
    each distinct token of the article is judged once."""
    counts: dict[str, int] = defaultdict(int)
    for tokens in token_lists:
        for token in tokens:
            counts[token] += 1
    return {token: n for token, n in counts.items() if is_content_word(token)}


def theme_rows(
    sentences: list[dict[str, Any]], matcher: ThemeMatcher, not_mentions: Sequence[str] = ()
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(sentence_themes rows, article_terms rows) of an article's sentences (text and tokens).

    `not_mentions` holds the article's speaker titles and organisations, byline and photo
    credits: they are masked first, since they name someone rather than talk about the theme.
    """
    tokens = []
    for s in sentences:
        masked = mask_non_mentions(s["text"], not_mentions)
        tokens.append(s["tokens"] if masked is None else tokenize(masked))
    tags = [
        {"sentence_no": s["sentence_no"], "theme_id": theme_id, "keywords": keywords}
        for s, toks in zip(sentences, tokens, strict=True)
        for theme_id, keywords in matcher.match(toks).items()
    ]
    counted = article_terms(
        [toks for s, toks in zip(sentences, tokens, strict=True) if s["kind"] != "caption"]
    )
    return tags, [{"term": t, "n": n} for t, n in sorted(counted.items())]
