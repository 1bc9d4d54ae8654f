"""Metrics: every number with its unit, what it counts, whose it is, and how it changed.

Numbers are matched on the cleaned text with a grammar (numeral + approximation + unit);
jieba tokens only help find the counted object. See README "Metrics" for what is left out.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache, lru_cache
from itertools import pairwise
from typing import NamedTuple

from tasks.core import lexicon
from tasks.core.models import Metric, Paragraph
from tasks.core.numbers import CN_NUMERAL, UNIT_MAGNITUDES, VAGUE, parse_number, split_magnitude
from tasks.core.segment import sentence_spans
from tasks.core.settings import DATA_FILES
from tasks.core.speeches import Quotes
from tasks.core.tokenizer import tokenizer

_HAN = "\u4e00-\u9fff"
_HAN_CHAR = re.compile(f"[{_HAN}]")
_HAN_WORD = re.compile(f"[{_HAN}]{{2,}}")
_CODE_CHAR = re.compile(r"[A-Za-z0-9.]")  # a figure's neighbour in a code or a page label
_SLOGAN_BREAK = re.compile("[，。；]")  # what a quoted name or slogan does not hold
# Windows that keep extraction linear on text without punctuation: a clause is looked for at most
# CLAUSE_CHARS around a figure, and the object words within OBJECT_CHARS of it (POS tagging
# only ever sees that window).
CLAUSE_CHARS = 60
OBJECT_CHARS = 16
# The sentence kept with a figure: a "sentence" longer than this (a paragraph that never ends) is
# cut to this many characters around the figure, so output stays linear in the input.
SENTENCE_CHARS = 400


@cache
def _unit_table() -> dict[str, tuple[str, str]]:
    """Unit as written → (base unit, kind), from data/units.txt."""
    table: dict[str, tuple[str, str]] = {}
    for line in (DATA_FILES / "units.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            unit, base, kind = line.split()
            table[unit] = (base, kind)
    return table


@cache
def units() -> dict[str, str]:
    """Unit as written → base unit."""
    return {unit: base for unit, (base, _) in _unit_table().items()}


_QUALIFIER = "约|大约|近|将近|接近|超过|超|逾|多达|不到|不足|不少于|至少|最多|达"


@cache
def _number() -> str:
    arabic = r"\d+(?:,\d{3})*(?:\.\d+)?(?:[万亿千百]+(?:\d+[千百])?)?"
    chinese = f"[{CN_NUMERAL}]+(?:点[{CN_NUMERAL[:10]}]+)?"
    vague = "|".join(sorted(VAGUE, key=len, reverse=True))
    return f"(?:{vague}|{arabic}|{chinese})"


@cache
def _pattern() -> re.Pattern[str]:
    """numeral + approximation + magnitude + unit, with ranges (3至5个, 10%至12%)."""
    unit_alt = "|".join(re.escape(u) for u in sorted(units(), key=len, reverse=True))
    number = _number()
    return re.compile(
        rf"(?P<pre>{_QUALIFIER})?"
        rf"(?P<pct>百分之)?(?P<num>{number})"
        rf"(?:(?P<sep>至|到|-|~|～|—)(?P<num2>{number}))?"
        rf"(?P<post>余|多|来)?(?P<mag>万亿|千亿|百亿|亿|千万|百万|万)?(?P<unit>{unit_alt})?"
        rf"(?:(?:至|到|-|~|～|—)(?P<num3>{number})(?P=unit))?"
        rf"(?P<post2>左右|以上|以下|上下|多)?"
    )


@cache
def _rank_pattern() -> re.Pattern[str]:
    """Rankings: 第二名, 位居全区第二, 前十位, 前10名 (an ordinal is a rank only with 名/位 or a
    ranking verb before it in the clause)."""
    number = _number()
    return re.compile(
        rf"(?P<top>前)(?P<tnum>{number})(?P<tunit>名|位|强)"
        rf"|第(?P<num>{number})(?P<unit>名|位)?"
    )


@cache
def _fraction_pattern() -> re.Pattern[str]:
    number = _number()
    # The look-behind starts a denominator only at the head of a numeral: without it every digit
    # of a long run would start a new match attempt over the rest of the run (quadratic).
    return re.compile(
        rf"(?P<pre>{_QUALIFIER})?(?:(?<![\d.,{CN_NUMERAL}])(?P<den>{number})分之(?P<nom>{number})"
        r"|(?<![\d/.])(?P<anom>\d{1,3})/(?P<aden>\d{1,3})(?![\d/]))"
    )


# An explicit list and its count with a place noun: 甲镇、乙镇、丙镇三镇 → 3 镇. Without the
# list (佛山五区, 三地共建) the count refers back and is left out.
_LIST_COUNT = re.compile(
    f"(?:[{_HAN}]{{2,6}}、)+[{_HAN}]{{2,6}}?(?P<num>[两二三四五六七八九十])(?P<unit>区|镇|街|市|县|村|省|地)"
)
_RANK_VERB = re.compile(r"(?:位居|位列|排名|排在|名列|居|列|荣获|获得|跻身|入选|进入)")


# What a count may not be followed by: 3个月 is a duration, 一个人 an idiom …
_NOT_AFTER_UNIT = re.compile(
    r"^(?:月|小时|工作日|星期|季度|年|世纪|方面|环节|层面|维度|原则|特点|“)"
)
# 五届人大五次会议, 十三届六次全会: the number of a session, not a count of meetings.
_SESSION_AFTER = re.compile(r"^(?:会议|全会|大会)")
_SESSION_BEFORE = re.compile(r"届[^，。；：]{0,8}$")
# A threshold that names a class of thing rather than measuring one: 超亿元项目, 5000万元以上的
# 重点建设项目, 50亿元以上(不含百亿级)项目, 百亿级项目 — a bound or 级, then the class noun.
_CLASS_AFTER = re.compile(
    r"^(?:级|(?:以上|以下)?(?:[（(][^）)]{0,12}[）)])?的?[^，。；！？：\d]{0,12}?(?:项目|企业))"
)
_BOUND_WORDS = ("超", "超过", "以上", "以下")
# A bare magnitude with no unit at the end of a clause (常住人口12.4万, 产值再破百亿) is a figure
# when written in digits or reached by one of these verbs.
_REACHING = re.compile(r"(?:破|突破|超|超过|达|达到|逾|近|约)$")
_OBJECT_STOP = {"榜首", "首位", "前列", "之首", "之间", "以上", "左右", "之一", "当中", "其中"}
_OBJECT_STOP |= set("内外中上下里")
_OBJECT_TAGS = ("n", "nr", "ns", "nt", "nz", "vn", "j", "l", "eng", "an")
_VERB_BEFORE = re.compile(
    r"(?:虽然|已经|已|共|共有|总共|累计|合计|新增|增加到|增加|达到|达|为|是|有|约|超过|逾|近|拥有|"
    r"实现|完成|突破|增长|下降|提高|提升|减少|上涨|回落|同比|环比|比去年|较去年|比上年|较上年|多达|只有|仅|"
    r"增至|增加至|提升至|提高至|降至|升至|达至|增长到|提高到|下降到|到|保持在|保持|"
    r"总数|数量|规模|了|超)+$"
)
_CHANGE = re.compile(
    r"(?P<basis>同比|环比|比去年同期|比去年|较去年|比上年|较上年|年均)?"
    r"(?P<dir>增长|上升|提高|提升|增加|上涨|下降|减少|下跌|回落|降低)(?:了|到|至)?$"
)
_SUBJECT_SPLIT = re.compile(r"如|比如|对比|包括|其中|和|与|及|、|在|但|而")
_PLACE_OR_BODY = re.compile(r"(?:街道|镇|区|市|县|省|村|社区|公司|集团|园区|学校|医院|中心|局)$")


_SCOPE = re.compile(r"全区|全市|全镇|全省|全国|全街道")


def _subject(before: str) -> str:
    """Whose figure it is, when the clause says so: 深圳前海街道的112家 → 深圳前海街道; otherwise
    the last place or scope named before the figure in its clause (桂城共有上市企业22家 → 桂城)."""
    if before.endswith("的"):
        candidate = _SUBJECT_SPLIT.split(before[:-1])[-1]
        if 2 <= len(candidate) <= 14 and _PLACE_OR_BODY.search(candidate):
            return candidate
    found = list(_places().finditer(before))
    return found[-1].group(0) if found else ""


@cache
def _places() -> re.Pattern[str]:
    """Scopes (全区) and the dictionary's places, longest first, in one pattern."""
    return re.compile(f"{_SCOPE.pattern}|{lexicon.alternation(lexicon.places())}")


# Words that close an object phrase: positions, scopes and times are context, not the object.
_OBJECT_EDGE = {
    "现场",
    "期间",
    "以来",
    "当天",
    "全区",
    "全市",
    "全镇",
    "全省",
    "全国",
    "全年",
    "今年",
    "去年",
    "目前",
    "其中",
    "各类",
    "共",
}
_PLACE_TAGS = ("ns", "t", "m")
# Between an object and its figure: adverbs, prepositions, modal verbs (病床使用率长期在95%以上).
_FILLER_TAGS = ("d", "p", "c", "u")
_FILLER_WORDS = {
    "可",
    "能",
    "将",
    "会",
    "要",
    "已",
    "约",
    "还",
    "仍",
    "都",
    "也",
    "就",
    "才",
    "继续",
    "预计",
    "有望",
    "为",
}


class _Where(NamedTuple):
    """The paragraph a figure is read in: its text, where it starts in the content, its number,
    and the article's noun phrases found so far."""

    text: str
    offset: int
    no: int
    phrases: _NounPhrases


class _NounPhrases(dict[tuple[str, bool], str]):
    """The object words of the windows around an article's figures, each window tagged once:
    tagging is most of a metric's cost, and a report repeats its phrases (同比增长, 总投资)
    figure after figure. One per article, so no article is read faster for the ones before."""

    def of(self, text: str, from_end: bool) -> str:
        return self[text[-OBJECT_CHARS:] if from_end else text[:OBJECT_CHARS], from_end]

    def __missing__(self, key: tuple[str, bool]) -> str:
        phrase = self[key] = _noun_phrase(*key)
        return phrase


def _noun_phrase(window: str, from_end: bool) -> str:
    """The object words at the start of what follows a figure (23栋亿元楼) or at the end of what
    precedes it (上市企业虽然有7家), where the word next to the figure may be a verb used as a
    noun (总投资, 投入); one word after (the counted noun: 亿元楼, 上市公司), up to three before.
    Words of the domain dictionary (jieba tags them x) count as nouns."""
    pairs = tokenizer().pos(window)
    if from_end:
        pairs.reverse()
    while pairs and (pairs[0][1].startswith(_FILLER_TAGS) or pairs[0][0] in _FILLER_WORDS):
        pairs.pop(0)
    words: list[str] = []
    for word, tag in pairs:
        if word in _OBJECT_STOP or word in _OBJECT_EDGE or len(words) == (3 if from_end else 1):
            break
        domain = tag == "x" and _HAN_WORD.fullmatch(word)
        nominal = (tag.startswith(_OBJECT_TAGS) and not tag.startswith(_PLACE_TAGS)) or domain
        verbal = from_end and not words and tag.startswith("v")
        if not (nominal or verbal):
            break
        words.append(word)
    if from_end:
        words.reverse()
    return "".join(words)


def _is_article_use(numeral: str, unit: str, qualified: bool) -> bool:
    """一个问题, 一张蓝图: 一 with a classifier is an article; 千家万户: a bare magnitude is an
    idiom. A qualifier (近一倍, 超百家) or a ratio unit (一成) makes them numbers again."""
    if qualified or unit in ("成", "倍", "%"):
        return False
    return numeral == "一" or numeral in ("百", "千", "万", "亿")


@lru_cache(maxsize=4096)
def _value(numeral: str) -> tuple[float, float, float, str]:
    """(value, low, high, magnitude word) for a numeral as written; a bare magnitude (万) is
    the number itself."""
    if numeral in VAGUE:
        low, high = VAGUE[numeral]
        return low, low, high, ""
    if numeral in ("百", "千"):
        value = {"百": 100.0, "千": 1000.0}[numeral]
        return value, value, value, ""
    if numeral in ("万", "亿"):  # 近万名 → 1 万名, 超亿元 → 1 亿元: the magnitude stays in the unit
        return 1.0, 1.0, 1.0, numeral
    head, mag, _ = split_magnitude(numeral)
    if head in ("百", "千"):
        head = "一" + head
    pair = _DIGIT_PAIR.fullmatch(head)
    if pair and _digit(pair[2]) == _digit(pair[1]) + 1:
        low, high = parse_number(pair[1] + pair[3]), parse_number(pair[2] + pair[3])
        return low, low, high, mag
    value = parse_number(head)
    return value, value, value, mag


_CLAUSE_BREAK = re.compile(r"[，。；：！？、（）\n“”]")
_DEMONSTRATIVES = ("这", "那", "此")
# Two neighbouring digits are a range: 三四个, 四五成, 七八十人 (the lower bound is the value).
_DIGIT_PAIR = re.compile("([一二两三四五六七八])([二两三四五六七八九])([十百千万]?)")
_DIGIT_ORDER = "一二三四五六七八九"


def _digit(char: str) -> int:
    return _DIGIT_ORDER.index("二" if char == "两" else char)


def _clause_start(text: str, start: int) -> int:
    """Where the clause holding text[start] begins: just after the last break before it, at most
    CLAUSE_CHARS back (one search on the reversed window)."""
    lo = max(0, start - CLAUSE_CHARS)
    before = _CLAUSE_BREAK.search(text[lo:start][::-1])
    return start - before.start() if before else lo


def _clause_end(text: str, end: int) -> int:
    """Where the clause holding text[end - 1] ends: the first break from `end`, at most
    CLAUSE_CHARS on."""
    hi = min(len(text), end + CLAUSE_CHARS)
    after = _CLAUSE_BREAK.search(text, end, hi)
    return after.start() if after else hi


@lru_cache(maxsize=4)
def _sentence_spans(text: str) -> list[tuple[int, int]]:
    """sentence_spans of a paragraph once, however many figures it holds (the cache hits on the
    same string object, so a lookup costs no more than a hash already computed)."""
    return sentence_spans(text)


def _sentence_at(text: str, pos: int) -> str:
    spans = _sentence_spans(text)
    i = bisect_right(spans, (pos, len(text) + 1)) - 1
    s, e = spans[max(i, 0)] if spans else (0, len(text))
    if e - s > SENTENCE_CHARS:
        s = max(s, pos - SENTENCE_CHARS // 2)
        e = min(e, s + SENTENCE_CHARS)
    return text[s:e]


def _excluded(text: str, m: re.Match[str], quotes: Quotes) -> bool:
    head = m.start("pct") if m["pct"] else m.start("num")
    before = text[max(0, head - 1) : head]
    after = text[m.end() : m.end() + 4]
    if before == "第" or (not m["pre"] and _CODE_CHAR.match(before)):
        return True  # ordinals, page labels, parts of codes
    if before in _DEMONSTRATIVES or m["num"].startswith("几"):
        return True  # 这两个博物馆 refers back, it counts nothing new; 几百人 is "some hundreds"
    if _NOT_AFTER_UNIT.match(after) or m["num"] in ("零", "〇"):
        return True  # durations; a lone zero is a word (零件, 零售)
    if after.startswith("坚持") and m["num"][0] in CN_NUMERAL:
        return True  # 四个坚持: a slogan
    if (
        m["unit"] == "次"
        and _SESSION_AFTER.match(after)
        and _SESSION_BEFORE.search(text[max(0, m.start() - 10) : m.start()])
    ):
        return True
    # 超过50家企业 counts the companies: only a measure (money, area…) can name a class
    measure = _unit_table().get(m["unit"] or "", ("", ""))[1] != "count"
    bound = measure and (m["pre"] in _BOUND_WORDS or m["post2"] in _BOUND_WORDS)
    if (bound or text.startswith("级", m.end())) and _CLASS_AFTER.match(
        text[m.end() : m.end() + 30]
    ):
        return True
    if before in ("统", "唯", "进", "之") and m["num"][0] in CN_NUMERAL:
        return True  # 统一, 唯一, 进一步, 之一: words, not numbers
    return _in_name_or_slogan(text, m.start(), quotes)


def _metric(where: _Where, m: re.Match[str]) -> Metric | None:
    text = where.text
    unit = m["unit"] or ("%" if m["pct"] else "")
    numeral = m["num"]
    qualified = bool(m["pre"] and m["pre"] != "达") or bool(m["post"] or m["num2"])
    if not unit:
        # 逾十万观众: a number with a magnitude word before a noun counts that noun.
        mag = split_magnitude(numeral)[1] or m["mag"]
        before_noun = _HAN_CHAR.match(text, m.end())
        reached = (
            numeral[0].isdigit()
            or m["pre"]
            or _REACHING.search(text[max(0, m.start() - 2) : m.start()])
        )
        if not (mag and (before_noun or reached)):
            return None
        unit = ""
    if not m["pct"] and not m["mag"] and _is_article_use(numeral, unit, qualified):
        return None
    try:
        value, low, high, mag = _value(numeral)
    except ValueError:
        return None
    mag = mag or (m["mag"] or "")
    if not unit and not mag:
        return None
    second = m["num2"] or m["num3"]
    if second:
        try:
            high = _value(second)[0]
        except ValueError:
            return None
    qualifier = "".join(q for q in (m["pre"], m["post"], m["post2"]) if q and q != "达")
    if m["post"] in ("余", "多", "来") or m["post2"] in ("以上", "多"):
        high = None
    if m["pre"] in ("超过", "超", "逾", "不少于", "至少", "多达"):
        high = None
    if m["pre"] in ("不到", "不足", "最多"):
        low = None
    start = m.start("pct") if m["pct"] else m.start("num")
    start = m.start("pre") if m["pre"] and m["pre"] != "达" else start
    c_right = _clause_end(text, m.end())
    ratio = unit in ("%", "个百分点", "倍")
    counted = "" if ratio else where.phrases.of(text[m.end() : c_right], False)
    return _build(
        where,
        start,
        m.end(),
        value,
        unit,
        qualifier,
        low=low,
        high=high,
        magnitude=mag,
        counted=counted,
    )


def _rank_metric(where: _Where, m: re.Match[str]) -> Metric | None:
    """第二名, 位居全区第二, 前十位: value is the rank, unit 位次; plain ordinals are left out."""
    text = where.text
    numeral = m["tnum"] if m["top"] else m["num"]
    following = text[m.end() : m.end() + 1]
    if not m["top"]:
        left = _clause_start(text, m.start())
        if _HAN_CHAR.match(following) and following != "的":
            return None  # 第一批, 第三次, 第一位女书记: ordinals
        if not m["unit"] and not _RANK_VERB.search(text[left : m.start()]):
            return None
    try:
        value = _value(numeral)[0]
    except ValueError:
        return None
    metric = _build(
        where,
        m.start(),
        m.end(),
        value,
        "位次",
        "前" if m["top"] else "",
        low=value,
        high=value,
        rank=True,
    )
    metric.object = metric.object or "排名"  # 南海区位列第二名: what is measured is the ranking
    return metric


def _list_count_metric(where: _Where, m: re.Match[str]) -> Metric | None:
    """四区 after a list of four places: a count of what is listed right there."""
    value = _value(m["num"])[0]
    if value != m.group(0).count("、") + 1:
        return None
    start = m.start("num")
    return _build(where, start, m.end(), value, m["unit"], "", low=value, high=value)


def _fraction_metric(where: _Where, m: re.Match[str]) -> Metric | None:
    """三分之一, 1/3: the value is the ratio, unit 分数."""
    try:
        if m["den"]:
            value = _value(m["nom"])[0] / _value(m["den"])[0]
        else:
            value = int(m["anom"]) / int(m["aden"])
    except (ValueError, ZeroDivisionError):
        return None
    start = (
        m.start()
        if m["pre"] and m["pre"] != "达"
        else m.start("den")
        if m["den"]
        else m.start("anom")
    )
    qualifier = m["pre"] if m["pre"] and m["pre"] != "达" else ""
    return _build(
        where,
        start,
        m.end(),
        value,
        "分数",
        qualifier,
        low=value,
        high=value,
    )


def _build(
    where: _Where,
    start: int,
    end: int,
    value: float,
    unit: str,
    qualifier: str,
    *,
    low: float | None,
    high: float | None,
    magnitude: str = "",
    counted: str = "",
    rank: bool = False,
) -> Metric:
    """A metric with its context: the object is `counted` (the noun after the figure) or else the
    noun phrase before it in its clause, cut before a change (同比增长) or, for a rank, before the
    ranking verb (税收总量位居全市第一)."""
    text = where.text
    left = _clause_start(text, start)
    before = text[left:start]
    change = _CHANGE.search(before)
    head = before[: change.start()] if change else before
    verbs = list(_RANK_VERB.finditer(head)) if rank else []
    head = head[: verbs[-1].start()] if verbs else head
    scaled = unit not in ("%", "个百分点", "倍")
    return Metric(
        value=value,
        unit=magnitude + unit,
        object=counted or where.phrases.of(_VERB_BEFORE.sub("", head), True),
        subject=_subject(before),
        text=text[start:end],
        start=where.offset + start,
        end=where.offset + end,
        paragraph_no=where.no,
        value_low=low,
        value_high=high,
        qualifier=qualifier,
        base_value=value * UNIT_MAGNITUDES.get(magnitude, 1.0) if scaled else value,
        base_unit=units().get(unit, unit),
        change=((change["basis"] or "") + change["dir"]) if change else "",
        sentence=_sentence_at(text, start),
    )


def _in_name_or_slogan(text: str, pos: int, quotes: Quotes) -> bool:
    q = quotes.around(pos)
    if q and q[1] - q[0] <= 14 and not _SLOGAN_BREAK.search(text, q[0], q[1]):
        return True  # “四个坚持”, “百强区前三”
    opened = text.rfind("《", max(0, pos - CLAUSE_CHARS), pos)
    return (
        opened != -1
        and text.find("》", opened, pos) == -1
        and text.find("》", pos, pos + CLAUSE_CHARS) != -1
    )


def extract_metrics(paragraphs: list[Paragraph]) -> list[Metric]:
    """Metrics of every paragraph (headlines and captions included), in text order. Where two
    readings overlap (前10名 as a rank, 10名 as a count) the longer one wins."""
    metrics: list[Metric] = []
    phrases = _NounPhrases()
    offset = 0
    for p_no, para in enumerate(paragraphs):
        text = para.text
        where = _Where(text, offset, p_no, phrases)
        quotes = Quotes(text)
        found: list[Metric] = []
        for m in _pattern().finditer(text):
            if m.group(0) and not _excluded(text, m, quotes):
                found.append(_metric(where, m))
        for m in _rank_pattern().finditer(text):
            if not _in_name_or_slogan(text, m.start(), quotes):
                found.append(_rank_metric(where, m))
        for m in _LIST_COUNT.finditer(text) if "、" in text else ():
            found.append(_list_count_metric(where, m))
        fractions = "分之" in text or "/" in text  # what every fraction holds: else no scan
        for m in _fraction_pattern().finditer(text) if fractions else ():
            if not _in_name_or_slogan(text, m.start(), quotes):
                found.append(_fraction_metric(where, m))
        kept: list[Metric] = []
        for metric in sorted((f for f in found if f), key=lambda f: (f.start, f.start - f.end)):
            if (
                not kept or kept[-1].end <= metric.start
            ):  # sorted by start: only the last can overlap
                kept.append(metric)
        for prev, metric in pairwise(kept):
            # 新引进项目27个，同比增长35%: a change with no object of its own is about the figure before it
            if not metric.object and metric.change and prev.sentence == metric.sentence:
                metric.object = prev.object
        metrics += kept
        offset += len(text) + 1
    return metrics
