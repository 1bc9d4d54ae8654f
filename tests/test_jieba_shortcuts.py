"""Where the tokenizer takes a shortcut through jieba, jieba's results come out: the sparse
part-of-speech Viterbi gives exactly jieba's tags (on paragraphs of the replica and the seed
article, and on random strings of characters the tagger knows, does not know, or cannot start
from), and the dictionary read from jieba's cache in one piece is the one jieba reads."""

from __future__ import annotations

import random
from types import SimpleNamespace

import jieba
import jieba.posseg
import pytest
from jieba.posseg import char_state_tab_P, emit_P, start_P, trans_P
from jieba.posseg.viterbi import viterbi as jieba_viterbi

from tasks.core import viterbi
from tasks.core.tokenizer import _read_dictionary_cache, tokenizer


def _tags(text: str) -> list[tuple[str, str]]:
    return [(p.word, p.flag) for p in jieba.posseg.lcut(text)]


def test_replica_and_seed_paragraphs_get_jieba_tags(
    replica_issues, seed_text, monkeypatch: pytest.MonkeyPatch
):
    tokenizer().warm()  # loads the tagger, with the sparse Viterbi in place of jieba's
    assert jieba.posseg.viterbi is viterbi.viterbi
    texts = [p for i in replica_issues for a in i.articles for p in a.paragraphs][::3]
    texts += seed_text.splitlines()
    sparse = [_tags(t) for t in texts]
    monkeypatch.setattr(jieba.posseg, "viterbi", jieba_viterbi)
    assert sparse == [_tags(t) for t in texts]
    assert sum(len(t) for t in texts) > 50_000


def test_random_strings_get_jieba_paths():
    rng = random.Random(11)
    known = sorted(char_state_tab_P)
    unknown = ["𠀀", "a", "7", "，", "ㄅ"]  # no entry: every state is possible
    dense_steps = 0
    real_dense = viterbi._dense_step

    def counting(*args):
        nonlocal dense_steps
        dense_steps += 1
        return real_dense(*args)

    viterbi._dense_step = counting
    try:
        for i in range(2000):
            pool = known if i % 3 else known[:300] + unknown
            obs = "".join(rng.choice(pool) for _ in range(rng.randint(1, 9)))
            expected = jieba_viterbi(obs, char_state_tab_P, start_P, trans_P, emit_P)
            assert viterbi.viterbi(obs, char_state_tab_P, start_P, trans_P, emit_P) == expected
    finally:
        viterbi._dense_step = real_dense
    assert dense_steps > 10  # jieba's own step was exercised, not only the sparse one


def test_the_dictionary_read_from_the_cache_is_jiebas():
    tokenizer().frequency("镇")  # jieba has loaded, so its cache file exists
    read = SimpleNamespace(dt=jieba.Tokenizer(), DEFAULT_DICT=jieba.DEFAULT_DICT)
    _read_dictionary_cache(read)
    assert read.dt.initialized
    built = jieba.Tokenizer()
    built.initialize()
    assert (read.dt.total, read.dt.FREQ) == (built.total, built.FREQ)
    assert len(built.FREQ) > 300_000
