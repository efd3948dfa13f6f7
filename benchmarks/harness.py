"""Time an mmlbook function against the library a user would pick instead.

Each ``bench_*.py`` module beside this file defines ``cases() -> list[Case]``. A case
holds two zero-argument callables that do the same work: ``ours`` (mmlbook) and
``theirs`` (the reference library). They are run interleaved in one process -- ours,
theirs, ours, theirs, ... -- so that a slow moment of the machine hits both alike, and
the table reports the ratio of their best times (below 1: mmlbook is faster).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Case:
    """One comparison of mmlbook against a reference.

    Attributes
    ----------
    name : str
        What is measured, e.g. ``"gram_schmidt 2000x500"``.
    baseline : str
        The reference, e.g. ``"numpy.linalg.qr"``.
    ours, theirs : callable
        Zero-argument callables doing the same work; each returns its result.
    goal : float or None
        The largest acceptable ratio ours/theirs, or None for a reported-only case.
    check : callable, optional
        ``check(our_result, their_result) -> str`` returns a short note on agreement
        (e.g. ``"max diff 3e-15"``) and raises ``AssertionError`` if they disagree.
    repeats : int
        How many interleaved rounds to time.
    """

    name: str
    baseline: str
    ours: Callable[[], Any]
    theirs: Callable[[], Any]
    goal: float | None = None
    check: Callable[[Any, Any], str] | None = None
    repeats: int = 5


@dataclass(frozen=True)
class Result:
    """The timings of one case: best seconds of each side and their ratio."""

    case: Case
    ours_s: float
    theirs_s: float
    agreement: str

    @property
    def ratio(self) -> float:
        return self.ours_s / self.theirs_s

    @property
    def meets_goal(self) -> bool | None:
        return None if self.case.goal is None else self.ratio <= self.case.goal


def _time(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def measure(case: Case) -> Result:
    """Run ``case`` interleaved and return the best time of each side."""
    # One untimed round each warms caches and checks that both sides agree.
    ours_result, theirs_result = case.ours(), case.theirs()
    agreement = case.check(ours_result, theirs_result) if case.check else ""
    ours_times, theirs_times = [], []
    for _ in range(case.repeats):
        ours_times.append(_time(case.ours)[0])
        theirs_times.append(_time(case.theirs)[0])
    return Result(case, min(ours_times), min(theirs_times), agreement)


def format_table(results: list[Result]) -> str:
    """Format results as a plain-text table of times and ratios."""
    header = ("case", "baseline", "mmlbook", "baseline", "ratio", "goal", "agreement")
    rows = [header]
    for r in results:
        goal = "-" if r.case.goal is None else f"<= {r.case.goal:g}"
        verdict = {None: "", True: " ok", False: " MISSED"}[r.meets_goal]
        rows.append(
            (
                r.case.name,
                r.case.baseline,
                f"{r.ours_s * 1e3:.2f} ms",
                f"{r.theirs_s * 1e3:.2f} ms",
                f"{r.ratio:.3f}",
                goal + verdict,
                r.agreement,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)
