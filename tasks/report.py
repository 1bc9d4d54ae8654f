"""Prefect artifacts and run states: every run tells the operator what it did, and what a
killed run before it left behind."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from prefect import get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.client.orchestration import get_client
from prefect.exceptions import ObjectNotFound
from prefect.states import Crashed

from tasks.core.report import RunSummary
from tasks.core.writer_lock import describe


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


def mark_crashed(flow_run_id: str, holder: dict[str, Any]) -> bool:
    """Mark a flow run Crashed if it is still shown as running: its process died holding the
    writer (kill -9, power loss), so nothing else will ever end it. True if it was marked."""
    log = get_run_logger()
    with get_client(sync_client=True) as client:
        try:
            run = client.read_flow_run(UUID(flow_run_id))
        except ObjectNotFound:  # recorded by another Prefect server
            return False
        if not (run.state and run.state.is_running()):
            return False
        message = f"its process ({describe(holder)}) died while writing; marked by the next run"
        client.set_flow_run_state(run.id, Crashed(message=message), force=True)
    log.warning(
        "flow run %s (%s) was left running by a killed process: marked Crashed",
        run.name,
        flow_run_id,
    )
    return True
