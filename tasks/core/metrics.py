"""Metrics: every number with its unit, what it counts, whose it is, and how it changed.

Numbers are matched on the cleaned text with a grammar (numeral + approximation + unit);
jieba tokens only help find the counted object. See README "Metrics" for what is left out.
"""

from __future__ import annotations

import re
from functools import cache

import jieba.posseg

from tasks.core.models import Metric, Paragraph
from tasks.core.numbers import CN_NUMERAL, VAGUE, parse_number, split_magnitude
from tasks.core.segment import ensure_dictionary, sentence_spans
from tasks.core.settings import DATA_FILES
from tasks.core.speeches import quote_spans

_HAN = "\u4e00-\u9fff"


@cache
def units() -> dict[str, str]:
    """Unit as written → base unit."""
    table: dict[str, str] = {}
    for line in (DATA_FILES / "units.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            unit, base, _kind = line.split()
            table[unit] = base
    return table


@cache
def _pattern() -> re.Pattern[str]:
    unit_alt = "|".join(re.escape(u) for u in sorted(units(), key=len, reverse=True))
    arabic = r"\d+(?:,\d{3})*(?:\.\d+)?(?:[万亿千百]+(?:\d+[千百])?)?"
    chinese = f"[{CN_NUMERAL}]+(?:点[{CN_NUMERAL[:10]}]+)?"
    vague = "|".join(sorted(VAGUE, key=len, reverse=True))
    number = f"(?:{vague}|{arabic}|{chinese})"
    return re.compile(
        rf"(?P<pre>约|大约|近|将近|接近|超过|超|逾|多达|不到|不足|不少于|至少|最多|达)?"
        rf"(?P<pct>百分之)?(?P<num>{number})"
        rf"(?:(?P<sep>至|到|-|~|～|—)(?P<num2>{number}))?"
        rf"(?P<post>余|多|来)?(?P<mag>万亿|千亿|百亿|亿|千万|百万|万)?(?P<unit>{unit_alt})?"
        rf"(?P<post2>左右|以上|以下|上下|多)?"
    )


# What a count may not be followed by: 3个月 is a duration, 一个人 an idiom …
_NOT_AFTER_UNIT = re.compile(r"^(?:月|小时|工作日|星期|年|世纪|方面|环节|层面|维度|原则|坚持|“)")
_OBJECT_STOP = {"榜首", "首位", "前列", "之首", "之间", "以上", "左右", "之一", "当中", "其中"}
_OBJECT_STOP |= set("内外中上下里")
_OBJECT_TAGS = ("n", "nr", "ns", "nt", "nz", "vn", "j", "l", "eng", "an")
_VERB_BEFORE = re.compile(
    r"(?:虽然|已经|已|共|共有|总共|累计|合计|新增|增加到|增加|达到|达|为|是|有|约|超过|逾|近|拥有|"
    r"实现|完成|突破|增长|下降|提高|提升|减少|上涨|回落|同比|环比|比去年|较去年|比上年|较上年|多达|"
    r"总数|数量|规模|了|超)+$"
)
_CHANGE = re.compile(
    r"(?P<basis>同比|环比|比去年同期|比去年|较去年|比上年|较上年|年均)?"
    r"(?P<dir>增长|上升|提高|提升|增加|上涨|下降|减少|下跌|回落|降低)了?$"
)
_SUBJECT_SPLIT = re.compile(r"如|比如|对比|包括|其中|和|与|及|、|在|但|而")
_PLACE_OR_BODY = re.compile(r"(?:街道|镇|区|市|县|省|村|社区|公司|集团|园区|学校|医院|中心|局)$")


def _subject(before: str) -> str:
    """Whose figure it is, when the text says so: 深圳前海街道的112家 → 深圳前海街道."""
    if not before.endswith("的"):
        return ""
    candidate = _SUBJECT_SPLIT.split(before[:-1])[-1]
    return candidate if 2 <= len(candidate) <= 14 and _PLACE_OR_BODY.search(candidate) else ""


def _noun_phrase(text: str, from_end: bool) -> str:
    """The nouns at the start (or end) of a clause piece, at most two jieba words."""
    ensure_dictionary()
    pairs = list(jieba.posseg.lcut(text))
    if from_end:
        pairs.reverse()
    words: list[str] = []
    for pair in pairs:
        word, tag = pair.word, pair.flag
        if word in _OBJECT_STOP or not tag.startswith(_OBJECT_TAGS) or len(words) == 2:
            break
        words.append(word)
    if from_end:
        words.reverse()
    return "".join(words)


def _is_article_use(numeral: str) -> bool:
    """一个问题, 一张蓝图: 一 with a classifier is an article, and 万家/千家 are idioms."""
    return numeral == "一" or all(c in "十百千万亿" for c in numeral)


def _value(numeral: str) -> tuple[float, float, float, str]:
    """(value, low, high, magnitude word) for a numeral as written."""
    if numeral in VAGUE:
        low, high = VAGUE[numeral]
        return low, low, high, ""
    head, mag, _factor = split_magnitude(numeral)
    value = parse_number(head)
    return value, value, value, mag


def _clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(text.rfind(c, 0, start) for c in "，。；：！？、（）\n“”") + 1
    rights = [i for c in "，。；：！？、（）\n“”" if (i := text.find(c, end)) != -1]
    return left, min(rights, default=len(text))


def _excluded(text: str, m: re.Match[str], quotes: list[tuple[int, int]]) -> bool:
    before = text[max(0, m.start() - 1) : m.start()]
    after = text[m.end() : m.end() + 4]
    if before == "第" or re.match(r"[A-Za-z0-9.]", before):
        return True  # ordinals, page labels, parts of codes
    if _NOT_AFTER_UNIT.match(after):
        return True
    if (
        m["num"][0] in CN_NUMERAL
        and before
        and re.match(f"[{_HAN}]", before)
        and before in "统唯进之"
    ):
        return True
    if any(
        s < m.start() < e and e - s <= 14 and not re.search("[，。；]", text[s:e])
        for s, e in quotes
    ):
        return True  # inside a slogan or a name in quotes: “四个坚持”
    opened = text.rfind("《", 0, m.start())
    return opened != -1 and text.find("》", opened) > m.start()


def _metric(text: str, m: re.Match[str], offset: int, p_no: int) -> Metric | None:
    unit = m["unit"] or ("%" if m["pct"] else "")
    if not unit:
        return None
    numeral = m["num"]
    if (
        not m["pct"]
        and not m["num2"]
        and not m["post"]
        and not m["mag"]
        and _is_article_use(numeral)
    ):
        return None
    try:
        value, low, high, mag = _value(numeral)
    except ValueError:
        return None
    mag = mag or (m["mag"] or "")
    if m["num2"]:
        try:
            high = _value(m["num2"])[0]
        except ValueError:
            return None
    qualifier = "".join(q for q in (m["pre"], m["post"], m["post2"]) if q and q != "达")
    if m["post"] in ("余", "多", "来") or m["post2"] in ("以上", "多"):
        high = None
    if m["pre"] in ("超过", "超", "逾", "不少于", "至少", "多达"):
        high = None
    if m["pre"] in ("不到", "不足", "最多"):
        low = None
    factor = 1.0
    for word, f in (
        ("万亿", 1e12),
        ("千亿", 1e11),
        ("亿", 1e8),
        ("千万", 1e7),
        ("百万", 1e6),
        ("万", 1e4),
    ):
        if mag == word:
            factor = f
            break
    start = m.start("num") if not m["pct"] else m.start("pct")
    start = m.start("pre") if m["pre"] and m["pre"] != "达" else start
    c_left, c_right = _clause_bounds(text, m.start(), m.end())
    after_text = text[m.end() : c_right]
    before_text = text[c_left:start]
    obj = _noun_phrase(after_text, from_end=False) if unit not in ("%", "个百分点", "倍") else ""
    change = _CHANGE.search(before_text)
    if not obj:
        obj = _noun_phrase(_VERB_BEFORE.sub("", before_text), from_end=True)
    return Metric(
        value=value,
        unit=mag + unit,
        object=obj,
        subject=_subject(before_text),
        text=text[start : m.end()],
        start=offset + start,
        end=offset + m.end(),
        paragraph_no=p_no,
        value_low=low,
        value_high=high,
        qualifier=qualifier,
        base_value=value * factor if unit not in ("%", "个百分点", "倍") else value,
        base_unit=units().get(unit, unit),
        change=((change["basis"] or "") + change["dir"]) if change else "",
        sentence=next(text[s:e] for s, e in sentence_spans(text) if s <= m.start() < e),
    )


def extract_metrics(paragraphs: list[Paragraph]) -> list[Metric]:
    """Metrics of every paragraph (headlines and captions included), in text order."""
    metrics: list[Metric] = []
    offset = 0
    for p_no, para in enumerate(paragraphs):
        text = para.text
        quotes = quote_spans(text)
        for m in _pattern().finditer(text):
            if m.group(0) and not _excluded(text, m, quotes):
                metric = _metric(text, m, offset, p_no)
                if metric:
                    metrics.append(metric)
        offset += len(text) + 1
    return metrics
