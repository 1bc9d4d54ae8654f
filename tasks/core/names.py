"""Telling Chinese personal names apart from other words: surnames and name splitting."""

from __future__ import annotations

from functools import cache

from tasks.core.settings import DATA_FILES


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(compound surnames, single-character surnames) from the data file."""
    words: list[str] = []
    for line in (DATA_FILES / "surnames.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words += line.split()
    return frozenset(w for w in words if len(w) == 2), frozenset(w for w in words if len(w) == 1)


def surname_length(text: str) -> int:
    """Length of the surname `text` starts with (2 for 欧阳…, 1 for 王…), or 0."""
    compound, single = surnames()
    if text[:2] in compound:
        return 2
    return 1 if text[:1] in single else 0


def looks_like_name(text: str) -> bool:
    """A surname followed by one or two given-name characters, all Han."""
    n = surname_length(text)
    return bool(n) and 2 <= len(text) <= n + 2 and all("\u4e00" <= c <= "\u9fff" for c in text)


def split_names(run: str) -> list[str]:
    """Split names written without separators (戴欢婷柯凌娜 → 戴欢婷, 柯凌娜).

    Prefers splits where every part starts with a surname and has 2–3 characters, and among
    those the one with the most three-character names, since that is the common name length.
    """
    run = run.strip()
    if len(run) <= 3:
        return [run] if run else []
    best: list[str] | None = None

    def walk(rest: str, acc: list[str]) -> None:
        nonlocal best
        if not rest:
            if best is None or sum(len(n) == 3 for n in acc) > sum(len(n) == 3 for n in best):
                best = list(acc)
            return
        for size in (3, 2, 4):
            part = rest[:size]
            if len(part) == size and looks_like_name(part):
                walk(rest[size:], [*acc, part])

    walk(run, [])
    return best or [run]


def tagged_as_name(context: str, name: str) -> bool:
    """Whether jieba's POS tagger, run on `context` (a few characters around a candidate only:
    it costs ten times a plain cut), reads `name` at the end of it as a person (nr) rather than
    as a word of another kind (连日来/l, 盘石/n). Names it does not know stay candidates."""
    import jieba.posseg  # imported here: loading the tagger costs half a second

    pos = 0
    for pair in jieba.posseg.lcut(context):
        end = pos + len(pair.word)
        if end > len(context) - len(name) and pos < len(context):
            starts_name = pos == len(context) - len(name)
            if starts_name and pair.flag.startswith("nr"):
                return True
            if len(pair.word) >= 2 and not pair.flag.startswith("nr"):
                return False
        pos = end
    return True
