"""Who said what: speech cues, speaker chains (organisation + title + name), direct and reported
content, and the statements of bodies kept apart. Rules follow the patterns of Chinese
government news; README "Speeches" states them."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cache
from itertools import chain

from tasks.core import lexicon
from tasks.core.models import Paragraph, Speech
from tasks.core.names import (
    looks_like_name,
    may_hold_a_new_name,
    name_following_title,
    surname_length,
    tagged_as_name,
    tagged_names,
)
from tasks.core.segment import sentence_spans
from tasks.core.tokenizer import tokenizer

_HAN = "\u4e00-\u9fff"
CLAUSE_BREAK = "，。！？；：\n“”"
SENTENCE_BREAK = "。！？"
SPEECH_PUNCT = re.compile(r"[，。！？；：]")  # not 、: “两手抓、两不误” is a slogan
_QUOTE_MARK = re.compile("[“”]")

# Between a speaker and the cue: manner, occasion and adverbs (在会议开场时, 发言时, 以…, 也).
_FRAME = re.compile(
    r"(?:[在向][^，。；]{1,20}?(?:时|上|中|后)|发言时|讲话时|致辞时|接受[^，。]{0,8}?采访时|"
    r"[对向][^，。；：“”]{0,10}?(?:们|记者|大家|群众|同志|同学)|以[^，。；]{1,15}|也|还|则|又|再次|进一步|同时|更是|更|都|如是|"
    r"最后|随后|当场|一再|多次|曾经|曾|已经|已|特别|明确|首先|深有感触地|动情地|激动地|笑着|坦率地|"
    r"开门见山地|[\u4e00-\u9fff]{2}地|禁不住|忍不住|不禁|纷纷|现场|都|一?边[^，。；“”]{0,6}?一?边|"
    r"近日|日前|昨日|昨天|今日|今天|当天|当日|上午|下午|晚上|便|就|并|并且)$"
)
# A clause of its own between a quotation and its attribution: “……。”在接受采访时，XX如是说;
# a circumstance (面对…机遇，针对…问题，) or a moment (座谈一开始，谈及…时，签约结束后，).
_FRAME_CLAUSE = re.compile(
    r"^(?:在?[^，。；“”]{1,20}(?:时|后)|据[^，。；“”]{1,20}|(?:面对|针对|对于|围绕)[^，。；“”]{1,30}|"
    r"[^，。；“”]{1,10}(?:一开始|之初|之际|之余))，$"
)
_LEADING_CONTEXT = re.compile(
    r"^(?:据|由|经|对此|会上|为此|其中|同时|随后|现场|此外|另外|最后|目前|近日|日前|昨日|今日|昨天|"
    r"今天|当天|当日|\d{1,2}月\d{1,2}日|上午|下午|晚上|而|但|并|如|会议期间|活动中|一家|一名|一位|一个|"
    r"有(?!关|限|色|机|线|效|名)|包括)+"  # 出席的有区长某某, 嘉宾包括区长某某
)
# The text a title chain is written in (a place in brackets may name a branch), and the verbs
# of a clause that a chain never spans.
_CHAIN_TEXT = re.compile(f"(?:[{_HAN}A-Za-z0-9、]|（[{_HAN}]{{1,6}}）)*$")
_CHAIN_VERB = re.compile("了|采访|看望|会见|慰问|陪同|带领|率领|邀请|是|让|把|被")
# What follows a cue without being its content: aspect particles and verb complements.
_NOT_CONTENT = "了着过的地得道起出完到"
# The reporter as the addressee of 告诉 (记者, 本报记者, 某某日报记者).
_REPORTER = re.compile(r"[^，。：“”\n]{0,8}?记者")
ACTION_CHARS = 15  # what a named person may do between their name and the speech verb
# Windows that keep extraction linear on paragraphs without punctuation: a speaker chain is read
# from at most ATTRIBUTION_CHARS before its cue, and 该公司 looks back at most ORG_MEMORY characters for the company it means.
ATTRIBUTION_CHARS = 80
ORG_MEMORY = 2000
# A speech's text is cut after this many characters: a quotation that never closes or a paragraph
# that never ends must not make every row as long as the paragraph.
CONTENT_CHARS = 1000
_HONORIFIC = "先生|女士|小姐|阿姨|叔叔|大爷|大叔|大姐|大妈|阿婆|婆婆|伯伯|师傅|伯|姨|叔|嫂|姐|哥"
_PRONOUNS = ("他", "她", "其")
# How far back a pronoun looks for the person it refers to (about two sentences).
PRONOUN_REACH = 160
_FEMALE = re.compile("(?:女士|小姐|阿姨|大姐|大妈|阿婆|婆婆|姨|嫂|姐)$")
_MALE = re.compile("(?:先生|叔叔|大爷|大叔|伯伯|伯|叔|哥)$")


def _other_gender(pronoun: str, name: str) -> bool:
    """她 cannot be 陈先生 and 他 cannot be 李阿姨; a bare name fits either."""
    return bool(
        (_MALE if pronoun == "她" else _FEMALE if pronoun == "他" else None)
        and ((_MALE if pronoun == "她" else _FEMALE).search(name))
    )


# People named only by role (data/role_speakers.txt): the speaker is the role word (相关负责人),
# the title the role as written.
# What a role-only speaker is written with but is not part of the role (该项目负责人 → 项目负责人,
# 一位街坊 → 街坊, 不少游客 → 游客), and what the organisation of such a role leaves out (相关).
_ROLE_QUANTIFIER = re.compile(
    r"^(?:该|本|这位|那位|一位|一名|一些|部分|不少|许多|多位|多名|有的|有|众多|广大)+|"
    r"^[\u4e00-\u9fff]{0,6}?[\d一二两三四五六七八九十百几]+[多余]?[名位]"  # 全市8名人大代表
)
_ROLE_VAGUE = re.compile(r"(?:相关|有关)$")
_ORG_SUFFIX = re.compile(
    r"(?:镇|区|市|县|省|村|社区|街道|局|办|室|委|会|中心|公司|集团|学校|医院|院|所|站|部|处|科|组|队|厂|店)$"
)
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
# Prepositions and particles a title chain does not hold: 对区委书记… is an object, not a subject.
_NOT_IN_TITLE = "[的在与和为于向从对把被将给]"


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


# The patterns built from the word lists, compiled once (rebuilding one per call hashed its
# whole alternation each time).


@cache
def _title_pattern() -> re.Pattern[str]:
    return re.compile(f"(?:{lexicon.alternation(lexicon.person_titles())})$")


@cache
def _before_a_name() -> re.Pattern[str]:
    """Words that, written before a name, are its title: titles and roles (保安刘先生, 游客李女士)."""
    return re.compile(lexicon.alternation(lexicon.person_titles() + lexicon.role_speakers()))


@cache
def _role_pattern() -> re.Pattern[str]:
    return re.compile(f"(?:{lexicon.alternation(lexicon.role_speakers())})$")


@cache
def _role_word() -> re.Pattern[str]:
    return re.compile(lexicon.alternation(lexicon.role_speakers()))


@cache
def _role_phrase() -> re.Pattern[str]:
    """A role with at most eight characters before it (村民小组长, 委员们)."""
    return re.compile(f"[{_HAN}]{{0,8}}?(?:{lexicon.alternation(lexicon.role_speakers())})")


@cache
def _cue_pattern() -> re.Pattern[str]:
    return re.compile(lexicon.alternation(lexicon.speech_verbs()))


@cache
def _headline_floor() -> re.Pattern[str]:
    """A title given the floor with a colon before a quotation (东华村党委书记：“)."""
    return re.compile(f"({lexicon.alternation(lexicon.person_titles())})[：:]“")


@cache
def _predicate_title() -> re.Pattern[str]:
    """是 + a title chain ending a clause (杨某是园区建设组成员)."""
    titles = lexicon.alternation(lexicon.person_titles())
    return re.compile(f"是([{_HAN}、]{{2,30}}?(?:{titles}))(?=[，。；]|$)")


@cache
def _body_pattern() -> re.Pattern[str]:
    return re.compile(_BODY.pattern.replace("{places}", "|".join(lexicon.places())))


def _organization(title: str) -> str:
    """The organisation part of a title chain: its first title with the role word removed."""
    first = title.split("、")[0]
    m = _title_pattern().search(first)
    return first[: m.start()] if m else ""


def _is_role(person: Person) -> bool:
    """A speaker named by role only (相关负责人, 侨界委员), not by name."""
    return person.name in lexicon.role_speakers()


def _new_title(title: str, known: str) -> bool:
    """Whether a mention's title replaces the one known: not when it is empty or an
    abbreviation that ends the known one (东华村党委书记 for 某区某街东华村党委书记)."""
    return bool(title) and title != known and not known.endswith(title)


def _ends_in_title(part: str) -> bool:
    return bool(_title_pattern().search(part) or _role_pattern().search(part))


def _chain(pre: str) -> str:
    """The title chain ending `pre`: no 的, no context words that may open the clause, nothing
    before the verb of a clause (记者采访了企业家代表 → 企业家代表), no leading link of a 、 chain
    that is not a title (热心人、该村党委原书记 → 该村党委原书记); an organisation may hold a place
    in brackets (某某企业（佛山）有限公司). A chain that opens its sentence and ends in a comma
    continues it (区委常委、宣传部部长，区文联主席)."""
    pre = pre[-ATTRIBUTION_CHARS:]
    m = _CHAIN_TEXT.search(pre)
    chain = _LEADING_CONTEXT.sub("", m.group(0).rsplit("的", 1)[-1])
    chain = _CHAIN_VERB.split(chain)[-1]
    parts = chain.split("、")
    while len(parts) > 1 and not _ends_in_title(parts[0]):
        parts.pop(0)
    chain = "、".join(parts)
    head = pre[: m.start()]
    if chain == m.group(0) and head.endswith("，"):
        lead = re.split("[。！？；：“”\n]", head[:-1])[-1]
        if (
            lead
            and len(lead) <= 40
            and not re.search(f"{_NOT_IN_TITLE}|是|，|^(?:作为|身为|当|他|她)", lead)
            and all(_ends_in_title(part) for part in lead.split("、"))
        ):
            return f"{lead}，{chain}"
    return chain


def _is_dictionary_word(word: str) -> bool:
    return tokenizer().is_word(word)


def _organizations_before(text: str, pos: int) -> list[str]:
    """Organisation names written before `pos` (广东锐博新能源科技有限公司 …), nearest last."""
    found = []
    lo = max(0, pos - ORG_MEMORY)
    for m in _ORG_NAME.finditer(text, lo, pos):
        start = m.start()
        while (
            start > lo
            and "\u4e00" <= text[start - 1] <= "\u9fff"
            and text[start - 1] not in _ORG_LEFT_STOP
        ):
            start -= 1
        name = text[start : m.end()]
        cut = max(name.rfind(c) for c in _ORG_LEFT_STOP)
        found.append(name[cut + 1 :])
    return found


def role_person(written: str) -> Person:
    """A speaker named by role only (written ends with a role word): the role word, the role as
    written without quantifiers, and its organisation."""
    m = _role_pattern().search(written)
    role = _ROLE_QUANTIFIER.sub("", _chain(written)) or m.group(0)
    org = _ROLE_VAGUE.sub("", role[: len(role) - len(m.group(0))])
    org = org if _ORG_SUFFIX.search(org) else ""  # 青年企业家: 青年 is no organisation
    return Person(m.group(0), role, org)


@dataclass
class _Speakers:
    """The people of one article: full mentions register titles that later short forms,
    bare names and pronouns reuse."""

    text: str = ""  # the article so far, to resolve 该公司
    people: dict[str, Person] = field(default_factory=dict)
    last: Person | None = None
    last_group: Person | None = None  # the people 他们 refers to (侨界委员, 游客)

    def remember(self, person: Person, pos: int = -1) -> Person:
        m = _REFERRING_ORG.match(person.title)
        if m:
            orgs = [o for o in _organizations_before(self.text, pos) if o.endswith(m.group(1))]
            if orgs:
                person = Person(person.name, orgs[-1] + person.title[m.end() :], orgs[-1])
        known = self.people.get(person.name)
        if known is None or _new_title(person.title, known.title):
            self.people[person.name] = person
            known = person
        self.last = known
        if _is_role(known):
            self.last_group = known
        return known

    def mention(self, name: str, title: str, pos: int) -> None:
        """A person named with a title outside any speech (…教授吴伟明作为代表发言): a later 他 may mean them."""
        self.remember(Person(name, title, _organization(title)), pos)

    def referent(self, pronoun: str, pos: int) -> Person | None:
        """Whom 他/她/其 at `pos` refers to: the known person named nearest before it (within
        PRONOUN_REACH characters) whose honorific does not contradict the pronoun, else the last
        person met."""
        window = self.text[max(0, pos - PRONOUN_REACH) : pos]
        best, best_at = None, -1
        for name, person in self.people.items():
            at = window.rfind(name)
            longer = at == best_at and best is not None and len(name) > len(best.name)
            if (
                (at > best_at or longer)
                and not _is_role(person)
                and not _other_gender(pronoun, name)
            ):
                best, best_at = person, at
        ends = [i for i, c in enumerate(window) if c in "。！？\n"][-2:]
        lo = ends[0] + 1 if len(ends) == 2 else 0  # this sentence and the one before
        lo = max(lo, best_at + len(best.name) if best else 0)
        rest = window[lo:]
        tagged = [
            (at, name)
            for at, name in (
                tagged_names(rest) if len(rest) > 1 and may_hold_a_new_name(rest) else []
            )
            if not _is_dictionary_word(name)
        ]
        if tagged:
            at, name = tagged[-1]  # 创业者某某三年前回到家乡。她表示…: named by no title
            known = self.people.get(name)
            title = _chain(window[: lo + at])
            best = known or Person(name, title, _organization(title))
            self.people.setdefault(name, best)
        if best is not None:
            self.last = best
            return best
        return self.last

    def _group_before(self, pos: int) -> Person | None:
        """The people 他们 means when no group has spoken yet: the last role named within
        PRONOUN_REACH before it (佛山的8名人大代表…。他们纷纷表示)."""
        window = self.text[max(0, pos - PRONOUN_REACH) : pos]
        ends = [m.end() for m in _role_word().finditer(window)]
        return self.remember(role_person(window[: ends[-1]])) if ends else None

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
                if _is_role(self.people[name]):  # 不少商家, 某镇某办相关负责人: the role anew
                    return self.remember(role_person(rest), pos), ""
                title = _chain(rest[: -len(name)])
                if len(title) >= 2:  # a new title mention: 里水镇和顺村种粮大户陈志强
                    return self.remember(Person(name, title, _organization(title)), pos), ""
                return self.remember(self.people[name], pos), ""
        for size in (3, 2, 4):
            name, pre = rest[-size:], rest[:-size]
            if looks_like_name(name) and (titles.search(pre) or _role_pattern().search(pre)):
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
            if (
                not pre
                and looks_like_name(name)
                and not _is_dictionary_word(name)
                and tagged_as_name(attribution[-size - 4 :], name)
            ):
                return self.remember(Person(name, "", ""), pos), ""
        if _role_pattern().search(rest):
            return self.remember(role_person(rest), pos), ""
        if rest in ("他们", "她们"):
            group = self.last_group or self._group_before(pos - len(attribution))
            return (group, rest) if group else None
        if rest in _PRONOUNS or (rest[-1:] in ("他", "她") and len(rest) <= 2):
            person = self.referent(rest[-1], pos - len(attribution) + attribution.rfind(rest[-1]))
            return (person, rest[-1]) if person else None
        return self._named_before_an_action(rest, pos)

    def _named_before_an_action(self, rest: str, pos: int) -> tuple[Person, str] | None:
        """A person named, then doing something, then speaking: 村党委书记陈锦荣翻开账本告诉记者,
        主任张嘉豪指着厂房说. The action may be at most ACTION_CHARS long."""
        for name in sorted(self.people, key=len, reverse=True):
            at = rest.find(name)
            if at != -1 and len(rest) - at - len(name) <= ACTION_CHARS:
                return self.remember(self.people[name], pos), ""
        for m in _before_a_name().finditer(rest):
            name = name_following_title(rest, m.end())
            if name and len(rest) - m.end() - len(name) <= ACTION_CHARS:
                title = _chain(rest[: m.end()])
                return self.remember(Person(name, title, _organization(title)), pos), ""
        return None


_QUOTE_MARK = re.compile("[“”]")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Top-level quotations as (start, end) including the marks. A paragraph that opens on a
    closing mark (its opening lost to a column break) has a quotation from its first character.
    Only the marks are visited (a regex finds them)."""
    spans: list[tuple[int, int]] = []
    marks = _QUOTE_MARK.finditer(text)
    first = next(marks, None)
    if first is None:
        return spans
    if first.group() == "”":
        spans.append((0, first.end()))
    depth, start = 0, 0
    for m in chain([first] if first.group() == "“" else [], marks):
        if m.group() == "“":
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth:
            depth -= 1
            if depth == 0:
                spans.append((start, m.end()))
    if depth:
        spans.append((start, len(text)))
    return spans


class Quotes:
    """The top-level quotations of a paragraph, indexed so that every lookup is a bisection or a
    dictionary hit (a paragraph of thousands of quotes stays linear)."""

    def __init__(self, text: str) -> None:
        self.spans = quote_spans(text)
        self._starts = [s for s, _ in self.spans]
        self.by_start = {s: (s, e) for s, e in self.spans}
        self.by_end = {e: (s, e) for s, e in self.spans}

    def around(self, pos: int) -> tuple[int, int] | None:
        """The quotation with pos strictly inside it, if any."""
        i = bisect_right(self._starts, pos - 1) - 1
        if i >= 0 and self.spans[i][0] < pos < self.spans[i][1]:
            return self.spans[i]
        return None

    def last_before(self, pos: int) -> tuple[int, int] | None:
        """The last quotation that closes at or before pos."""
        i = bisect_right(self._starts, pos) - 1
        while i >= 0 and self.spans[i][1] > pos:
            i -= 1
        return self.spans[i] if i >= 0 else None

    def between(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Quotations opening strictly between lo and hi."""
        i = bisect_right(self._starts, lo)
        out = []
        while i < len(self.spans) and self.spans[i][0] < hi:
            out.append(self.spans[i])
            i += 1
        return out


def _quote_before_comma_chain(
    text: str, quotes: Quotes, clause_start: int, title: str
) -> tuple[int, int] | None:
    """“……”某学院院长、研究员，青年学者某某说: a title chain holding a comma stands between
    the quotation and the cue; the quotation closes where the chain opens."""
    lead = title.split("，")[0] if "，" in title else ""
    opens = clause_start - 1 - len(lead)
    if lead and opens > 0 and text[opens : clause_start - 1] == lead:
        return quotes.by_end.get(opens)
    return None


def _names_a_topic(text: str, after: int, sentences: _Sentences) -> bool:
    """指出…工作中存在的短板, 强调…工作的重要性: a cue whose object, with no comma, is a noun
    phrase ending in a topic noun (data/topic_nouns.txt) reports what was spoken of."""
    if text[after : after + 1] in "，：:,“":
        return False
    clause = re.split("[，。；！？“]", text[after : sentences.end(after)], maxsplit=1)[0]
    return bool(_topic_noun_end().search(clause))


@cache
def _topic_noun_end() -> re.Pattern[str]:
    return re.compile(f"的(?:{lexicon.alternation(lexicon.topic_nouns())})$")


def _inner(text: str, span: tuple[int, int]) -> tuple[int, int]:
    s, e = span
    return (s + (text[s] == "“"), e - (text[e - 1] == "”" and e - s > 1))


def _is_speech_quote(text: str, span: tuple[int, int]) -> bool:
    """A quotation of speech rather than a slogan or name: it reads as a sentence."""
    s, e = _inner(text, span)
    return bool(SPEECH_PUNCT.search(text[s:e])) or e - s >= 8


def _cues(text: str, quotes: Quotes) -> list[tuple[int, int, str]]:
    """(start, end, verb) of speech verbs outside quotations that stand as words of their own.
    Two cues in a row (分析称, 补充说) are one, with the last as the verb."""
    found: list[tuple[int, int, str]] = []
    blockers = lexicon.cue_blockers()
    for m in _cue_pattern().finditer(text):
        v, verb = m.start(), m.group(0)
        if quotes.around(v):
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


class _Sentences:
    """Sentence ends of a paragraph, computed once: the end of the sentence holding a position."""

    def __init__(self, text: str) -> None:
        self.ends = [e for _, e in sentence_spans(text)]
        self.length = len(text)

    def end(self, pos: int) -> int:
        i = bisect_right(self.ends, pos)
        return self.ends[i] if i < len(self.ends) else self.length


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
        # A speaker given the floor at the end of a paragraph (某某说：), whose words open the next.
        self.floor: tuple[Person, str, str] | None = None

    def _add(
        self, p: _Para, person: Person, verb: str, kind: str, s: int, e: int, via: str
    ) -> None:
        s, e = _trim(p.text, s, min(e, s + CONTENT_CHARS))
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

    def _mentions(self, p: _Para, lo: int, hi: int) -> list[tuple[int, str, str]]:
        """People named outside any speech in text[lo:hi]: a title followed by a name (the first
        jieba token after the title, so only a few characters are ever tokenised) and surname +
        honorific (陈师傅)."""
        text, found = p.text, []
        for m in _before_a_name().finditer(text[lo:hi]):
            at = lo + m.end()
            token = name_following_title(text, at)
            if token and at + len(token) <= hi:
                found.append((at, token, _chain(text[max(0, at - ATTRIBUTION_CHARS) : at])))
        for m in re.finditer(f"([{_HAN}]{{0,2}}?)([{_HAN}](?:{_HONORIFIC}))", text[lo:hi]):
            at = lo + m.start()
            full = m.group(1) + m.group(2)[0]  # 某某阿姨: the name, without the honorific
            role_before = _before_a_name().fullmatch(m.group(1))  # 游客李女士: a role, then 李女士
            if (
                m.group(1)
                and not role_before
                and looks_like_name(full)
                and not _is_dictionary_word(full)
            ):
                found.append((at, full, ""))
            elif surname_length(m.group(2)):
                at = lo + m.start(2)
                found.append((at, m.group(2), _chain(text[max(0, at - ATTRIBUTION_CHARS) : at])))
        return sorted(found)

    def register(self, p: _Para, mentions: list[tuple[int, str, str]]) -> None:
        """Remember people named outside speeches; a later mention with another title (the one
        nearest what follows) replaces the earlier one."""
        for pos, name, title in mentions:
            known = self.speakers.people.get(name)
            if known is None or _new_title(title, known.title):
                self.speakers.mention(name, title, len(p.before) + pos)

    def paragraph(self, p: _Para) -> None:
        text = p.text
        self.speakers.text = p.before + text
        quotes = Quotes(text)
        sentences = _Sentences(text)
        used: set[tuple[int, int]] = set()
        count_before = len(self.speeches)
        last_verb = ""
        said_until = 0  # end of the last reported content: a cue inside it is part of the content
        mentions = self._mentions(p, 0, len(text))
        floor, self.floor = self.floor, None
        opening = quotes.by_start.get(0)
        if floor and opening and _is_speech_quote(text, opening):  # 某某：¶“……”
            self._add(p, floor[0], floor[1], "direct", *_inner(text, opening), floor[2])
            used.add(opening)
        for v, after, verb in _cues(text, quotes):
            if v < said_until and not self._new_speaker_after_semicolon(p, v):
                continue
            if text[after : after + 1] == "的" or _names_a_topic(text, after, sentences):
                continue  # 提出的诉求: a modifier; 指出…存在的短板: what was spoken of
            self.register(p, [m for m in mentions if m[0] < v])
            mentions = [m for m in mentions if m[0] >= v]
            lo = max(0, v - ATTRIBUTION_CHARS)
            found = max(text.rfind(c, lo, v) for c in CLAUSE_BREAK)
            clause_start = found + 1 if found != -1 else lo
            boundary = text[found] if found != -1 else ("" if lo == 0 else text[lo - 1])
            attribution = text[clause_start:v]
            parsed = self.speakers.parse(attribution, boundary in SENTENCE_BREAK, len(p.before) + v)
            if parsed is None and boundary in "，,":
                parsed = self._subject_carried_over(text, clause_start, attribution, len(p.before))
            if parsed is None or parsed[0] is None:
                self._statement(p, sentences, attribution, boundary, verb, after)
                continue
            person, via = parsed
            subjectless = boundary in SENTENCE_BREAK and not _FRAME.sub("", attribution)
            if subjectless and verb in lexicon.adverb_cues():
                continue  # 预计一二三产业…: 预计 opening a sentence is an adverb
            last_verb = verb
            if text[after:].strip() in ("：", ":"):
                self.floor = (person, verb, via)  # the quotation opens the next paragraph
                continue
            reporter = _REPORTER.match(text, after) if verb in ("告诉", "对") else None
            if reporter:  # 告诉记者, 告诉本报记者, 告诉南方日报记者: the addressee is no content
                after = reporter.end()
            before_quote = (
                quotes.by_end.get(clause_start)
                or self._quote_before_frame(text, quotes, clause_start)
                or _quote_before_comma_chain(text, quotes, clause_start, person.title)
                or (
                    text[v - 1 : v] != "的"
                    and self._quote_opening_sentence(text, quotes, clause_start, after)
                )
            )
            if before_quote and _is_speech_quote(text, before_quote):
                self._add(p, person, verb, "direct", *_inner(text, before_quote), via)
                used.add(before_quote)
                nxt = text[after : after + 1]
                if nxt not in ("，", "：", ",") and not (
                    re.match(f"[{_HAN}]", nxt)
                    and nxt not in _NOT_CONTENT
                    and verb not in lexicon.topic_verbs()
                ):
                    continue  # “……”某某希望大家…: the reported part follows without a comma
                resumed = quotes.by_start.get(after + 1)  # “A，”他说，“B。”
                if resumed:
                    self._add(p, person, verb, "direct", *_inner(text, resumed), via)
                    used.add(resumed)
                    continue
            lead = re.match(
                r"(?:了|道|着)?(?P<obj>[^，。：“”]{0,8}?)(?P<sep>[，：:]?)“",
                text[after : after + 12],
            )
            if lead and not before_quote:
                q = quotes.by_start.get(after + lead.end() - 1)
                # 表示：“…” or 抛出了一个问题，“…”; a bare 提出“四个坚持” is a term, not a quote.
                if q and _is_speech_quote(text, q) and (lead["sep"] or not lead["obj"]):
                    self._add(p, person, verb, "direct", *_inner(text, q), via)
                    used.add(q)
                    continue
            if verb in lexicon.topic_verbs() and text[after : after + 1] not in ("，", "：", ","):
                continue  # 介绍了…现状, 通报了…情况: a topic, not what was said
            if (
                text[after : after + 1] == "了"
                and text[after + 1 : after + 2] not in "，：,"
                and verb not in lexicon.object_cues()
            ):
                continue  # 强调了…的重要性, 指出了存在的问题: what was spoken of, not what was said
            start = after + (text[after : after + 1] in ("了", "道"))
            start += text[start : start + 1] == "到" and text[start + 1 : start + 2] in "，："
            end = sentences.end(start)
            cut = next(
                (
                    q
                    for q in quotes.between(start, end)
                    if text[q[0] - 1] in "：，" and _is_speech_quote(text, q)
                ),
                None,
            )
            self._add(p, person, verb, "indirect", start, cut[0] if cut else end, via)
            said_until = max(said_until, end)
            if cut:
                self._add(p, person, verb, "direct", *_inner(text, cut), via)
                used.add(cut)
        self.register(p, mentions)
        for q in quotes.spans:
            if (
                q not in used
                and _is_speech_quote(text, q)
                and text[q[1] - 2 : q[1] - 1] in "。！？…"
            ):
                person = self._person_after(p, q[1])
                if person:
                    self._add(p, person, "", "direct", *_inner(text, q), "")
                    used.add(q)
        for q in quotes.spans:
            if q not in used and q[0] and text[q[0] - 1] in "：:" and _is_speech_quote(text, q):
                person = self._person_before_colon(p, q[0] - 1)
                if person:
                    self._add(p, person, "", "direct", *_inner(text, q), "")
                    used.add(q)
        if self.floor is None and text.rstrip().endswith(("：", ":")):
            person = self._person_before_colon(p, len(text.rstrip()) - 1)
            self.floor = (person, "", "") if person else None
        self.headline_speech(p, frozenset(used))
        self._continued_quotes(p, quotes, used, count_before, last_verb)
        self.previous_had_speech = len(self.speeches) > count_before

    def _new_speaker_after_semicolon(self, p: _Para, v: int) -> bool:
        """…要抓好防汛工作；他还强调，…: a clause after a semicolon that names its speaker (a
        pronoun or a known name) before a cue starts a speech of its own; the reported speech
        it sat in ends at the semicolon."""
        text = p.text
        semi = text.rfind("；", max(0, v - 12), v)
        subject = _FRAME.sub("", text[semi + 1 : v]) if semi != -1 else ""
        last = self.speeches[-1] if self.speeches else None
        if not subject or not last or not (subject in _PRONOUNS or subject in self.speakers.people):
            return False
        if last.paragraph_no == p.no and last.start < p.offset + semi < last.end:
            last.end = p.offset + semi
            last.text = text[last.start - p.offset : semi]
        return True

    def _person_after(self, p: _Para, end: int) -> Person | None:
        """“……。”某某是…, “……。”事后，某某将…: the person a sentence names right after a
        quotation it closes, with no speech verb (a short time or circumstance clause may come
        first). A cue in that clause is left to the cue rules."""
        text = p.text
        window = text[end : end + ATTRIBUTION_CHARS]
        clauses = re.split("[，。；：“”]", window, maxsplit=2)
        clause = clauses[0]
        role = _role_phrase().match(clause)
        if role and len(clause) <= 12 and window[len(clause) : len(clause) + 1] == "。":
            return self._role(role.group(0))  # “……”村民小组长连连点头。
        if len(clauses) > 1 and len(clause) <= 12 and not self._names_in(clause):
            clause = clauses[1]  # 事后，… / 1977年，…
        at = window.find(clause)
        clause = clause[: ACTION_CHARS + 10]
        if not clause or _cue_pattern().search(clause):
            return None
        return self._person_opening(p, end + at, clause)

    def _person_before_colon(self, p: _Para, colon: int) -> Person | None:
        """镇长某某摆了摆手：“……”, 这条旧巷让他有了主意：“……”: a sentence that names a person (or
        refers to one with 他/她) and gives them the floor with a colon but no speech verb."""
        text = p.text
        lo = max(0, colon - ATTRIBUTION_CHARS)
        start = max(text.rfind(c, lo, colon) for c in "。！？；“”\n") + 1 or lo
        clause = text[start:colon]
        if not clause or len(clause) > 40 or self._cue_in(clause) or _ends_in_title(clause):
            return None  # a role given the floor (村党委书记：“…”) is headline_speech's
        pronoun = re.search("[他她](?![们])", clause)
        person = self._person_opening(p, start, clause) if not pronoun else None
        if person is None and pronoun:
            person = self.speakers.referent(
                pronoun.group(0), len(p.before) + start + pronoun.start()
            )
        return person

    @staticmethod
    def _cue_in(clause: str) -> bool:
        """Whether a speech cue stands in `clause` as a word (说起 and 小说 are none)."""
        return bool(_cues(clause, Quotes(clause)))

    def _person_opening(self, p: _Para, at: int, clause: str) -> Person | None:
        """The person `clause` (at text[at]) opens with: a name already met, a title and a name,
        or a name the tagger reads as one. A predicate 是 + title gives their title
        (杨某是园区建设组成员)."""
        names = self._names_in(clause)
        person = self.speakers.people[names[0]] if names else None
        for pos, name, title in [] if person else self._mentions(p, at, at + len(clause)):
            if pos - at <= 24:
                person = Person(name, title, _organization(title))
                break
        lead = clause.rsplit("的", 1)[-1] if "的" in clause[:12] else clause
        for size in (3, 2) if person is None else ():
            name = lead[:size]
            if (
                looks_like_name(name)
                and not _is_dictionary_word(name)
                and tagged_as_name(lead[: size + 2], name)
            ):
                person = Person(name, "", "")
                break
        if person is None:
            return None
        m = _predicate_title().match(clause[clause.find(person.name) + len(person.name) :])
        if m and not person.title:
            person = Person(person.name, _chain(m.group(1)), _organization(_chain(m.group(1))))
        return self.speakers.remember(person)

    def _role(self, written: str) -> Person:
        return self.speakers.remember(role_person(written))

    def _names_in(self, clause: str) -> list[str]:
        """People already met whose name opens `clause` (after at most a few characters)."""
        return [n for n in self.speakers.people if 0 <= clause.find(n) <= 2]

    def headline_speech(self, p: _Para, used: frozenset = frozenset()) -> None:
        """东华村党委书记：“……”: a role given the floor with a colon, as
        headlines do, with no speech verb."""
        m = _headline_floor().search(p.text[:200])
        q = Quotes(p.text).by_start.get(m.end() - 1) if m else None
        role = _chain(p.text[: m.end(1)]) if m else ""
        if q and q not in used and role and _is_speech_quote(p.text, q):
            person = Person(m.group(1), role, role[: -len(m.group(1))])
            self._add(p, person, "", "direct", *_inner(p.text, q), "")

    def _subject_carried_over(
        self, text: str, clause_start: int, attribution: str, before: int
    ) -> tuple[Person, str] | None:
        """某某调研了招商中心，要求…: a clause with no subject of its own speaks for the person its
        sentence opened with (a name already met, after its title chain and a relative clause
        in 的, or a pronoun for the person it refers to)."""
        if _FRAME.sub("", attribution):
            return None
        lo = max(0, clause_start - ATTRIBUTION_CHARS)
        start = max(text.rfind(c, lo, clause_start) for c in SENTENCE_BREAK + "\n") + 1 or lo
        opening = _LEADING_CONTEXT.sub("", text[start:clause_start].lstrip())
        for name in sorted(self.speakers.people, key=len, reverse=True):
            at = opening.find(name)
            prefix = opening[: max(at, 0)].rsplit("的", 1)[-1]
            titled = _title_pattern().search(prefix) and not re.search(_NOT_IN_TITLE, prefix)
            if at == 0 or (0 < at <= 40 and len(prefix) <= 24 and titled):
                return self.speakers.remember(self.speakers.people[name]), ""
        pronoun = opening[:1] in ("他", "她")
        person = self.speakers.referent(opening[0], before + start) if pronoun else None
        if person:
            return person, opening[0]
        m = _role_phrase().match(opening)
        if m and not re.search(_NOT_IN_TITLE, m.group(0)):
            return self.speakers.remember(role_person(m.group(0))), ""  # 委员们听到…，纷纷表示
        return None

    @staticmethod
    def _quote_opening_sentence(
        text: str, quotes: Quotes, clause_start: int, after: int
    ) -> tuple[int, int] | None:
        """“……。”坐在车上，看着窗外，X禁不住说。: a cue with nothing after it takes the quotation
        that opened its sentence, across clauses of circumstance (not a noun: …的号召。)."""
        if text[after : after + 1] not in ("。", "！", "？", ""):
            return None
        lo = max(0, clause_start - ATTRIBUTION_CHARS)
        q = quotes.last_before(clause_start)
        if q and q[1] >= lo and not re.search("[。！？“”]", text[q[1] : clause_start]):
            return q
        return None

    @staticmethod
    def _quote_before_frame(text: str, quotes: Quotes, clause_start: int) -> tuple[int, int] | None:
        """“……。”在接受采访时，XX如是说: the quotation just before a frame clause."""
        lo = max(0, clause_start - 1 - ATTRIBUTION_CHARS)
        prev = max(text.rfind(c, lo, clause_start - 1) for c in "，。；“”") + 1
        q = quotes.by_end.get(prev)
        if q and prev < clause_start and _FRAME_CLAUSE.match(text[prev:clause_start]):
            return q
        return None

    def _statement(
        self,
        p: _Para,
        sentences: _Sentences,
        attribution: str,
        boundary: str,
        verb: str,
        after: int,
    ) -> None:
        body = _FRAME.sub("", _LEADING_CONTEXT.sub("", attribution))
        if body and boundary in ("", *SENTENCE_BREAK, "，") and _body_pattern().match(body):
            start = after + (p.text[after : after + 1] in ("了", "道"))
            s, e = _trim(p.text, start, sentences.end(start))
            if e - s >= 2:
                self.statements.append(
                    Statement(body, verb, p.text[s:e], p.offset + s, p.offset + e, p.no)
                )

    def _continued_quotes(
        self, p: _Para, quotes: Quotes, used: set, count_before: int, last_verb: str
    ) -> None:
        """A quotation that opens a sentence after a speech continues the same speaker, and so does
        a paragraph that is one quotation after a paragraph with a speech."""
        text = p.text
        for q in quotes.spans:
            if q in used or not self.speakers.last or not _is_speech_quote(text, q):
                continue
            opens_sentence = q[0] == 0 or text[q[0] - 1] in SENTENCE_BREAK
            whole = q[0] == 0 and q[1] >= len(text.rstrip("。"))
            follows = (
                len(self.speeches) > count_before
                and q[0] > self.speeches[count_before].start - p.offset
            )
            carried = whole and self.previous_had_speech and not p.in_series
            if opens_sentence and (follows or carried):
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
    before: str  # the article's text before this paragraph (its last ORG_MEMORY characters)
    in_series: bool = False  # one of several bare quotations in a row (vox pops): nobody's


def _bare_quotation(para: Paragraph) -> bool:
    text = para.text.strip()
    return para.kind == "body" and text.startswith("“") and text.rstrip("。").endswith("”")


def extract_speeches_and_statements(
    paragraphs: list[Paragraph],
) -> tuple[list[Speech], list[Statement]]:
    """Speeches of people and statements of bodies, in text order, with offsets into the content."""
    extractor = _Extractor()
    offset, before = 0, ""
    bare = [_bare_quotation(p) for p in paragraphs] + [False]
    for no, para in enumerate(paragraphs):
        p = _Para(no, para.text, offset, before, bare[no] and (bare[no - 1] or bare[no + 1]))
        if para.kind == "body":
            extractor.paragraph(p)
        else:  # headlines and subheads name people that later speak (区委书记某某到…)
            extractor.register(p, extractor._mentions(p, 0, len(para.text)))
            extractor.headline_speech(p)
        if para.kind not in ("body", "subhead"):
            extractor.previous_had_speech = False
        offset += len(para.text) + 1
        before = (before + para.text + "\n")[-ORG_MEMORY:]
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
