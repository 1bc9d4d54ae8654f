"""The extraction benchmark: pathological inputs must stay linear (the per-article cost against
the floor is the core section, tasks/core/bench/core.py)."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

# Our own prose (not from any source), repeated and stripped of punctuation for the worst case of
# a paragraph that never ends.
_PROSE = (
    "镇长在座谈会上表示今年全镇将新增产业用地八百亩引进项目二十个总投资超过五十亿元"
    "村民代表说以前这里是一片旧厂房现在建成了公园孩子们放学后都来这里玩"
    "记者从区统计局获悉上半年全区地区生产总值同比增长百分之六点二"
)


@dataclass
class Timing:
    name: str
    size_bytes: int
    seconds: float


def pathological_inputs() -> dict[str, str]:
    """The three inputs issue 11 named: 64 KB of digits, 2 MB of Chinese without punctuation,
    3 MB of quotations that open and never close."""
    han = _PROSE * (2_000_000 // len(_PROSE.encode()) + 1)
    quotes = ("“" + _PROSE[:40] + "，") * (
        3_000_000 // len(("“" + _PROSE[:40] + "，").encode()) + 1
    )
    return {
        "digits (64 KB)": "7" * 65_536,
        "unpunctuated (2 MB)": han,
        "open quotes (3 MB)": quotes,
    }


def time_pathological(timeout: float = 120) -> list[Timing]:
    """Wall-clock seconds of `pearl extract FILE` on each pathological input, start-up included
    (a fresh process, as an operator or the dev-set scorer runs it)."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, text in pathological_inputs().items():
            path = Path(tmp) / "input.txt"
            path.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "flows.cli", "extract", str(path)],
                check=True,
                stdout=subprocess.DEVNULL,
                timeout=timeout,
            )
            out.append(Timing(name, len(text.encode()), time.perf_counter() - started))
    return out
