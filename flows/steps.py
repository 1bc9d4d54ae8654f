"""How the pipeline's steps run: as Prefect tasks inside a flow, or as plain calls.

The flows run every step as a task (retries, states, the UI). `pearl bench` runs the very same
pipeline with plain calls, so that what Prefect costs is measured against identical work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from prefect import Task, get_run_logger


class Steps:
    def __init__(self, orchestrated: bool = True) -> None:
        self.orchestrated = orchestrated

    def __call__(self, task: Task, *args: Any, **kwargs: Any) -> Any:
        """Run a step: a task run inside a flow, or the task's function called directly."""
        return task(*args, **kwargs) if self.orchestrated else task.fn(*args, **kwargs)

    def report(self, task: Task, *args: Any, **kwargs: Any) -> None:
        """A step that only reports to the Prefect UI (artifacts): skipped without Prefect."""
        if self.orchestrated:
            task(*args, **kwargs)

    def ui(self, make: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """A Prefect UI call (progress artifacts); None without Prefect."""
        return make(*args, **kwargs) if self.orchestrated else None

    def logger(self) -> logging.Logger | logging.LoggerAdapter:
        return get_run_logger() if self.orchestrated else logging.getLogger("pearl")


ORCHESTRATED = Steps(orchestrated=True)
PLAIN = Steps(orchestrated=False)
