"""Per-stream figures behind the risk-versus-yield chart: amount, yield and risk."""

from __future__ import annotations

import math

import pytest

from planner.domain.enums import IncomePolicy
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, project
from tests.unit.engine.test_closed_forms import DETERMINISTIC, make_plan, stream


def figures(plan, options=DETERMINISTIC):
    return {f.name: f for f in project(snapshot(plan), options).streams}


def test_yield_of_a_paid_out_savings_account_is_its_monthly_rate_times_twelve():
    # Paid out, the capital stays at 10,000, so each month pays 10,000 ((1.05)^(1/12) - 1).
    plan = make_plan([stream("high_yield_savings", "Savings", amount="10000.00", policy=IncomePolicy.PAY_OUT,
                             apy="5.0", rate_drift=0)], years=10)
    savings = figures(plan)["Savings"]
    assert savings.amount == 10000.0
    # the fraction (1.05)^(1/12) - 1 is paid each month on one unit held
    assert savings.yield_rate == pytest.approx(12 * (1.05 ** (1 / 12) - 1), rel=1e-9)
    assert savings.risk == 0.0  # one expected path has no spread


def test_yield_is_per_unit_for_capital_and_undefined_for_a_business_with_nothing_put_in():
    plan = make_plan([stream("high_yield_savings", "Empty", amount="0.00", apy="5.0", rate_drift=0),
                      stream("digital_product", "Ebook", amount="0.00")], years=3)
    result = figures(plan)
    assert result["Empty"].yield_rate == pytest.approx(12 * (1.05 ** (1 / 12) - 1))  # what a unit would earn
    assert math.isnan(result["Ebook"].yield_rate)


def test_a_stock_fund_is_riskier_than_a_savings_account():
    plan = make_plan([stream("high_yield_savings", "Savings", amount="10000.00", apy="4.0", rate_drift=0),
                      stream("index_fund", "Fund", amount="10000.00")], years=10, paths=600)
    result = figures(plan, RunOptions(paths=600))
    # the fund's ups and downs poured in by rebalancing do not count: only the account's own rate,
    # which follows the path's inflation (an average over 3 years, so about 1.5 points in 10 years)
    assert result["Savings"].risk < 0.03
    assert 0.10 < result["Fund"].risk < 0.30  # a year's equity return spreads by its volatility
