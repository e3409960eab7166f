"""History as it happened: the built-in table, its exact replay, conditional draws of the classes it
lacks, and the published backtests (Trinity study, Bengen) it must reproduce."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

from planner.domain.defaults import new_plan, new_stream
from planner.domain.enums import IncomePolicy, Rebalancing, ReturnModel, TaxCategory
from planner.engine.classes import CRYPTO, EQUITIES, INFLATION, RATES, REAL_ESTATE
from planner.engine.history import ReturnsTableError, as_it_happened_rows, parse_returns_table, replay_rows
from planner.engine.inputs import snapshot
from planner.engine.market import CORRELATION, build_market, conditional_shocks
from planner.engine.projection import RunOptions, project
from planner.services.history import built_in_history
from tests.conftest import SHARED_DATA
from tests.helpers import START, over_years

ROOT = Path(__file__).resolve().parents[3]
SHILLER = SHARED_DATA / "us_stocks_shiller_monthly.csv"


def compound(table, column: str, first: str, last: str) -> float:
    """Yearly compound rate of a column between two table months (both included)."""
    months = [table.month_text(row) for row in range(table.rows)]
    rows = slice(months.index(first), months.index(last) + 1)
    values = table.raw[column][rows] / 100.0
    return float(np.prod(1.0 + values) ** (12.0 / values.size) - 1.0)


def test_the_built_in_table_holds_the_published_long_run_figures():
    table = built_in_history()
    assert table.first_month == "1871-01" and table.month_text(table.rows - 1) == "2023-05"
    assert set(table.columns) == {"equities", "bonds", "rate", "inflation"}
    # S&P 500 with dividends 1926-2022: 10.1 % a year (Kroll SBBI yearbook); Shiller's monthly averages
    # of prices smooth it slightly, hence the half point
    assert compound(table, "equities", "1926-01", "2022-12") == pytest.approx(0.101, abs=0.005)
    assert compound(table, "inflation", "1973-01", "1982-12") == pytest.approx(0.087, abs=0.002)  # the 1970s decade
    assert compound(table, "inflation", "1926-01", "2022-12") == pytest.approx(0.029, abs=0.002)


@pytest.mark.skipif(not SHILLER.exists(), reason="the shared Shiller data is not beside this checkout")
def test_the_built_in_table_is_exactly_what_the_derivation_makes_of_shillers_data(tmp_path):
    spec = importlib.util.spec_from_file_location("derive_history", ROOT / "tools" / "derive_history.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(SHILLER, tmp_path / "derived.csv")
    shipped = ROOT / "src" / "planner" / "resources" / "us-history.csv"
    assert (tmp_path / "derived.csv").read_bytes() == shipped.read_bytes()


def test_a_par_bond_repriced_at_an_unchanged_rate_earns_its_coupon():
    spec = importlib.util.spec_from_file_location("derive_history", ROOT / "tools" / "derive_history.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.bond_return(0.06, 0.06) == pytest.approx(0.005, abs=1e-12)
    assert module.bond_return(0.05, 0.06) < 0.0 < module.bond_return(0.06, 0.05)  # prices fall when rates rise


def actual_market(months: int, first: int, paths: int):
    table = built_in_history()
    rows = as_it_happened_rows(months, first, paths)
    market = build_market(months, paths, 0.02, ReturnModel.HISTORICAL, np.random.default_rng(1), False, rows, table)
    return table, rows, market


def test_replay_as_it_happened_gives_back_the_tables_own_returns_rates_and_inflation():
    table, rows, market = actual_market(120, 300, 50)
    stocks = market.gross(np.array([0.07, 0.12]), np.array([0.15, 0.30]), EQUITIES)  # means and spreads ignored
    expected = 1.0 + table.raw["equities"][rows] / 100.0
    assert np.allclose(stocks[:, :, 0], expected, rtol=0, atol=1e-12)
    assert np.allclose(stocks[:, :, 1], expected, rtol=0, atol=1e-12)
    paid_out = market.gross(np.array([0.05]), np.array([0.15]), EQUITIES, payout=np.array([0.03]))
    assert np.allclose(paid_out[:, :, 0] * 1.03 ** (1 / 12), expected, rtol=1e-12)  # the payout comes off the price
    prices = np.cumprod(1.0 + table.raw["inflation"][rows] / 100.0, axis=0)
    assert np.allclose(market.price_level[1:], prices, rtol=1e-12)
    assert np.allclose(market.actual.rate, table.raw["rate"][rows] / 100.0)
    assert np.all(rows[0] == np.arange(300, 350)) and rows[-1, 0] == 300 + 119  # start p lives through p..p+119


def test_the_shape_with_my_means_replay_keeps_todays_behaviour():
    table = built_in_history()
    rows = replay_rows(table.rows, 120, 0, 30)
    market = build_market(120, 30, 0.02, ReturnModel.HISTORICAL_REPLAY, np.random.default_rng(1), False, rows, table)
    assert market.actual is None  # the plan's means and volatilities apply
    assert np.allclose(market.shocks[EQUITIES], table.shocks(EQUITIES)[rows])


def test_classes_the_table_lacks_are_drawn_with_their_correlation_to_the_replayed_ones():
    table = built_in_history()
    rows = replay_rows(table.rows, table.rows, 0, 40)  # every month of the table, 40 times
    known = {EQUITIES: table.shocks(EQUITIES)[rows], RATES: table.shocks(RATES)[rows]}
    draws = np.random.default_rng(5).standard_normal((5, *rows.shape))
    shocks = conditional_shocks(known, draws)
    n = rows.size

    def corr(a: int, b: int) -> float:
        return float(np.corrcoef(shocks[a].ravel(), shocks[b].ravel())[0, 1])

    # known classes come back as they were; a drawn class has unit variance
    assert np.array_equal(shocks[EQUITIES], known[EQUITIES])
    assert shocks[REAL_ESTATE].std() == pytest.approx(1.0, abs=0.02)
    # its correlation with the replayed classes and the other drawn ones is the model's, within sampling
    # error (history's own equity-rate correlation differs from the model's, hence a wider tolerance)
    tolerance = 4.0 / np.sqrt(n) + 0.03
    for a, b in ((REAL_ESTATE, EQUITIES), (CRYPTO, EQUITIES), (REAL_ESTATE, CRYPTO), (INFLATION, RATES)):
        assert corr(a, b) == pytest.approx(CORRELATION[a, b], abs=tolerance), (a, b)


# --------------------------------------------------------------------------------------------
# Published backtests. Trinity study (Cooley, Hubbard and Walz, "Sustainable Withdrawal Rates From
# Your Retirement Portfolio", AAII Journal 1998 update): 30-year payouts starting each January
# 1926-1965, inflation-adjusted withdrawals, S&P 500 and long-term high-grade corporate bonds.
# The built-in table's bonds are 10-year Treasuries (lower yields than corporates), prices are
# monthly averages, and rebalancing is yearly: bond-heavy mixes come out a few points lower.
TRINITY_4_PERCENT_30_YEARS = {100: 0.95, 75: 0.98, 50: 0.95, 25: 0.71, 0: 0.20}
TRINITY_TOLERANCE = 0.06


def portfolio_plan(stocks: int, withdrawal_rate: float, years: int = 30):
    """1,000,000 split between an index fund and a 10-year bond fund, no fees, no tax, rebalanced
    yearly, withdrawing ``withdrawal_rate`` of the start a year, raised with inflation, from today."""
    total = 1_000_000

    def stream(kind: str, share: int, **params: str):
        s = new_stream(kind, kind, START, uid=kind)
        for key, value in params.items():
            s = s.with_param(key, Decimal(value))
        return replace(s, starting_amount=Decimal(total * share // 100), tax_category=TaxCategory.TAX_FREE,
                       income_policy=IncomePolicy.REINVEST)

    streams = []
    if stocks:
        streams.append(stream("index_fund", stocks, dividend_yield="0", expense_ratio="0"))
    if stocks < 100:
        streams.append(stream("bonds", 100 - stocks, duration="7.5", default_rate="0", expense_ratio="0"))
    plan = new_plan("trinity", START)
    spending = (Decimal(total) * Decimal(str(withdrawal_rate)) / 1200).quantize(Decimal("0.01"))
    plan = replace(plan, streams=tuple(streams),
                   household=replace(plan.household, monthly_expenses=spending, monthly_savings=Decimal(0)),
                   strategy=replace(plan.strategy, safe_weight=Decimal(100 - stocks), core_weight=Decimal(stocks),
                                    speculative_weight=Decimal(0), rebalancing=Rebalancing.YEARLY),
                   assumptions=replace(plan.assumptions, return_model=ReturnModel.HISTORICAL,
                                       sell_property_last_resort=False))
    return over_years(plan, years, START.year - plan.household.birth_year)


def backtest(stocks: int, withdrawal_rate: float):
    plan = portfolio_plan(stocks, withdrawal_rate)
    return project(snapshot(plan), RunOptions(history=built_in_history(), search=False, rule=False)).backtest


def january_starts(result, first: int, last: int) -> list[int]:
    return [i for i, start in enumerate(result.starts) if start.endswith("-01") and first <= int(start[:4]) <= last]


@pytest.mark.parametrize("stocks", sorted(TRINITY_4_PERCENT_30_YEARS))
def test_four_percent_for_thirty_years_lasts_as_often_as_the_trinity_study_found(stocks):
    result = backtest(stocks, 4.0)
    starts = january_starts(result, 1926, 1965)
    assert len(starts) == 40
    lasted = float(np.mean(result.ruin_month[starts] < 0))
    assert lasted == pytest.approx(TRINITY_4_PERCENT_30_YEARS[stocks], abs=TRINITY_TOLERANCE)


def test_the_worst_year_to_retire_is_bengens_1966():
    """Bengen ("Determining Withdrawal Rates Using Historical Data", Journal of Financial Planning,
    1994): for a 50/50 portfolio the worst 30-year start 1926-1976 was January 1966. His 4.15 %
    for it used intermediate Treasuries and yearly figures; on 10-year Treasuries and monthly data
    every start lasts at 3.5 % and 1966 is the first to fail above it."""
    risky = backtest(50, 4.5)
    starts = january_starts(risky, 1926, 1976)
    worst = min(starts, key=lambda i: (risky.ruin_month[i] if risky.ruin_month[i] >= 0 else 10**6,
                                       risky.net_worth_real[i, -1]))
    assert risky.starts[worst] == "1966-01"
    safe = backtest(50, 3.5)
    assert np.all(safe.ruin_month[january_starts(safe, 1926, 1976)] < 0)


def test_a_rental_or_crowdfunding_keeps_its_own_mean_on_a_replayed_real_estate_column():
    """A REIT index's total return (dividends in) is not a rental's appreciation: streams that only
    stand in for the class keep their own mean and volatility, on the replayed shock."""
    rng = np.random.default_rng(4)
    lines = ["month,equities,real_estate,rate,inflation"]
    for index in range(240):
        lines.append(f"{1990 + index // 12}-{index % 12 + 1:02d},{rng.normal(0.8, 4):.3f},{rng.normal(0.9, 5):.3f},"
                     f"{5 + rng.normal(0, 0.2):.2f},{rng.normal(0.25, 0.2):.3f}")
    table = parse_returns_table("\n".join(lines) + "\n")
    rows = as_it_happened_rows(120, 0, 121)
    market = build_market(120, 121, 0.02, ReturnModel.HISTORICAL, np.random.default_rng(1), False, rows, table)
    reit = market.gross(np.array([0.03]), np.array([0.1]), REAL_ESTATE)
    assert np.allclose(reit[:, :, 0], 1.0 + table.raw["real_estate"][rows] / 100.0)  # the index as it happened
    own = market.gross(np.array([0.03]), np.array([0.1]), REAL_ESTATE, own_mean=True)[:, :, 0]
    sigma = np.sqrt(np.log1p((0.1 / 1.03) ** 2) / 12.0)
    assert np.allclose(np.log(own), np.log(own).mean() + sigma * (market.shocks[REAL_ESTATE] - market.shocks[
        REAL_ESTATE].mean()))  # the replayed shock, at the stream's own spread
    assert np.allclose(market.shocks[REAL_ESTATE], table.shocks(REAL_ESTATE)[rows])
    assert market.rates_replayed  # the table's rate column: rates do not follow inflation a second time


def test_a_table_with_nothing_to_replay_is_refused():
    lines = ["month,bonds"] + [f"{2000 + i // 12}-{i % 12 + 1:02d},0.3" for i in range(30)]
    with pytest.raises(ReturnsTableError, match="needs at least one of rate, equities"):
        parse_returns_table("\n".join(lines) + "\n")


def test_a_high_inflation_stress_leaves_replayed_rates_alone_in_every_history_model():
    from planner.engine.stress import StressRun, apply_to_market, preset

    table = built_in_history()
    for model, rows in ((ReturnModel.HISTORICAL_REPLAY, replay_rows(table.rows, 120, 0, 20)),
                        (ReturnModel.HISTORICAL, as_it_happened_rows(120, 0, 20))):
        market = build_market(120, 20, 0.02, model, np.random.default_rng(1), False, rows, table)
        before = market.rate_inflation.copy()
        apply_to_market(StressRun(preset("high-inflation"), 12), market)
        assert market.rates_replayed and np.array_equal(market.rate_inflation, before), model
