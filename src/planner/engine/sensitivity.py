"""Sensitivity: how the answer - the earliest month to stop saving with the plan's confidence, and
the success of stopping at the target age - moves when one input moves down and up by a stated
amount, the others held (the data behind a tornado chart).

Every run uses the same seed and paths (common random numbers), so a swing is the input's effect,
not chance. Moves stay inside each parameter's allowed range.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from planner.domain.catalogue import KINDS
from planner.domain.fields import Unit
from planner.engine.inputs import KindGroup, Snapshot
from planner.engine.metrics import Projection
from planner.engine.projection import RunOptions, project
from planner.engine.streams import STREAM_LEVERS

#: Market return parameters moved together by "market returns" (yearly fractions).
RETURN_KEYS = ("price_return", "total_return", "expected_return", "token_return", "appreciation", "excess_return")
RETURN_MOVE = 0.01  # +-1 point a year
INFLATION_MOVE = 0.01
MONEY_MOVE = 0.10  # savings and expenses +-10 %
STREAM_MOVE = 0.25  # a stream's yield or risk parameter +-25 % of its value


@dataclass(frozen=True)
class Outcome:
    confident_month: int | None  # earliest month to stop with the confidence (None: not within the plan)
    success: float  # of stopping saving at the target age


@dataclass(frozen=True)
class Swing:
    """One input moved down (``low``) and up (``high``) by ``move``."""

    label: str
    move: str
    low: Outcome
    high: Outcome

    def month_swing(self, base: Outcome, horizon: int) -> int:
        """Months between the earliest and latest confident stop month of the two moves and the base
        (a month not within the plan counts as the end of the horizon)."""
        months = [horizon if o.confident_month is None else o.confident_month for o in (self.low, self.high, base)]
        return max(months) - min(months)

    def success_swing(self, base: Outcome) -> float:
        return max(abs(self.low.success - base.success), abs(self.high.success - base.success))


@dataclass(frozen=True)
class Sensitivity:
    base: Outcome
    swings: tuple[Swing, ...]  # largest confident-month swing first (then success swing)
    target_age: int  # the age at which the household means to stop saving
    runs: int


def outcome(result: Projection) -> Outcome:
    month = result.confident.month if result.confident is not None else None
    return Outcome(month, result.success_probability)


def target_age(snap: Snapshot) -> int:
    """The age at the snapshot's target stop month."""
    return snap.age_at(snap.target_stop_month)


def _saving_move(snap: Snapshot) -> tuple[str, str, Callable[[float], Snapshot]]:
    """The monthly saving ±10 %; when the saving follows from income, the salaries ±10 % instead
    (moving a saving the plan does not use would show a swing of nothing)."""
    if snap.life.saving_from_income:
        return ("Salaries", "±10 %", lambda sign: replace(snap, life=replace(
            snap.life, salary=snap.life.salary * (1 + sign * MONEY_MOVE))))
    return ("Monthly saving", "±10 %", lambda sign: replace(snap, monthly_savings=snap.monthly_savings
                                                            * (1 + sign * MONEY_MOVE)))


def moves(snap: Snapshot) -> list[tuple[str, str, Callable[[float], Snapshot]]]:
    """(label, move, make(sign)) for every input the tornado moves; sign is -1 or +1."""
    items: list[tuple[str, str, Callable[[float], Snapshot]]] = [
        ("Market returns", "±1 point a year", lambda sign: _with_returns(snap, sign * RETURN_MOVE)),
        ("Inflation", "±1 point a year", lambda sign: replace(snap, inflation=snap.inflation + sign * INFLATION_MOVE)),
        _saving_move(snap),
        ("Monthly expenses", "±10 %", lambda sign: replace(snap, monthly_expenses=snap.monthly_expenses
                                                           * (1 + sign * MONEY_MOVE))),
    ]
    for row, (name, kind) in enumerate(zip(snap.names, snap.kinds, strict=True)):
        for role, key in zip(("yield", "risk"), STREAM_LEVERS.get(kind, (None, None)), strict=True):
            if key is not None:
                label = f"{name}: {role} ({KINDS[kind].param(key).label.lower()})"
                items.append((label, "±25 %",
                              lambda sign, r=row, k=key: _with_param(snap, r, k, 1 + sign * STREAM_MOVE)))
    return items


def sensitivity(snap: Snapshot, options: RunOptions, progress: Callable[[int, int], None] | None = None) -> Sensitivity:
    """Run the base and every input moved down and up."""
    items = moves(snap)
    total, done = 1 + 2 * len(items), 0
    options = replace(options, search=True, rule=False)

    def run(trial: Snapshot) -> Outcome:
        nonlocal done
        result = outcome(project(trial, options))
        done += 1
        if progress is not None:
            progress(done, total)
        return result

    base = run(snap)
    swings = [Swing(label, move, run(make(-1.0)), run(make(1.0))) for label, move, make in items]
    swings.sort(key=lambda s: (-s.month_swing(base, snap.months), -s.success_swing(base)))
    return Sensitivity(base, tuple(swings), target_age(snap), done)


def _with_returns(snap: Snapshot, shift: float) -> Snapshot:
    groups = tuple(_group_with(g, {k: v + shift for k, v in g.params.items() if k in RETURN_KEYS}, g.kind)
                   for g in snap.groups)
    return replace(snap, groups=groups)


def _with_param(snap: Snapshot, row: int, key: str, factor: float) -> Snapshot:
    groups = []
    for group in snap.groups:
        position = np.flatnonzero(group.rows == row)
        if position.size and key in group.params:
            values = group.params[key].copy()
            values[position[0]] *= factor
            groups.append(_group_with(group, {key: values}, group.kind))
        else:
            groups.append(group)
    return replace(snap, groups=tuple(groups))


def _group_with(group: KindGroup, changed: dict[str, np.ndarray], kind: str) -> KindGroup:
    """The group with some parameters replaced, each kept inside its allowed range."""
    params = dict(group.params)
    for key, values in changed.items():
        spec = KINDS[kind].param(key)
        scale = 100.0 if spec.unit in (Unit.PERCENT, Unit.PERCENT_PER_YEAR) else 1.0
        clipped = np.clip(values, float(spec.minimum) / scale, float(spec.maximum) / scale)
        clipped.setflags(write=False)
        params[key] = clipped
    return replace(group, params=params)
