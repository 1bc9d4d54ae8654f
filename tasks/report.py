"""Prefect artifacts: every run tells the operator what it did."""

from __future__ import annotations

from prefect import task
from prefect.artifacts import create_markdown_artifact

from tasks.core.report import RunSummary


@task(name="publish-run-summary")
def publish_summary(summary: RunSummary, row_counts: dict[str, int]) -> str:
    text = summary.markdown(row_counts)
    create_markdown_artifact(
        key="pearl-run-summary", markdown=text, description="What this run did"
    )
    return text
