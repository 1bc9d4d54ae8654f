"""Metric extraction: the seed's figures, the written forms of numbers, and what is not a metric."""

from __future__ import annotations

import pytest

from tasks.core.clean import clean_paragraphs, clean_plain_text
from tasks.core.metrics import extract_metrics
from tasks.core.scoring import score_metrics


def _metrics(*paragraphs: str):
    return extract_metrics(clean_paragraphs(list(paragraphs)).paragraphs)


def test_seed_metrics_are_all_found_and_nothing_else(seed_text, seed_gold):
    clean = clean_plain_text(seed_text)
    found = extract_metrics(clean.paragraphs)
    score, units, objects, errors = score_metrics(seed_gold["metrics"], found)
    assert (score.precision, score.recall, units.value, objects.value) == (1.0, 1.0, 1.0, 1.0), (
        errors
    )
    by_text = {(m.text, m.object) for m in found}
    assert {
        ("23栋", "亿元楼"),
        ("7家", "上市企业"),
        ("112家", "上市公司"),
        ("22个", "农村社区"),
        ("32个", "镇街"),
    } <= by_text
    assert next(m for m in found if m.text == "112家").subject == "深圳前海街道"
    assert all(clean.content[m.start : m.end] == m.text for m in found)


@pytest.mark.parametrize(
    ("text", "value", "unit", "base"),
    [
        ("总投资166.4亿元。", 166.4, "亿元", 1.664e10),
        ("改造1.2万亩土地。", 1.2, "万亩", 12000),
        ("投入3千万元。", 3, "千万元", 3e7),
        ("共有二十二个社区。", 22, "个", 22),
        ("新建两栋厂房。", 2, "栋", 2),
        ("受理业务1,234宗。", 1234, "宗", 1234),
        ("投入两千三百万元。", 2300, "万元", 2.3e7),
    ],
)
def test_written_forms_of_numbers(text, value, unit, base):
    (m,) = _metrics(text)
    assert (m.value, m.unit, m.base_value) == (value, unit, base)


def test_approximations_and_ranges_keep_a_qualifier_and_bounds():
    ms = {
        m.text: m
        for m in _metrics(
            "约120个项目，超过50家企业，百余家商户参与，十几个村居受益，推进3至5个项目。"
        )
    }
    assert (ms["约120个"].qualifier, ms["约120个"].value) == ("约", 120)
    assert (ms["超过50家"].value_low, ms["超过50家"].value_high) == (50, None)
    assert ms["十几个"].value_low == 11 and ms["十几个"].value_high == 19
    assert (ms["3至5个"].value_low, ms["3至5个"].value_high) == (3, 5)


def test_changes_have_direction_and_basis():
    (m,) = _metrics("全区规上工业总产值同比增长12.3%。")
    assert (m.value, m.unit, m.change, m.object) == (12.3, "%", "同比增长", "规上工业总产值")


@pytest.mark.parametrize(
    "text",
    [
        "12月21日，2021年度会议在A06版刊登。",
        "税收连续两年位居榜首，近十年变化很大，3个月内完成。",
        "提出“四个坚持”，一是坚持创新，第一要务是发展。",
        "深化“15分钟党群服务圈”建设，落实《三年行动计划（2021-2023年）》。",
        "咨询电话0757-86223456。",
        "抛出了一个问题，要有一张蓝图干到底，围绕三个方面提升。",
        "千家万户都受益。",
        "第一批项目开工，第三次会议召开，第十二届文化节举行。",
        "这次政策有三个特点，力争迈上千亿级台阶。",
    ],
)
def test_not_metrics(text):
    assert _metrics(text) == []


def test_whose_figure_it_is_when_the_clause_names_a_place_or_scope():
    ms = {
        m.text: m.subject
        for m in _metrics(
            "目前，桂城共有上市企业22家，全区高新技术企业超过2500家。对比深圳前海街道的112家上市公司。"
        )
    }
    assert ms == {"22家": "桂城", "超过2500家": "全区", "112家": "深圳前海街道"}


def test_decided_cases_that_are_metrics():
    ms = {
        m.text: (m.value, m.unit)
        for m in _metrics(
            "产值超百亿元的企业有8家，近一倍，一成以上，南海区位列第二名，入选前10名。"
        )
    }
    assert ms == {  # 超百亿元 names a class of company (tests/test_metric_rules.py)
        "8家": (8, "家"),
        "近一倍": (1, "倍"),
        "一成以上": (1, "成"),
        "第二名": (2, "位次"),
        "前10名": (10, "位次"),
    }


def test_a_figure_quoted_in_a_speech_points_to_it():
    from tasks.core.pipeline import extract_text

    ex = extract_text(
        clean_paragraphs(
            ["全区新增上市企业5家。", "南海区金融工作局局长潘志坚表示，后备企业超过120家。"]
        )
    )
    by_text = {m["text"]: m["speech_no"] for m in ex.metrics}
    assert by_text == {"5家": None, "超过120家": ex.speeches[0]["speech_no"]}


def test_a_figure_points_to_the_first_speech_that_holds_it():
    from tasks.core.pipeline import speech_containing

    speeches = [
        {"speech_no": 0, "start_offset": 10, "end_offset": 40},
        {"speech_no": 1, "start_offset": 30, "end_offset": 60},  # overlaps the first
        {"speech_no": 2, "start_offset": 80, "end_offset": 90},
    ]
    # given out of order, as figures and speeches of different paragraphs can be
    assert speech_containing([85, 5, 35, 45, 60, 12], speeches) == [2, None, 0, 1, None, 0]
    assert speech_containing([3, 7], []) == [None, None]
