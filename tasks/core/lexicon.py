"""Word lists kept as data files in tasks/core/data, loaded once."""

from __future__ import annotations

import re
from functools import cache

from tasks.core.settings import DATA_FILES


def _words(name: str) -> list[str]:
    lines = (DATA_FILES / name).read_text(encoding="utf-8").splitlines()
    return [w for line in lines if line.strip() and not line.startswith("#") for w in line.split()]


@cache
def speech_verbs() -> tuple[str, ...]:
    return tuple(sorted(set(_words("speech_verbs.txt")), key=len, reverse=True))


@cache
def person_titles() -> tuple[str, ...]:
    return tuple(sorted(set(_words("person_titles.txt")), key=len, reverse=True))


@cache
def topic_verbs() -> frozenset[str]:
    return frozenset(_words("topic_verbs.txt"))


@cache
def role_speakers() -> tuple[str, ...]:
    return tuple(_words("role_speakers.txt"))


@cache
def topic_nouns() -> tuple[str, ...]:
    return tuple(_words("topic_nouns.txt"))


@cache
def object_cues() -> frozenset[str]:
    return frozenset(_words("object_cues.txt"))


@cache
def adverb_cues() -> frozenset[str]:
    return frozenset(_words("adverb_cues.txt"))


@cache
def cue_blockers() -> frozenset[str]:
    return frozenset(_words("cue_blockers.txt"))


@cache
def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation, longest words first so the longest form wins."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def places() -> tuple[str, ...]:
    """Place names of the domain dictionary (words tagged ns): towns, communities, districts."""
    lines = (DATA_FILES / "userdict.txt").read_text(encoding="utf-8").splitlines()
    return tuple(
        sorted(
            {p[0] for p in (line.split() for line in lines) if len(p) == 3 and p[2] == "ns"},
            key=len,
            reverse=True,
        )
    )
