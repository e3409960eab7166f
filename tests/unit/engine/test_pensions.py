"""Pensions and annuities against closed forms: indexation, claiming early or late, the lump sum,
the annuity's purchase, the survivor's share, benefit cuts, the partner rule, and what a pension
does to the answer.

The household is born in 1972, so it turns 55 in the plan's first year (2027) and a payment "at
age A" starts in January of 1972 + A. Payments are tax-free here so income is the payment itself.
"""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest

from planner.domain.calendar import YearMonth
from planner.domain.defaults import new_plan, new_stream
from planner.domain.enums import IncomePolicy, ReturnModel, TaxCategory
from planner.domain.plan import Override, Plan, Scenario, Stream
from planner.domain.validation import validate_plan
from planner.engine.assembly import StreamSchedule
from planner.engine.inputs import snapshot
from planner.engine.market import build_market
from planner.engine.metrics import MonthlyFigures
from planner.engine.projection import RunOptions, project
from planner.engine.streams import MODELS, KindContext
from planner.engine.streams.pension import FIRST_PAYMENT, OWNER_LAST, claim_factor
from tests.helpers import START

BIRTH = 1972
DETERMINISTIC = RunOptions(mode="deterministic", monthly=True)
UNREACHABLE = "100000000"  # expenses nothing here covers: the answer never interferes with income


def january(year: int) -> int:
    """Months from the plan's first month to January of ``year``."""
    return YearMonth(year, 1).index - START.index


def pension(kind: str, name: str | None = None, *, start: YearMonth = START, amount: str | None = None,
            **params: float | str) -> Stream:
    """A tax-free stream of the kind whose income is pooled, with these parameters (percent in percent)."""
    name = name or kind
    stream = new_stream(kind, name, start, uid=name.replace(" ", "_"))
    for key, value in params.items():
        stream = stream.with_param(key, Decimal(str(value)))
    stream = replace(stream, tax_category=TaxCategory.TAX_FREE, income_policy=IncomePolicy.POOL)
    return stream if amount is None else replace(stream, starting_amount=Decimal(amount))


def household_plan(streams: list[Stream], *, inflation: str = "0", expenses: str = UNREACHABLE, until: int = 95,
                   stop_age: int | None = None, partner: tuple[int, int] | None = None, paths: int = 1000) -> Plan:
    """A plan for the household born in BIRTH, saving nothing, that stops at ``stop_age`` (None: in
    its last year); ``partner`` is the partner's (birth year, plan-until age)."""
    plan = new_plan("pensions", START)
    household = replace(plan.household, birth_year=BIRTH, plan_until_age=until,
                        target_fi_age=until - 1 if stop_age is None else stop_age,
                        monthly_savings=Decimal(0), monthly_expenses=Decimal(expenses), inflation=Decimal(inflation))
    if partner is not None:
        household = replace(household, partner=True, partner_birth_year=partner[0], partner_plan_until_age=partner[1])
    assumptions = replace(plan.assumptions, paths=paths)
    return replace(plan, household=household, assumptions=assumptions, streams=tuple(streams))


def monthly(plan: Plan) -> MonthlyFigures:
    """The deterministic run month by month."""
    figures = project(snapshot(plan), DETERMINISTIC).monthly
    assert figures is not None
    return figures


def model_run(plan: Plan, paths: int = 1, seed: int = 5) -> tuple[np.ndarray, np.ndarray]:
    """The plan's one kind of stream on a market of its own, as one chunk of a run draws it:
    (fixed income (months, paths, streams), price level (months, paths)); one path is the
    deterministic run."""
    snap = snapshot(plan)
    (group,) = snap.groups
    schedule = StreamSchedule.of(snap)
    market = build_market(snap.months, paths, snap.inflation, ReturnModel.LOGNORMAL, np.random.default_rng(seed),
                          deterministic=paths == 1)
    context = KindContext(market, dict(group.params), schedule.local_month[:, group.rows], schedule.calendar_month)
    income = MODELS[group.kind](context).fixed_income
    return np.broadcast_to(income, (snap.months, paths, len(group.rows))), market.price_level[:snap.months]


# --------------------------------------------------------------------------------------------
# Indexation


def test_an_indexed_pension_is_flat_in_todays_money_from_its_first_payment():
    plan = household_plan([pension("state_pension", monthly_amount="1800.00", claim_age=67, full_age=67)],
                          inflation="3.0")
    figures = monthly(plan)
    first = january(BIRTH + 67)
    assert np.all(figures.stream_income[:first, 0] == 0.0)  # nothing before January of the year it turns 67
    assert figures.stream_income_real[first:, 0] == pytest.approx(1800.0, rel=1e-9)
    months = np.arange(first, figures.year.size)
    assert figures.stream_income[first:, 0] == pytest.approx(1800.0 * 1.03 ** (months / 12), rel=1e-9)


def test_an_indexed_pension_is_flat_in_todays_money_on_every_random_path():
    plan = household_plan([pension("state_pension", monthly_amount="1800.00", claim_age=60, full_age=60)],
                          inflation="2.5")
    income, level = model_run(plan, paths=400)
    first = january(BIRTH + 60)
    assert np.ptp(level[-1]) > 0.1  # the paths' prices really differ
    assert np.all(income[:first] == 0.0)
    assert income[first:, :, 0] / level[first:] == pytest.approx(1800.0, rel=1e-9)


def test_a_fixed_pension_is_flat_in_money_on_every_path_and_worth_todays_amount_when_it_starts():
    plan = household_plan([pension("workplace_pension", monthly_amount="1000.00", start_age=60, indexation=0)],
                          inflation="2.5")
    income, level = model_run(plan, paths=400)
    first = january(BIRTH + 60)
    paid = income[first:, :, 0]
    assert paid == pytest.approx(np.broadcast_to(paid[0], paid.shape), rel=1e-12)  # flat in money
    assert paid[0] == pytest.approx(1000.0 * level[first], rel=1e-12)  # today's 1,000 at the first payment
    # prices erode it wherever they rose (most paths; a long deflation, as in 1920-40, is possible)
    rose = level[-1] > level[first + 1]
    assert rose.mean() > 0.9
    assert np.all((paid[-1] / level[-1] < 1000.0 * level[first] / level[first + 1])[rose])
    assert np.all((paid[-1] / level[-1] >= 1000.0 * level[first] / level[first + 1])[~rose])


@pytest.mark.parametrize("share", [0, 40, 100, 150])
def test_partial_indexation_follows_that_share_of_inflation(share):
    plan = household_plan([pension("state_pension", monthly_amount="1500.00", claim_age=62, full_age=62,
                                   indexation=share)], inflation="4.0")
    first = january(BIRTH + 62)
    months = np.arange(first, plan_months(plan))
    # deterministic: today's money to the first payment, then (1 + i)^(share t / 12)
    expected = 1500.0 * 1.04 ** (first / 12) * 1.04 ** (share / 100 * (months - first) / 12)
    assert monthly(plan).stream_income[first:, 0] == pytest.approx(expected, rel=1e-9)
    # random paths: the same share of each path's own inflation, month by month
    income, level = model_run(plan, paths=200)
    growth = income[first:, :, 0] / income[first, :, 0]
    assert growth == pytest.approx((level[first:] / level[first]) ** (share / 100), rel=1e-9)


def plan_months(plan: Plan) -> int:
    return snapshot(plan).months


# --------------------------------------------------------------------------------------------
# Claiming early or late


@pytest.mark.parametrize(("claim_age", "factor"), [(64, 1 - 3 * 0.0667), (67, 1.0), (70, 1 + 3 * 0.08)])
def test_claiming_early_or_late_pays_the_adjusted_amount_from_january_of_the_claim_year(claim_age, factor):
    plan = household_plan([pension("state_pension", monthly_amount="2000.00", claim_age=claim_age, full_age=67,
                                   early_reduction="6.67", late_increase=8)])
    income = monthly(plan).stream_income[:, 0]
    first = january(BIRTH + claim_age)
    assert np.all(income[:first] == 0.0)
    assert income[first:] == pytest.approx(2000.0 * factor, rel=1e-12)


def test_the_claim_factor_never_goes_below_zero():
    factor = claim_factor(np.array([50.0]), np.array([80.0]), np.array([0.2]), np.array([0.08]))
    assert factor[0] == 0.0


# --------------------------------------------------------------------------------------------
# Workplace pension: the lump sum


def test_the_lump_sum_is_paid_once_and_the_pension_is_reduced_by_the_share_given_up():
    plan = household_plan([pension("workplace_pension", monthly_amount="1200.00", start_age=65, indexation=0,
                                   lump_sum_share=25, commutation_factor=12, survivor_share=50)], inflation="2.0")
    income = monthly(plan).stream_income[:, 0]
    first = january(BIRTH + 65)
    at_start = 1200.0 * 1.02 ** (first / 12)  # today's 1,200 in the money of the first payment
    lump_sum = 0.25 * 12 * at_start * 12
    assert np.all(income[:first] == 0.0)
    assert income[first] == pytest.approx(lump_sum + 0.75 * at_start, rel=1e-12)
    assert income[first + 1:] == pytest.approx(0.75 * at_start, rel=1e-12)
    assert income.sum() - 0.75 * at_start * (income.size - first) == pytest.approx(lump_sum, rel=1e-9)


def test_a_pension_already_paid_when_the_plan_starts_pays_no_lump_sum_again():
    plan = household_plan([pension("workplace_pension", monthly_amount="1000.00", start_age=50, lump_sum_share=25)])
    income = monthly(plan).stream_income[:, 0]
    assert income == pytest.approx(750.0, rel=1e-12)


# --------------------------------------------------------------------------------------------
# Annuity


def test_an_annuity_is_paid_for_with_liquid_money_and_pays_price_times_rate_indexed():
    savings = new_stream("high_yield_savings", "cash", START, uid="cash").with_param("apy", Decimal(0))
    savings = replace(savings.with_param("rate_drift", Decimal(0)), starting_amount=Decimal("200000.00"),
                      tax_category=TaxCategory.TAX_FREE)
    bought = START.plus(24)
    annuity = pension("annuity", start=bought, amount="100000.00", payout_rate="6.0", indexation=100)
    plan = household_plan([savings, annuity], inflation="2.0", expenses="0.00")  # nothing spent: worth adds up
    figures = monthly(plan)
    worth = figures.net_worth["nominal"][0]  # one path: every percentile is the same
    income = figures.stream_income[:, 1]
    assert worth[23] == pytest.approx(200_000.0, rel=1e-12)
    assert worth[24] == pytest.approx(100_000.0, rel=1e-12)  # the price left, no asset came in
    assert np.all(income[:25] == 0.0)  # paid in arrears: first payment the month after purchase
    months = np.arange(25, income.size)
    expected = 100_000.0 * 0.06 / 12 * 1.02 ** ((months - 25) / 12)
    assert income[25:] == pytest.approx(expected, rel=1e-9)
    assert worth[-1] == pytest.approx(100_000.0 + expected.sum(), rel=1e-6)  # pooled into the account (float32)


# --------------------------------------------------------------------------------------------
# Survivor's share and the partner


def test_the_survivor_share_is_paid_after_the_owners_last_year():
    mine = pension("state_pension", "mine", monthly_amount="2000.00", survivor_share=60)
    theirs = pension("workplace_pension", "theirs", monthly_amount="1000.00", start_age=67, survivor_share=50,
                     adult=2)
    plan = household_plan([mine, theirs], until=85, partner=(1975, 95))
    assert validate_plan(plan) == []
    figures = monthly(plan)
    assert figures.year[-1] == 1975 + 95  # the plan runs to the partner's last year
    after = january(BIRTH + 85 + 1)  # January after the first adult's last year
    mine_paid, theirs_paid = figures.stream_income[:, 0], figures.stream_income[:, 1]
    assert mine_paid[january(BIRTH + 67):after] == pytest.approx(2000.0)
    assert mine_paid[after:] == pytest.approx(0.6 * 2000.0)
    # the partner's pension starts at the partner's 67 and is never a survivor's within the plan
    assert np.all(theirs_paid[:january(1975 + 67)] == 0.0)
    assert theirs_paid[january(1975 + 67):] == pytest.approx(1000.0)


def test_derived_months_follow_the_owner_and_the_scenario():
    stream = pension("state_pension", "ss", claim_age=67)
    plan = household_plan([stream], partner=(1980, 90))
    (group,) = snapshot(plan).groups
    assert group.params[FIRST_PAYMENT][0] == january(BIRTH + 67)
    assert group.params[OWNER_LAST][0] == YearMonth(BIRTH + 95, 12).index - START.index
    later = Scenario("Claim at 70", "", (Override("stream:ss", "params.claim_age", "70"),
                                        Override("stream:ss", "params.adult", "2")))
    (group,) = snapshot(plan, later).groups
    assert group.params[FIRST_PAYMENT][0] == january(1980 + 70)
    assert group.params[OWNER_LAST][0] == YearMonth(1980 + 90, 12).index - START.index


def test_a_pension_of_adult_two_is_refused_without_a_partner():
    plan = household_plan([pension("state_pension", "Partner's pension", adult=2)])
    problems = validate_plan(plan)
    assert [p.path for p in problems] == ["streams[0].params.adult"]
    assert "partner" in problems[0].message and "Partner's pension" in problems[0].message
    assert validate_plan(household_plan([pension("state_pension", adult=2)], partner=(1975, 95))) == []
    # a scenario that hands the pension to the partner is refused the same way
    scenario = Scenario("Theirs", "", (Override("stream:state_pension", "params.adult", "2"),))
    plan = replace(household_plan([pension("state_pension")]), scenarios=(scenario,))
    assert [(p.path, "no partner" in p.message) for p in validate_plan(plan)] == [("scenarios[0]", True)]


# --------------------------------------------------------------------------------------------
# Benefit cuts


@pytest.mark.parametrize("kind", ["state_pension", "workplace_pension", "annuity"])
def test_a_benefit_cut_hits_about_its_share_of_paths_by_its_size_from_its_year(kind):
    ages = {"state_pension": {"claim_age": 60, "full_age": 60}, "workplace_pension": {"start_age": 60}}
    stream = pension(kind, indexation=0, haircut_probability=30, haircut_size=20, haircut_year=2035,
                     **ages.get(kind, {}))
    plan = household_plan([stream])
    paths = 4000
    income, _ = model_run(plan, paths=paths, seed=11)
    paid = income[:, :, 0]
    cut_from = january(2035)
    before, after = paid[cut_from - 1], paid[cut_from:]
    assert np.all(before > 0.0)
    ratio = after / before
    cut = np.isclose(ratio, 0.8, rtol=1e-12).all(axis=0)
    assert np.all(cut | np.isclose(ratio, 1.0, rtol=1e-12).all(axis=0))  # cut by exactly the size, for good
    share, error = cut.mean(), math.sqrt(0.3 * 0.7 / paths)
    assert abs(share - 0.3) < 3 * error
    # the deterministic run cuts by the expected share
    expected, _ = model_run(plan)
    assert expected[cut_from:, 0, 0] / expected[cut_from - 1, 0, 0] == pytest.approx(1 - 0.3 * 0.2, rel=1e-12)


def test_a_cut_year_before_the_first_payment_cuts_from_the_first_payment():
    plan = household_plan([pension("state_pension", monthly_amount="1000.00", haircut_probability=100,
                                   haircut_size=25, haircut_year=2030)])
    income = monthly(plan).stream_income[:, 0]
    assert income[january(BIRTH + 67):] == pytest.approx(750.0, rel=1e-12)


# --------------------------------------------------------------------------------------------
# The answer


def stop_at_55(capital: float, with_pension: bool) -> float:
    """Success of stopping at 55 (the plan's first month) with ``capital`` in an account earning
    nothing, spending 3,000 a month to 95, with or without a 1,500 state pension from 67."""
    account = new_stream("high_yield_savings", "account", START, uid="account")
    account = replace(account.with_param("apy", Decimal(0)).with_param("rate_drift", Decimal(0)),
                      starting_amount=Decimal(f"{capital:.2f}"), tax_category=TaxCategory.TAX_FREE)
    streams = [account]
    if with_pension:
        streams.append(pension("state_pension", monthly_amount="1500.00", claim_age=67, full_age=67))
    plan = household_plan(streams, expenses="3000.00", stop_age=55)
    projection = project(snapshot(plan), RunOptions(mode="deterministic"))
    assert projection.stop_month == 0
    return projection.success_probability


def test_a_state_pension_from_67_lets_the_household_stop_at_55_with_what_the_closed_form_says():
    # With no returns and no inflation, stopping at 55 needs expenses x the months to 95 less the
    # pension's total: 3,000 x 492 - 1,500 x 348.
    months = (BIRTH + 95 - 2027 + 1) * 12
    paid = months - january(BIRTH + 67)
    needed = 3000.0 * months - 1500.0 * paid
    assert (months, paid, needed) == (492, 348, 954_000.0)
    assert stop_at_55(needed + 10.0, with_pension=False) == 0.0  # without it the money runs out
    assert stop_at_55(needed + 10.0, with_pension=True) == 1.0
    # one month's gap short, the last month goes unpaid beyond the tolerance
    assert stop_at_55(needed - 1500.0 - 10.0, with_pension=True) == 0.0
