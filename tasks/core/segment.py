"""Segmentation: quote-aware sentences, jieba tokens with the domain dictionary, keywords."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

import jieba
import jieba.analyse

from tasks.core.models import Paragraph, Sentence
from tasks.core.settings import DATA_FILES
from tasks.core.themes import all_keywords, load_themes

jieba.setLogLevel(logging.WARNING)

_lock = threading.Lock()
_loaded: set[str] = set()

OPENING_QUOTES = "“‘"
CLOSING_QUOTES = "”’"
SENTENCE_END = "。！？!?"
_TRAILING = SENTENCE_END + "…" + CLOSING_QUOTES + "）)"


def ensure_dictionary(extra_words: Iterable[str] = ()) -> None:
    """Load the domain user dictionary and the theme keywords (once), and any extra words.

    Theme keywords are added so that a multi-word phrase (村级工业园改造) is one token and the
    theme views can join on tokens instead of scanning text.
    """
    with _lock:
        if "userdict" not in _loaded:
            jieba.initialize()
            jieba.load_userdict(str(DATA_FILES / "userdict.txt"))
            _loaded.add("userdict")
            extra_words = [*extra_words, *all_keywords(load_themes())]
        for word in extra_words:
            if word not in _loaded:
                jieba.add_word(word)
                _loaded.add(word)


def tokenize(text: str) -> list[str]:
    ensure_dictionary()
    return [t for t in jieba.lcut(text) if t.strip()]


def crosses_word(left: str, right: str) -> bool:
    """Whether jieba puts the join of two strings inside one word (前置窗 + 口 → 窗口)."""
    ensure_dictionary()
    probe = left[-4:] + right[:4]
    boundary = len(left[-4:])
    return any(
        start < boundary < end and end - start > 1 for _, start, end in jieba.tokenize(probe)
    )


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries that never fall inside a quotation.

    A paragraph that opens on a closing quote (its opening was lost to a column or page break)
    is treated as starting inside the quotation. Closing quotes and brackets after the end mark
    stay with the sentence: “……。”他说。 is one sentence.
    """
    first_quote = next((c for c in text if c in OPENING_QUOTES + CLOSING_QUOTES), "")
    depth = 1 if first_quote and first_quote in CLOSING_QUOTES else 0
    spans: list[tuple[int, int]] = []
    start = i = 0
    while i < len(text):
        ch = text[i]
        if ch in OPENING_QUOTES:
            depth += 1
        elif ch in CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in SENTENCE_END or text.startswith("……", i)):
            j = i + 1
            while j < len(text) and text[j] in _TRAILING:
                depth = max(0, depth - (text[j] in CLOSING_QUOTES))
                j += 1
            spans.append((start, j))
            start = i = j
            continue
        i += 1
    if text[start:].strip():
        spans.append((start, len(text)))
    return spans


def segment(paragraphs: list[Paragraph]) -> list[Sentence]:
    """Sentences of every paragraph with offsets into the joined content, and their tokens."""
    sentences: list[Sentence] = []
    offset = 0
    for p_no, para in enumerate(paragraphs):
        for start, end in sentence_spans(para.text):
            text = para.text[start:end]
            lead = len(text) - len(text.lstrip())
            sentences.append(
                Sentence(
                    sentence_no=len(sentences),
                    paragraph_no=p_no,
                    kind=para.kind,
                    start=offset + start + lead,
                    end=offset + end,
                    text=text.strip(),
                    tokens=tuple(tokenize(text)),
                )
            )
        offset += len(para.text) + 1
    return sentences


def keywords(text: str, top_k: int = 10) -> list[str]:
    """The article's most characteristic words (TF-IDF against jieba's general-language IDF)."""
    ensure_dictionary()
    return jieba.analyse.extract_tags(text, topK=top_k)
