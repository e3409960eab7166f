"""The one boundary where Decimal plan records become float64 arrays for the engine.

A snapshot is immutable (arrays are read-only) and independent of the plan objects, so a worker
thread can run on it while the user keeps editing. Percentages become fractions here (4.5 -> 0.045)
and calendar months become offsets from the plan's first month; nothing is ever written back.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.domain.catalogue import KINDS
from planner.domain.enums import IncomePolicy, Sleeve
from planner.domain.fields import Unit
from planner.domain.plan import Plan, Scenario
from planner.domain.scenarios import apply_scenario

SLEEVES = tuple(Sleeve)
POLICIES = tuple(IncomePolicy)
_PERCENT_UNITS = (Unit.PERCENT, Unit.PERCENT_PER_YEAR)


def _frozen(values: list[float] | list[int], dtype: type = np.float64) -> np.ndarray:
    array = np.asarray(values, dtype=dtype)
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class KindGroup:
    """The streams of one kind: their positions in the stream arrays and their parameters."""

    kind: str
    rows: np.ndarray
    params: dict[str, np.ndarray]


@dataclass(frozen=True)
class Snapshot:
    """Everything the engine needs, as numbers. Money in the plan's currency, today's prices."""

    months: int
    birth_year: int
    start_year: int
    start_month: int
    monthly_expenses: float
    monthly_savings: float
    inflation: float
    target_fi_month: int
    safe_withdrawal_rate: float
    sleeve_weights: np.ndarray
    names: tuple[str, ...]
    kinds: tuple[str, ...]
    start: np.ndarray
    end: np.ndarray
    starting_amount: np.ndarray
    contribution: np.ndarray
    sleeve: np.ndarray
    policy: np.ndarray
    tax_rate: np.ndarray
    weight: np.ndarray
    upkeep_hours: np.ndarray
    groups: tuple[KindGroup, ...]

    @property
    def stream_count(self) -> int:
        return len(self.names)


def snapshot(plan: Plan, scenario: Scenario | None = None) -> Snapshot:
    """Arrays for the plan as the scenario sees it (None: the base plan)."""
    effective = apply_scenario(plan, scenario)
    household, strategy, streams = effective.household, effective.strategy, effective.streams
    months = effective.assumptions.horizon_years * 12
    first = effective.start.index
    end_of_horizon = months - 1
    groups = []
    for kind_key in dict.fromkeys(s.kind for s in streams):
        rows = [i for i, s in enumerate(streams) if s.kind == kind_key]
        specs = KINDS[kind_key].params
        params = {
            spec.key: _frozen([float(streams[i].param(spec.key)) / (100.0 if spec.unit in _PERCENT_UNITS else 1.0)
                               for i in rows])
            for spec in specs
        }
        groups.append(KindGroup(kind_key, _frozen(rows, np.int64), params))
    return Snapshot(
        months=months,
        birth_year=household.birth_year,
        start_year=effective.start.year,
        start_month=effective.start.month,
        monthly_expenses=float(household.monthly_expenses),
        monthly_savings=float(household.monthly_savings),
        inflation=float(household.inflation) / 100.0,
        target_fi_month=(household.birth_year + household.target_fi_age - effective.start.year) * 12
        - (effective.start.month - 1),
        safe_withdrawal_rate=float(effective.fi_rule.safe_withdrawal_rate) / 100.0,
        sleeve_weights=_frozen([float(strategy.safe_weight) / 100.0, float(strategy.core_weight) / 100.0,
                                float(strategy.speculative_weight) / 100.0]),
        names=tuple(s.name for s in streams),
        kinds=tuple(s.kind for s in streams),
        start=_frozen([max(s.start.index - first, 0) for s in streams], np.int64),
        end=_frozen([min(s.end.index - first, end_of_horizon) if s.end else end_of_horizon for s in streams],
                    np.int64),
        starting_amount=_frozen([float(s.starting_amount) for s in streams]),
        contribution=_frozen([float(s.monthly_contribution) for s in streams]),
        sleeve=_frozen([SLEEVES.index(s.sleeve) for s in streams], np.int64),
        policy=_frozen([POLICIES.index(s.income_policy) for s in streams], np.int64),
        tax_rate=_frozen([float(effective.assumptions.tax_rate(s.tax_category)) / 100.0 for s in streams]),
        weight=_frozen([float(s.weight) for s in streams]),
        upkeep_hours=_frozen([float(s.upkeep_hours) for s in streams]),
        groups=tuple(groups),
    )
