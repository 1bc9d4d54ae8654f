"""Scoring the extractors against the gold set: the seed article and the team's articles
(tests/gold), annotated by the seed's conventions. `pearl score` prints the figures."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tasks.core.clean import clean_plain_text
from tasks.core.metrics import extract_metrics
from tasks.core.models import Metric, Speech
from tasks.core.speeches import Statement, extract_speeches_and_statements


@dataclass
class Score:
    true_pos: int = 0
    gold: int = 0
    predicted: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_pos + other.true_pos, self.gold + other.gold, self.predicted + other.predicted
        )

    @property
    def precision(self) -> float:
        return self.true_pos / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.true_pos / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Accuracy:
    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    @property
    def value(self) -> float:
        return self.correct / self.total if self.total else 1.0


@dataclass
class ArticleScore:
    name: str
    speeches: Score
    titles: Accuracy
    metrics: Score
    units: Accuracy
    objects: Accuracy
    statements: Score
    errors: list[str] = field(default_factory=list)


@dataclass
class GoldArticle:
    name: str
    text: str
    speeches: list[dict]
    metrics: list[dict]
    statements: list[dict]


def _value_key(value: float) -> float:
    return round(float(value), 3)


def _match(gold: list[tuple], predicted: list[tuple]) -> tuple[Score, list[tuple], list[tuple]]:
    """Multiset match; returns the score, the gold keys missed and the predicted keys extra."""
    remaining = Counter(gold)
    extra = []
    for key in predicted:
        if remaining[key] > 0:
            remaining[key] -= 1
        else:
            extra.append(key)
    missed = list(remaining.elements())
    return Score(len(predicted) - len(extra), len(gold), len(predicted)), missed, extra


def score_speeches(gold: list[dict], predicted: list[Speech]) -> tuple[Score, Accuracy, list[str]]:
    """Speaker + start of content; title accuracy on the matched speeches."""
    score, missed, extra = _match(
        [(g["speaker"], g["text_start"]) for g in gold],
        [(s.speaker, s.text[:8]) for s in predicted],
    )
    titles = {(g["speaker"], g["text_start"]): g["title"] for g in gold}
    matched = [s for s in predicted if (s.speaker, s.text[:8]) in titles]
    acc = Accuracy(sum(titles[(s.speaker, s.text[:8])] == s.title for s in matched), len(matched))
    errors = [f"speech missed {k}" for k in missed] + [f"speech extra {k}" for k in extra]
    errors += [
        f"title {s.speaker}: {s.title!r} ≠ {titles[(s.speaker, s.text[:8])]!r}"
        for s in matched
        if titles[(s.speaker, s.text[:8])] != s.title
    ]
    return score, acc, errors


def same_object(predicted: str, gold: str) -> bool:
    """Objects have fuzzy edges: right when the gold object contains the predicted one (gold
    objects carry context: 镇街 for 全市镇街), or the predicted one holds the gold one with at
    most four characters more (医院门急诊量 for 门急诊量); an empty object is wrong."""
    if not predicted or not gold:
        return predicted == gold
    return predicted in gold or (gold in predicted and len(predicted) - len(gold) <= 4)


def score_metrics(
    gold: list[dict], predicted: list[Metric]
) -> tuple[Score, Accuracy, Accuracy, list[str]]:
    """Value + span; unit and object accuracy on the matched metrics (see same_object)."""
    score, missed, extra = _match(
        [(_value_key(g["value"]), g["span"]) for g in gold],
        [(_value_key(m.value), m.text) for m in predicted],
    )
    by_key = {(_value_key(g["value"]), g["span"]): g for g in gold}
    matched = [
        (m, by_key[(_value_key(m.value), m.text)])
        for m in predicted
        if (_value_key(m.value), m.text) in by_key
    ]
    units = Accuracy(sum(m.unit == g["unit"] for m, g in matched), len(matched))
    objects = Accuracy(sum(same_object(m.object, g["object"]) for m, g in matched), len(matched))
    errors = [f"metric missed {k}" for k in missed] + [f"metric extra {k}" for k in extra]
    errors += [
        f"unit {m.text}: {m.unit!r} ≠ {g['unit']!r}" for m, g in matched if m.unit != g["unit"]
    ]
    errors += [
        f"object {m.text}: {m.object!r} ≠ {g['object']!r}"
        for m, g in matched
        if not same_object(m.object, g["object"])
    ]
    return score, units, objects, errors


def score_statements(gold: list[dict], predicted: list[Statement]) -> tuple[Score, list[str]]:
    score, missed, extra = _match(
        [(g["body"], g["text_start"]) for g in gold], [(s.body, s.text[:8]) for s in predicted]
    )
    return score, [f"statement missed {k}" for k in missed] + [
        f"statement extra {k}" for k in extra
    ]


def load_gold(gold_dir: Path, seed: Path | None = None) -> list[GoldArticle]:
    """The seed (text + JSON annotation) and every YAML article of gold_dir."""
    articles = []
    if seed is not None:
        ann = json.loads(seed.with_suffix(".gold.json").read_text(encoding="utf-8"))
        articles.append(
            GoldArticle(
                seed.stem, seed.read_text(encoding="utf-8"), ann["speeches"], ann["metrics"], []
            )
        )
    for path in sorted(gold_dir.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        articles.append(
            GoldArticle(
                path.stem,
                doc["text"],
                [
                    dict(
                        zip(
                            ("speaker", "title", "verb", "kind", "text_start"),
                            map(str, s),
                            strict=True,
                        )
                    )
                    for s in doc.get("speeches") or []
                ],
                [
                    {
                        "value": float(m[0]),
                        "unit": str(m[1]),
                        "object": str(m[2]),
                        "span": str(m[3]),
                    }
                    for m in doc.get("metrics") or []
                ],
                [
                    dict(zip(("body", "verb", "text_start"), map(str, s), strict=True))
                    for s in doc.get("statements") or []
                ],
            )
        )
    return articles


def score_article(article: GoldArticle) -> ArticleScore:
    clean = clean_plain_text(article.text)
    speeches, statements = extract_speeches_and_statements(clean.paragraphs)
    sp, titles, sp_err = score_speeches(article.speeches, speeches)
    me, units, objects, me_err = score_metrics(article.metrics, extract_metrics(clean.paragraphs))
    st, st_err = score_statements(article.statements, statements)
    return ArticleScore(article.name, sp, titles, me, units, objects, st, sp_err + me_err + st_err)


def total(scores: list[ArticleScore]) -> ArticleScore:
    out = ArticleScore("all", Score(), Accuracy(), Score(), Accuracy(), Accuracy(), Score())
    for s in scores:
        out.speeches += s.speeches
        out.titles += s.titles
        out.metrics += s.metrics
        out.units += s.units
        out.objects += s.objects
        out.statements += s.statements
    return out
