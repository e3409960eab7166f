"""Inflation's persistence against US CPI history, and interest rates that follow inflation.

History is Shiller's monthly CPI, 1914 on, as the built-in history table carries it (its inflation
column is CPI[t+1]/CPI[t] - 1, derived from ../shared/data by tools/derive_history.py), so these
checks run wherever the package is installed. The tolerances are the ones stated in
docs/engine.md ("Inflation"): history holds only about ten independent decades, so they are loose.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from planner.domain.enums import ReturnModel
from planner.engine.history import ReturnsTable, parse_returns_table, replay_rows
from planner.engine.market import build_market
from planner.engine.streams.base import KindContext
from planner.engine.streams.registry import MODELS
from planner.services.history import built_in_history

EXPECTED = 0.025
YEARS = 100
PATHS = 2000


@lru_cache(maxsize=4)
def cpi_since(year: int) -> np.ndarray:
    """Monthly US CPI from January of ``year`` to the end of the data, as an index (1 in January)."""
    table = built_in_history()
    first = next(row for row in range(table.rows) if table.month_text(row) == f"{year}-01")
    return np.concatenate([[1.0], np.cumprod(1.0 + table.raw["inflation"][first:] / 100.0)])


def decade_averages(log_level: np.ndarray) -> np.ndarray:
    """Yearly average inflation over every 10-year window (monthly starts); axis 0 is months."""
    return np.expm1((log_level[120:] - log_level[:-120]) / 10.0)


def yearly_log_inflation(log_level: np.ndarray) -> np.ndarray:
    """Calendar-year log inflation (January to January); axis 0 is years."""
    return log_level[12::12] - log_level[:-12:12]


def lag_one_autocorrelation(yearly: np.ndarray) -> float:
    """Pooled lag-1 autocorrelation around the overall mean (paths along axis 1, if any)."""
    centred = yearly - yearly.mean()
    return float(np.sum(centred[1:] * centred[:-1]) / np.sum(centred * centred))


@lru_cache(maxsize=2)
def model_log_level(model: ReturnModel = ReturnModel.LOGNORMAL) -> np.ndarray:
    market = build_market(12 * YEARS, PATHS, EXPECTED, model, np.random.default_rng(11), deterministic=False)
    return np.log(market.price_level)


def test_mean_log_inflation_is_the_expected_rate():
    yearly = yearly_log_inflation(model_log_level())
    per_path = yearly.mean(axis=0)  # paths are independent, so their spread gives the error
    standard_error = per_path.std() / np.sqrt(PATHS)
    assert abs(per_path.mean() - np.log1p(EXPECTED)) < 4 * standard_error


def test_spread_of_ten_year_average_inflation_is_historys():
    """The sd within 25 % of US CPI's since 1914, and the 1st and 99th percentiles, taken around
    each median, within 1.5 points of history's."""
    history = decade_averages(np.log(cpi_since(1914)))
    model = decade_averages(model_log_level())
    assert model.std() == pytest.approx(history.std(), rel=0.25)
    for q in (1, 99):
        gap_history = np.percentile(history, q) - np.median(history)
        gap_model = np.percentile(model, q) - np.median(model)
        assert gap_model == pytest.approx(gap_history, abs=0.015)


def test_yearly_inflation_has_historys_memory():
    """Autocorrelation in 0.55-0.85 (US CPI: 0.62 since 1914, 0.72 since 1950); yearly sd between
    post-1950 history's and the war-heavy since-1914 figure."""
    model = yearly_log_inflation(model_log_level())
    assert 0.55 <= lag_one_autocorrelation(model) <= 0.85
    since_1914 = np.std(np.expm1(yearly_log_inflation(np.log(cpi_since(1914)))))
    since_1950 = np.std(np.expm1(yearly_log_inflation(np.log(cpi_since(1950)))))
    assert 0.9 * since_1950 <= np.std(np.expm1(model)) <= since_1914


@pytest.mark.parametrize("model", [ReturnModel.LOGNORMAL, ReturnModel.STUDENT_T, ReturnModel.REGIME_SWITCHING])
def test_a_decade_like_1973_82_is_rare_but_possible(model):
    """US CPI rose 8.7 % a year 1973-82; history since 1914 had such a decade in 0.5 % of windows."""
    cpi = cpi_since(1914)
    assert np.expm1(np.log(cpi[(1983 - 1914) * 12] / cpi[(1973 - 1914) * 12]) / 10) == pytest.approx(0.087, abs=5e-4)
    share = np.mean(decade_averages(model_log_level(model)) >= 0.087)
    assert 0.0005 < share < 0.02


# --------------------------------------------------------------------------------------------
# Rates follow inflation

def rate_kinds(months: int, paths: int, seed: int, deterministic: bool = False,
               level: float = 0.04) -> dict[str, np.ndarray]:
    """Savings APY, the CD ladder's earned rate and the bond yield (``level`` entered for all,
    bonds half a point above), yearly, (months, paths); and each month's inflation."""
    market = build_market(months, paths, EXPECTED, ReturnModel.LOGNORMAL, np.random.default_rng(seed), deterministic)
    params = {
        "high_yield_savings": {"apy": level, "rate_drift": 0.01},
        "certificate_of_deposit": {"apy": level, "rate_drift": 0.01, "term_months": 12.0,
                                   "early_withdrawal_penalty_months": 3.0},
        "bonds": {"bond_yield": level + 0.005, "duration": 6.0, "default_rate": 0.0, "recovery_rate": 0.4,
                  "rate_volatility": 0.01, "expense_ratio": 0.0},
    }
    rates = {}
    for kind, values in params.items():
        ctx = KindContext(market, {k: np.array([v]) for k, v in values.items()}, np.arange(months)[:, None],
                          np.arange(months) % 12)
        income = np.broadcast_to(MODELS[kind](ctx).income_rate, (months, market.paths, 1))[:, :, 0]
        rates[kind] = 12.0 * income if kind == "bonds" else np.power(1.0 + income, 12.0) - 1.0
    rates["inflation"] = np.expm1(np.diff(np.log(market.price_level), axis=0) * 12.0)
    return rates


def test_yields_rise_with_the_paths_inflation():
    """Over years 3-10 of a plan, paths whose inflation ran high pay more on cash and bonds, about
    one for one (the pass-through)."""
    months, paths = 120, 4000
    rates = rate_kinds(months, paths, seed=3)
    inflation = rates["inflation"][24:].mean(axis=0)
    for kind in ("high_yield_savings", "certificate_of_deposit", "bonds"):
        earned = rates[kind][24:].mean(axis=0)
        slope = np.polyfit(inflation, earned, 1)[0]
        assert 0.5 < slope < 1.2, kind
    high = inflation > np.percentile(inflation, 90)
    assert rates["bonds"][24:, high].mean() > rates["bonds"][24:].mean() + 0.02


def test_yields_keep_their_mean_when_inflation_is_at_its_expectation():
    """Deterministic runs (inflation exactly as expected) keep the entered rates; in Monte Carlo
    the inflation term has mean zero, so mean yields stay at the entered level (entered high
    enough that the zero floor never binds)."""
    fixed = rate_kinds(60, 1, seed=1, deterministic=True)
    assert fixed["high_yield_savings"] == pytest.approx(np.full((60, 1), 0.04))
    assert fixed["bonds"] == pytest.approx(np.full((60, 1), 0.045))
    drawn = rate_kinds(60, 20000, seed=2, level=0.25)
    for kind, entered in (("high_yield_savings", 0.25), ("certificate_of_deposit", 0.25), ("bonds", 0.255)):
        yields = drawn[kind]
        assert yields.min() > 0.0, kind
        standard_error = yields.mean(axis=0).std() / np.sqrt(yields.shape[1])
        assert abs(yields.mean() - entered) < 4 * standard_error, kind


def test_thirty_year_average_inflation_spreads_like_historys():
    """Long plans depend on the spread of 30-year averages: within 25 % of US CPI's since 1914."""
    def thirty_year(log_level: np.ndarray) -> np.ndarray:
        return np.expm1((log_level[360:] - log_level[:-360]) / 30.0)

    assert thirty_year(model_log_level()).std() == pytest.approx(thirty_year(np.log(cpi_since(1914))).std(), rel=0.25)


def replay_table(columns: str) -> ReturnsTable:
    """A 36-month table whose inflation runs high and whose rate column (if any) rises with it."""
    lines = [f"month,{columns}"]
    for month in range(36):
        values = {"inflation": f"{0.2 + 0.02 * month:.2f}", "rate": f"{3 + 0.1 * month:.1f}",
                  "equities": f"{(-1) ** month:.1f}"}
        lines.append(f"{2000 + month // 12}-{month % 12 + 1:02d}," + ",".join(values[c] for c in columns.split(",")))
    return parse_returns_table("\n".join(lines) + "\n")


@pytest.mark.parametrize(("columns", "follows"), [("equities,inflation", True), ("rate,inflation", False)])
def test_replayed_rates_are_not_lifted_twice_by_inflation(columns, follows):
    """A table's own rate column already carries its inflation: rates then do not follow it again;
    without one, rates follow the replayed inflation."""
    table = replay_table(columns)
    rows = replay_rows(table.rows, 36)
    market = build_market(36, rows.shape[1], EXPECTED, ReturnModel.HISTORICAL_REPLAY, np.random.default_rng(1),
                          False, rows, table)
    assert bool(np.any(market.rate_inflation != 0.0)) == follows


def test_the_decaying_sum_is_its_closed_form():
    from planner.engine.market import decaying_sum

    months = np.arange(60)
    series = decaying_sum(np.full((60, 3), 2.0), 0.9, start=np.array([0.0, 1.0, -5.0]))
    # level(m) = start k^m + c (1 - k^m) / (1 - k)
    expected = np.array([0.0, 1.0, -5.0]) * 0.9 ** months[:, None] + 2.0 * (1 - 0.9 ** months[:, None]) / 0.1
    assert np.allclose(series, expected, rtol=1e-12)
