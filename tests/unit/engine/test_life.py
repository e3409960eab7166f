"""Spending phases, one-off events and work income against closed forms.

The plans here hold one savings account at 0 % with no inflation, so money is counted exactly:
what the account holds at a month's end is what came in less what went out (the conservation
test of test_answer.py, now with the household's life).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.calendar import YearMonth
from planner.domain.plan import OneOffEvent, SpendingPhase
from planner.engine.household import planned_spending
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, project
from tests.helpers import START, demo
from tests.unit.engine.test_answer import FIRST_AGE, account, household_plan

DETERMINISTIC = RunOptions(mode="deterministic", monthly=True)


#: The monthly record keeps float32 (6 cents of resolution at 500,000).
CENTS = 0.1


def worth(plan, options=DETERMINISTIC) -> np.ndarray:
    """The account's value at each month's end (median over paths, nominal)."""
    result = project(snapshot(plan), options)
    return result.monthly.net_worth["nominal"][3]


def life(plan, phases=(), events=(), **household):
    return replace(plan, phases=tuple(phases), events=tuple(events),
                   household=replace(plan.household, **household))


BASE = household_plan([account("cash", "500000.00")], expenses="2000.00", savings="1000.00", years=10, stop_after=4)
STOP = 48  # January of the fifth year


def test_a_phase_adds_exactly_its_amount_in_its_months():
    kids = SpendingPhase("kids", "Kids", Decimal("700.00"), START.plus(50), START.plus(79))
    with_kids = worth(life(BASE, [kids]))
    without = worth(BASE)
    months = np.arange(with_kids.size)
    paid_months = np.clip(months - 49, 0, 30)  # phase months spent by each month's end (50..79)
    assert with_kids == pytest.approx(without - 700.0 * paid_months, abs=CENTS)
    yearly = project(snapshot(life(BASE, [kids])), DETERMINISTIC).expenses_real
    assert yearly[4] == pytest.approx(12 * 2000 + 10 * 700) and yearly[7] == pytest.approx(12 * 2000)


def test_a_phase_before_the_stop_does_not_change_a_fixed_saving_but_changes_one_from_income():
    phase = SpendingPhase("p", "Mortgage", Decimal("400.00"), START, START.plus(11))
    fixed = worth(life(BASE, [phase]))
    assert fixed[:12] == pytest.approx(worth(BASE)[:12], abs=CENTS)
    paid = life(BASE, [phase], saving_from_income=True, monthly_salary=Decimal("3500.00"))
    # saving = salary - (expenses + phase): 3500 - 2400 = 1100 a month in the first year, then 1500
    assert worth(paid)[11] == pytest.approx(500_000 + 12 * 1100, abs=CENTS)
    assert worth(paid)[23] == pytest.approx(500_000 + 12 * 1100 + 12 * 1500, abs=CENTS)


def test_an_event_hits_exactly_its_month_and_repeats():
    car = OneOffEvent("car", "Car", Decimal("20000.00"), False, START.plus(30), every_years=2, times=3)
    gift = OneOffEvent("gift", "Gift", Decimal("5000.00"), True, START.plus(70))
    difference = worth(life(BASE, events=[car, gift])) - worth(BASE)
    months = np.arange(difference.size)
    expected = -20000.0 * ((months >= 30).astype(float) + (months >= 54) + (months >= 78)) + 5000.0 * (months >= 70)
    assert difference == pytest.approx(expected, abs=CENTS)


def test_an_event_linked_to_inflation_grows_with_prices_and_one_that_is_not_does_not():
    plan = replace(BASE, household=replace(BASE.household, inflation=Decimal("3")))
    linked = OneOffEvent("roof", "Roof", Decimal("10000.00"), False, START.plus(36))
    fixed = replace(linked, inflation_linked=False)
    base = worth(plan)
    price = 1.03 ** (36 / 12)
    assert (base - worth(life(plan, events=[linked])))[36] == pytest.approx(10000.0 * price, abs=CENTS)
    assert (base - worth(life(plan, events=[fixed])))[36] == pytest.approx(10000.0, abs=CENTS)


def test_an_uncertain_event_hits_its_share_of_paths_and_the_same_paths_in_every_run():
    gift = OneOffEvent("gift", "Inheritance", Decimal("50000.00"), True, START.plus(12), probability=Decimal("30"))
    options = RunOptions(paths=2000, seed=3)
    plan = life(BASE, events=[gift])
    result = project(snapshot(plan), options)
    received = result.events_real.sum() / 50000.0
    assert received == pytest.approx(0.3, abs=4 * np.sqrt(0.3 * 0.7 / 2000))
    again = project(snapshot(plan), options)
    assert np.array_equal(again.events_real, result.events_real)
    deterministic = project(snapshot(plan), RunOptions(mode="deterministic"))
    assert deterministic.events_real.sum() == pytest.approx(0.3 * 50000.0)


def test_salaries_end_at_each_adult_s_stop_and_part_time_work_follows_the_household_s():
    plan = life(BASE, saving_from_income=True, monthly_salary=Decimal("3000.00"), partner=True,
                partner_birth_year=BASE.household.birth_year + 2, partner_target_fi_age=FIRST_AGE + 4,
                partner_plan_until_age=BASE.household.plan_until_age - 2,  # the same last year
                partner_monthly_salary=Decimal("1000.00"), part_time_income=Decimal("500.00"),
                part_time_years=2)
    # the partner is two years younger and stops at the same age: two years after the household
    assert snapshot(plan).life.partner_offset == 24
    change = np.diff(np.concatenate([[500_000.0], worth(plan)]))
    assert change[:STOP] == pytest.approx(3000 + 1000 - 2000, abs=CENTS)  # saving from income
    assert change[STOP:STOP + 24] == pytest.approx(1000 + 500 - 2000, abs=CENTS)  # partner's pay and part-time work
    assert change[STOP + 24:] == pytest.approx(-2000.0, abs=CENTS)
    hours = replace(plan, household=replace(plan.household, part_time_hours=Decimal("80")))
    assert snapshot(hours).life.part_time_hours == 80.0


def test_salary_grows_by_its_real_rate_once_a_year():
    plan = life(BASE, saving_from_income=True, monthly_salary=Decimal("3000.00"), salary_growth=Decimal("10"))
    change = np.diff(np.concatenate([[500_000.0], worth(plan)]))
    assert change[:12] == pytest.approx(1000.0, abs=CENTS) and change[12:24] == pytest.approx(1300.0, abs=CENTS)


def test_without_a_partner_the_partner_s_salary_is_not_paid():
    plan = life(BASE, saving_from_income=True, monthly_salary=Decimal("2000.00"),
                partner_monthly_salary=Decimal("5000.00"))
    assert worth(plan)[STOP - 1] == pytest.approx(500_000.0, abs=CENTS)


PROPERTY = settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(start=st.integers(-24, 150), length=st.integers(0, 60), open_end=st.booleans(),
       amount=st.integers(-3000, 3000))
def test_no_phase_changes_spending_outside_its_months(start, length, open_end, amount):
    begin = START.plus(start)
    phase = SpendingPhase("p", "p", Decimal(amount), begin, None if open_end else begin.plus(length))
    snap = snapshot(life(BASE, [phase]))
    spending = planned_spending(snap)[:snap.months]
    months = np.arange(snap.months)
    inside = (months >= start) & ((months <= start + length) | open_end)
    assert np.all(spending[~inside] == 2000.0)
    assert np.all(spending[inside] == max(2000.0 + amount, 0.0))


@pytest.mark.slow
@PROPERTY
@given(phases=st.integers(0, 3), events=st.integers(0, 3), seed=st.integers(0, 50))
def test_phases_and_events_of_nothing_give_the_same_projection_byte_for_byte(phases, events, seed):
    plan = replace(demo(), scenarios=(), phases=(), events=())
    plan = replace(plan, household=replace(plan.household, plan_until_age=60, partner_plan_until_age=58))
    quiet = life(plan, [SpendingPhase(f"p{i}", f"p{i}", Decimal(0), START.plus(12 * i), None) for i in range(phases)],
                 [OneOffEvent(f"e{i}", f"e{i}", Decimal(0), bool(i % 2), START.plus(7 * i), probability=Decimal(40))
                  for i in range(events)])
    options = RunOptions(paths=40, seed=seed, search=False)  # each 40 % event happens on some paths, not others
    a, b = project(snapshot(plan), options), project(snapshot(quiet), options)
    assert np.array_equal(a.net_worth["real"], b.net_worth["real"]) and a.success_probability == b.success_probability
    assert np.array_equal(a.passive_income["nominal"], b.passive_income["nominal"])


def test_left_out_phases_and_events_do_not_count():
    phase = SpendingPhase("p", "Boat", Decimal("900.00"), START, None, included=False)
    event = OneOffEvent("e", "Cruise", Decimal("9000.00"), False, START.plus(3), included=False)
    assert worth(life(BASE, [phase], [event])) == pytest.approx(worth(BASE), abs=CENTS)
    assert YearMonth(2030, 1) < YearMonth(2031, 1)  # months compare as the editor's checks expect


def test_the_yearly_table_has_planned_spending_work_events_and_income_by_source_kind():
    from planner.domain.defaults import new_stream
    from planner.engine.tables import COLUMNS, yearly_rows

    pension = new_stream("state_pension", "State pension", START, uid="pension")
    pension = pension.with_param("claim_age", Decimal(FIRST_AGE + 2)).with_param("full_age", Decimal(FIRST_AGE + 2))
    pension = replace(pension, tax_category=BASE.streams[0].tax_category)  # tax-free, like the account
    plan = life(replace(BASE, streams=(*BASE.streams, pension)),
                [SpendingPhase("kids", "Kids", Decimal("500.00"), START, START.plus(11))],
                [OneOffEvent("car", "Car", Decimal("9000.00"), False, START.plus(14))],
                saving_from_income=True, monthly_salary=Decimal("4000.00"))
    rows = yearly_rows(project(snapshot(plan), RunOptions(mode="deterministic")))
    assert set(COLUMNS) <= set(rows[0])
    assert rows[0]["expenses"] == pytest.approx(12 * 2500) and rows[1]["expenses"] == pytest.approx(12 * 2000)
    assert rows[0]["work_income"] == pytest.approx(12 * 4000) and rows[STOP // 12]["work_income"] == 0
    assert rows[1]["one_off_events"] == pytest.approx(-9000) and rows[0]["one_off_events"] == 0
    assert rows[1]["income_entitlement"] == 0 and rows[2]["income_entitlement"] == pytest.approx(12 * 1900)
    assert all(row["income_effort"] == 0 for row in rows)


def test_part_time_hours_count_against_passivity_like_upkeep():
    from planner.services.whatif.explain import explain_projection

    plan = life(BASE, part_time_income=Decimal("1200.00"), part_time_hours=Decimal("80"), part_time_years=3)
    result = project(snapshot(plan), RunOptions(mode="deterministic"))
    assert result.part_time_hours == 36 * 80 and result.part_time_income_real == pytest.approx(36 * 1200)
    work = next(s for s in explain_projection(result).passivity if s.name == "Part-time work")
    assert work.income_per_hour == pytest.approx(15.0) and work.hours_a_year == pytest.approx(36 * 80 / result.years)
    short = life(BASE, part_time_income=Decimal("1200.00"), part_time_hours=Decimal("80"), part_time_years=30)
    # only what is left of the plan after the stop counts: 6 of the 30 years
    assert project(snapshot(short), RunOptions(mode="deterministic")).part_time_hours == 72 * 80


def test_sensitivity_moves_the_salaries_when_the_saving_follows_from_income():
    from planner.engine.sensitivity import moves

    fixed = snapshot(BASE)
    earning = snapshot(life(BASE, saving_from_income=True, monthly_salary=Decimal("3000.00")))
    assert "Monthly saving" in [label for label, _, _ in moves(fixed)]
    labels = {label: make for label, _, make in moves(earning)}
    assert "Monthly saving" not in labels
    assert labels["Salaries"](1).life.salary[0, 0] == pytest.approx(3300.0)
    assert labels["Salaries"](-1).life.salary[0, 0] == pytest.approx(2700.0)


def test_the_fi_test_counts_a_pension_to_come_once_the_bridge_to_it_is_saved():
    # 2,000 a month of spending, 2,000 saved, nothing yet; a pension of 3,000 from ten years on.
    # Income plus withdrawals (fixed 4 %): the pension's payments to come count as wealth only once
    # liquid money also pays the spending until it starts: m months in, 2,000 m >= 2,000 (120 - m),
    # so from month 60 (and the test must hold 12 months in a row).
    from planner.domain.defaults import new_stream
    from planner.domain.enums import FIRuleKind

    pension = new_stream("state_pension", "Pension", START, uid="pension")
    for key, value in (("claim_age", FIRST_AGE + 10), ("full_age", FIRST_AGE + 10), ("monthly_amount", 3000)):
        pension = pension.with_param(key, Decimal(value))
    pension = replace(pension, tax_category=BASE.streams[0].tax_category)
    plan = household_plan([account("cash", "0.00"), pension], expenses="2000.00", savings="2000.00", years=30,
                          rule=FIRuleKind.INCOME_PLUS_WITHDRAWALS, fixed_rate="4")
    fi_month = project(snapshot(plan), RunOptions(mode="deterministic")).median_fi_month
    assert fi_month is not None and abs(fi_month - (60 + 11)) <= 1
    alone = replace(plan, streams=plan.streams[:1])  # without the pension: 4 % must pay 2,000 alone
    assert project(snapshot(alone), RunOptions(mode="deterministic")).median_fi_month > 2 * fi_month


def test_an_indexed_pension_is_riskless_in_today_s_money_and_a_level_one_carries_inflation_risk():
    from planner.domain.defaults import new_stream

    def pension(uid: str, indexation: int):
        stream = new_stream("state_pension", uid, START, uid=uid)
        for key, value in (("claim_age", FIRST_AGE + 1), ("full_age", FIRST_AGE + 1), ("indexation", indexation)):
            stream = stream.with_param(key, Decimal(value))
        return stream

    plan = replace(BASE, streams=(*BASE.streams, pension("indexed", 100), pension("level", 0)))
    risks = {s.name: s.risk for s in project(snapshot(plan), RunOptions(paths=400, seed=2)).streams}
    assert risks["indexed"] == pytest.approx(0.0, abs=1e-6) and risks["level"] > 0.01  # float32 arrays
