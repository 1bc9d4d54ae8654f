"""Random text against the extractors: whatever comes in, extraction returns rows whose offsets
point into the content, and raises nothing (a bad article must never stop a run)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tasks.core.clean import clean_plain_text
from tasks.core.pipeline import extract_text

# The characters the rules react to, so random strings reach them: quotes, numerals, magnitude
# and unit words, cue verbs, titles, surnames, punctuation of both widths, line breaks.
_PIECES = [
    *"“”‘’「」《》（）()，。；：！？,.;:!?、—-~％%/·… \n\t",
    *"0123456789零〇一二两三四五六七八九十百千万亿几余多近超约第届次",
    "表示",
    "说",
    "指出",
    "认为",
    "介绍",
    "强调",
    "他",
    "她",
    "其",
    "书记",
    "镇长",
    "主任",
    "相关负责人",
    "先生",
    "阿姨",
    "王",
    "李",
    "陈",
    "欧阳",
    "会议",
    "项目",
    "以上",
    "亿元",
    "个",
    "百分点",
    "分之",
    "倍",
    "成",
    "家",
    "名",
    "人次",
    "年",
    "月",
    "日",
    "级",
    "的",
]
_TEXT = st.lists(st.sampled_from(_PIECES), max_size=120).map("".join) | st.text(max_size=200)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_TEXT)
def test_random_text_extracts_without_errors(text):
    clean = clean_plain_text(text)
    ex = extract_text(clean)
    for row in (*ex.speeches, *ex.metrics, *ex.statements):
        start, end = row["start_offset"], row["end_offset"]
        assert 0 <= start <= end <= len(clean.content)
        assert clean.content[start:end] == row["text"]
