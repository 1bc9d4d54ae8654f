"""What a run did, summed over its batches, and the text an operator reads. No Prefect here."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from tasks.core.pipeline import IssueBatch


@dataclass
class RunSummary:
    """Counters of one run. Every article skipped or failed is counted under a named reason."""

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
    warnings: Counter[str] = field(default_factory=Counter)
    themes: Counter[str] = field(default_factory=Counter)
    new_articles: list[dict[str, Any]] = field(default_factory=list)
    articles_per_issue: dict[str, int] = field(default_factory=dict)
    empty_articles: list[str] = field(default_factory=list)
    # kind, url, reason, detail, attempts, quarantined: what this run failed, and everything
    # quarantined so far (from the store, once the run's failures are counted)
    failures: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[dict[str, Any]] = field(default_factory=list)

    @property
    def articles(self) -> int:
        return self.new + self.updated + self.unchanged

    def add(self, batches: list[IssueBatch], status: dict[str, str]) -> None:
        """Count a loaded chunk: its batches and the load status of each article."""
        counted = Counter(status.values())
        self.new += counted["new"]
        self.updated += counted["updated"]
        self.unchanged += counted["unchanged"]
        for b in batches:
            if b.issue.url:
                self.articles_per_issue[f"{b.issue.edition} {b.issue.issue_date}"] = b.articles
            self.pages += b.pages
            self.failed += len(b.failures)
            self.skipped.update(f"failed: issue {f['reason']}" for f in b.issue_failures)
            self.speeches += len(b.rows["speeches"])
            self.metrics += len(b.rows["metrics"])
            self.skipped.update(b.skipped)
            self.skipped.update(f"failed: {f['reason']}" for f in b.failures)
            self.themes.update(
                {(r["article_id"], r["theme_id"]) for r in b.rows["sentence_themes"]}
            )
            with_text = {
                r["article_id"] for r in b.rows["sentences"] if r["kind"] in ("body", "caption")
            }
            for row in b.rows["articles"]:
                if row["article_id"] not in with_text:
                    self.empty_articles.append(row["url"])
                if status.get(row["article_id"]) == "new":
                    self.new_articles.append(
                        {
                            "date": str(row["issue_date"]),
                            "edition": row["edition"],
                            "page": f"{row['page_no']} {row['page_name']}",
                            "title": row["title"],
                            "url": row["url"],
                        }
                    )

    def failure_lines(self) -> list[str]:
        """One line per failed or quarantined article, issue or page: for the run's log."""
        lines = [
            f"{f['kind']} {f['url']}: {f['reason']} (failed {f['attempts']} run(s)"
            + ("; quarantined)" if f["quarantined"] else "; retried next run)")
            for f in self.failures
        ]
        failed_now = {f["url"] for f in self.failures}
        lines += [
            f"{f['kind']} {f['url']}: {f['reason']} (quarantined after {f['attempts']} runs)"
            for f in self.quarantined
            if f["url"] not in failed_now
        ]
        return lines

    def top_themes(self, n: int = 5) -> list[tuple[str, int]]:
        """Themes by number of articles of this run."""
        per_theme = Counter(theme for _, theme in self.themes)
        return per_theme.most_common(n)

    def run_row(
        self,
        run_id: str,
        flow: str,
        started: datetime,
        finished: datetime,
        base_url: str,
        status: str,
        failure: str = "",
    ) -> dict[str, Any]:
        return {
            "run_id": run_id,
            "flow": flow,
            "started_at": started,
            "finished_at": finished,
            "status": status,
            "base_url": base_url,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "issues": self.issues,
            "articles_new": self.new,
            "articles_updated": self.updated,
            "articles_unchanged": self.unchanged,
            "articles_failed": self.failed,
            "skipped": json.dumps(dict(self.skipped), ensure_ascii=False),
            "articles": self.articles,
            "speeches": self.speeches,
            "metrics": self.metrics,
            "warnings": json.dumps(dict(self.warnings), ensure_ascii=False),
            "failure": failure,
        }

    def markdown(self, row_counts: dict[str, int], failures: list[str] | None = None) -> str:
        lines = [f"# pearl run: {self.date_from} → {self.date_to}", ""]
        if failures:
            lines += ["## ❌ Failed data-quality checks", "", *[f"- {f}" for f in failures], ""]
        lines += [
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
        if self.themes:
            lines += ["", "| top themes | articles |", "| --- | ---: |"]
            lines += [f"| {theme} | {n} |" for theme, n in self.top_themes()]
        if self.warnings:
            lines += ["", "| ⚠ warnings | count |", "| --- | ---: |"]
            lines += [f"| {reason} | {n} |" for reason, n in self.warnings.most_common()]
        if self.skipped:
            lines += ["", "| skipped or failed | count |", "| --- | ---: |"]
            lines += [f"| {reason} | {n} |" for reason, n in self.skipped.most_common()]
        for title, rows in (
            ("Failed in this run", self.failures),
            ("Quarantined (no longer retried; never withholds a publish)", self.quarantined),
        ):
            if rows:
                lines += [
                    "",
                    f"## {title}",
                    "",
                    "| what | URL | reason | runs failed | status | detail |",
                    "| --- | --- | --- | ---: | --- | --- |",
                ]
                lines += [
                    f"| {f['kind']} | {f['url']} | {f['reason']} | {f['attempts']} | "
                    f"{'quarantined' if f['quarantined'] else 'retried next run'} | "
                    f"{_cell(f['detail'])} |"
                    for f in rows
                ]
        if row_counts:
            lines += ["", "| table | rows |", "| --- | ---: |"]
            lines += [
                f"| {name} | {n} |" for name, n in row_counts.items() if not name.startswith("view")
            ]
        return "\n".join(lines)


def _cell(text: str | None, width: int = 160) -> str:
    """Text fit for one markdown table cell."""
    flat = " ".join((text or "").split()).replace("|", "\\|")
    return flat if len(flat) <= width else flat[: width - 1] + "…"
