"""The answer (PRODUCT.md section 1): success from the stop month, the confident month found by
search on common paths, sound FI tests that hold 12 months in a row, and no money from nowhere."""

from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from planner.domain.defaults import new_plan, new_stream
from planner.domain.demo import demo_plan
from planner.domain.enums import FIRuleKind, IncomePolicy, Rebalancing, TaxCategory, WithdrawalMethod
from planner.domain.plan import Plan, Stream
from planner.engine.assembly import Buffers, StreamSchedule, assemble, engine_order
from planner.engine.fi_tests import FI_TEST_MONTHS, expectations, safe_rate_for_years, withdrawal_rates
from planner.engine.household import ChunkInputs, PathOutcome, StopPolicy, allocation_weights, run_household
from planner.engine.inputs import reordered, snapshot
from planner.engine.market import build_market
from planner.engine.projection import RunOptions, project, run
from planner.engine.stop_search import confirmed_month
from tests.helpers import START, over_years

DETERMINISTIC = RunOptions(mode="deterministic")
FIRST_AGE = START.year - new_plan("x", START).household.birth_year  # the household's age in the first month


def account(uid: str, amount: str, apy: str = "0", policy: IncomePolicy = IncomePolicy.REINVEST,
            start_month: int = 0) -> Stream:
    stream = new_stream("high_yield_savings", uid, START.plus(start_month), uid=uid)
    stream = stream.with_param("apy", Decimal(apy)).with_param("rate_drift", Decimal(0))
    return replace(stream, starting_amount=Decimal(amount), income_policy=policy, tax_category=TaxCategory.TAX_FREE)


def index_fund(amount: str, total_return: str = "7", dividend_yield: str = "1.5") -> Stream:
    stream = new_stream("index_fund", "fund", START, uid="fund")
    for key, value in (("total_return", total_return), ("dividend_yield", dividend_yield), ("expense_ratio", "0")):
        stream = stream.with_param(key, Decimal(value))
    return replace(stream, starting_amount=Decimal(amount), tax_category=TaxCategory.TAX_FREE)


def rental(start_month: int = 0, **params: str) -> Stream:
    """A rental owned outright (no mortgage) whose value stays put: selling it brings its price less
    the selling costs."""
    stream = new_stream("rental_property", "flat", START.plus(start_month), uid="flat")
    values = {"price": "200000.00", "down_payment": "100", "appreciation": "0", "volatility": "0",
              "monthly_rent": "1000.00", "rent_growth": "0", "vacancy": "0", "maintenance": "0", "property_tax": "0",
              "insurance": "0", "management_fee": "0", "selling_cost": "6", **params}
    for key, value in values.items():
        stream = stream.with_param(key, Decimal(value))
    return replace(stream, starting_amount=Decimal("200000.00"), tax_category=TaxCategory.TAX_FREE)


def household_plan(streams: list[Stream], *, expenses: str, savings: str = "0", inflation: str = "0",
                   years: int = 30, stop_after: int | None = None, rule: FIRuleKind = FIRuleKind.INCOME_ONLY,
                   fixed_rate: str | None = None, sell: bool = True, overdraft: str = "8",
                   method: WithdrawalMethod = WithdrawalMethod.CONSTANT_REAL) -> Plan:
    """A plan of these streams; ``stop_after``: stop saving in January of that many years from the
    start (None: never)."""
    plan = new_plan("answer", START)
    plan = replace(plan, streams=tuple(streams),
                   household=replace(plan.household, monthly_expenses=Decimal(expenses),
                                     monthly_savings=Decimal(savings), inflation=Decimal(inflation)),
                   fi_rule=replace(plan.fi_rule, kind=rule, withdrawal_method=method,
                                   fixed_withdrawal_rate=fixed_rate is not None,
                                   safe_withdrawal_rate=Decimal(fixed_rate or "4")),
                   strategy=replace(plan.strategy, rebalancing=Rebalancing.NONE),
                   assumptions=replace(plan.assumptions, sell_property_last_resort=sell,
                                       overdraft_rate=Decimal(overdraft)))
    return over_years(plan, years, None if stop_after is None else FIRST_AGE + stop_after)


# --------------------------------------------------------------------------------------------
# The headline: the earliest confident month, exact on its paths and stable on others


@pytest.fixture(scope="module")
def short_demo():
    plan = demo_plan(START)
    return snapshot(replace(plan, household=replace(plan.household, plan_until_age=80, partner_plan_until_age=78)))


#: The headline search of the tests below, on 800 paths.
SEARCHED = RunOptions(paths=800, seed=4, search=True)


@pytest.fixture(scope="module")
def searched(short_demo):
    """The short demo's projection with its search, run once for the tests that read its headline
    (a Projection is frozen; nothing changes it)."""
    return project(short_demo, SEARCHED)


@pytest.mark.slow
def test_the_confident_month_reaches_the_confidence_and_a_month_earlier_does_not(short_demo, searched):
    options = SEARCHED
    found = searched.confident
    assert found is not None and found.month is not None and found.confirmed
    at = project(short_demo, replace(options, stop_month=found.month, search=False))
    before = project(short_demo, replace(options, stop_month=found.month - 1, search=False))
    assert at.success_probability == pytest.approx(found.success, abs=1e-12) and found.success >= short_demo.confidence
    assert before.success_probability == pytest.approx(found.success_before, abs=1e-12)
    assert found.success_before < short_demo.confidence


@pytest.mark.slow
def test_the_confident_month_holds_on_other_random_paths(short_demo, searched):
    found = searched.confident
    paths = 4000
    again = project(short_demo, RunOptions(paths=paths, seed=77, stop_month=found.month))
    error = math.sqrt(short_demo.confidence * (1 - short_demo.confidence) / paths)
    search_error = math.sqrt(short_demo.confidence * (1 - short_demo.confidence) / 800)
    assert again.success_probability >= short_demo.confidence - 3 * math.hypot(error, search_error)


@pytest.mark.slow
def test_the_success_curve_estimates_every_stop_month_from_one_search(short_demo):
    options = RunOptions(paths=400, seed=9, search=True)
    result = project(short_demo, options)
    for month in (result.stop_month - 60, result.stop_month, result.stop_month + 36):
        exact = project(short_demo, replace(options, stop_month=month, search=False)).success_probability
        assert abs(result.success_at(month) - exact) <= 0.02  # a few paths may differ, not more
    assert result.success_at(result.stop_month) == pytest.approx(result.success_probability, abs=0.02)
    curve = result.success_curve
    assert curve[0] <= curve[len(curve) // 2] <= curve[-1]


def test_confirming_moves_the_estimate_to_the_exact_crossing():
    curve = np.array([0.1, 0.5, 0.85, 0.91, 0.95, 0.99])  # the estimate crosses 0.9 in month 3
    exact = {0: 0.1, 1: 0.5, 2: 0.9, 3: 0.9, 4: 0.93, 5: 0.99}  # the exact runs cross a month earlier
    asked: list[int] = []

    def run(months: list[int]) -> dict[int, float]:
        asked.extend(months)
        return {m: exact[m] for m in months}

    assert confirmed_month(curve, 0.9, run) == (2, 0.9, 0.5)
    assert sorted(set(asked)) == [1, 2, 3]
    assert confirmed_month(curve, 0.999, run) == (None, 0.99, None)  # not even the last month


def test_an_unreachable_answer_says_none_and_the_best_success():
    plan = household_plan([account("cash", "1000.00")], expenses="5000.00", years=20)
    result = project(snapshot(plan), RunOptions(paths=50, seed=1, search=True))
    assert result.confident.month is None and result.confident.success < 0.9


# --------------------------------------------------------------------------------------------
# Success from the stop month to the plan-until age


def test_success_counts_a_month_short_by_more_than_the_tolerance_and_running_out_is_reported():
    # 120,000 at 0 %, spending 1,000 a month from the start: paid in full for 120 months, then nothing
    plan = household_plan([account("cash", "120000.00")], expenses="1000.00", years=20, stop_after=0)
    result = project(snapshot(plan), DETERMINISTIC)
    assert result.success_probability == 0.0 and result.ruin_probability == 1.0
    assert result.shortfall_real[:10].sum() == pytest.approx(0.0, abs=1e-6)
    assert result.shortfall_real[10:].sum() == pytest.approx(12_000.0 * 10, rel=1e-9)
    longer_money = household_plan([account("cash", "240000.00")], expenses="1000.00", years=20, stop_after=0)
    assert project(snapshot(longer_money), DETERMINISTIC).success_probability == 1.0


def test_guardrail_cuts_count_as_shortfall():
    # drawing 6 % of the portfolio against a 4 % safe rate: guardrails cut spending 10 % a year
    fund = index_fund("300000.00", total_return="4", dividend_yield="0")
    plan = household_plan([fund], expenses="1500.00", years=30, stop_after=0, fixed_rate="4",
                          method=WithdrawalMethod.GUARDRAILS)
    result = project(snapshot(plan), DETERMINISTIC)
    assert result.ruin_probability == 0.0 and result.success_probability == 0.0
    assert result.shortfall_real[0] == 0.0 and result.shortfall_real[1] == pytest.approx(0.1 * 18_000, rel=1e-6)


def test_tolerance_decides_what_counts_as_failing():
    # the percent-of-portfolio method pays 4 % / 12 of about 500,000 = 1,667 against 1,800 of spending:
    # 7.4 % short at first, less as 5 % of interest grows the account
    fund = account("cash", "500000.00", apy="5")
    plan = household_plan([fund], expenses="1800.00", years=10, stop_after=0, fixed_rate="4",
                          method=WithdrawalMethod.PERCENT_OF_PORTFOLIO)
    assert project(snapshot(plan), DETERMINISTIC).success_probability == 1.0  # within 10 %
    strict = replace(plan, fi_rule=replace(plan.fi_rule, shortfall_tolerance=Decimal(5)))
    assert project(snapshot(strict), DETERMINISTIC).success_probability == 0.0


# --------------------------------------------------------------------------------------------
# Sound FI tests


def test_the_safe_rate_follows_the_years_left():
    assert safe_rate_for_years(np.array([10, 30, 35, 40, 45, 50, 70])).tolist() == pytest.approx(
        [0.04, 0.04, 0.0375, 0.035, 0.03375, 0.0325, 0.0325])
    plan = household_plan([], expenses="1000.00", years=45)
    rates = withdrawal_rates(snapshot(plan))
    assert rates[0] == pytest.approx(0.03375) and rates[15 * 12] == pytest.approx(0.04)


def test_the_four_percent_test_on_an_index_fund_fires_at_expenses_over_four_percent_not_earlier():
    # 36,000 a year of expenses at 4 %: FI needs 900,000 of liquid capital. The fund's 1.5 % of
    # dividends must not be added on top (that fired at 683,000 before).
    fund = index_fund("300000.00")
    plan = household_plan([fund], expenses="3000.00", savings="4000.00", years=40,
                          rule=FIRuleKind.INCOME_PLUS_WITHDRAWALS, fixed_rate="4")
    result = project(snapshot(plan), replace(DETERMINISTIC, monthly=True))
    worth = result.monthly.net_worth["nominal"][3].astype(np.float64)
    first = int(np.argmax(worth >= 900_000.0))
    assert worth[first] >= 900_000.0 > worth[first - 1] > 683_000.0
    assert result.median_fi_month == first + FI_TEST_MONTHS - 1


def test_the_income_test_counts_only_the_real_part_of_interest():
    # 3 % interest with 3 % inflation is no real income, however large the account
    rich = [account("cash", "50000000.00", apy="3")]
    flat = household_plan(rich, expenses="3000.00", inflation="3", years=10)
    assert project(snapshot(flat), DETERMINISTIC).median_fi_month is None
    # without inflation the same account pays 125,000 a month: FI after the 12 months
    steady = household_plan(rich, expenses="3000.00", inflation="0", years=10)
    assert project(snapshot(steady), DETERMINISTIC).median_fi_month == FI_TEST_MONTHS - 1
    # the erosion read by the test is inflation's monthly share of the account
    snap = snapshot(flat)
    market = build_market(snap.months, 1, snap.inflation, snap.return_model, np.random.default_rng(0), True)
    streams = assemble(snap, StreamSchedule.of(snap), market, Buffers())
    erosion = expectations(snap, streams, market.price_level).erosion
    assert erosion[:, 0] == pytest.approx(1 - 1.03 ** (-1 / 12))


def test_income_that_decays_or_ends_is_not_counted_as_permanent():
    # an e-book selling 30 % less each year pays 3,000 a month now: not FI against 2,000 of expenses
    ebook = new_stream("digital_product", "ebook", START, uid="ebook")
    for key, value in (("launch_sales", "300"), ("price", "10.00"), ("platform_fee", "0"), ("sales_decay", "-30"),
                       ("shock_probability", "0")):
        ebook = ebook.with_param(key, Decimal(value))
    ebook = replace(ebook, tax_category=TaxCategory.TAX_FREE)
    plan = household_plan([ebook], expenses="2000.00", years=30)
    assert project(snapshot(plan), DETERMINISTIC).median_fi_month is None
    steady = replace(plan, streams=(ebook.with_param("sales_decay", Decimal(0)),))
    assert project(snapshot(steady), DETERMINISTIC).median_fi_month == FI_TEST_MONTHS - 1


def test_a_purchase_committed_for_later_delays_fi_rather_than_hastening_it():
    # a rental bought in year 3 with most of the money: before, the withdrawal test must not count
    # the money already spoken for
    cash = account("cash", "900000.00")
    later = rental(start_month=36, monthly_rent="400.00")
    plan = household_plan([cash, later], expenses="2500.00", years=30, rule=FIRuleKind.INCOME_PLUS_WITHDRAWALS,
                          fixed_rate="4")
    with_purchase = project(snapshot(plan), DETERMINISTIC).median_fi_month
    without = project(snapshot(replace(plan, streams=(cash,))), DETERMINISTIC).median_fi_month
    assert without == FI_TEST_MONTHS - 1  # 4 % of 900,000 covers 2,500 a month at once
    assert with_purchase is None or with_purchase > without


def fi_run(growth_path: list[float], income_rate: float = 0.0) -> PathOutcome:
    """One path holding 950,000 in a fund whose monthly growth is ``growth_path`` (then flat), tested by
    the 4 % withdrawal test against 3,000 a month (FI needs 900,000)."""
    plan = household_plan([index_fund("950000.00", dividend_yield="0")], expenses="3000.00", years=5,
                          rule=FIRuleKind.INCOME_PLUS_WITHDRAWALS, fixed_rate="4")
    snap = reordered(snapshot(plan), engine_order(snapshot(plan)))
    schedule = StreamSchedule.of(snap)
    market = build_market(snap.months, 1, snap.inflation, snap.return_model, np.random.default_rng(0), True)
    streams = assemble(snap, schedule, market, Buffers())
    expect = expectations(snap, streams, market.price_level)
    streams.growth[:] = 1.0
    streams.growth[:len(growth_path), 0, 0] = growth_path
    streams.income_after_tax[:] = income_rate
    weights = allocation_weights(snap, schedule, streams.reinvestable)
    outcome = run_household(ChunkInputs(snap, schedule, streams, market.price_level, weights, expect),
                            StopPolicy.by_rule(1, snap.months), full=False)
    assert isinstance(outcome, PathOutcome)
    return outcome


def test_fi_holds_only_after_twelve_months_in_a_row():
    assert fi_run([]).fi_month[0] == FI_TEST_MONTHS - 1
    # a dip below 900,000 in month 6 (855,000) starts the count again from month 7
    dipped = fi_run([1.0] * 6 + [0.9, 1 / 0.9])
    assert dipped.fi_month[0] == 7 + FI_TEST_MONTHS - 1
    assert dipped.stop_month[0] == dipped.fi_month[0] + 1  # following the rule: saving stops after it
    # income on the same capital is never added on top of the withdrawal rate
    assert fi_run([1.0] * 6 + [0.9, 1 / 0.9], income_rate=0.01).fi_month[0] == 7 + FI_TEST_MONTHS - 1


# --------------------------------------------------------------------------------------------
# No money from nowhere: property sales and overdrafts


def test_a_last_resort_sale_keeps_a_household_with_a_rental_and_little_cash_from_running_out():
    flat = rental(monthly_rent="1000.00")
    plan = household_plan([account("cash", "20000.00"), flat], expenses="3000.00", years=5, stop_after=0)
    sold = project(snapshot(plan), DETERMINISTIC)
    kept = project(snapshot(replace(plan, assumptions=replace(plan.assumptions, sell_property_last_resort=False))),
                   DETERMINISTIC)
    assert kept.ruin_probability == 1.0 and kept.success_probability == 0.0
    figures = next(f for f in sold.streams if f.name == "flat")
    assert figures.last_resort_share == 1.0
    # 20,000 lasts 10 months at 2,000 a month net of the rent; in month 10 the flat goes for 94 % of
    # 200,000 (after that month's rent), which pays 2,000 then and 3,000 in each of the last 49 months
    assert figures.sales_real[0] == pytest.approx(0.94 * 200_000.0)
    assert sold.ruin_probability == 0.0 and sold.success_probability == 1.0
    assert sold.net_worth["nominal"][3][-1] == pytest.approx(188_000 - 2000 - 3000 * 49, rel=1e-9)


def test_a_planned_sale_at_the_end_month_brings_the_value_less_selling_costs():
    flat = replace(rental(monthly_rent="0.00"), end=START.plus(23))
    plan = household_plan([account("cash", "0.00"), flat], expenses="100000000", years=5)
    result = project(snapshot(plan), DETERMINISTIC)
    worth = result.net_worth["nominal"][3]
    assert worth[1] == pytest.approx(200_000.0)  # still owned at the end of year 2 (month 23)
    assert worth[2] == pytest.approx(0.94 * 200_000.0)  # sold at the start of month 24
    assert next(f for f in result.streams if f.name == "flat").sales_real[2] == pytest.approx(188_000.0)


def test_money_owed_costs_the_overdraft_rate():
    # a locked stake bought in month 0 with nothing liquid: 100,000 owed at 8 % a year
    stake = replace(new_stream("real_estate_crowdfunding", "stake", START.plus(1), uid="stake"),
                    starting_amount=Decimal(100_000))
    for key in ("target_yield", "appreciation", "fees", "loss_rate"):
        stake = stake.with_param(key, Decimal(0))
    plan = household_plan([stake], expenses="100000000", years=5)
    worth = project(snapshot(plan), DETERMINISTIC).net_worth["nominal"][3]
    owed_months = np.arange(11, 60, 12) - 1  # owed from the end of month 1, charged from month 2 on
    assert worth == pytest.approx(100_000.0 - 100_000.0 * 1.08 ** (owed_months / 12.0), rel=1e-9)
    free = replace(plan, assumptions=replace(plan.assumptions, overdraft_rate=Decimal(0)))
    assert project(snapshot(free), DETERMINISTIC).net_worth["nominal"][3] == pytest.approx(np.zeros(5), abs=1e-6)


PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(cash=st.sampled_from(["0.00", "15000.00", "400000.00"]), savings=st.sampled_from(["0", "1500.00"]),
       expenses=st.sampled_from(["800.00", "2500.00", "6000.00"]), apy=st.sampled_from(["0", "4"]),
       rent=st.sampled_from(["0.00", "900.00"]), stop_after=st.integers(0, 12), sell=st.booleans(),
       policy=st.sampled_from([IncomePolicy.REINVEST, IncomePolicy.POOL]), selling=st.sampled_from(["0", "6", "30"]))
def test_money_is_conserved_with_sales_and_overdrafts(cash, savings, expenses, apy, rent, stop_after, sell, policy,
                                                       selling):
    # Without interest on money owed, net worth at the end is what the household had, plus what it
    # saved and earned, less what it spent and the selling costs of a property it sold.
    flat = rental(monthly_rent=rent, selling_cost=selling)
    plan = household_plan([account("cash", cash, apy=apy, policy=policy), flat], expenses=expenses, savings=savings,
                          years=15, stop_after=stop_after, sell=sell, overdraft="0")
    result = project(snapshot(plan), DETERMINISTIC)
    months, stop = result.months, result.stop_month
    income = sum(float(f.income.sum()) for f in result.streams)
    spent = float(expenses) * (months - stop) - float(result.shortfall_real.sum())
    figures = next(f for f in result.streams if f.name == "flat")
    selling_costs = float(selling) / 100 * 200_000.0 * figures.last_resort_share
    expected = float(cash) + 200_000.0 + float(savings) * stop + income - spent - selling_costs
    assert result.net_worth["nominal"][3][-1] == pytest.approx(expected, rel=1e-9, abs=0.01)


def test_year_end_money_is_deflated_with_the_price_level_at_the_end_of_the_year():
    # 100,000 at 0 % with 12 % inflation is worth 100,000 / 1.12^n in today's money after n whole years
    plan = household_plan([account("cash", "100000.00")], expenses="100000000", inflation="12", years=5)
    worth = project(snapshot(plan), DETERMINISTIC).net_worth["real"][3]
    assert worth == pytest.approx(100_000.0 / 1.12 ** np.arange(1, 6), rel=1e-12)


def test_the_first_chunk_is_shown_before_its_search_and_the_headline_follows(short_demo):
    partials = [(p.paths_done, p.projection().confident) for p in run(short_demo, RunOptions(paths=600, seed=2,
                                                                                             search=True))]
    assert partials[0][0] == 250 and partials[0][1] is None  # a chart at once; the headline is searching
    assert partials[1][0] == 250 and partials[1][1] is not None and not partials[1][1].confirmed
    assert partials[-1][0] == 600 and partials[-1][1].confirmed
