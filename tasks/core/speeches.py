"""Who said what: speech cues, speaker chains (organisation + title + name), direct and reported
content, and the statements of bodies kept apart. Rules follow the patterns of Chinese
government news; README "Speeches" states them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from tasks.core import lexicon
from tasks.core.models import Paragraph, Speech
from tasks.core.names import looks_like_name, surname_length
from tasks.core.segment import sentence_spans
from tasks.core.tokenizer import tokenizer

_HAN = "\u4e00-\u9fff"
CLAUSE_BREAK = "，。！？；：\n“”"
SENTENCE_BREAK = "。！？"
SPEECH_PUNCT = re.compile(r"[，。！？；：]")  # not 、: “两手抓、两不误” is a slogan

# Between a speaker and the cue: manner, occasion and adverbs (在会议开场时, 发言时, 以…, 也).
_FRAME = re.compile(
    r"(?:在[^，。；]{1,20}?(?:时|上|中|后)|发言时|讲话时|致辞时|接受[^，。]{0,8}?采访时|"
    r"对记者|向记者|向大家|对大家|以[^，。；]{1,15}|也|还|则|又|再次|进一步|同时|更是|更|都|如是|"
    r"最后|随后|当场|一再|多次|曾经|曾|已经|已|特别|明确|首先|深有感触地|动情地|激动地|笑着|坦率地|"
    r"开门见山地|感慨地)$"
)
# A clause of its own between a quotation and its attribution: “……。”在接受采访时，XX如是说。
_FRAME_CLAUSE = re.compile(r"^(?:在[^，。；“”]{1,20}时|据[^，。；“”]{1,20})，$")
_LEADING_CONTEXT = re.compile(
    r"^(?:据|由|经|对此|会上|为此|其中|同时|随后|现场|此外|另外|最后|目前|近日|日前|昨日|今日|昨天|"
    r"今天|当天|当日|\d{1,2}月\d{1,2}日|上午|下午|晚上|而|但|并|如|会议期间|活动中|一家|一名|一位|一个)+"
)
ACTION_CHARS = 15  # what a named person may do between their name and the speech verb
_HONORIFIC = "先生|女士|小姐|阿姨|叔叔|大爷|大叔|大姐|大妈|阿婆|婆婆|伯伯|师傅|伯|姨|叔|嫂|姐|哥"
_PRONOUNS = ("他", "她", "其")
# People named only by role: speaker is the role (相关负责人), the chain is the title.
_ROLE_ONLY = "相关负责人|有关负责人|负责人|工作人员|专家|代表|村民|居民|市民|家长|学生|游客|志愿者|党员|网格员|企业主"
# Subjects that are bodies, documents or places rather than people: 会议指出, 纲要提出, 桂城提出.
_BODY = re.compile(
    r"^(?:会议|大会|会上|论坛|座谈会|纲要|文件|通知|意见|方案|规划|报告|决定|公告|"
    rf"[{_HAN}]{{0,8}}(?:政府|党委|党工委|委员会)|(?:{{places}})(?:街道|镇|区|市|县)?)$"
)
# 该公司总经理: the organisation named last before, ending with the same word.
_REFERRING_ORG = re.compile(
    r"^(?:该|本)?(公司|企业|集团|医院|学校|协会|局|镇|街道|社区|中心)(?=[\u4e00-\u9fff])"
)
_ORG_NAME = re.compile(rf"[{_HAN}]{{2,24}}?(?:有限公司|公司|集团|医院|学校|协会|局|中心)")
_ORG_LEFT_STOP = "的在与和是为于向从对把被将及了"


@dataclass
class Statement:
    """What a body (会议, 大会, 纲要, 桂城) states: kept apart from the speeches of people."""

    body: str
    verb: str
    text: str
    start: int
    end: int
    paragraph_no: int


@dataclass
class Person:
    name: str
    title: str
    organization: str


def _title_pattern() -> re.Pattern[str]:
    return re.compile(f"(?:{lexicon.alternation(lexicon.person_titles())})$")


def _body_pattern() -> re.Pattern[str]:
    return re.compile(_BODY.pattern.replace("{places}", "|".join(lexicon.places())))


def _organization(title: str) -> str:
    """The organisation part of a title chain: its first title with the role word removed."""
    first = title.split("、")[0]
    m = _title_pattern().search(first)
    return first[: m.start()] if m else ""


def _chain(pre: str) -> str:
    """The title chain ending `pre`: no 的, no context words that may open the clause."""
    chain = re.search(f"[{_HAN}A-Za-z0-9、]*$", pre).group(0).rsplit("的", 1)[-1]
    return _LEADING_CONTEXT.sub("", chain)


def _is_dictionary_word(word: str) -> bool:
    return tokenizer().is_word(word)


def _organizations_before(text: str, pos: int) -> list[str]:
    """Organisation names written before `pos` (广东锐博新能源科技有限公司 …), nearest last."""
    found = []
    for m in _ORG_NAME.finditer(text[:pos]):
        start = m.start()
        while (
            start > 0
            and "\u4e00" <= text[start - 1] <= "\u9fff"
            and text[start - 1] not in _ORG_LEFT_STOP
        ):
            start -= 1
        name = text[start : m.end()]
        cut = max(name.rfind(c) for c in _ORG_LEFT_STOP)
        found.append(name[cut + 1 :])
    return found


@dataclass
class _Speakers:
    """The people of one article: full mentions register titles that later short forms,
    bare names and pronouns reuse."""

    text: str = ""  # the article so far, to resolve 该公司
    people: dict[str, Person] = field(default_factory=dict)
    last: Person | None = None

    def remember(self, person: Person, pos: int = -1) -> Person:
        m = _REFERRING_ORG.match(person.title)
        if m:
            orgs = [o for o in _organizations_before(self.text, pos) if o.endswith(m.group(1))]
            if orgs:
                person = Person(person.name, orgs[-1] + person.title[m.end() :], orgs[-1])
        known = self.people.get(person.name)
        if known is None or (person.title and person.title != known.title):
            self.people[person.name] = person
            known = person
        self.last = known
        return known

    def mention(self, name: str, title: str, pos: int) -> None:
        """A person named with a title outside any speech (…教授吴伟明作为代表发言): a later 他 may mean them."""
        self.remember(Person(name, title, _organization(title)), pos)

    def by_short_form(self, surname: str, role: str) -> Person | None:
        for person in reversed(list(self.people.values())):
            if person.name.startswith(surname) and role in person.title:
                return person
        return None

    def parse(self, attribution: str, sentence_start: bool, pos: int) -> tuple[Person, str] | None:
        """(speaker, resolved_from) for the text left of a cue, or None if it names no person."""
        rest = attribution
        for _ in range(3):
            stripped = _FRAME.sub("", rest)
            if stripped == rest:
                break
            rest = stripped
        if not rest:
            return (self.last, "") if sentence_start and self.last else None
        titles = _title_pattern()
        for name in sorted(self.people, key=len, reverse=True):
            if rest.endswith(name) and not rest[: -len(name)].endswith(_PRONOUNS):
                title = _chain(rest[: -len(name)])
                if len(title) >= 2:  # a new title mention: 里水镇和顺村种粮大户陈志强
                    return self.remember(Person(name, title, _organization(title)), pos), ""
                return self.remember(self.people[name], pos), ""
        for size in (3, 2, 4):
            name, pre = rest[-size:], rest[:-size]
            if looks_like_name(name) and titles.search(pre):
                title = _chain(pre)
                return self.remember(Person(name, title, _organization(title)), pos), ""
        m = titles.search(rest)
        short = rest[-1 - len(m.group(0)) : -len(m.group(0))] if m else ""
        if m and short and surname_length(short) and len(rest) <= len(m.group(0)) + 3:
            known = self.by_short_form(short, m.group(0))  # 岑书记 → 岑灼雄
            if known:
                return self.remember(known, pos), short + m.group(0)
        m = re.search(f"(?:[老小][{_HAN}]|[{_HAN}](?:{_HONORIFIC}))$", rest)
        if m and surname_length(m.group(0)[1:] if m.group(0)[0] in "老小" else m.group(0)):
            title = _chain(rest[: m.start()])
            return self.remember(Person(m.group(0), title, _organization(title)), pos), ""
        for size in (3, 2):
            name, pre = rest[-size:], _LEADING_CONTEXT.sub("", rest[:-size])
            if not pre and looks_like_name(name) and not _is_dictionary_word(name):
                return self.remember(Person(name, "", ""), pos), ""
        m = re.search(f"(?:{_ROLE_ONLY})$", rest)
        if m:
            title = _chain(rest)
            return self.remember(Person(m.group(0), title, _organization(title)), pos), ""
        if rest in _PRONOUNS or (rest[-1:] in ("他", "她") and len(rest) <= 2):
            return (self.last, rest[-1]) if self.last else None
        return self._named_before_an_action(rest, pos)

    def _named_before_an_action(self, rest: str, pos: int) -> tuple[Person, str] | None:
        """A person named, then doing something, then speaking: 村党委书记陈锦荣翻开账本告诉记者,
        主任张嘉豪指着厂房说. The action may be at most ACTION_CHARS long."""
        for name in sorted(self.people, key=len, reverse=True):
            at = rest.find(name)
            if at != -1 and len(rest) - at - len(name) <= ACTION_CHARS:
                return self.remember(self.people[name], pos), ""
        for m in re.finditer(lexicon.alternation(lexicon.person_titles()), rest):
            tail = rest[m.end() :]
            first = tokenizer().cut(tail)[:1]
            sizes = [len(first[0])] if first and 2 <= len(first[0]) <= 3 else [3, 2]
            for size in sizes:
                name = tail[:size]
                if looks_like_name(name) and len(tail) - size <= ACTION_CHARS:
                    title = _chain(rest[: m.end()])
                    return self.remember(Person(name, title, _organization(title)), pos), ""
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
    return bool(SPEECH_PUNCT.search(text[s:e])) or e - s >= 8


def _cues(text: str, quotes: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """(start, end, verb) of speech verbs outside quotations that stand as words of their own.
    Two cues in a row (分析称, 补充说) are one, with the last as the verb."""
    found: list[tuple[int, int, str]] = []
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
        if found and found[-1][1] == v:
            found[-1] = (found[-1][0], m.end(), verb)
        else:
            found.append((v, m.end(), verb))
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


class _Extractor:
    """Walks an article's paragraphs in order, keeping who has spoken."""

    def __init__(self) -> None:
        self.speakers = _Speakers()
        self.speeches: list[Speech] = []
        self.statements: list[Statement] = []
        self.previous_had_speech = False

    def _add(
        self, p: _Para, person: Person, verb: str, kind: str, s: int, e: int, via: str
    ) -> None:
        s, e = _trim(p.text, s, e)
        if e - s >= 2:
            self.speeches.append(
                Speech(
                    person.name,
                    person.title,
                    person.organization,
                    verb,
                    kind,
                    p.text[s:e],
                    p.offset + s,
                    p.offset + e,
                    p.no,
                    via,
                )
            )

    def _mentions(self, p: _Para) -> list[tuple[int, str, str]]:
        """People named outside any speech: title + name (a name is one jieba token) and
        surname + honorific (陈师傅)."""
        titles = _title_pattern()
        found, pos = [], 0
        for token in tokenizer().cut(p.text):
            if 2 <= len(token) <= 3 and looks_like_name(token) and titles.search(p.text[:pos]):
                found.append((pos, token, _chain(p.text[:pos])))
            pos += len(token)
        for m in re.finditer(f"[{_HAN}](?:{_HONORIFIC})", p.text):
            if surname_length(m.group(0)):
                found.append((m.start(), m.group(0), _chain(p.text[: m.start()])))
        return sorted(found)

    def paragraph(self, p: _Para) -> None:
        text = p.text
        self.speakers.text = p.before + text
        quotes = quote_spans(text)
        used: set[tuple[int, int]] = set()
        count_before = len(self.speeches)
        mentions = self._mentions(p)
        last_verb = ""
        said: list[tuple[int, int]] = []  # content spans: a cue inside one is part of the content
        for v, after, verb in _cues(text, quotes):
            if any(s <= v < e for s, e in said):
                continue
            for pos, name, title in mentions:
                if pos < v and name not in self.speakers.people:
                    self.speakers.mention(name, title, len(p.before) + pos)
            clause_start = max((text.rfind(c, 0, v) for c in CLAUSE_BREAK), default=-1) + 1
            boundary = text[clause_start - 1] if clause_start else ""
            attribution = text[clause_start:v]
            parsed = self.speakers.parse(attribution, boundary in SENTENCE_BREAK, len(p.before) + v)
            if parsed is None or parsed[0] is None:
                self._statement(p, attribution, boundary, verb, after)
                continue
            person, via = parsed
            last_verb = verb
            if text.startswith("记者", after) and verb in ("告诉", "对"):
                after += 2
            before_quote = next(
                (
                    q
                    for q in quotes
                    if q[1] == clause_start
                    or (_FRAME_CLAUSE.match(text[q[1] : clause_start]) and q[1] < clause_start)
                ),
                None,
            )
            if before_quote and _is_speech_quote(text, before_quote):
                self._add(p, person, verb, "direct", *_inner(text, before_quote), via)
                used.add(before_quote)
                if text[after : after + 1] not in ("，", "：", ","):
                    continue
                resumed = next((q for q in quotes if q[0] == after + 1), None)  # “A，”他说，“B。”
                if resumed:
                    self._add(p, person, verb, "direct", *_inner(text, resumed), via)
                    used.add(resumed)
                    continue
            lead = re.match(
                r"(?:了|道|着)?(?P<obj>[^，。：“”]{0,8}?)(?P<sep>[，：:]?)“", text[after:]
            )
            if lead and not before_quote:
                q = next((q for q in quotes if q[0] == after + lead.end() - 1), None)
                # 表示：“…” or 抛出了一个问题，“…”; a bare 提出“四个坚持” is a term, not a quote.
                if q and (lead["sep"] or (not lead["obj"] and _is_speech_quote(text, q))):
                    self._add(p, person, verb, "direct", *_inner(text, q), via)
                    used.add(q)
                    continue
            start = after + (text[after : after + 1] in ("了", "道"))
            end = _sentence_end(text, start)
            cut = next(
                (
                    q
                    for q in quotes
                    if start < q[0] < end and text[q[0] - 1] in "：，" and _is_speech_quote(text, q)
                ),
                None,
            )
            self._add(p, person, verb, "indirect", start, cut[0] if cut else end, via)
            said.append((start, end))
            if cut:
                self._add(p, person, verb, "direct", *_inner(text, cut), via)
                used.add(cut)
        self._continued_quotes(p, quotes, used, count_before, last_verb)
        self.previous_had_speech = len(self.speeches) > count_before

    def _statement(self, p: _Para, attribution: str, boundary: str, verb: str, after: int) -> None:
        body = _FRAME.sub("", _LEADING_CONTEXT.sub("", attribution))
        if body and boundary in ("", *SENTENCE_BREAK, "，") and _body_pattern().match(body):
            start = after + (p.text[after : after + 1] in ("了", "道"))
            s, e = _trim(p.text, start, _sentence_end(p.text, start))
            if e - s >= 2:
                self.statements.append(
                    Statement(body, verb, p.text[s:e], p.offset + s, p.offset + e, p.no)
                )

    def _continued_quotes(
        self, p: _Para, quotes: list[tuple[int, int]], used: set, count_before: int, last_verb: str
    ) -> None:
        """A quotation that opens a sentence after a speech continues the same speaker, and so does
        a paragraph that is one quotation after a paragraph with a speech."""
        text = p.text
        for q in quotes:
            if q in used or not self.speakers.last or not _is_speech_quote(text, q):
                continue
            opens_sentence = q[0] == 0 or text[q[0] - 1] in SENTENCE_BREAK
            whole = q[0] == 0 and q[1] >= len(text.rstrip("。"))
            follows = (
                len(self.speeches) > count_before
                and q[0] > self.speeches[count_before].start - p.offset
            )
            if opens_sentence and (follows or (whole and self.previous_had_speech)):
                prior = self.speeches[-1] if self.speeches else None
                self._add(
                    p,
                    self.speakers.last,
                    last_verb or (prior.verb if prior else "说"),
                    "direct",
                    *_inner(text, q),
                    "",
                )


@dataclass
class _Para:
    no: int
    text: str
    offset: int  # where the paragraph starts in the article's content
    before: str  # the article's text before this paragraph


def extract_speeches_and_statements(
    paragraphs: list[Paragraph],
) -> tuple[list[Speech], list[Statement]]:
    """Speeches of people and statements of bodies, in text order, with offsets into the content."""
    extractor = _Extractor()
    offset, before = 0, ""
    for no, para in enumerate(paragraphs):
        if para.kind == "body":
            extractor.paragraph(_Para(no, para.text, offset, before))
        elif para.kind != "subhead":
            extractor.previous_had_speech = False
        offset += len(para.text) + 1
        before += para.text + "\n"
    return _dedupe(extractor.speeches), extractor.statements


def extract_speeches(paragraphs: list[Paragraph]) -> list[Speech]:
    """Speeches of an article, in text order, with offsets into the joined content."""
    return extract_speeches_and_statements(paragraphs)[0]


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
