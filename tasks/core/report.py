"""The run summary an operator reads: plain text built from counters, no Prefect here."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date


@dataclass
class RunSummary:
    """What a run did; summed over its batches."""

    date_from: date
    date_to: date
    editions: list[str]
    issues: int = 0
    pages: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    speeches: int = 0
    metrics: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def add_load(self, counts: dict[str, int]) -> None:
        self.new += counts["new"]
        self.updated += counts["updated"]
        self.unchanged += counts["unchanged"]

    def markdown(self, row_counts: dict[str, int]) -> str:
        lines = [
            f"# pearl run: {self.date_from} → {self.date_to}",
            "",
            f"Editions {', '.join(self.editions)}: **{self.issues}** issues, {self.pages} pages.",
            "",
            "| articles | count |",
            "| --- | ---: |",
            f"| new | {self.new} |",
            f"| updated | {self.updated} |",
            f"| unchanged | {self.unchanged} |",
            f"| failed | {self.failed} |",
            "",
            f"Extracted **{self.speeches}** speeches and **{self.metrics}** metrics.",
        ]
        if self.skipped:
            lines += ["", "| skipped or noted | count |", "| --- | ---: |"]
            lines += [f"| {reason} | {n} |" for reason, n in self.skipped.most_common()]
        lines += ["", "| table | rows |", "| --- | ---: |"]
        lines += [f"| {name} | {n} |" for name, n in row_counts.items()]
        return "\n".join(lines)
