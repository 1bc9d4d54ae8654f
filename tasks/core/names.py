"""Telling Chinese personal names apart from other words: surnames and name splitting."""

from __future__ import annotations

from functools import cache

from tasks.core.settings import DATA_FILES
from tasks.core.tokenizer import tokenizer


@cache
def surnames() -> tuple[frozenset[str], frozenset[str]]:
    """(compound surnames, single-character surnames) from the data file."""
    words: list[str] = []
    for line in (DATA_FILES / "surnames.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words += line.split()
    return frozenset(w for w in words if len(w) == 2), frozenset(w for w in words if len(w) == 1)


@cache
def name_followers() -> frozenset[str]:
    """Single characters that stand as words after a name (说, 在, 也…): data/name_followers.txt."""
    lines = (DATA_FILES / "name_followers.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


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
    pairs = tokenizer().pos(context)
    pos, start = 0, max(0, context.rfind(name))
    for i, (word, flag) in enumerate(pairs):
        end = pos + len(word)
        if end > start:
            if pos == start and flag.startswith("nr"):
                # 刘杰率: the tagger's name is shorter and a one-character verb follows it
                rest = pairs[i + 1] if i + 1 < len(pairs) else ("", "")
                shorter = end < start + len(name)
                return not (shorter and len(rest[0]) == 1 and rest[1][:1] in "vpdc")
            if len(word) >= 2 and not flag.startswith("nr"):
                return False
        pos = end
    return True


def name_after(tokens: list[str]) -> str:
    """The personal name that opens a run of jieba tokens, or "": a name token of two or three
    characters, or a surname jieba cut off its given name (郭 | 文海 → 郭文海)."""
    first = tokens[0] if tokens else ""
    if len(first) == 2 and len(tokens) > 1 and len(tokens[1]) == 1:
        joined = first + tokens[1]  # 李白 | 千将… → 李白千
        if looks_like_name(joined) and tokens[1] not in name_followers():
            return joined
    if 2 <= len(first) <= 3 and looks_like_name(first):
        return first
    if len(first) == 1 and len(tokens) > 1 and 1 <= len(tokens[1]) <= 2:
        joined = first + tokens[1]
        if looks_like_name(joined) and surname_length(first) == 1:
            return joined
    return ""
