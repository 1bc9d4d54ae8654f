"""Who said what: speech cues, speaker chains (organisation + title + name), direct and reported
content. Rules follow the patterns of Chinese government news; see README "Speeches"."""

from __future__ import annotations

import re
from dataclasses import dataclass

import jieba

from tasks.core import lexicon
from tasks.core.models import Paragraph, Speech
from tasks.core.names import looks_like_name, surname_length
from tasks.core.segment import ensure_dictionary, sentence_spans

_HAN = "\u4e00-\u9fff"
CLAUSE_BREAK = "，。！？；：\n“”"
SENTENCE_BREAK = "。！？"
SPEECH_PUNCT = re.compile(r"[，。！？；、：]")

# Between a speaker and the cue: manner, occasion and adverbs (在会议开场时, 发言时, 以…, 也).
_FRAME = re.compile(
    r"(?:在[^，。；]{1,20}?(?:时|上|中|后)|发言时|讲话时|致辞时|接受[^，。]{0,8}?采访时|"
    r"对记者|向记者|向大家|对大家|以[^，。；]{1,15}|也|还|则|又|再次|进一步|同时|更是|更|都|"
    r"最后|随后|当场|一再|多次|曾经|曾|已经|已|特别|明确|首先|深有感触地|动情地|笑着|坦率地)$"
)
_LEADING_CONTEXT = re.compile(
    r"^(?:据|由|经|对此|会上|为此|其中|同时|随后|现场|此外|另外|最后|目前|近日|日前|昨日|今日|昨天|"
    r"今天|当天|当日|\d{1,2}月\d{1,2}日|上午|下午|晚上|而|但|并|如|会议期间|活动中)+"
)
_HONORIFIC = "先生|女士|阿姨|叔叔|大爷|大叔|大姐|大妈|阿婆|伯伯|师傅|姐|哥"
_PRONOUNS = ("他", "她", "其")
# People named only by role: speaker is the role (相关负责人), the chain is the title.
_ROLE_ONLY = "相关负责人|有关负责人|负责人|工作人员|专家|代表|村民|居民|市民|家长|学生|游客|志愿者|党员|网格员|企业主"


@dataclass
class Person:
    name: str
    title: str
    organization: str


def _organization(title: str) -> str:
    """The organisation part of a title chain: its first title with the role word removed."""
    first = title.split("、")[0]
    m = re.search(f"(?:{lexicon.alternation(lexicon.person_titles())})$", first)
    return first[: m.start()] if m else ""


def _chain(pre: str) -> str:
    """The title chain ending `pre`, without the context words that may open the clause."""
    chain = re.search(f"[{_HAN}A-Za-z0-9、]*$", pre).group(0)
    return _LEADING_CONTEXT.sub("", chain)


def _is_dictionary_word(word: str) -> bool:
    ensure_dictionary()
    return (jieba.dt.FREQ.get(word) or 0) > 0


class _Speakers:
    """The people of one article: full mentions register titles that later short forms reuse."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.last: Person | None = None

    def remember(self, person: Person) -> Person:
        known = self.people.get(person.name)
        if known is None or (not known.title and person.title):
            self.people[person.name] = person
            known = person
        self.last = known
        return known

    def by_short_form(self, surname: str, role: str) -> Person | None:
        for person in reversed(list(self.people.values())):
            if person.name.startswith(surname) and role in person.title:
                return person
        return None

    def parse(self, attribution: str, sentence_start: bool) -> tuple[Person, str] | None:
        """(speaker, resolved_from) for the text left of a cue, or None if it names no person."""
        rest = attribution
        for _ in range(3):
            stripped = _FRAME.sub("", rest)
            if stripped == rest:
                break
            rest = stripped
        if not rest:
            return (self.last, "") if sentence_start and self.last else None
        for name in sorted(self.people, key=len, reverse=True):
            if rest.endswith(name) and not rest[: -len(name)].endswith(tuple(_PRONOUNS)):
                pre = rest[: -len(name)]
                title = _chain(pre)
                if title and re.search(
                    f"(?:{lexicon.alternation(lexicon.person_titles())})$", title
                ):
                    return self.remember(Person(name, title, _organization(title))), ""
                return self.remember(self.people[name]), ""
        titles = lexicon.alternation(lexicon.person_titles())
        for size in (3, 2, 4):
            name, pre = rest[-size:], rest[:-size]
            if looks_like_name(name) and re.search(f"(?:{titles})$", pre):
                title = _chain(pre)
                return self.remember(Person(name, title, _organization(title))), ""
        m = re.search(f"(?:{titles})$", rest)
        short = rest[-2 - len(m.group(0)) : -len(m.group(0))] if m else ""
        if m and short and surname_length(short[-1]) and len(rest) <= len(m.group(0)) + 3:
            known = self.by_short_form(short[-1], m.group(0))  # 岑书记 → 岑灼雄
            if known:
                return self.remember(known), short[-1] + m.group(0)
        m = re.search(f"(?:[老小][{_HAN}]|[{_HAN}](?:{_HONORIFIC}))$", rest)
        if m and surname_length(m.group(0).lstrip("老小")[:1] or m.group(0)[1:]):
            title = _chain(rest[: m.start()])
            return self.remember(Person(m.group(0), title, _organization(title))), ""
        for size in (3, 2):
            name, pre = rest[-size:], _LEADING_CONTEXT.sub("", rest[:-size])
            if not pre and looks_like_name(name) and not _is_dictionary_word(name):
                return self.remember(Person(name, "", "")), ""
        m = re.search(f"(?:{_ROLE_ONLY})$", rest)
        if m:
            title = _chain(rest)
            return self.remember(Person(m.group(0), title, _organization(title))), ""
        if rest in _PRONOUNS or (rest[-1:] in ("他", "她") and len(rest) <= 2):
            return (self.last, rest[-1]) if self.last else None
        return None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Top-level quotations as (start, end) including the marks. A paragraph that opens on a
    closing mark (its opening lost to a column break) has a quotation from its first character."""
    spans: list[tuple[int, int]] = []
    first = next((i for i, c in enumerate(text) if c in "“”"), None)
    pos = 0
    if first is not None and text[first] == "”":
        spans.append((0, first + 1))
        pos = first + 1
    depth, start = 0, 0
    for i in range(pos, len(text)):
        if text[i] == "“":
            if depth == 0:
                start = i
            depth += 1
        elif text[i] == "”" and depth:
            depth -= 1
            if depth == 0:
                spans.append((start, i + 1))
    if depth:
        spans.append((start, len(text)))
    return spans


def _inner(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    return (s + (text[s] == "“"), e - (text[e - 1] == "”" and e - s > 1))


def _is_speech_quote(text: str, span: tuple[int, int]) -> bool:
    """A quotation of speech rather than a slogan or name: it reads as a sentence."""
    s, e = _inner(text, span)
    return bool(SPEECH_PUNCT.search(text[s:e])) or e - s >= 12


def _cues(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, str]]:
    """Speech verbs outside quotations that stand as words of their own."""
    ensure_dictionary()
    found: list[tuple[int, str]] = []
    pattern = re.compile(lexicon.alternation(lexicon.speech_verbs()))
    blockers = lexicon.cue_blockers()
    for m in pattern.finditer(text):
        v, verb = m.start(), m.group(0)
        if any(s < v < e for s, e in quotes):
            continue
        around = {text[max(0, v - k) : v + len(verb)] for k in (1, 2)} | {
            text[v : v + len(verb) + k] for k in (1, 2)
        }
        if around & blockers:
            continue
        if any(_is_dictionary_word(w) for w in around if w.startswith(verb) and len(w) > len(verb)):
            continue  # 说明, 称为: the cue is the start of a longer word
        found.append((v, verb))
    return found


def _sentence_end(text: str, pos: int) -> int:
    for s, e in sentence_spans(text):
        if s <= pos < e:
            return e
    return len(text)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in "，：:,、 ":
        s += 1
    while e > s and text[e - 1] in "，、 ":
        e -= 1
    return s, e


def extract_speeches(paragraphs: list[Paragraph]) -> list[Speech]:
    """Speeches of an article, in text order, with offsets into the joined content."""
    speakers = _Speakers()
    speeches: list[Speech] = []
    offset = 0
    previous_had_speech = False

    def add(person: Person, verb: str, kind: str, s: int, e: int, p_no: int, via: str) -> None:
        s, e = _trim(para_text, s, e)
        if e - s < 2:
            return
        speeches.append(
            Speech(
                person.name,
                person.title,
                person.organization,
                verb,
                kind,
                para_text[s:e],
                offset + s,
                offset + e,
                p_no,
                via,
            )
        )

    for p_no, para in enumerate(paragraphs):
        para_text = para.text
        if para.kind != "body":
            offset += len(para_text) + 1
            if para.kind != "subhead":
                previous_had_speech = False
            continue
        quotes = quote_spans(para_text)
        used_quotes: set[tuple[int, int]] = set()
        count_before = len(speeches)
        last_verb = ""
        for v, verb in _cues(para_text, quotes):
            clause_start = max((para_text.rfind(c, 0, v) for c in CLAUSE_BREAK), default=-1) + 1
            boundary = para_text[clause_start - 1] if clause_start else ""
            parsed = speakers.parse(para_text[clause_start:v], boundary in SENTENCE_BREAK)
            if parsed is None or parsed[0] is None:
                continue
            person, via = parsed
            last_verb = verb
            after = v + len(verb)
            before_quote = next((q for q in quotes if q[1] == clause_start), None)
            if before_quote and _is_speech_quote(para_text, before_quote):
                add(person, verb, "direct", *_inner(para_text, before_quote), p_no, via)
                used_quotes.add(before_quote)
                if para_text[after : after + 1] not in ("，", "：", ","):
                    continue
            lead = re.match(
                r"(?:了|道|着)?(?P<obj>[^，。：“”]{0,8}?)(?P<sep>[，：:]?)“", para_text[after:]
            )
            if lead and not before_quote:
                q = next((q for q in quotes if q[0] == after + lead.end() - 1), None)
                # 表示：“…” or 抛出了一个问题，“…”; a bare 提出“四个坚持” is a term, not a quote.
                if q and (lead["sep"] or (not lead["obj"] and _is_speech_quote(para_text, q))):
                    add(person, verb, "direct", *_inner(para_text, q), p_no, via)
                    used_quotes.add(q)
                    continue
            start = after + (para_text[after : after + 1] in ("了", "道"))
            end = _sentence_end(para_text, start)
            cut = next(
                (
                    q
                    for q in quotes
                    if start < q[0] < end
                    and para_text[q[0] - 1] == "："
                    and _is_speech_quote(para_text, q)
                ),
                None,
            )
            add(person, verb, "indirect", start, cut[0] if cut else end, p_no, via)
            if cut:
                add(person, verb, "direct", *_inner(para_text, cut), p_no, via)
                used_quotes.add(cut)
        # A quotation that opens a sentence after a speech continues the same speaker.
        for q in quotes:
            if q in used_quotes or not speakers.last or not _is_speech_quote(para_text, q):
                continue
            opens_sentence = q[0] == 0 or para_text[q[0] - 1] in SENTENCE_BREAK
            whole = q[0] == 0 and q[1] >= len(para_text.rstrip("。"))
            follows = len(speeches) > count_before and q[0] > speeches[count_before].start - offset
            if opens_sentence and (follows or (whole and previous_had_speech)):
                prior = speeches[-1] if speeches else None
                add(
                    speakers.last,
                    last_verb or (prior.verb if prior else "说"),
                    "direct",
                    *_inner(para_text, q),
                    p_no,
                    "",
                )
        previous_had_speech = len(speeches) > count_before
        offset += len(para_text) + 1
    return _dedupe(speeches)


def _dedupe(speeches: list[Speech]) -> list[Speech]:
    """A quotation repeated verbatim (the seed repeats one) is one speech."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for sp in sorted(speeches, key=lambda s: s.start):
        key = (sp.speaker, sp.text)
        if key not in seen:
            seen.add(key)
            kept.append(sp)
    return kept
