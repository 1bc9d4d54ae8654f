"""Prefect artifacts: every run tells the operator what it did."""

from __future__ import annotations

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact

from tasks.core.report import RunSummary


@task(name="publish-run-summary")
def publish_summary(
    summary: RunSummary, row_counts: dict[str, int], failures: list[str] | None = None
) -> str:
    """The run's report (markdown) and its new articles (table), shown on the run in the UI."""
    text = summary.markdown(row_counts, failures or [])
    create_markdown_artifact(
        key="pearl-run-summary", markdown=text, description="What this run did"
    )
    rows = summary.new_articles or [{"title": "(no new articles in this run)"}]
    create_table_artifact(
        key="pearl-new-articles",
        table=rows,
        description=f"{len(summary.new_articles)} new articles",
    )
    return text
