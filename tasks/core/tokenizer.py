"""The project's one tokenizer: every text is cut once, here, and the tokens are handed on.

Two interchangeable backends cut text: rjieba (jieba's algorithm in Rust, about 25× faster)
and jieba itself. Both get the same dictionary: jieba's, the domain words of userdict.txt and
the theme keywords, added word by word (rjieba has no `load_userdict`); a test checks that they
cut every replica text alike. jieba proper is loaded only for what rjieba lacks and only when
asked: part-of-speech tags (on the bounded windows that need them) and the dictionary
frequencies. Keywords are computed from tokens already cut, with jieba's TF-IDF table.
"""

from __future__ import annotations

import importlib.util
import logging
import marshal
import tempfile
import threading
from collections.abc import Iterable, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from tasks.core.settings import DATA_FILES, Settings
from tasks.core.themes import all_keywords, load_themes
from tasks.core.viterbi import viterbi

BACKENDS = ("rjieba", "jieba")


def _userdict() -> list[tuple[str, int | None, str | None]]:
    """(word, frequency, tag) of every line of userdict.txt, as jieba reads them."""
    entries = []
    for line in (DATA_FILES / "userdict.txt").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if not parts:
            continue
        freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
        tag = parts[-1] if len(parts) > 1 and not parts[-1].isdigit() else None
        entries.append((parts[0], freq, tag))
    return entries


def _read_dictionary_cache(jieba: Any) -> None:
    """jieba's default dictionary from the cache jieba itself writes, read in one piece:
    jieba's own `marshal.load` on the open file reads it object by object (0.7 s against
    0.25 s, at every process start). Anything unexpected leaves it to jieba.initialize."""
    dt = jieba.dt
    if dt.initialized or dt.dictionary != jieba.DEFAULT_DICT or dt.cache_file:
        return
    cache = Path(dt.tmp_dir or tempfile.gettempdir()) / "jieba.cache"
    try:
        dt.FREQ, dt.total = marshal.loads(cache.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return
    dt.initialized = True


class Tokenizer:
    """Cuts text with one backend; everything else jieba knows is loaded on first use."""

    def __init__(self, backend: str) -> None:
        if backend not in BACKENDS:
            raise ValueError(f"unknown tokenizer backend {backend!r}: use one of {BACKENDS}")
        self.backend = backend
        self._lock = threading.Lock()
        self._extra: set[str] = set()

    @cached_property
    def _jieba(self) -> Any:
        """jieba with the project's dictionary: the POS tagger and frequencies read it."""
        import jieba

        jieba.setLogLevel(logging.WARNING)
        with self._lock:
            _read_dictionary_cache(jieba)
            jieba.initialize()  # builds the dictionary (and its cache) when it was not read
            jieba.load_userdict(str(DATA_FILES / "userdict.txt"))
            for word in self._base_words():
                jieba.add_word(word)
        return jieba

    @cached_property
    def _cutter(self) -> Any:
        if self.backend == "jieba":
            return self._jieba.dt
        import rjieba

        cutter = rjieba.Jieba()
        for word, freq, tag in _userdict():
            cutter.add_word(word, freq, tag)
        for word in self._base_words():
            cutter.add_word(word, None, None)
        return cutter

    def _base_words(self) -> list[str]:
        return [*all_keywords(load_themes()), *sorted(self._extra)]

    def add_words(self, words: Iterable[str]) -> None:
        """Words that must come out whole (a retag's new theme keywords)."""
        new = [w for w in words if w not in self._extra]
        self._extra.update(new)
        for word in new:
            if "_cutter" in self.__dict__ and self.backend == "rjieba":
                self._cutter.add_word(word, None, None)
            if "_jieba" in self.__dict__:
                self._jieba.add_word(word)

    def cut(self, text: str) -> list[str]:
        """Every token, blanks included, as jieba.lcut gives them."""
        return list(self._cutter.cut(text))

    def words(self, text: str) -> list[str]:
        """The tokens that are not blank: what sentences store and themes match."""
        return [t for t in self._cutter.cut(text) if t.strip()]

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """(token, start, end) of every token."""
        return list(self._cutter.tokenize(text))

    def frequency(self, word: str) -> int:
        """The word's count in jieba's dictionary (0 when it has none)."""
        return self._jieba.dt.FREQ.get(word) or 0

    def is_word(self, word: str) -> bool:
        """Whether the dictionary has the word."""
        return self.frequency(word) > 0

    def pos(self, text: str) -> list[tuple[str, str]]:
        """jieba's (word, POS tag) pairs: slow, so only for short windows of text."""
        return [(p.word, p.flag) for p in self._posseg.lcut(text)]

    def word_tag(self, word: str) -> str | None:
        """The dictionary's POS tag of a word, user words first; None when it has none."""
        user_tags = self._jieba.dt.user_word_tag_tab
        if word in user_tags:
            return user_tags[word]
        return self._posseg.dt.word_tag_tab.get(word)

    def warm(self) -> None:
        """Load every dictionary now (a process about to fork workers shares them)."""
        self._cutter, self._tfidf  # noqa: B018
        self._posseg.dt.word_tag_tab  # noqa: B018

    @cached_property
    def _posseg(self) -> Any:
        """jieba's tagger, over the dictionary (and user words) of self._jieba; imported once:
        an import statement in a per-word call costs more than the lookup it guards."""
        self._jieba  # noqa: B018 (the dictionary the tagger reads)
        from jieba import posseg

        posseg.viterbi = viterbi  # the same tags, several times faster (tasks/core/viterbi.py)
        return posseg

    @cached_property
    def _tfidf(self) -> Any:
        import jieba.analyse

        return jieba.analyse.default_tfidf

    def keywords(self, tokens: Sequence[str], top_k: int = 10) -> list[str]:
        """The most characteristic words of a text from its tokens: jieba's extract_tags
        (TF-IDF against its general-language IDF) without cutting the text again."""
        tfidf = self._tfidf
        counts: dict[str, int] = {}
        for w in tokens:
            counts[w] = counts.get(w, 0) + 1
        stop = tfidf.stop_words
        freq: dict[str, float] = {
            w: float(n)
            for w, n in counts.items()
            if len(w.strip()) >= 2 and w.lower() not in stop  # each distinct word judged once
        }
        total = sum(freq.values())
        for w in freq:
            freq[w] *= tfidf.idf_freq.get(w, tfidf.median_idf) / total
        return sorted(freq, key=freq.__getitem__, reverse=True)[:top_k]


def default_backend() -> str:
    """PEARL_TOKENIZER, else rjieba when installed, else jieba."""
    chosen = Settings().tokenizer
    if chosen:
        return chosen
    return "rjieba" if importlib.util.find_spec("rjieba") else "jieba"


_current: Tokenizer | None = None


def tokenizer() -> Tokenizer:
    """The process's tokenizer (built on first use: a process that cuts nothing never loads
    a dictionary)."""
    global _current
    if _current is None:
        _current = Tokenizer(default_backend())
    return _current


def use(backend: str) -> Tokenizer:
    """Switch the process's tokenizer (the old-against-new comparison runs both)."""
    global _current
    _current = Tokenizer(backend)
    return _current
