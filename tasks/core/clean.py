"""Cleaning: widths, punctuation and whitespace; bylines and captions split off; column breaks
rejoined; verbatim repeated paragraphs dropped. Pure functions on strings."""

from __future__ import annotations

import re
from collections import Counter

from tasks.core import lexicon
from tasks.core.models import CleanArticle, Paragraph
from tasks.core.names import looks_like_name, split_names
from tasks.core.segment import crosses_word

_HAN = "\u4e00-\u9fff"
_CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’…—"
_CJK = re.compile(f"[{_HAN}{_CJK_PUNCT}]")
# Full-width digits and letters, corner quotes, ％ and ．: replaced by a regex that visits only
# them (str.translate walks every character: 0.1 s a megabyte).
_NARROW = {chr(c): chr(c - 0xFEE0) for c in range(0xFF10, 0xFF5B) if chr(c - 0xFEE0).isalnum()}
_NARROW |= {"「": "“", "」": "”", "『": "‘", "』": "’", "﹃": "“", "﹄": "”", "％": "%", "．": "."}
_TO_NARROW = re.compile(f"[{''.join(_NARROW)}]")
_ASCII_TO_WIDE = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_SPACES = re.compile(r"[ \t\u3000\xa0\u2002\u2003\u200b]+")
_MAY_CHANGE = re.compile(r'[ .",:;?!()]')  # what normalize_text may drop or widen

TERMINAL = "。！？…；"
CLOSERS = "”’）》"


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK.match(ch))


def normalize_text(text: str, keep_spaces: bool = False) -> str:
    """Half-width digits and letters, full-width Chinese punctuation, no spaces between Han.

    Headlines pass keep_spaces: there a space separates two phrases (查问题找差距 探新路谋发展).
    Only the characters that may change are visited (a regex finds them); the text between
    them is copied whole.
    """
    text = _TO_NARROW.sub(lambda m: _NARROW[m.group()], text)
    text = _SPACES.sub(" ", text).strip()
    out: list[str] = []
    prev = ""  # the last character written
    open_quote = True
    pos = 0
    for m in _MAY_CHANGE.finditer(text):
        i, ch = m.start(), m.group()
        if i > pos:
            out.append(text[pos:i])
            prev = text[i - 1]
        pos = i + 1
        nxt = text[i + 1 : i + 2]
        if ch == " " and not keep_spaces and (_is_cjk(prev) or _is_cjk(nxt)):
            continue  # spaces around Chinese text are layout, not content
        if ch in _ASCII_TO_WIDE and (_is_cjk(prev) or _is_cjk(nxt)):
            if not (ch in ",:" and prev.isdigit() and nxt.isdigit()):  # 3,000 and 10:30 stay
                ch = _ASCII_TO_WIDE[ch]
        elif ch == "." and _is_cjk(prev) and not nxt.isdigit():
            ch = "。"
        elif ch == '"' and (_is_cjk(prev) or _is_cjk(nxt) or not prev):
            ch = "“" if open_quote else "”"
            open_quote = not open_quote
        out.append(ch)
        prev = ch
    out.append(text[pos:])
    return "".join(out)


# --- what is not article body ----------------------------------------------------------------
_CAPTION_MARK = re.compile(r"^[■▲●]\s*")
_PHOTO_CREDIT = re.compile(
    r"[（(]?(?:(?:珠江时报|佛山市新闻传媒中心)?(?:见习|实习)?记者|通讯员|摄影)?\s*[/／]?\s*"
    rf"(?P<names>[{_HAN}][{_HAN}\s/、]{{1,20}}?)\s*摄[）)]?$"
)
_LEAD_BYLINE = re.compile(
    rf"^(?:珠江时报讯|本报讯|南海新闻网讯)\s*(?:[（(](?P<bracket>[^）)]{{2,60}})[）)]|"
    rf"(?P<bare>(?:记者|通讯员|见习记者|实习生)[{_HAN}\s/、]{{2,40}}?报道))\s*[：:，,]?"
)
# A paragraph closed by a photo credit (…。/本报记者某某摄) is a caption: whole, whatever follows.
_CREDIT_END = re.compile(r"(?:[/／]|记者|通讯员)[^，。；/／]{1,30}摄[）)]?$")
_CREDIT_LINE = re.compile(r"^(?:统筹|文|图|撰文|摄影|文字|策划|采写)\s*[/／]")
_ROLE_WORDS = re.compile(
    r"(?:珠江时报|佛山市新闻传媒中心|南海新闻网)?(?:见习记者|实习记者|记者|通讯员|实习生|统筹|撰文|"
    r"文字|策划|采写|摄影|编辑|文|图|报道|摄)"
)
_PAGE_REF = re.compile(
    r"[（(]\s*(?:下转|上接|转)\s*[A-Z]?\d{1,2}\s*版\s*[）)]|相关(?:报道|新闻)?详见[A-Z]?\d{1,2}[~～\-—至]?[A-Z]?\d{0,2}版[。]?"
)
_NOISE_PARAGRAPH = re.compile(r"^(?:\d{1,7}|扫码.*|扫描二维码.*|来源[:：]\s*珠江时报.*)$")


def authors_of(credit: str) -> list[str]:
    """Names in a byline or credit, roles and outlet names removed."""
    credit = re.sub(r"^(?:珠江时报讯|本报讯|南海新闻网讯)|[（()）]", " ", credit)
    names: list[str] = []
    for chunk in re.split(r"[/／\s、，,]+", _ROLE_WORDS.sub(" ", credit)):
        if chunk:
            names += split_names(chunk)
    return list(dict.fromkeys(names))


def _split_lead_byline(text: str) -> tuple[str, str]:
    m = _LEAD_BYLINE.match(text)
    if not m:
        return "", text
    return m.group(0).rstrip("：:，, "), text[m.end() :].lstrip()


def _split_caption_credit(text: str) -> tuple[str, str]:
    m = _PHOTO_CREDIT.search(text)
    if not m or m.start() == 0:
        return text, ""
    return text[: m.start()].rstrip(" 。") + ("。" if text[: m.start()].endswith("。") else ""), m[
        0
    ]


def _open_quotes(text: str) -> int:
    return text.count("“") - text.count("”")


def _is_fragment(text: str, following: str, first: bool) -> bool:
    """A body paragraph cut by a column break: it stops mid-sentence and is not a subhead.

    A short line with no punctuation is usually a subhead; it is a fragment when it opens the
    article (a lead is never a subhead), ends in a digit (12月 / 25日), or when the break falls
    inside a word (前置窗 / 口).
    """
    if not text or text[-1] in TERMINAL + CLOSERS + "：" or _CREDIT_END.search(text):
        return False
    if text[-1] in "，、" or _open_quotes(text) > 0:
        return True
    if _opens_with_speaker(following) and not crosses_word(text, following):
        return False  # a kicker line before 某会副会长、秘书长某某分析到…: the title is whole
    if re.search(r"[，；：]", text):
        return True
    return first or len(text) > 20 or text[-1].isdigit() or crosses_word(text, following)


def _opens_with_speaker(text: str) -> bool:
    """Whether a paragraph opens with a title chain, a name and a speech verb, as a sentence
    does and the rest of a cut sentence does not."""
    titles = lexicon.alternation(lexicon.person_titles())
    verbs = lexicon.alternation(lexicon.speech_verbs())
    m = re.match(f"[{_HAN}、]{{0,30}}?(?:{titles})([{_HAN}]{{2,3}}?)(?:{verbs})", text)
    return bool(m) and looks_like_name(m.group(1))


def _is_subhead(text: str) -> bool:
    return len(text) <= 20 and not re.search(r"[，。；：！？]", text)


def clean_paragraphs(raw: list[str], headline: list[str] | None = None) -> CleanArticle:
    """Raw paragraph strings (and the headline lines) → a CleanArticle."""
    dropped: Counter[str] = Counter()
    byline, authors, credits = "", [], []
    body: list[str] = []
    captions: list[str] = []
    for para in (normalize_text(p) for p in raw):
        para = _PAGE_REF.sub("", para).strip()
        if not para:
            continue
        if _NOISE_PARAGRAPH.match(para):
            dropped["noise"] += 1
        elif _CAPTION_MARK.match(para):
            text, credit = _split_caption_credit(_CAPTION_MARK.sub("", para))
            if credit:
                credits.append(credit)
                authors += authors_of(credit)
            if text:
                captions.append(text)
        elif _CREDIT_LINE.match(para):
            byline = f"{byline} {para}".strip()
            authors += authors_of(para)
        else:
            lead_byline, para = _split_lead_byline(para)
            if lead_byline:
                byline = f"{lead_byline} {byline}".strip()
                authors = authors_of(_LEAD_BYLINE.match(lead_byline).group(0)) + authors
            if para:
                body.append(para)
    merged: list[str] = []
    for para in body:
        if merged and _is_fragment(merged[-1], para, first=len(merged) == 1):
            merged[-1] += para
            dropped["column_break_joined"] += 1
        else:
            merged.append(para)
    seen: set[str] = set()
    paragraphs = [
        Paragraph("headline", normalize_text(h, keep_spaces=True))
        for h in headline or []
        if h.strip()
    ]
    for para in merged:
        if para in seen:
            dropped["repeated_paragraph"] += 1
            continue
        seen.add(para)
        paragraphs.append(Paragraph("subhead" if _is_subhead(para) else "body", para))
    paragraphs += [Paragraph("caption", c) for c in dict.fromkeys(captions)]
    return CleanArticle(
        paragraphs=paragraphs,
        byline=byline,
        authors=list(dict.fromkeys(authors)),
        photo_credits=credits,
        dropped=dict(dropped),
    )


def clean_plain_text(text: str) -> CleanArticle:
    """A plain-text article, one paragraph per line; leading lines with no end punctuation
    (at most three) are its headline."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    n = 0
    while n < min(3, len(lines) - 1) and normalize_text(lines[n])[-1] not in TERMINAL + CLOSERS:
        n += 1
    return clean_paragraphs(lines[n:], headline=lines[:n])
