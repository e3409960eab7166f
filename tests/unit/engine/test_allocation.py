"""The allocation suggestion keeps the risk limit and is the best of what it tried."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import numpy as np
import pytest

from planner.domain.defaults import new_plan, new_stream
from planner.domain.demo import demo_plan
from planner.engine.allocation import RiskLimit, downside, sleeve_grid, suggest
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, project
from tests.helpers import START, until_age

# the module's fixture runs every search once for all its tests
pytestmark = pytest.mark.slow

OPTIONS = RunOptions(paths=100, seed=5)  # every mix is a run of its own: few paths (the worst 10 % is 10), short plan


@pytest.fixture(scope="module")
def snap():
    """The demo household planning to 65 and stopping at 55, on six streams: every sleeve and the rental."""
    plan = demo_plan()
    kept = ("Emergency fund", "Bond fund", "Total-market index fund", "Dividend ETF", "Flat B", "ETH staking")
    return snapshot(replace(until_age(plan, 65), scenarios=(),
                            streams=tuple(s for s in plan.streams if s.name in kept)))


@pytest.fixture(scope="module")
def loose(snap):
    """A floor below what the current plan reaches, so some mixes keep it and some may not."""
    current = project(snap, OPTIONS)
    floor = 0.9 * downside(current, RiskLimit(60, 0.0))
    return RiskLimit(60, floor), suggest(snap, RiskLimit(60, floor), OPTIONS, step_percent=25)


def test_grid_covers_every_mix_of_open_sleeves():
    mixes = sleeve_grid(25, np.array([True, True, True]))
    assert len(mixes) == 15 and all(sum(m) == pytest.approx(1.0) for m in mixes)
    assert all(m[2] == 0 for m in sleeve_grid(25, np.array([True, True, False])))


def test_suggestion_respects_the_risk_limit_when_simulated_again(snap, loose):
    limit, suggestion = loose
    best = suggestion.best
    assert best is not None and best.meets(limit)
    again = project(snap.with_weights(best.sleeve_weights, np.array(best.stream_weights)), OPTIONS)
    assert downside(again, limit) >= limit.floor
    assert again.success_probability == pytest.approx(best.success)


def test_suggestion_is_at_least_as_good_as_every_mix_that_keeps_the_limit(loose):
    limit, suggestion = loose
    keeping = [c for c in (suggestion.current, *suggestion.sleeve_mixes) if c.meets(limit)]
    assert suggestion.best.success >= max(c.success for c in keeping)


def test_frontier_mixes_are_not_beaten_on_both_counts(loose):
    _, suggestion = loose
    for point in suggestion.frontier:
        assert not any(c.success > point.success and c.downside > point.downside
                       for c in suggestion.sleeve_mixes)
    downsides = [c.downside for c in suggestion.frontier]
    assert downsides == sorted(downsides)


def test_an_impossible_limit_gives_no_suggestion(snap):
    suggestion = suggest(snap, RiskLimit(60, 1e9), OPTIONS, step_percent=50)
    assert suggestion.best is None and suggestion.sleeve_mixes


def test_bad_limits_are_refused(snap):
    with pytest.raises(ValueError, match="worst share"):
        suggest(snap, RiskLimit(60, 0.0, worst_percent=15), OPTIONS)
    with pytest.raises(ValueError, match="divide 100"):
        suggest(snap, RiskLimit(60, 0.0), OPTIONS, step_percent=30)
    with pytest.raises(ValueError, match="not within the projection"):
        suggest(snap, RiskLimit(120, 0.0), OPTIONS, step_percent=50)


@pytest.mark.slow
def test_a_young_saver_is_told_to_put_most_new_savings_into_growth_not_cash():
    # 35 years old, 3,000 a month of expenses, saving 1,500, 50,000 invested; a savings account (safe
    # sleeve), an index fund and a dividend ETF (core) on offer. Success of stopping at 55 is what
    # counts, not income alone: growth pays for the decades after the stop.
    plan = new_plan("young saver", START)
    household = replace(plan.household, birth_year=START.year - 35, monthly_expenses=Decimal(3000),
                        monthly_savings=Decimal(1500))
    streams = (replace(new_stream("high_yield_savings", "Savings account", START, uid="cash"),
                       starting_amount=Decimal(10000)),
               replace(new_stream("index_fund", "Index fund", START, uid="index"), starting_amount=Decimal(25000)),
               replace(new_stream("dividend_stocks", "Dividend ETF", START, uid="etf"),
                       starting_amount=Decimal(15000)))
    snap = snapshot(replace(plan, household=household, streams=streams))
    # 150 paths: the mixes' successes lie tens of points apart (all core near 50 %, 60 % safe under
    # 10 %), many standard errors (4 points) each
    suggestion = suggest(snap, RiskLimit(60, 0.0), RunOptions(paths=150, seed=3), step_percent=20)
    best = suggestion.best
    assert best is not None
    safe, core, _ = best.sleeve_weights
    assert core >= 0.6 and safe <= 0.4
    assert best.success >= suggestion.current.success
