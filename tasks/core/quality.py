"""Data-quality checks on a run: hard failures stop the run, soft anomalies become warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from tasks.core.report import RunSummary

# A run's speeches + metrics per article below this share of the trailing average is a collapse
# (the markup or the text changed under the extractors); below the soft share, a warning.
COLLAPSE_SHARE = 0.3
SOFT_SHARE = 0.6
MIN_ARTICLES_TO_JUDGE = 10


@dataclass
class QualityReport:
    failures: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


def check_run(summary: RunSummary, history: list[tuple[int, int, int]]) -> QualityReport:
    """Check a run against hard rules and its trailing history; adds warnings to the summary.

    `history` holds (articles, speeches, metrics) of recent completed runs.
    """
    report = QualityReport()
    for issue, n in sorted(summary.articles_per_issue.items()):
        if n == 0:
            report.failures.append(
                f"issue {issue} was published but yielded no articles (check site.ARTICLE_LINK_STRATEGIES "
                f"and the failed articles of this run)"
            )
    for url in summary.empty_articles:
        report.failures.append(f"article with an empty body: {url} (check site.BODY)")
    empty = [
        f["url"] for f in summary.failures if f["reason"] == "empty_body" and not f["quarantined"]
    ]
    if empty:  # markup drift or a poison page: withheld until quarantined (then a warning)
        report.failures.append(
            f"{len(empty)} article(s) with an empty body (see failed_articles, reason empty_body; "
            f"check site.BODY): {', '.join(empty)}"
        )
    past = [(a, s + m) for a, s, m in history if a]
    if past and summary.articles >= MIN_ARTICLES_TO_JUDGE:
        baseline = sum(y for _, y in past) / sum(a for a, _ in past)
        rate = (summary.speeches + summary.metrics) / summary.articles
        if rate < COLLAPSE_SHARE * baseline:
            report.failures.append(
                f"extraction collapsed: {rate:.2f} speeches+metrics per article against a trailing "
                f"average of {baseline:.2f} over the last {len(past)} runs"
            )
        elif rate < SOFT_SHARE * baseline:
            summary.warnings["extraction yield below 60% of the trailing average"] += 1
    for f in summary.failures:
        status = "quarantined" if f["quarantined"] else "retried next run"
        summary.warnings[f"{f['kind']}s failed: {f['reason']} ({status})"] += 1
    if summary.quarantined:
        summary.warnings["quarantined in all (see the report)"] += len(summary.quarantined)
    if summary.skipped.get("picture_only"):
        summary.warnings["picture-only items (no body text)"] += summary.skipped["picture_only"]
    if summary.issues == 0 and (summary.date_to - summary.date_from).days >= 7:
        summary.warnings["no issue found in a week or more of dates"] += 1
    return report
