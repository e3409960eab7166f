"""The earliest month to stop saving whose success reaches the confidence (the headline), searched
with common random numbers: every candidate month runs on the same markets and stream results.

First each path's earliest successful stop month is found by a search on every path at once (each
lean run gives each path its own candidates: bisection, or up to seven a step on a small chunk). A
path that succeeds when it stops in one month nearly always succeeds when it saves a month longer
(more capital at the same prices, one month less to pay for), so the share of paths whose earliest
month is at most s estimates the success of every stop month s at once: the success-by-stop-month
curve, and where it crosses the confidence. Nearly
is not always - one more month of savings shifts the mix of holdings, and a path ending a few
dollars short can flip - so the crossing is then confirmed by running the months around it exactly
(``confirmed_month``): the answer succeeds at the confidence and a month earlier does not.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from planner.engine.batched_runs import copies_per_run, lean_outcomes
from planner.engine.household import ChunkInputs, PathOutcome


def earliest_stops(inputs: ChunkInputs, known: tuple[PathOutcome, ...] = (),
                   should_stop: Callable[[], bool] | None = None) -> np.ndarray:
    """(paths,) the earliest stop month (0 .. months - 1) whose run succeeds on each path; ``months``
    where none does. ``known`` outcomes of runs already made on these paths narrow the search.

    Each step runs k candidate months per path, evenly inside the path's open range, as one batched
    run (``batched_runs``): k is 1 (bisection) on a large chunk, up to 7 on a small one, where k
    candidates cost little more than one and the range shrinks k + 1 fold. When every open range
    is at most k months wide, k candidates would repeat months: the step runs as many copies as
    the widest range has months (the same months per path, so the same answer, in a smaller run)."""
    months, paths = inputs.snap.months, inputs.paths
    low = np.zeros(paths, dtype=np.int64)
    high = np.full(paths, months, dtype=np.int64)  # the answer lies in [low, high]; high = months: none
    for outcome in known:
        stopped = outcome.stop_month < months
        high = np.where(stopped & outcome.success, np.minimum(high, outcome.stop_month), high)
        low = np.where(stopped & ~outcome.success, np.maximum(low, outcome.stop_month + 1), low)
    low = np.minimum(low, high)
    most = copies_per_run(inputs)
    tiles: dict[int, ChunkInputs] = {}  # the chunk's copies, kept while the steps run as many
    while (low < high).any():
        open_ = low < high
        # no more candidates than the widest open range has months: the same months, in fewer copies
        candidates = int(min(most, (high - low).max()))
        # settled paths just save to the end; k candidates at low + i (high - low) // (k + 1)
        tried = [np.where(open_, low + (i * (high - low)) // (candidates + 1), months)
                 for i in range(1, candidates + 1)]
        outcomes = lean_outcomes(inputs, tried, should_stop, tiles)
        new_high = high.copy()
        for month, outcome in zip(tried, outcomes, strict=True):
            new_high = np.where(open_ & outcome.success, np.minimum(new_high, month), new_high)
        for month, outcome in zip(tried, outcomes, strict=True):  # failures below the earliest success
            below = open_ & ~outcome.success & (month < new_high)
            low = np.where(below, np.maximum(low, month + 1), low)
        high = new_high
    return low


def success_by_stop(earliest: np.ndarray, months: int) -> np.ndarray:
    """(months,) share of paths that succeed when every path stops in month s, for each s."""
    if earliest.size == 0:
        return np.zeros(months)
    counts = np.bincount(np.minimum(earliest, months), minlength=months + 1)[:months]
    return np.cumsum(counts) / earliest.size


def confident_month(success: np.ndarray, confidence: float) -> int | None:
    """The earliest month whose success is at least ``confidence`` (None: no month within the plan)."""
    reached = np.flatnonzero(success >= confidence - 1e-12)
    return int(reached[0]) if reached.size else None


def confirmed_month(curve: np.ndarray, confidence: float,
                    exact: Callable[[list[int]], dict[int, float]]) -> tuple[int | None, float, float | None]:
    """(month, its success, the success a month earlier): the month where the curve's estimate
    crosses ``confidence``, moved until ``exact`` (the success of stopping in each month asked,
    simulated) reaches the confidence there and not a month earlier. (None, success of the last
    month, None) when even the last month falls short."""
    months = curve.size
    known: dict[int, float] = {}

    def reaches(month: int) -> bool:
        wanted = [m for m in (month, month - 1) if 0 <= m < months and m not in known]
        if wanted:
            known.update(exact(wanted))
        return known[month] >= confidence - 1e-12

    month = confident_month(curve, confidence)
    if month is None:
        month = months - 1
        if not reaches(month):
            return None, known[month], None
    while True:
        if not reaches(month):
            if month == months - 1:
                return None, known[month], None
            month += 1
        elif month > 0 and known[month - 1] >= confidence - 1e-12:
            month -= 1
        else:
            return month, known[month], known.get(month - 1)
