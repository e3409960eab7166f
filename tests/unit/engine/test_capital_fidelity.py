"""Capital streams behave like the products they model (issue 20): the trading bot's risks start
with it and its market is its own, exit costs and lock-ups hold for rebalancing too, crowdfunding
moves with property, dividend cuts come in bad months and heal, and losses are netted against a
year's gains before tax. Expectations come from closed forms or from the products' own rules."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest

from planner.domain.catalogue import KINDS, completed_params
from planner.domain.enums import Rebalancing, ReturnModel, Sleeve, TaxCategory
from planner.engine.assembly import Buffers, StreamSchedule, assemble, engine_order
from planner.engine.fi_tests import after_tax_by_year, expectations
from planner.engine.household import ChunkInputs, StopPolicy, allocation_weights, run_household
from planner.engine.inputs import reordered, snapshot
from planner.engine.market import EQUITIES, REAL_ESTATE, build_market, monthly_sigma
from planner.engine.projection import RunOptions, project
from planner.engine.streams import MODELS
from tests.helpers import START
from tests.unit.engine.test_closed_forms import DETERMINISTIC, kind_context, make_plan, stream, year_end_worth


def with_sleeves(plan, safe: str, core: str, speculative: str, rebalancing: Rebalancing | None = None):
    strategy = replace(plan.strategy, safe_weight=Decimal(safe), core_weight=Decimal(core),
                       speculative_weight=Decimal(speculative))
    if rebalancing is not None:
        strategy = replace(strategy, rebalancing=rebalancing)
    return replace(plan, strategy=strategy)


# --------------------------------------------------------------------------------------------
# Trading bot


def test_a_bot_starting_later_is_not_stopped_by_risks_before_it_starts():
    # A bot starting in month 60: in its first month only that month's failure (10 % a year) or a
    # 30 % fall in one month (impossible at 25 % a year) can have stopped it. Was 94 % of paths.
    ctx = kind_context("trading_bot", 72, paths=2000, deterministic=False, seed=3, age=-60,
                       failure_probability=10, stop_loss=30)
    growth = MODELS["trading_bot"](ctx).growth
    stopped_at_start = np.mean(growth[61, :, 0] == 1.0)
    assert stopped_at_start < 0.03


def test_the_bot_has_a_market_of_its_own():
    # Sold as market-neutral: its monthly log return has the entered volatility and no correlation
    # with the equity shock (was 0.74); the same seed draws the same returns.
    params = {"failure_probability": 0, "stop_loss": 0, "volatility": 25, "excess_return": 0, "fees": 0}
    ctx = kind_context("trading_bot", 24, paths=2000, deterministic=False, seed=5, **params)
    log_growth = np.log(MODELS["trading_bot"](ctx).growth[:, :, 0]).ravel()
    equities = ctx.market.shocks[EQUITIES].ravel()
    assert abs(np.corrcoef(log_growth, equities)[0, 1]) < 4.0 / np.sqrt(log_growth.size)
    sigma = float(monthly_sigma(np.array([0.0]), np.array([0.25]))[0])
    assert np.std(log_growth) == pytest.approx(sigma, rel=0.02)
    again = MODELS["trading_bot"](kind_context("trading_bot", 24, paths=2000, deterministic=False, seed=5, **params))
    assert np.array_equal(again.growth[:, :, 0], np.exp(log_growth).reshape(24, 2000))


def test_a_stopped_bot_takes_no_new_money():
    # A 1 % stop-loss at 100 % volatility stops every bot within its first year. From then on every
    # saving goes to the savings account (0 %): its value rises by the savings (500 a month in
    # today's money, so nominal up to the paths' inflation, plus the little interest its rate gains
    # when inflation runs above expectation), and the bot's by nothing, even with yearly rebalancing
    # toward a 50/50 mix. Was half the savings into each.
    bot = stream("trading_bot", amount="1000", stop_loss=1, volatility=100, failure_probability=0,
                 excess_return=0, fees=0)
    cash = stream("high_yield_savings", amount="1000", apy=0, rate_drift=0)
    plan = with_sleeves(make_plan([bot, cash], savings="500", years=5, paths=200), "50", "0", "50",
                        Rebalancing.YEARLY)
    sleeves = project(snapshot(plan), RunOptions(paths=200, seed=11)).sleeve_value
    safe, speculative = sleeves[:, 0], sleeves[:, 2]
    assert 0.99 * 3 * 12 * 500.0 <= safe[4] - safe[1] <= 1.04 * 3 * 12 * 500.0
    assert speculative[4] == pytest.approx(speculative[1], rel=1e-9)


# --------------------------------------------------------------------------------------------
# Exit costs and lock-ups


def test_rebalancing_out_of_a_collectible_pays_its_haircut():
    # 10,000 of collectibles (flat price, 20 % haircut) and an empty savings account, 50/50 yearly:
    # in December 5,000 is sold, 1,000 of it lost, and 4,000 reaches the account (was 10,000). The
    # next December 5,000 / 4,000 is off target again: 500 is sold and 100 of it lost.
    items = stream("digital_collectibles", amount="10000", expected_return=0, volatility=0, liquidity_haircut=20)
    cash = stream("high_yield_savings", amount="0", apy=0, rate_drift=0)
    plan = with_sleeves(make_plan([items, cash], years=2), "50", "0", "50", Rebalancing.YEARLY)
    worth = year_end_worth(plan)
    assert worth[0] == pytest.approx(9000.0)
    assert worth[1] == pytest.approx(8900.0)


def test_rebalancing_out_of_a_cd_ladder_costs_its_penalty():
    # A CD ladder at 6 % (core) and an empty account (safe), 50/50 in December: half the ladder is
    # taken out, losing 3 months of interest, 3 x ((1.06)^(1/12) - 1), of what is taken out.
    cd = stream("certificate_of_deposit", amount="10000", apy=6, rate_drift=0, early_withdrawal_penalty_months=3)
    cash = stream("high_yield_savings", amount="0", apy=0, rate_drift=0)
    plan = with_sleeves(make_plan([replace(cd, sleeve=Sleeve.CORE), cash], years=1), "50", "50", "0",
                        Rebalancing.YEARLY)
    monthly = 1.06 ** (1 / 12) - 1
    before = 10000.0 * (1 + monthly) ** 12
    penalty = 3 * monthly
    moved = before / 2
    expected = before - moved * penalty
    assert year_end_worth(plan)[0] == pytest.approx(expected, rel=1e-9)


def test_staked_money_cannot_be_taken_out_during_its_lock_up():
    # Spending of 500 a month from month 0, and all money staked with a 12-month lock-up: the first
    # year's spending goes unpaid, the second year's is paid. Was paid from the first month.
    staked = stream("crypto_staking", amount="100000", staking_apr=0, token_return=0, volatility=0,
                    lockup_months=12, slashing_probability=0)
    base = make_plan([staked], expenses="500", years=2)
    stop_age = START.year - base.household.birth_year
    plan = replace(base, household=replace(base.household, target_fi_age=stop_age))
    result = project(snapshot(plan), DETERMINISTIC)
    assert result.stop_month == 0
    assert result.shortfall_real[0] == pytest.approx(12 * 500.0)
    assert result.shortfall_real[1] == pytest.approx(0.0, abs=1e-6)


# --------------------------------------------------------------------------------------------
# The demo


def test_the_demo_stablecoin_pool_barely_moves_in_price_ratio():
    from tests.helpers import demo

    (pool,) = [s for s in demo().streams if s.kind == "liquidity_pool"]
    assert "stablecoin" in pool.name.lower()
    assert pool.param("price_ratio_volatility") <= Decimal("5")


def test_the_shock_models_keep_the_bot_independent_under_fat_tails():
    ctx = kind_context("trading_bot", 24, paths=2000, deterministic=False, seed=9, model=ReturnModel.STUDENT_T,
                       failure_probability=0, stop_loss=0, excess_return=0, fees=0)
    growth = MODELS["trading_bot"](ctx).growth[:, :, 0]
    assert np.mean(growth) == pytest.approx(1.0, abs=4 * np.std(growth) / np.sqrt(growth.size))


# --------------------------------------------------------------------------------------------
# Real-estate crowdfunding


def test_crowdfunding_moves_with_the_real_estate_market():
    # Its value rides the real-estate shock (correlation 1 without project losses; was a fixed
    # drift, 0 volatility), keeps the entered mean and has the entered yearly volatility.
    ctx = kind_context("real_estate_crowdfunding", 24, paths=4000, deterministic=False, seed=2, appreciation=3,
                       volatility=10, loss_rate=0, fees=0)
    growth = MODELS["real_estate_crowdfunding"](ctx).growth[:, :, 0]
    shock = ctx.market.shocks[REAL_ESTATE]
    assert np.corrcoef(np.log(growth).ravel(), shock.ravel())[0, 1] > 0.999
    assert growth.mean() == pytest.approx(1.03 ** (1 / 12), abs=4 * growth.std() / np.sqrt(growth.size))
    yearly = growth[:12].prod(axis=0)
    assert yearly.std() == pytest.approx(0.10, rel=0.05)


def test_crowdfunding_defaults_pay_what_platforms_pay():
    # Platforms distribute about 2-4 % a year (was a 7 % target); the default volatility is neither
    # zero nor a listed REIT's.
    crowdfunding = KINDS["real_estate_crowdfunding"]
    assert Decimal(2) <= crowdfunding.param("target_yield").default <= Decimal(4)
    assert Decimal(5) <= crowdfunding.param("volatility").default < KINDS["reit"].param("volatility").default


def test_an_older_crowdfunding_stream_takes_the_default_volatility():
    # A stream written before the parameter existed (JSON format 3, or a plan file of schema 0004)
    # loads with the catalogue default in catalogue order.
    before = (("target_yield", Decimal(7)), ("lockup_months", Decimal(60)), ("loss_rate", Decimal("1.5")),
              ("appreciation", Decimal(1)), ("fees", Decimal(1)))
    completed = completed_params("real_estate_crowdfunding", before)
    assert [key for key, _ in completed] == [spec.key for spec in KINDS["real_estate_crowdfunding"].params]
    assert dict(completed)["volatility"] == KINDS["real_estate_crowdfunding"].param("volatility").default
    assert dict(completed)["target_yield"] == Decimal(7)  # the user's own figures stay
    assert completed_params("reit", (("dividend_yield", Decimal(4)),)) == (("dividend_yield", Decimal(4)),)


# --------------------------------------------------------------------------------------------
# Dividend cuts

CUTS = {"price_return": 0, "dividend_growth": 0, "volatility": 0, "cut_probability": 20, "cut_size": 20}


def cut_level(seed: int, months: int = 150, paths: int = 4000):
    """The dividend's level against its trend (no price moves, no growth: income / yield), its
    market's shocks, and the months a cut hit (a fall of more than 10 % from one month to the next)."""
    ctx = kind_context("dividend_stocks", months, paths=paths, deterministic=False, seed=seed, **CUTS)
    level = MODELS["dividend_stocks"](ctx).income_rate[:, :, 0] * 12.0 / ctx.params["dividend_yield"][0]
    hits = np.log(level[1:] / level[:-1]) < -0.1  # a cut in month m shows from month m + 1
    return level, ctx.market.shocks[EQUITIES][:-1], hits


def test_dividend_cuts_come_in_months_the_market_falls():
    # The cut chance is tilted by exp(-z) / E[exp(-z)]: under normal shocks the shock of a cut month
    # has mean -1 (it was independent of the market: mean 0), and cuts keep their yearly chance.
    _, shocks, hits = cut_level(seed=4)
    count = hits.sum()
    assert shocks[hits].mean() == pytest.approx(-1.0, abs=4.0 / np.sqrt(count))
    monthly = 1 - 0.8 ** (1 / 12)
    assert hits.mean() == pytest.approx(monthly, abs=4 * np.sqrt(monthly / hits.size))


def test_a_cut_dividend_recovers_toward_its_trend():
    # A path cut once, in month m, against the paths never cut: 80 % from month m + 1, then the gap
    # halves every 30 months (was 80 % for good).
    level, _, hits = cut_level(seed=6)
    once = np.flatnonzero((hits.sum(axis=0) == 1) & (hits[:40].sum(axis=0) == 1))
    never = np.flatnonzero(hits.sum(axis=0) == 0)
    assert once.size > 20 and never.size > 20
    for path in once[:20]:
        month = int(np.argmax(hits[:, path])) + 1
        for later in (0, 30, 60):
            ratio = level[month + later, path] / level[month + later, never[0]]
            assert ratio == pytest.approx(0.8 ** (0.5 ** (later / 30)), rel=1e-9)


def test_cuts_leave_the_mean_dividend_on_its_entered_growth():
    # Normalized by its expected level, the dividend's mean stays on its trend (1 here, no growth) at
    # every horizon; before, cuts compounded for good: 0.58 after 12 years at these figures.
    level, _, _ = cut_level(seed=8)
    for month in (12, 60, 149):
        row = level[month]
        assert row.mean() == pytest.approx(1.0, abs=4 * row.std() / np.sqrt(row.size))


# --------------------------------------------------------------------------------------------
# Tax: a year's losses are netted against its gains


def test_a_rental_s_repair_month_is_netted_against_the_year_s_rent_before_tax():
    # A rental without a mortgage earns about 1,000 a month and loses thousands in a repair month.
    # Tax is charged on each calendar year's net result, rate x max(year's result, 0): a stream's
    # after-tax result over a year is Y - rate max(Y, 0) with Y its pre-tax result (before, every
    # positive month was taxed and the repair month was not: Y - rate x the positive months' sum).
    flat = stream("rental_property", amount="300000", tax=TaxCategory.RENTAL, down_payment=100, vacancy=0,
                  maintenance=3, appreciation=0, volatility=0, rent_growth=0)
    cash = stream("high_yield_savings", amount="100000", apy=0, rate_drift=0)  # pays the repairs
    plan = make_plan([cash, flat], years=6, paths=300)
    rate = float(plan.assumptions.tax_rate(TaxCategory.RENTAL)) / 100.0
    assert rate > 0
    snap = reordered(snapshot(plan), engine_order(snapshot(plan)))
    schedule = StreamSchedule.of(snap)
    market = build_market(snap.months, 300, snap.inflation, snap.return_model, np.random.default_rng(3), False)
    streams = assemble(snap, schedule, market, Buffers())
    expect = expectations(snap, streams, market.price_level)
    weights = allocation_weights(snap, schedule, streams.reinvestable)
    record = run_household(ChunkInputs(snap, schedule, streams, market.price_level, weights, expect),
                           StopPolicy.at(snap.months, 300))
    before_tax = streams.fixed_income[:, 0, :].astype(np.float64).reshape(6, 12, 300)
    assert (before_tax < 0).any(axis=1).mean() > 0.05  # a repair in about one year in ten
    year = before_tax.sum(axis=1)
    expected = (year - rate * np.maximum(year, 0.0)).sum(axis=1)
    assert (record.outcome.sold_month < 0).all()
    assert record.stream_income[:, 1] == pytest.approx(expected, rel=1e-9)


def test_tax_netting_within_a_year_and_not_across_years():
    # 1,000, then a 3,000 loss, then 1,000 at 25 %: 250 is paid, then given back; the year ends at
    # -1,000 with no tax. The next January starts afresh: 1,000 is taxed again.
    before = np.array([[1000.0], [-3000.0], [1000.0], [1000.0]])
    after = after_tax_by_year(before, np.array([0.25]), np.array([10, 11, 0, 1]))
    assert after[:, 0] == pytest.approx([750.0, -2750.0, 750.0, 750.0])
    after = after_tax_by_year(before, np.array([0.25]), np.array([0, 1, 2, 3]))
    assert after[:, 0] == pytest.approx([750.0, -2750.0, 1000.0, 1000.0])
