"""Goal seek on the answer (PRODUCT.md section 1): the least monthly saving or the highest expenses
that let the household stop saving in a month with success at a chosen confidence, or the earliest
month it can stop with that confidence.

Every run uses the same seed and number of paths (common random numbers): savings and expenses do
not change any random draw, so each path sees the same market in every run and success moves only
because the input moved (and one run's market and streams serve them all: ``StopSuccess``). The
answer is the boundary between two whole currency units, one meeting the goal and the next step
not, both simulated.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from planner.engine.inputs import Snapshot
from planner.engine.projection import RunOptions, StopSuccess, project

#: Searches stop here: a monthly saving or expenses beyond this are not a plan.
MAX_MONTHLY = 10_000_000


@dataclass(frozen=True)
class SeekAnswer:
    """``value`` meets the goal with success ``achieved``; one step further (one unit less saving,
    one unit more expenses, one month earlier) gives ``step_beyond``, which does not. ``value`` None:
    out of reach, ``achieved`` being the best success found (at ``searched_to``)."""

    value: int | None
    achieved: float
    step_beyond: float | None
    runs: int
    searched_to: int


class _Counted:
    """A probability function that counts its runs and reports them."""

    def __init__(self, probability: Callable[[int], float], progress: Callable[[int], None] | None) -> None:
        self.probability, self.progress, self.runs = probability, progress, 0

    def __call__(self, value: int) -> float:
        result = self.probability(value)
        self.runs += 1
        if self.progress is not None:
            self.progress(self.runs)
        return result


def solve_saving(snap: Snapshot, probability: float, options: RunOptions,
                 progress: Callable[[int], None] | None = None) -> SeekAnswer:
    """The least whole monthly saving that lets the household stop in the target stop month with
    success of at least ``probability``."""
    success = StopSuccess(snap, options)
    chance = _Counted(lambda saving: success(monthly_savings=saving), progress)
    saving = round(snap.monthly_savings)
    return _least_meeting(chance, saving, probability, max(saving, 100))


def solve_expenses(snap: Snapshot, probability: float, options: RunOptions,
                   progress: Callable[[int], None] | None = None) -> SeekAnswer:
    """The highest whole monthly expenses that still let the household stop in the target stop month
    with success of at least ``probability``."""
    success = StopSuccess(snap, options)
    chance = _Counted(lambda cut: success(monthly_expenses=MAX_MONTHLY - cut), progress)
    expenses = round(snap.monthly_expenses)
    answer = _least_meeting(chance, MAX_MONTHLY - expenses, probability, max(expenses, 100))
    flip = None if answer.value is None else MAX_MONTHLY - answer.value
    return replace(answer, value=flip, searched_to=MAX_MONTHLY - answer.searched_to)


def solve_fi_month(snap: Snapshot, probability: float, options: RunOptions) -> SeekAnswer:
    """The earliest month (from the plan start) to stop saving with success of at least
    ``probability``: the headline, searched on every path at once (engine/stop_search.py)."""
    result = project(replace(snap, confidence=probability), replace(options, search=True, rule=False))
    confident = result.confident
    assert confident is not None
    last = snap.months - 1
    if confident.month is None:
        return SeekAnswer(None, confident.success, None, 1, last)
    return SeekAnswer(confident.month, confident.success, confident.success_before, 1, last)


def _least_meeting(chance: _Counted, start: int, target: float, scale: int) -> SeekAnswer:
    """The least whole x in [0, MAX_MONTHLY] with chance(x) >= target, for a chance that (mostly)
    grows with x. Brackets from ``start`` in steps of scale, 2 scale, 4 scale..., then narrows by
    interpolation, bisecting whenever interpolation fails to halve the bracket."""
    x = min(max(start, 0), MAX_MONTHLY)
    p = chance(x)
    step = max(scale, 1)
    if p >= target:
        high, p_high = x, p
        while True:
            if high == 0:
                return SeekAnswer(0, p_high, None, chance.runs, 0)
            low = max(high - step, 0)
            p_low = chance(low)
            if p_low < target:
                break
            high, p_high, step = low, p_low, step * 2
    else:
        low, p_low = x, p
        while True:
            if low >= MAX_MONTHLY:
                return SeekAnswer(None, p_low, None, chance.runs, low)
            high = min(low + step, MAX_MONTHLY)
            p_high = chance(high)
            if p_high >= target:
                break
            low, p_low, step = high, p_high, step * 2
    bisect = False
    while high - low > 1:
        width = high - low
        if bisect or p_high <= p_low:
            middle = low + width // 2
        else:
            guess = low + (target - p_low) / (p_high - p_low) * width
            middle = int(min(max(round(guess), low + 1), high - 1))
        p_middle = chance(middle)
        if p_middle >= target:
            high, p_high = middle, p_middle
        else:
            low, p_low = middle, p_middle
        bisect = (high - low) * 2 > width and not bisect
    return SeekAnswer(high, p_high, p_low, chance.runs, high)
