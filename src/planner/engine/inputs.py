"""The one boundary where Decimal plan records become float64 arrays for the engine.

A snapshot is immutable (arrays are read-only) and independent of the plan objects, so a worker
thread can run on it while the user keeps editing. Percentages become fractions here (4.5 -> 0.045)
and calendar months become offsets from the plan's first month; nothing is ever written back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from planner.domain.catalogue import KINDS
from planner.domain.enums import (
    FIRuleKind,
    IncomePolicy,
    Rebalancing,
    ReturnModel,
    Sleeve,
    TaxCategory,
    WithdrawalMethod,
)
from planner.domain.fields import Unit
from planner.domain.plan import MAX_PLAN_YEARS, Household, Plan, Scenario, Stream, plan_years
from planner.domain.scenarios import apply_scenario, counted_items
from planner.engine.life import LifePlan, life_plan
from planner.engine.streams.registry import ENGINE_KINDS
from planner.engine.tax import (
    TAXABLE,
    TaxSetup,
    counted_accounts,
    stream_accounts,
    stream_table,
    tax_setup,
    withholding_rate,
)

SLEEVES = tuple(Sleeve)
POLICIES = tuple(IncomePolicy)
_PERCENT_UNITS = (Unit.PERCENT, Unit.PERCENT_PER_YEAR)
MAX_YEARS = MAX_PLAN_YEARS


def _frozen(values: list[float] | list[int] | list[bool] | np.ndarray, dtype: type = np.float64) -> np.ndarray:
    array = np.asarray(values, dtype=dtype)
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class KindGroup:
    """The streams of one kind: their positions in the stream arrays and their parameters (the
    catalogue's, plus any the kind's registry entry derives from the household)."""

    kind: str
    rows: np.ndarray
    params: dict[str, np.ndarray]


@dataclass(frozen=True)
class Snapshot:
    """Everything the engine needs, as numbers. Money in the plan's currency, today's prices.

    Per-stream arrays are indexed like ``names``. ``start``/``end`` are month offsets clipped to
    the horizon; ``age`` is how many months a stream has already run when the plan starts.
    ``target_stop_month`` is the month saving stops unless a run says otherwise (January of the
    year the household turns its target age; 0 when that is past, ``months`` when beyond the plan).
    """

    months: int
    birth_year: int
    partner_birth_year: int | None  # None: no partner
    start_year: int
    start_month: int
    plan_until_age: int
    monthly_expenses: float
    monthly_savings: float
    inflation: float
    target_stop_month: int
    fi_rule: FIRuleKind
    fixed_withdrawal_rate: float | None  # None: the rate follows the years left
    withdrawal_method: WithdrawalMethod
    shortfall_tolerance: float
    confidence: float
    overdraft_rate: float
    sell_property_last_resort: bool
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
    life: LifePlan
    account: np.ndarray  # (streams,) index into tax's accounts
    income_table: np.ndarray  # (streams,) the tax table the income is summed into (-1: none)
    expected_tax_rate: np.ndarray  # (streams,) the flat rate the FI tests expect on its income
    gains_taxed: np.ndarray  # (streams,) bool: its sales' gains are taxed (taxable account, not a tax-free category)
    tax: TaxSetup

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
        """The same plan over another horizon (1 to MAX_YEARS years), which then ends before or after
        the plan-until age; stream ends are clipped again and the stop month kept within it."""
        if not 1 <= years <= MAX_YEARS:
            raise ValueError(f"the horizon must be 1 to {MAX_YEARS} years, not {years}")
        months = years * 12
        end = self.end.copy()
        end[(end == self.months - 1) | (end > months - 1)] = months - 1
        end.setflags(write=False)
        return replace(self, months=months, end=end, target_stop_month=min(self.target_stop_month, months),
                       plan_until_age=self.age_at(months - 1), life=self.life.resized(months))

    def with_stop(self, month: int) -> Snapshot:
        """The same plan stopping saving at another month (clipped to 0 .. months)."""
        return replace(self, target_stop_month=min(max(month, 0), self.months))

    def age_at(self, month: int) -> int:
        """The household's age in a month from the plan start: the age reached in that calendar
        year (the definition of domain.plan.Household.age_in)."""
        return (self.start_year * 12 + self.start_month - 1 + month) // 12 - self.birth_year

    def month_of_age(self, age: int) -> int:
        """Months from the plan start to January of the year the household turns ``age``."""
        return (self.birth_year + age) * 12 - (self.start_year * 12 + self.start_month - 1)

    def stop_month_of_age(self, age: int) -> int | None:
        """The month to stop saving at ``age``: January of the year the household turns it, or the
        first month when that January has passed; None when the age lies outside the plan."""
        month = max(self.month_of_age(age), 0)
        return month if self.age_at(0) <= age and month < self.months else None


def reordered(snap: Snapshot, order: np.ndarray) -> Snapshot:
    """The same snapshot with streams in another order (``order[i]`` is the old index of new i);
    kind groups are rebuilt so that each group's rows stay in the new order."""
    order = np.asarray(order, dtype=np.int64)
    position = np.empty_like(order)
    position[order] = np.arange(order.size)
    per_stream = {name: _frozen(getattr(snap, name)[order], getattr(snap, name).dtype)
                  for name in ("start", "end", "age", "starting_amount", "contribution", "sleeve", "policy",
                               "tax_rate", "weight", "upkeep_hours", "account", "income_table",
                               "expected_tax_rate", "gains_taxed")}
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
    months = min(max(plan_years(effective), 1), MAX_YEARS) * 12  # validation refuses plans outside
    first = effective.start.index
    end_of_horizon = months - 1
    groups = tuple(_kind_group(kind_key, streams, household) for kind_key in dict.fromkeys(s.kind for s in streams))
    tax = tax_setup(effective)
    account_of = stream_accounts(effective, counted_accounts(effective))
    income_table = stream_table(effective, tax.account_type, account_of)
    wrapped = [bool(tax.account_type[a] != TAXABLE) for a in account_of]
    return Snapshot(
        months=months,
        birth_year=household.birth_year,
        start_year=effective.start.year,
        start_month=effective.start.month,
        plan_until_age=household.last_year - household.birth_year,  # the first adult's age in the last year
        partner_birth_year=household.partner_birth_year if household.partner else None,
        monthly_expenses=float(household.monthly_expenses),
        monthly_savings=float(household.monthly_savings),
        inflation=float(household.inflation) / 100.0,
        target_stop_month=min(max(effective.start.months_until_year(household.birth_year + household.target_fi_age),
                                  0), months),
        fi_rule=fi_rule.kind,
        fixed_withdrawal_rate=float(fi_rule.safe_withdrawal_rate) / 100.0 if fi_rule.fixed_withdrawal_rate else None,
        withdrawal_method=fi_rule.withdrawal_method,
        shortfall_tolerance=float(fi_rule.shortfall_tolerance) / 100.0,
        confidence=float(fi_rule.confidence) / 100.0,
        overdraft_rate=float(assumptions.overdraft_rate) / 100.0,
        sell_property_last_resort=assumptions.sell_property_last_resort,
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
        # income inside a wrapper stays there: a withdrawal, not a payout, brings it out
        policy=_frozen([POLICIES.index(IncomePolicy.REINVEST if inside else s.income_policy)
                        for s, inside in zip(streams, wrapped, strict=True)], np.int64),
        tax_rate=_frozen(withholding_rate(effective, tax.account_type, account_of, income_table)),
        weight=_frozen([float(s.weight) for s in streams]),
        upkeep_hours=_frozen([float(s.upkeep_hours) for s in streams]),
        groups=groups,
        life=life_plan(counted_items(effective), months),
        account=_frozen(account_of, np.int64),
        income_table=_frozen(income_table, np.int64),
        expected_tax_rate=_frozen([0.0 if inside else float(assumptions.tax_rate(s.tax_category)) / 100.0
                                   for s, inside in zip(streams, wrapped, strict=True)]),
        gains_taxed=_frozen([not inside and s.tax_category is not TaxCategory.TAX_FREE
                             for s, inside in zip(streams, wrapped, strict=True)], bool),
        tax=tax,
    )


def _kind_group(kind_key: str, streams: tuple[Stream, ...], household: Household) -> KindGroup:
    """The streams of one kind: the catalogue's parameters (percentages as fractions), then what
    the kind's registry entry derives from each stream and the household (ages as months)."""
    rows = [i for i, s in enumerate(streams) if s.kind == kind_key]
    params = {
        spec.key: _frozen([float(streams[i].param(spec.key)) / (100.0 if spec.unit in _PERCENT_UNITS else 1.0)
                           for i in rows])
        for spec in KINDS[kind_key].params
    }
    derive = ENGINE_KINDS[kind_key].derive
    if derive is not None:
        derived = [derive(streams[i], household) for i in rows]
        params.update({key: _frozen([values[key] for values in derived]) for key in derived[0]})
    return KindGroup(kind_key, _frozen(rows, np.int64), params)
