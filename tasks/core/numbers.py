"""Numbers as the paper writes them → floats: Arabic, Chinese, mixed, vague (十几, 百余)."""

from __future__ import annotations

import re

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUMERAL = CN_DIGITS + "十百千万亿"
# Magnitude words that stay in the unit as written (166.4亿元 → 166.4, 亿元).
UNIT_MAGNITUDES: dict[str, float] = {
    "万亿": 1e12,
    "千亿": 1e11,
    "百亿": 1e10,
    "亿": 1e8,
    "千万": 1e7,
    "百万": 1e6,
    "万": 1e4,
}
# Vague numerals: (low, high). 十几 = 11–19, 数十 = 20–90 …
VAGUE: dict[str, tuple[float, float]] = {
    "十几": (11, 19),
    "几十": (20, 90),
    "数十": (20, 90),
    "上百": (100, 200),
    "数百": (200, 900),
    "几百": (200, 900),
    "上千": (1000, 2000),
    "数千": (2000, 9000),
    "几千": (2000, 9000),
    "上万": (10000, 20000),
    "数万": (20000, 90000),
    "几万": (20000, 90000),
}


def parse_number(text: str) -> float:
    """'1,234.5' / '二十二' / '两' / '1.2万' / '3万5千' → float. Raises ValueError if not a number."""
    text = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        return float(text)
    if text in ("两", "俩"):
        return 2.0
    if text.startswith("十"):
        text = "一" + text  # cn2an reads 十二 but not 十万
    import cn2an  # imported here: a quarter second that a run with nothing new never needs

    try:
        return float(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not a number: {text}") from exc


def split_magnitude(numeral: str) -> tuple[str, str, float]:
    """'166.4亿' → ('166.4', '亿', 1e8); '3千万' → ('3', '千万', 1e7); '两千三百万' → ('两千三百',
    '万', 1e4); '3万5千' stays whole: ('3万5千', '', 1)."""
    for word, factor in UNIT_MAGNITUDES.items():
        if not numeral.endswith(word) or len(numeral) <= len(word):
            continue
        head = numeral[: -len(word)]
        # After Chinese digits 千/百 belong to the number itself (两千三百万 is 2300 万).
        if head[-1].isdigit() or (head[-1] in CN_NUMERAL and word in ("万", "亿", "万亿")):
            return head, word, factor
    return numeral, "", 1.0
