"""Issues scraped across processes: parsing and extraction are CPU-bound Python, so threads
share one core (the GIL) while processes use them all.

Each worker process has its own Fetcher. Processes are used only when no polite delay is set
(a local replica or mirror): against the real site the delay, not the CPU, bounds the rate, and
one process keeps the rate limit whole. The pool starts on first use, so a run with nothing
new never starts it.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat

from tasks.core.http import Fetcher
from tasks.core.pipeline import IssueBatch, IssueRef, scrape_issue

_worker_fetcher: Fetcher | None = None


def _start_worker(
    environ: dict[str, str], user_agent: str, timeout_s: float, allowed_hosts: list[str]
) -> None:
    """The parent's environment first: the fork server was started earlier, maybe with other
    PEARL_* settings, and a worker must run with the run's."""
    global _worker_fetcher
    os.environ.clear()
    os.environ.update(environ)
    _worker_fetcher = Fetcher(user_agent, timeout_s, 0.0, allowed_hosts=allowed_hosts)


def _scrape_in_worker(issue: IssueRef, budget_s: float) -> IssueBatch:
    assert _worker_fetcher is not None, "worker started without its fetcher"
    return scrape_issue(_worker_fetcher, issue, budget_s)


class IssueScraper:
    """Scrapes issues with `fetcher` in this process, or across `processes` worker processes
    when the fetcher has no delay; results come back in the order of the issues."""

    def __init__(self, fetcher: Fetcher, processes: int) -> None:
        self.fetcher = fetcher
        self.processes = processes if fetcher.delay_s == 0 else 1
        self._pool: ProcessPoolExecutor | None = None

    def _started(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # Workers fork from a fork server, a fresh single-threaded interpreter (forking
            # this process would copy the threads of Prefect and HTTP mid-flight), which has
            # imported and loaded everything once.
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["tasks.core.worker_preload"])
            self._pool = ProcessPoolExecutor(
                self.processes,
                mp_context=context,
                initializer=_start_worker,
                initargs=(
                    dict(os.environ),
                    self.fetcher.user_agent,
                    self.fetcher.timeout_s,
                    sorted(self.fetcher.allowed_hosts),
                ),
            )
        return self._pool

    def scrape(self, issues: list[IssueRef], budget_s: float) -> list[IssueBatch]:
        if self.processes <= 1 or len(issues) <= 1:
            return [scrape_issue(self.fetcher, issue, budget_s) for issue in issues]
        return list(self._started().map(_scrape_in_worker, issues, repeat(budget_s)))

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
