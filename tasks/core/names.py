"""Telling Chinese personal names apart from other words: surnames and name splitting."""

from __future__ import annotations

from functools import cache

from tasks.core import lexicon
from tasks.core.settings import DATA_FILES
from tasks.core.tokenizer import tokenizer

# Pronouns and particles never written in a given name: 向他 is "to him", not a person.
_NOT_GIVEN = "他她它们其的了"
# A word after a title that the dictionary barely knows (高飞, 3 uses, tagged an adjective) is the name it looks like,
# whatever tag the tagger gives it.
RARE_WORD = 20
# A two-character noun this rare after a two-character name may hold the name's last character.
RARE_NOUN = 500


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
    return (
        bool(n)
        and n < len(text) <= n + 2
        and all("\u4e00" <= c <= "\u9fff" and c not in _NOT_GIVEN for c in text[n:])
        and "\u4e00" <= text[0] <= "\u9fff"
    )


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
    as a word of another kind (连日来/l, 石门口/n). Names it does not know stay candidates."""
    pairs = tokenizer().pos(context)
    pos, start = 0, max(0, context.rfind(name))
    for i, (word, flag) in enumerate(pairs):
        end = pos + len(word)
        if end > start:
            if pos == start and flag.startswith("nr"):
                # 陈浩赴: the tagger's name is shorter and a one-character verb follows it
                rest = pairs[i + 1] if i + 1 < len(pairs) else ("", "")
                shorter = end < start + len(name)
                return not (shorter and len(rest[0]) == 1 and rest[1][:1] in "vpdc")
            if len(word) >= 2 and not flag.startswith("nr"):
                return False
        pos = end
    return True


def _rare(word: str) -> bool:
    return 0 < tokenizer().frequency(word) <= RARE_WORD


def _may_follow_a_name(char: str) -> bool:
    """A character that, as the last of a three-character candidate, may be a word of its own
    after a two-character name (陈浩赴, 朱伟率): a verb, preposition, adverb, conjunction or
    particle, a character the dictionary gives no tag, or one of the name followers."""
    tag = tokenizer().word_tag(char)
    return tag is None or tag[:1] in "vpdcu" or char in name_followers()


def _plainly_a_name(token: str) -> bool:
    """A candidate the tagger could only confirm: no dictionary word (the tagger rejects those
    that are not names: 连日, 游客), and no last character that may stand after a shorter name."""
    return tokenizer().frequency(token) == 0 and not (
        len(token) == 3 and _may_follow_a_name(token[-1])
    )


def name_after(tokens: list[str]) -> str:
    """The personal name that opens a run of jieba tokens, or "": a name token of two or three
    characters, or a surname jieba cut off its given name (谭 | 海生 → 谭海生)."""
    first = tokens[0] if tokens else ""
    if len(first) == 2 and len(tokens) > 1 and len(tokens[1]) == 1:
        joined = first + tokens[1]  # 黄志 | 强将… → 黄志强
        if looks_like_name(joined) and tokens[1] not in name_followers():
            return joined
    if 2 <= len(first) <= 3 and looks_like_name(first):
        return first
    if len(first) == 1 and len(tokens) > 1 and 1 <= len(tokens[1]) <= 2:
        joined = first + tokens[1]
        if looks_like_name(joined) and surname_length(first) == 1:
            return joined
    return ""


def name_following_title(text: str, at: int) -> str:
    """The personal name that starts at text[at], right after a title word, or "". Only a few
    characters are tokenised and tagged. Beyond name_after: a word the dictionary barely knows
    is a name whatever its tag (高飞); a name the cutter glued to a one-character verb is cut
    back where the tagger cuts it (陈浩赴 → 陈浩); a two-character name followed by a rare
    two-character noun and a word that stands after names took that noun's first character
    (冯晓 | 东站 | 在 → 冯晓东)."""
    tokens = tokenizer().cut(text[at : at + 8])
    token = name_after(tokens)
    if not token:
        return ""
    if (
        len(token) == 2
        and tokens[0] == token
        and len(tokens) > 2
        and len(tokens[1]) == 2
        and tokens[2] in name_followers()
        and tokenizer().frequency(tokens[1]) < RARE_NOUN
        and looks_like_name(token + tokens[1][0])
    ):
        return token + tokens[1][0]
    if len(tokens[0]) == 1 or _rare(token) or _plainly_a_name(token):
        return token  # decided without the tagger, which costs ten times a cut
    context = text[max(0, at - 4) : at + len(token) + 1]
    if tagged_as_name(context, token) or tagged_as_name(context[:-1], token):
        return token
    if len(token) == 3 and tagged_as_name(context, token[:2]):
        return token[:2]
    return ""


def may_hold_a_new_name(text: str) -> bool:
    """Whether the plain cut of `text` leaves room for a name the dictionary lacks: a token it
    lacks that starts with a surname, or a one-character surname before a short token that it
    lacks or tags as a name (张 | 大伟). Where there is none, tagged_names (ten times dearer
    than the cut) could only find dictionary words."""
    tokens = tokenizer().cut(text)
    for token, after in zip(tokens, [*tokens[1:], ""], strict=True):
        if not surname_length(token):
            continue
        if len(token) > 1 and not tokenizer().is_word(token):
            return True
        if len(token) == 1 and 1 <= len(after) <= 2:
            tag = tokenizer().word_tag(after) or ""
            if not tokenizer().is_word(after) or tag.startswith("nr"):
                return True
    return False


def tagged_names(text: str) -> list[tuple[int, str]]:
    """(start, name) of the personal names jieba's tagger reads in `text`, a surname it cut off
    its given name joined back (张 | 大伟). Costs ten times a plain cut: short texts only."""
    pairs = [*tokenizer().pos(text), ("", ""), ("", "")]
    found, pos = [], 0
    for i, (word, flag) in enumerate(pairs[:-2]):
        name, after = "", pairs[i + 1]
        if flag.startswith("nr"):
            name = word
        elif surname_length(word) == 1 and after[1].startswith("nr"):
            name, after = word + after[0], pairs[i + 2]
        # 罗村公园, 东华村: a "name" that a place noun follows names the place
        place = after[1] in ("n", "ns", "nt", "nz") and after[0] not in lexicon.person_titles()
        if name and looks_like_name(name) and not place:
            found.append((pos, name))
        pos += len(word)
    return found
