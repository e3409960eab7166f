"""The one boundary where Decimal plan records become float64 arrays for the engine.

A snapshot is immutable (arrays are read-only) and independent of the plan objects, so a worker
thread can run on it while the user keeps editing. Percentages become fractions here (4.5 -> 0.045)
and calendar months become offsets from the plan's first month; nothing is ever written back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from planner.domain.catalogue import KINDS
from planner.domain.enums import FIRuleKind, IncomePolicy, Rebalancing, ReturnModel, Sleeve, WithdrawalMethod
from planner.domain.fields import Unit
from planner.domain.plan import Plan, Scenario
from planner.domain.scenarios import apply_scenario

SLEEVES = tuple(Sleeve)
POLICIES = tuple(IncomePolicy)
_PERCENT_UNITS = (Unit.PERCENT, Unit.PERCENT_PER_YEAR)
MAX_YEARS = 70


def _frozen(values: list[float] | list[int] | list[bool] | np.ndarray, dtype: type = np.float64) -> np.ndarray:
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
    """Everything the engine needs, as numbers. Money in the plan's currency, today's prices.

    Per-stream arrays are indexed like ``names``. ``start``/``end`` are month offsets clipped to
    the horizon; ``age`` is how many months a stream has already run when the plan starts.
    """

    months: int
    birth_year: int
    start_year: int
    start_month: int
    monthly_expenses: float
    monthly_savings: float
    inflation: float
    target_fi_month: int
    fi_rule: FIRuleKind
    safe_withdrawal_rate: float
    withdrawal_method: WithdrawalMethod
    stop_saving_at_fi: bool
    sleeve_weights: np.ndarray
    rebalancing: Rebalancing
    rebalance_threshold: float
    return_model: ReturnModel
    paths: int
    seed: int
    names: tuple[str, ...]
    kinds: tuple[str, ...]
    start: np.ndarray
    end: np.ndarray
    age: np.ndarray
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

    @property
    def years(self) -> int:
        return self.months // 12

    def with_weights(self, sleeve_weights: tuple[float, float, float], stream_weights: np.ndarray) -> Snapshot:
        """The same plan with other sleeve weights (fractions) and stream weights for new savings."""
        return replace(self, sleeve_weights=_frozen(list(sleeve_weights)), weight=_frozen(stream_weights))

    def with_years(self, years: int) -> Snapshot:
        """The same plan over another horizon (1 to 70 years); stream ends are clipped again."""
        if not 1 <= years <= MAX_YEARS:
            raise ValueError(f"the horizon must be 1 to {MAX_YEARS} years, not {years}")
        months = years * 12
        end = self.end.copy()
        end[(end == self.months - 1) | (end > months - 1)] = months - 1
        end.setflags(write=False)
        return replace(self, months=months, end=end)


def reordered(snap: Snapshot, order: np.ndarray) -> Snapshot:
    """The same snapshot with streams in another order (``order[i]`` is the old index of new i);
    kind groups are rebuilt so that each group's rows stay in the new order."""
    order = np.asarray(order, dtype=np.int64)
    position = np.empty_like(order)
    position[order] = np.arange(order.size)
    per_stream = {name: _frozen(getattr(snap, name)[order], getattr(snap, name).dtype)
                  for name in ("start", "end", "age", "starting_amount", "contribution", "sleeve", "policy",
                               "tax_rate", "weight", "upkeep_hours")}
    groups = []
    for group in snap.groups:
        new_rows = position[group.rows]
        sort = np.argsort(new_rows, kind="stable")
        params = {key: _frozen(values[sort]) for key, values in group.params.items()}
        groups.append(KindGroup(group.kind, _frozen(new_rows[sort], np.int64), params))
    groups.sort(key=lambda g: int(g.rows[0]) if g.rows.size else 0)
    return replace(snap, names=tuple(snap.names[i] for i in order), kinds=tuple(snap.kinds[i] for i in order),
                   groups=tuple(groups), **per_stream)


def snapshot(plan: Plan, scenario: Scenario | None = None) -> Snapshot:
    """Arrays for the plan as the scenario sees it (None: the base plan)."""
    effective = apply_scenario(plan, scenario)
    household, strategy, streams = effective.household, effective.strategy, effective.streams
    assumptions, fi_rule = effective.assumptions, effective.fi_rule
    months = assumptions.horizon_years * 12
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
        target_fi_month=effective.start.months_until_year(household.birth_year + household.target_fi_age),
        fi_rule=fi_rule.kind,
        safe_withdrawal_rate=float(fi_rule.safe_withdrawal_rate) / 100.0,
        withdrawal_method=fi_rule.withdrawal_method,
        stop_saving_at_fi=fi_rule.stop_saving_at_fi,
        sleeve_weights=_frozen([float(strategy.safe_weight) / 100.0, float(strategy.core_weight) / 100.0,
                                float(strategy.speculative_weight) / 100.0]),
        rebalancing=strategy.rebalancing,
        rebalance_threshold=float(strategy.rebalance_threshold) / 100.0,
        return_model=assumptions.return_model,
        paths=assumptions.paths,
        seed=assumptions.seed,
        names=tuple(s.name for s in streams),
        kinds=tuple(s.kind for s in streams),
        start=_frozen([max(s.start.index - first, 0) for s in streams], np.int64),
        end=_frozen([min(s.end.index - first, end_of_horizon) if s.end else end_of_horizon for s in streams],
                    np.int64),
        age=_frozen([max(first - s.start.index, 0) for s in streams], np.int64),
        starting_amount=_frozen([float(s.starting_amount) for s in streams]),
        contribution=_frozen([float(s.monthly_contribution) for s in streams]),
        sleeve=_frozen([SLEEVES.index(s.sleeve) for s in streams], np.int64),
        policy=_frozen([POLICIES.index(s.income_policy) for s in streams], np.int64),
        tax_rate=_frozen([float(assumptions.tax_rate(s.tax_category)) / 100.0 for s in streams]),
        weight=_frozen([float(s.weight) for s in streams]),
        upkeep_hours=_frozen([float(s.upkeep_hours) for s in streams]),
        groups=tuple(groups),
    )
