"""`pearl bench`: how every performance change is judged. Medians of interleaved repetitions
(each repetition runs every variant once, so load on a shared machine hits all of them alike)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def interleaved(variants: dict[str, Callable[[], object]], repeats: int) -> dict[str, float]:
    """Median seconds of each variant over `repeats` rounds; one warm-up round is not counted."""
    times: dict[str, list[float]] = {name: [] for name in variants}
    for round_no in range(repeats + 1):
        for name, run in variants.items():
            started = time.perf_counter()
            run()
            if round_no:
                times[name].append(time.perf_counter() - started)
    return {name: statistics.median(ts) for name, ts in times.items()}
