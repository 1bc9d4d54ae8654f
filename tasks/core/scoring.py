"""Scoring extraction against gold annotations in the seed's format (tests/fixtures/*.gold.json)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tasks.core.models import Metric, Speech


@dataclass
class Score:
    true_pos: int
    gold: int
    predicted: int

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


def text_start(text: str) -> str:
    """The annotation key for content: its first 8 characters, an opening quote mark left out."""
    return (
        text[1:9]
        if text.startswith("“") and not text.startswith("“", 1) and "”" not in text[:9]
        else text[:8]
    )


def _match(gold: list[tuple], predicted: list[tuple]) -> Score:
    remaining = Counter(gold)
    hits = 0
    for key in predicted:
        if remaining[key] > 0:
            remaining[key] -= 1
            hits += 1
    return Score(hits, len(gold), len(predicted))


def score_speeches(gold: list[dict], predicted: list[Speech]) -> tuple[Score, float]:
    """(speaker + start of content score, title accuracy on the matched speeches)."""
    gold_keys = [(g["speaker"], g["text_start"]) for g in gold]
    pred_keys = [(s.speaker, s.text[:8]) for s in predicted]
    score = _match(gold_keys, pred_keys)
    titles = {(g["speaker"], g["text_start"]): g["title"] for g in gold}
    matched = [s for s in predicted if (s.speaker, s.text[:8]) in titles]
    correct = sum(titles[(s.speaker, s.text[:8])] == s.title for s in matched)
    return score, correct / len(matched) if matched else 1.0


def score_metrics(gold: list[dict], predicted: list[Metric]) -> tuple[Score, float, float]:
    """(value + span score, unit accuracy, object accuracy) — object counts as right when the
    gold object contains the predicted one (gold objects carry context: 全市镇街 ⊇ 镇街)."""
    gold_keys = [(float(g["value"]), g["span"]) for g in gold]
    score = _match(gold_keys, [(m.value, m.text) for m in predicted])
    by_key = {(float(g["value"]), g["span"]): g for g in gold}
    matched = [(m, by_key[(m.value, m.text)]) for m in predicted if (m.value, m.text) in by_key]
    if not matched:
        return score, 1.0, 1.0
    units = sum(m.unit == g["unit"] for m, g in matched) / len(matched)
    objects = sum(bool(m.object) and m.object in g["object"] for m, g in matched) / len(matched)
    return score, units, objects
