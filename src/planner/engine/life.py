"""The household's life outside its streams: spending phases, one-off events and work income.

``LifePlan`` holds the plan's figures month by month (today's money) and is part of the snapshot;
``LifeDraws`` holds one chunk's draws of events that may not happen, made once per chunk from a
random stream of their own, so that every household run on the chunk (the stop-month search runs
many) sees the same events, and a plan without uncertain events draws exactly what it drew before.
A plan with no phases, events or work income has an empty ``LifePlan`` and projects as it always did.

Money: phases and linked events are in today's money and grow with each path's price level; an
event not linked to inflation is paid as written. Salaries grow by their real growth a year on top
of prices. Ages and months follow the plan's one age rule: something "at age N" happens in January
of the year the adult turns N.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from planner.domain.plan import Plan

#: Part of the seed of the events' own random stream (the market's streams use [seed, chunk]).
EVENT_STREAM = 0x1F3E


def _frozen(values: np.ndarray) -> np.ndarray:
    values = np.ascontiguousarray(values)
    values.setflags(write=False)
    return values


@dataclass(frozen=True)
class LifePlan:
    """The plan's life figures over ``months`` months from the plan start.

    phase_spending: (months,) what the phases add to monthly spending, today's money (may be negative;
        spending never falls below zero).
    event_month, event_money, event_linked, event_chance: one entry per occurrence of an event:
        its month, money in (+, windfall) or out (-, cost), whether it grows with prices, its chance.
    salary: (2, months) each adult's net pay a month in today's money (growth applied), before their
        stop month is applied; the partner's row is zero without a partner.
    partner_offset: months from the first adult's stop month to the partner's (may be negative).
    saving_from_income: the saving before the stop is the salaries less the month's spending.
    part_time, part_time_months, part_time_hours: work after the stop month.
    """

    phase_spending: np.ndarray
    event_month: np.ndarray
    event_money: np.ndarray
    event_linked: np.ndarray
    event_chance: np.ndarray
    salary: np.ndarray
    partner_offset: int
    saving_from_income: bool
    part_time: float
    part_time_months: int
    part_time_hours: float

    @property
    def has_phases(self) -> bool:
        return bool(self.phase_spending.any())

    @property
    def has_events(self) -> bool:
        return self.event_month.size > 0

    @property
    def has_salary(self) -> bool:
        return bool(self.salary.any())

    @property
    def has_work(self) -> bool:
        return self.has_salary or (self.part_time > 0.0 and self.part_time_months > 0)

    def resized(self, months: int) -> LifePlan:
        """The same life over another horizon: cut, or carried on at the last month's figures."""
        def fit(series: np.ndarray) -> np.ndarray:
            if series.shape[-1] >= months:
                return _frozen(series[..., :months])
            pad = [(0, 0)] * (series.ndim - 1) + [(0, months - series.shape[-1])]
            return _frozen(np.pad(series, pad, mode="edge"))
        kept = self.event_month < months
        return replace(self, phase_spending=fit(self.phase_spending), salary=fit(self.salary),
                       event_month=_frozen(self.event_month[kept]), event_money=_frozen(self.event_money[kept]),
                       event_linked=_frozen(self.event_linked[kept]), event_chance=_frozen(self.event_chance[kept]))


def life_plan(plan: Plan, months: int) -> LifePlan:
    """The life figures of a plan (as its scenario sees it, phases and events already those that
    count) over ``months`` months."""
    first = plan.start.index
    spending = np.zeros(months)
    for phase in plan.phases:
        begin = max(phase.start.index - first, 0)
        end = months if phase.end is None else min(phase.end.index - first + 1, months)
        if begin < end:
            spending[begin:end] += float(phase.monthly_amount)
    occurrences = [(month.index - first, float(e.amount) * (1 if e.windfall else -1), e.inflation_linked,
                    float(e.probability) / 100.0) for e in plan.events for month in e.months()]
    occurrences = [o for o in occurrences if 0 <= o[0] < months]
    household = plan.household
    return LifePlan(
        phase_spending=_frozen(spending),
        event_month=_frozen(np.array([o[0] for o in occurrences], dtype=np.int64)),
        event_money=_frozen(np.array([o[1] for o in occurrences], dtype=np.float64)),
        event_linked=_frozen(np.array([o[2] for o in occurrences], dtype=bool)),
        event_chance=_frozen(np.array([o[3] for o in occurrences], dtype=np.float64)),
        salary=_frozen(np.stack([_salary(household.monthly_salary, household.salary_growth, months),
                                 _salary(household.partner_monthly_salary, household.partner_salary_growth, months)
                                 if household.partner else np.zeros(months)])),
        partner_offset=_partner_offset(plan) if household.partner else 0,
        saving_from_income=household.saving_from_income,
        part_time=float(household.part_time_income),
        part_time_months=12 * household.part_time_years,
        part_time_hours=float(household.part_time_hours),
    )


def _salary(monthly: object, growth_percent: object, months: int) -> np.ndarray:
    """Pay a month in today's money, rising by the real growth once a year from the plan start."""
    years = np.arange(months) // 12
    return float(monthly) * np.power(1.0 + float(growth_percent) / 100.0, years)  # type: ignore[arg-type]


def _partner_offset(plan: Plan) -> int:
    """Months between the two adults' target stop months (January of the year each turns their age)."""
    household = plan.household
    first = household.birth_year + household.target_fi_age
    partner = household.partner_birth_year + household.partner_target_fi_age
    return 12 * (partner - first)


@dataclass(frozen=True)
class LifeDraws:
    """One chunk's events, nominal money in (+) or out (-) per month and path, (months, paths).
    None: the plan has no events."""

    events: np.ndarray | None

    @classmethod
    def draw(cls, life: LifePlan, price_level: np.ndarray, seed: int, chunk: int, deterministic: bool) -> LifeDraws:
        if not life.has_events:
            return cls(None)
        months, paths = price_level.shape[0] - 1, price_level.shape[1]
        uncertain = life.event_chance < 1.0
        if deterministic or not uncertain.any():
            happens = np.broadcast_to(life.event_chance[:, None], (life.event_month.size, 1))
        else:
            rng = np.random.default_rng([seed, chunk, EVENT_STREAM])
            happens = np.where(uncertain[:, None], rng.random((life.event_month.size, paths))
                               < life.event_chance[:, None], 1.0)
        money = np.zeros((months, paths))
        for k, month in enumerate(life.event_month):
            level = price_level[month] if life.event_linked[k] else 1.0
            money[month] += life.event_money[k] * happens[k] * level
        return cls(money)
