"""Segmentation: quote-aware sentences, jieba tokens with the domain dictionary, keywords."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from tasks.core.models import Paragraph, Sentence
from tasks.core.tokenizer import tokenizer

OPENING_QUOTES = "“‘"
CLOSING_QUOTES = "”’"
SENTENCE_END = "。！？!?"
_TRAILING = SENTENCE_END + "…" + CLOSING_QUOTES + "）)"
_QUOTE_MARK = re.compile(f"[{OPENING_QUOTES}{CLOSING_QUOTES}]")


def ensure_dictionary(extra_words: Iterable[str] = ()) -> None:
    """Words that must come out as one token, besides the domain dictionary and the theme
    keywords the tokenizer always has (村级工业园改造 is one token, so theme views join on
    tokens instead of scanning text)."""
    tokenizer().add_words(extra_words)


def tokenize(text: str) -> list[str]:
    return tokenizer().words(text)


def crosses_word(left: str, right: str) -> bool:
    """Whether the tokenizer puts the join of two strings inside one word (前置窗 + 口 → 窗口)."""
    probe = left[-4:] + right[:4]
    boundary = len(left[-4:])
    return any(
        start < boundary < end and end - start > 1 for _, start, end in tokenizer().spans(probe)
    )


_SENTENCE_EVENT = re.compile(f"[{OPENING_QUOTES}{CLOSING_QUOTES}{SENTENCE_END}…]")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence boundaries that never fall inside a quotation.

    A paragraph that opens on a closing quote (its opening was lost to a column or page break)
    is treated as starting inside the quotation. Closing quotes and brackets after the end mark
    stay with the sentence: “……。”他说。 is one sentence. Only quotes and end marks are
    visited (a regex finds them), so a long paragraph costs little more than its punctuation.
    """
    first_quote = _QUOTE_MARK.search(text)
    depth = 1 if first_quote and first_quote.group() in CLOSING_QUOTES else 0
    spans: list[tuple[int, int]] = []
    start = pos = 0
    n = len(text)
    while m := _SENTENCE_EVENT.search(text, pos):
        i, ch = m.start(), m.group()
        pos = i + 1
        if ch in OPENING_QUOTES:
            depth += 1
        elif ch in CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif depth == 0 and (ch != "…" or text.startswith("……", i)):
            j = i + 1
            while j < n and text[j] in _TRAILING:
                depth = max(0, depth - (text[j] in CLOSING_QUOTES))
                j += 1
            spans.append((start, j))
            start = pos = j
    if text[start:].strip():
        spans.append((start, n))
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


def keywords(tokens: Sequence[str], top_k: int = 10) -> list[str]:
    """The article's most characteristic words (TF-IDF against jieba's general-language IDF),
    from the tokens of its body sentences."""
    return tokenizer().keywords(tokens, top_k)
