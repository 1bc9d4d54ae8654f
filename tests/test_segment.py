"""Sentences never split inside quotations; the domain dictionary keeps policy terms whole."""

from __future__ import annotations

from tasks.core.models import Paragraph
from tasks.core.segment import segment, sentence_spans, tokenize


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_quote_with_trailing_attribution_is_one_sentence():
    text = "“我们要跑出加速度。再攀新高地！”他说。会议随后结束。"
    assert _sentences(text) == ["“我们要跑出加速度。再攀新高地！”他说。", "会议随后结束。"]


def test_paragraph_opening_inside_a_quotation_keeps_it_whole():
    text = "现象仍然存在。”岑灼雄指出，桂城仍有短板。第二句。"
    assert _sentences(text) == ["现象仍然存在。”岑灼雄指出，桂城仍有短板。", "第二句。"]


def test_offsets_point_into_the_joined_content():
    paras = [Paragraph("headline", "标题"), Paragraph("body", "第一句。第二句“引语。”结束。")]
    content = "\n".join(p.text for p in paras)
    sents = segment(paras)
    assert [s.text for s in sents] == ["标题", "第一句。", "第二句“引语。”结束。"]
    assert all(content[s.start : s.end] == s.text for s in sents)


def test_domain_terms_are_single_tokens():
    tokens = tokenize("大沥推进村级工业园改造，腾笼换鸟优化营商环境，23栋亿元楼")
    for term in ("村级工业园改造", "腾笼换鸟", "营商环境", "亿元楼", "大沥"):
        assert term in tokens
