"""The extractors on the team's gold set (tests/gold) and the seed: CI fails under these floors.

Floors sit a little under what the extractors reach (README, "Gold set"); the articles were
written by the team, so real articles will score lower: the floors guard against regressions."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core.scoring import load_gold, score_article, total

GOLD = Path(__file__).parent / "gold"
SEED = Path(__file__).parent / "fixtures" / "guicheng-work-meeting-2020-12.txt"


@pytest.fixture(scope="module")
def scores():
    articles = load_gold(GOLD, SEED)
    assert len(articles) >= 41
    return [score_article(a) for a in articles]


def test_speeches_above_the_floor(scores):
    t = total(scores)
    assert t.speeches.f1 >= 0.95, [e for s in scores for e in s.errors if "speech" in e]
    assert t.titles.value >= 0.95


def test_statements_of_bodies_above_the_floor(scores):
    assert total(scores).statements.f1 >= 0.90


def test_metrics_above_the_floor(scores):
    t = total(scores)
    assert t.metrics.f1 >= 0.95, [e for s in scores for e in s.errors if "metric" in e]
    assert t.units.value >= 0.95
    assert t.objects.value >= 0.85


def test_the_seed_is_complete(scores):
    seed = next(s for s in scores if s.name == SEED.stem)
    assert seed.speeches.recall == seed.speeches.precision == 1.0, seed.errors
    assert seed.metrics.recall == seed.metrics.precision == 1.0, seed.errors


def test_gold_covers_every_case_of_the_issues():
    """The articles exercise each pattern at least once (a check on the gold set itself)."""
    text = "".join(a.text for a in load_gold(GOLD))
    for pattern in (
        "“",
        "：“",
        "据",
        "在接受",
        "发言时说",
        "他说",
        "她",
        "其",
        "相关负责人",
        "村民",
        "先生",
        "书记还",
        "会议指出",
        "大会提出",
        "纲要",
        "《",
        "三分之一",
        "3万5千",
        "百分点",
        "倍",
        "至",
        "~",
        "十几",
        "数百",
        "上百",
        "逾",
        "余",
        "不到",
        "第二名",
        "前十位",
        "超过",
    ):
        assert pattern in text, pattern
