"""One test per metric rule or unit class added for real news (issue 10), in sentences of our own."""

from __future__ import annotations

import pytest

from tasks.core.clean import clean_paragraphs
from tasks.core.metrics import extract_metrics


def _found(text: str) -> list[tuple[float, str, str]]:
    return [(m.value, m.unit, m.text) for m in extract_metrics(clean_paragraphs([text]).paragraphs)]


@pytest.mark.parametrize(
    "text",
    [
        "区十六届人大三次会议今天开幕。",
        "镇第九届委员会第二次全会召开。",
        "县政协十一届四次会议闭幕。",
    ],
)
def test_session_numbers_are_not_counts(text):
    assert _found(text) == []


def test_a_count_of_meetings_still_counts():
    assert _found("今年共召开专题会议4次。") == [(4.0, "次", "4次")]


@pytest.mark.parametrize(
    "text",
    [
        "全市共有超亿元项目在建。",
        "投资额5亿元以上的重点产业项目全部开工。",
        "其中百亿级项目进展顺利。",
        "20亿元以上(不含百亿级)项目同步推进。",
    ],
)
def test_thresholds_that_name_a_class_are_not_metrics(text):
    assert [f for f in _found(text) if f[1].endswith("亿元") or f[1] == "亿"] == []


def test_a_threshold_that_measures_is_kept():
    assert _found("多数项目单体投资在3亿元以上。") == [(3.0, "亿元", "3亿元以上")]
    assert _found("总额超80亿元的9个项目集中签约。")[:1] == [(80.0, "亿元", "超80亿元")]


def test_a_lone_zero_is_a_word():
    assert _found("车间生产汽车零件和零配件。") == []


def test_quarters_are_durations():
    assert _found("连续三个季度保持增长。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全镇常住人口21.4万，户籍人口9万。", [(21.4, "万", "21.4万"), (9.0, "万", "9万")]),
        ("全年营收首次突破千亿，", [(1000.0, "亿", "千亿")]),
    ],
)
def test_bare_magnitudes_at_a_clause_end(text, expected):
    assert _found(text) == expected


def test_an_idiomatic_bare_magnitude_is_not_a_figure():
    assert _found("走进千家万户。") == []


def test_a_qualifier_separates_a_figure_from_letters_before_it():
    assert _found("去年GDP近2.3万亿元。") == [(2.3, "万亿元", "近2.3万亿元")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("刊发报道超800篇。", "篇"),
        ("招商小分队走访了31城。", "城"),
        ("规划面积12.6k㎡。", "k㎡"),
        ("惠及全村2000多村民。", "村民"),
        ("服务周边600余居民。", "居民"),
    ],
)
def test_new_units_and_counted_nouns(text, unit):
    assert [f[1] for f in _found(text)] == [unit]


def test_a_number_then_a_slogan_word_is_not_a_count():
    assert _found("牢记三个坚持。") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("周末客流比平日多出三四成。", (3.0, "成", "三四成")),
        ("每个摊位一天能卖出七八十份。", (70.0, "份", "七八十份")),
        ("村口只剩两三家小卖部。", (2.0, "家", "两三家")),
    ],
)
def test_two_neighbouring_digits_are_a_range_from_the_lower(text, expected):
    assert _found(text) == [expected]


def test_two_digits_that_are_no_neighbours_are_one_number():
    assert _found("共有二十三个村居参加。") == [(23.0, "个", "二十三个")]


@pytest.mark.parametrize("text", ["周末来的有几百人。", "这一片鱼塘好几十亩。"])
def test_a_few_hundred_is_no_figure(text):
    assert _found(text) == []


def test_a_count_after_a_demonstrative_refers_back():
    assert _found("这三个公园同时入选省级名录。") == []


def test_a_range_written_with_a_long_dash_is_one_figure():
    assert _found("全年增速目标定在6%—6.5%之间。") == [(6.0, "%", "6%—6.5%")]


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("火锅店每晚只接待30桌。", "桌"),
        ("改种花卉后亩产值翻了3番。", "番"),
        ("这种叶菜一年可种12熟。", "熟"),
    ],
)
def test_tables_doublings_and_harvests_are_units(text, unit):
    assert [f[1] for f in _found(text)] == [unit]


def test_a_count_after_an_explicit_list_of_places():
    assert _found("江门、肇庆、云浮三市共建产业园。") == [(3.0, "市", "三市")]


def test_a_count_that_is_not_the_length_of_the_list_before_it_is_left_out():
    assert _found("江门、肇庆三市共建产业园。") == []


def test_a_count_of_places_with_no_list_refers_back():
    assert _found("全市五区同步举办。") == []
