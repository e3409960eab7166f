"""The earliest month each path can stop saving and still succeed, found by bisection on every
path at once (each lean run gives each path its own candidate month).

All candidates of a path share its markets and stream results (common random numbers), and a path
that succeeds when it stops in one month also succeeds when it saves a month longer: more capital
at the same prices, the same spending, one month less to pay for. So success is monotone in the stop
month on each path, and with ``earliest[p]`` found, the share of paths succeeding when all stop in
month s is the share with ``earliest <= s`` - for every s at once. That gives the success-by-stop-
month curve and the earliest month whose success reaches the confidence (the headline).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from planner.engine.assembly import ChunkStreams, StreamSchedule
from planner.engine.fi_tests import Expectations
from planner.engine.household import PathOutcome, StopPolicy, run_household
from planner.engine.inputs import Snapshot


def earliest_stops(snap: Snapshot, schedule: StreamSchedule, streams: ChunkStreams, price_level: np.ndarray,
                   weights: np.ndarray, expect: Expectations, known: tuple[PathOutcome, ...] = (),
                   should_stop: Callable[[], bool] | None = None) -> np.ndarray:
    """(paths,) the earliest stop month (0 .. months - 1) whose run succeeds on each path; ``months``
    where none does. ``known`` outcomes of runs already made on these paths narrow the search."""
    months, paths = snap.months, price_level.shape[1]
    low = np.zeros(paths, dtype=np.int64)
    high = np.full(paths, months, dtype=np.int64)  # the answer lies in [low, high]; high = months: none
    for outcome in known:
        stopped = outcome.stop_month < months
        high = np.where(stopped & outcome.success, np.minimum(high, outcome.stop_month), high)
        low = np.where(stopped & ~outcome.success, np.maximum(low, outcome.stop_month + 1), low)
    low = np.minimum(low, high)
    while (low < high).any():
        open_ = low < high
        middle = np.where(open_, (low + high) // 2, months)  # settled paths just save to the end
        outcome = run_household(snap, schedule, streams, price_level, weights, expect, StopPolicy(middle),
                                full=False, should_stop=should_stop)
        assert isinstance(outcome, PathOutcome)
        high = np.where(open_ & outcome.success, middle, high)
        low = np.where(open_ & ~outcome.success, middle + 1, low)
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
