"""`pearl score` on a development set in the shared format (raw text + JSON gold), and its note
when the set is absent. The article here is our own writing."""

from __future__ import annotations

import json

from flows.cli import main
from tasks.core.scoring import load_devset, score_article

_BODY = (
    "石湾镇召开产业推进会\n"
    "会上,石湾镇镇长邝海林表示,今年全镇新签约项目12个,总投资约45.5亿元。\n"
    "“园区要把配套补齐。”该园区相关负责人说。\n"
)
_GOLD = {
    "speeches": [
        {
            "speaker": "邝海林",
            "title": "石湾镇镇长",
            "verb": "表示",
            "kind": "indirect",
            "text_start": "今年全镇新签约项",
        },
        {
            "speaker": "园区相关负责人",
            "title": "园区相关负责人",
            "verb": "说",
            "kind": "direct",
            "text_start": "园区要把配套补齐",
        },
    ],
    "metrics": [
        {"value": 12, "unit": "个", "object": "新签约项目", "span": "项目12个"},
        {"value": 455000, "unit": "万元", "object": "总投资", "span": "约45.5亿元"},
    ],
}


def _devset(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "gold").mkdir()
    header = "url: x\ndate: 2024-05-06\nedition: ours\ntitle: 石湾镇召开产业推进会\n---\n"
    (tmp_path / "articles" / "d900.txt").write_text(header + _BODY, encoding="utf-8")
    (tmp_path / "gold" / "d900.json").write_text(json.dumps(_GOLD, ensure_ascii=False), "utf-8")
    return tmp_path


def test_dev_set_matching_is_loose_on_punctuation_magnitudes_and_roles(tmp_path):
    (article,) = load_devset(_devset(tmp_path))
    assert article.text == _BODY and article.loose
    score = score_article(article)
    assert (score.speeches.true_pos, score.speeches.predicted) == (2, 2), score.errors
    assert score.titles.value == 1.0, score.errors
    assert (score.metrics.true_pos, score.metrics.gold) == (2, 2), score.errors


def test_pearl_score_prints_the_dev_set_beside_the_gold_set(tmp_path, capsys):
    assert main(["score", "--devset", str(_devset(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "gold set" in out and f"dev set {tmp_path}: 1 articles" in out


def test_pearl_score_says_so_in_one_line_when_the_dev_set_is_absent(tmp_path, capsys):
    assert main(["score", "--devset", str(tmp_path / "nowhere")]) == 0
    out = capsys.readouterr().out
    assert out.count("dev set") == 1 and "absent, skipped" in out
