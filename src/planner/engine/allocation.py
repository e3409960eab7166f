"""Allocation suggestion: the sleeve and stream weights for new savings that give the highest
success of stopping saving at the target age (ties: the earlier confident stop month) while a bad
outcome stays above a stated floor.

The risk limit reads "in the worst ``worst_percent`` % of outcomes, passive income in the year the
household turns ``limit_age`` stays above ``floor`` a year (today's money)". Every candidate runs
with the same seed and paths (common random numbers), so candidates differ by their weights only.
First every sleeve mix on a grid is tried (the trade-off curve), then, for the best mix, the split
between the streams of each sleeve: the plan's own, equal, or all in one stream.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from itertools import product

import numpy as np

from planner.engine.inputs import Snapshot
from planner.engine.metrics import PERCENTILES, Projection
from planner.engine.projection import RunOptions, project

SLEEVE_NAMES = ("safe", "core", "speculative")


@dataclass(frozen=True)
class RiskLimit:
    limit_age: int
    floor: float  # yearly passive income, today's money
    worst_percent: int = 10  # one of PERCENTILES below 50


@dataclass(frozen=True)
class Candidate:
    label: str
    sleeve_weights: tuple[float, float, float]  # fractions summing to 1
    stream_weights: tuple[float, ...]  # per stream, the plan's order
    success: float  # of stopping saving at the target age
    downside: float  # the worst_percent percentile of passive income at the limit age
    confident_month: int | None = None  # the earliest confident stop month, found only to break ties

    def meets(self, limit: RiskLimit) -> bool:
        return self.downside >= limit.floor


@dataclass(frozen=True)
class Suggestion:
    current: Candidate
    best: Candidate | None  # None: no candidate keeps the risk limit
    sleeve_mixes: tuple[Candidate, ...]  # every sleeve mix tried, for the trade-off curve
    frontier: tuple[Candidate, ...]  # mixes no other beats on both probability and downside, by downside
    runs: int


def downside(result: Projection, limit: RiskLimit) -> float:
    """The limit's percentile of yearly real passive income in the year of the limit age."""
    year = result.year_of_age(limit.limit_age)
    if year is None:
        raise ValueError(f"age {limit.limit_age} is not within the projection "
                         f"(ages {int(result.ages[0])} to {int(result.ages[-1])})")
    return float(result.percentile(result.passive_income["real"], limit.worst_percent)[year])


def sleeve_grid(step_percent: int, open_sleeves: np.ndarray) -> list[tuple[float, float, float]]:
    """Every mix of the open sleeves in steps of ``step_percent`` (closed sleeves get nothing)."""
    steps = 100 // step_percent
    mixes = []
    for counts in product(range(steps + 1), repeat=3):
        if sum(counts) == steps and all(c == 0 or open_sleeves[i] for i, c in enumerate(counts)):
            mixes.append(tuple(c / steps for c in counts))
    return mixes  # type: ignore[return-value]


def suggest(snap: Snapshot, limit: RiskLimit, options: RunOptions, step_percent: int = 10,
            progress: Callable[[int, int], None] | None = None) -> Suggestion:
    """Search sleeve mixes, then stream splits; see the module docstring."""
    if limit.worst_percent not in PERCENTILES or limit.worst_percent >= 50:
        raise ValueError(f"the worst share must be one of {', '.join(str(p) for p in PERCENTILES if p < 50)} %")
    if not 1 <= step_percent <= 100 or 100 % step_percent:
        raise ValueError("the step must divide 100 (for example 5, 10, 20 or 25 %)")
    movable = _movable_streams(snap)
    open_sleeves = np.array([bool(np.any(movable & (snap.sleeve == s))) for s in range(3)])
    mixes = sleeve_grid(step_percent, open_sleeves)
    splits = _stream_splits(snap, movable)
    total = 1 + len(mixes) + len(splits)
    done = 0

    plain = replace(options, search=False, rule=False)

    def evaluate(label: str, sleeves: tuple[float, float, float], weights: np.ndarray) -> Candidate:
        nonlocal done
        trial = snap.with_weights(sleeves, weights)
        result = project(trial, plain)
        done += 1
        if progress is not None:
            progress(done, total)
        return Candidate(label, sleeves, tuple(float(w) for w in weights),
                         result.success_probability, downside(result, limit))

    months: dict[tuple[tuple[float, ...], tuple[float, ...]], int] = {}  # searched once per candidate

    def confident(candidate: Candidate) -> Candidate:
        """The candidate with its earliest confident stop month (to break a tie in success). Each
        candidate's search runs once: the best so far meets every tied candidate after it."""
        if candidate.confident_month is not None:
            return candidate
        key = (candidate.sleeve_weights, candidate.stream_weights)
        if key not in months:
            trial = snap.with_weights(candidate.sleeve_weights, np.asarray(candidate.stream_weights))
            found = project(trial, replace(options, search=True, rule=False)).confident
            months[key] = found.month if found is not None and found.month is not None else snap.months
        return replace(candidate, confident_month=months[key])

    plan_sleeves = tuple(float(w) for w in snap.sleeve_weights)
    current = evaluate("current plan", plan_sleeves, np.asarray(snap.weight))  # type: ignore[arg-type]
    tried = [evaluate(_mix_label(m), m, np.asarray(snap.weight)) for m in mixes]
    best = _best([current, *tried], limit, confident)
    best = replace(best, label=_mix_label(best.sleeve_weights)) if best is not None else None
    if best is not None:
        mix, chosen = best.label, {}  # the split kept for each sleeve
        for sleeve, label, weights in splits:
            candidate = evaluate(label, best.sleeve_weights, _with_split(np.array(best.stream_weights), weights))
            if candidate.meets(limit) and _better(candidate, best, confident):
                chosen[sleeve] = label
                best = replace(candidate, label="; ".join([mix, *chosen.values()]))
    return Suggestion(current, best, tuple(tried), _frontier(tried), done)


def _movable_streams(snap: Snapshot) -> np.ndarray:
    """Streams that can take new savings at some point: capital streams (property and businesses cannot)."""
    from planner.engine.streams import FIXED_INCOME_KINDS

    return np.array([kind not in FIXED_INCOME_KINDS for kind in snap.kinds], dtype=bool)


def _stream_splits(snap: Snapshot, movable: np.ndarray) -> list[tuple[int, str, dict[int, float]]]:
    """For each sleeve with two or more movable streams: equal weights, and all in one stream."""
    splits = []
    for sleeve in range(3):
        rows = np.flatnonzero(movable & (snap.sleeve == sleeve))
        if rows.size < 2:
            continue
        splits.append((sleeve, f"{SLEEVE_NAMES[sleeve]} sleeve split equally", {int(r): 1.0 for r in rows}))
        for row in rows:
            splits.append((sleeve, f"{SLEEVE_NAMES[sleeve]} sleeve all in {snap.names[row]}",
                           {int(r): 1.0 if r == row else 0.0 for r in rows}))
    return splits


def _with_split(weights: np.ndarray, split: dict[int, float]) -> np.ndarray:
    changed = weights.copy()
    for row, weight in split.items():
        changed[row] = weight
    return changed


#: Successes closer than this count as a tie, broken by the earlier confident stop month.
TIE = 1e-9


def _better(a: Candidate, b: Candidate, confident: Callable[[Candidate], Candidate]) -> bool:
    """Higher success; on a tie the earlier confident month, then the higher downside. ``confident``
    fills in a candidate's confident month (a search) only when a tie needs it."""
    if abs(a.success - b.success) > TIE:
        return a.success > b.success
    a_month, b_month = confident(a).confident_month, confident(b).confident_month
    if a_month != b_month:
        return (a_month if a_month is not None else 10**9) < (b_month if b_month is not None else 10**9)
    return a.downside > b.downside


def _best(candidates: list[Candidate], limit: RiskLimit,
          confident: Callable[[Candidate], Candidate]) -> Candidate | None:
    keeping = [c for c in candidates if c.meets(limit)]
    if not keeping:
        return None
    best = keeping[0]
    for candidate in keeping[1:]:
        if _better(candidate, best, confident):
            best = candidate
    return best


def _frontier(candidates: list[Candidate]) -> tuple[Candidate, ...]:
    """The mixes not beaten on both success and downside, ordered by downside."""
    ordered = sorted(candidates, key=lambda c: (-c.downside, -c.success))
    frontier, best_success = [], -1.0
    for candidate in ordered:
        if candidate.success > best_success:
            frontier.append(candidate)
            best_success = candidate.success
    return tuple(reversed(frontier))


def _mix_label(sleeves: tuple[float, float, float]) -> str:
    return " / ".join(f"{round(100 * w)} %" for w in sleeves) + " safe / core / speculative"
