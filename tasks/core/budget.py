"""A time budget for one unit of work, so that a pathological article is a named failure rather
than a run that never ends."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


class OverBudget(Exception):
    """The work did not finish within its budget (it was abandoned, its result discarded)."""


def within_budget(budget_s: float, work: Callable[..., T], *args: Any) -> T:
    """Run `work(*args)` in a daemon thread and wait at most `budget_s` for it.

    Python cannot stop a thread, so an overrun is abandoned: it ends with the process, and its
    result is never used. A C call that holds the GIL for its whole duration (one regex match)
    delays the verdict until it returns; the extractors are linear-time so that none does.
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = work(*args)
        except BaseException as exc:  # handed to the caller's thread below
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="article-budget", daemon=True)
    worker.start()
    worker.join(budget_s)
    if worker.is_alive():
        raise OverBudget(f"not done within the budget of {budget_s:g} s per article")
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]
