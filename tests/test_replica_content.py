"""The replica's article content: every placeholder filled, figures that follow a trend."""

from __future__ import annotations

import re
import statistics
from collections import defaultdict

from tasks.core.replica import blocks
from tasks.core.replica.generate import ReplicaArticle, build_issues


def _articles() -> list[ReplicaArticle]:
    return [a for issue in build_issues(faults=True) for a in issue.articles]


def _texts(article: ReplicaArticle) -> list[str]:
    return [article.kicker, article.title, article.subtitle, *article.paragraphs]


def test_no_placeholder_reaches_an_article():
    leftovers = [t for a in _articles() for t in _texts(a) if "{" in t or "}" in t]
    assert leftovers == []


def test_every_town_figure_grows_year_after_year_and_an_article_quotes_it_once():
    listed = re.compile(r"(\w{2})共有上市企业(\d+)家")
    by_town_year: dict[tuple[str, int], list[int]] = defaultdict(list)
    for article in _articles():
        found = {m.groups() for t in _texts(article) for m in listed.finditer(t)}
        # one value per town in one article (the caption may repeat the sentence, not change it)
        assert len({town for town, _ in found}) == len(found)
        for town, n in found:
            by_town_year[(town, article.issue_date.year)].append(int(n))
    assert {town for town, _ in by_town_year} == set(blocks.TOWNS)
    for town in blocks.TOWNS:
        medians = [
            statistics.median(by_town_year[(town, y)])
            for y in (2019, 2020, 2021)
            if by_town_year[(town, y)]
        ]
        assert len(medians) >= 2 and medians == sorted(medians), (town, medians)
    # the towns differ in size: the biggest town has more listed firms than the smallest
    assert statistics.median(by_town_year[("狮山", 2021)] or [0]) > statistics.median(
        by_town_year[("丹灶", 2021)] or [99]
    )


def test_village_park_renovation_is_written_about_in_2019():
    about = [
        a
        for a in _articles()
        if a.issue_date.year == 2019 and any("村级工业园改造" in p for p in a.paragraphs[:1])
    ]
    assert len(about) >= 10
