"""Scoring the extractors against the gold set: the seed article and the team's articles
(tests/gold), annotated by the seed's conventions. `pearl score` prints the figures."""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tasks.core.clean import clean_plain_text
from tasks.core.metrics import extract_metrics
from tasks.core.models import Metric, Speech
from tasks.core.numbers import UNIT_MAGNITUDES
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
    loose: bool = False  # annotated on the raw text (the dev set): match as its scorer does


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


def load_devset(root: Path, names: set[str] | None = None) -> list[GoldArticle]:
    """The shared development set: articles/dNNN.txt (a header, a '---' line, the body) beside
    gold/dNNN.json. Its bodies are raw text, so its speeches and metrics are matched loosely."""
    articles = []
    for path in sorted((root / "articles").glob("*.txt")):
        if names and path.stem not in names:
            continue
        body = path.read_text(encoding="utf-8").partition("\n---\n")[2]
        ann = json.loads((root / "gold" / f"{path.stem}.json").read_text(encoding="utf-8"))
        articles.append(GoldArticle(path.stem, body, ann["speeches"], ann["metrics"], [], True))
    return articles


def _squash(text: str) -> str:
    """NFKC without punctuation, symbols or spaces: the cleaner's full-width commas and the raw
    text's ASCII ones compare equal."""
    return "".join(
        c for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c)[0] not in "PSZC"
    )


def _loose_speaker(predicted: Speech, gold: dict) -> bool:
    """The same speaker, or a role-only speaker (相关负责人) whose title is the gold role."""
    if predicted.speaker == gold["speaker"]:
        return True
    return gold["speaker"].endswith(predicted.speaker) and predicted.title == gold["speaker"]


def _greedy(gold: list[dict], predicted: list, same) -> list[tuple[object, dict]]:
    """One-to-one pairs, in text order, of the first unused gold item each prediction matches."""
    used, pairs = [False] * len(gold), []
    for item in predicted:
        for i, g in enumerate(gold):
            if not used[i] and same(item, g):
                used[i] = True
                pairs.append((item, g))
                break
    return pairs


def loose_speeches(gold: list[dict], predicted: list[Speech]) -> tuple[Score, Accuracy, list[str]]:
    """Speaker + the first 6 characters of content without punctuation; titles as written."""

    def same(sp: Speech, g: dict) -> bool:
        start = _squash(g["text_start"])[:6]
        return _loose_speaker(sp, g) and bool(start) and _squash(sp.text).startswith(start)

    pairs = _greedy(gold, predicted, same)
    titles = Accuracy(sum(_squash(sp.title) == _squash(g["title"]) for sp, g in pairs), len(pairs))
    hit_gold = {id(g) for _, g in pairs}
    hit_pred = {id(sp) for sp, _ in pairs}
    errors = [
        f"speech missed {(g['speaker'], g['text_start'])}" for g in gold if id(g) not in hit_gold
    ]
    errors += [
        f"speech extra {(s.speaker, s.text[:12])}" for s in predicted if id(s) not in hit_pred
    ]
    errors += [
        f"title {sp.speaker}: {sp.title!r} ≠ {g['title']!r}"
        for sp, g in pairs
        if _squash(sp.title) != _squash(g["title"])
    ]
    return Score(len(pairs), len(gold), len(predicted)), titles, errors


def _folded(value: float, unit: str) -> float:
    """The value with the magnitude word at the head of its unit multiplied in (166.4 亿元 →
    1.664e10), so 亿元 and 万元 readings of one figure compare."""
    for word, factor in sorted(UNIT_MAGNITUDES.items(), key=lambda kv: -len(kv[0])):
        if unit.startswith(word):
            return value * factor
    return value


_NUMERAL = re.compile(r"[0-9零〇一二两三四五六七八九十百千万亿几半]")


def _overlap(predicted: str, gold: str) -> bool:
    """One span holds the other, or they share two characters or more that hold a numeral."""
    p, g = _squash(predicted), _squash(gold)
    if not p or not g:
        return False
    if p in g or g in p:
        return True
    return any(_NUMERAL.search(p[i : i + 2]) and p[i : i + 2] in g for i in range(len(p) - 1))


def loose_metrics(
    gold: list[dict], predicted: list[Metric]
) -> tuple[Score, Accuracy, Accuracy, list[str]]:
    """Folded value + overlapping span; units and objects as for the team's gold."""

    def same(m: Metric, g: dict) -> bool:
        a, b = _folded(m.value, m.unit), _folded(float(g["value"]), g["unit"])
        return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b)) and _overlap(m.text, g["span"])

    pairs = _greedy(gold, predicted, same)
    units = Accuracy(sum(m.unit == g["unit"] for m, g in pairs), len(pairs))
    objects = Accuracy(sum(same_object(m.object, g["object"]) for m, g in pairs), len(pairs))
    hit_gold = {id(g) for _, g in pairs}
    hit_pred = {id(m) for m, _ in pairs}
    errors = [f"metric missed {(g['value'], g['span'])}" for g in gold if id(g) not in hit_gold]
    errors += [f"metric extra {(m.value, m.text)}" for m in predicted if id(m) not in hit_pred]
    return Score(len(pairs), len(gold), len(predicted)), units, objects, errors


def score_article(article: GoldArticle) -> ArticleScore:
    clean = clean_plain_text(article.text)
    speeches, statements = extract_speeches_and_statements(clean.paragraphs)
    score_sp, score_me = (
        (loose_speeches, loose_metrics) if article.loose else (score_speeches, score_metrics)
    )
    sp, titles, sp_err = score_sp(article.speeches, speeches)
    me, units, objects, me_err = score_me(article.metrics, extract_metrics(clean.paragraphs))
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
