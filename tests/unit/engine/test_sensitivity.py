"""Sensitivity swings: every input moves both ways, in the direction that makes sense."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.domain.catalogue import KINDS
from planner.domain.demo import demo_plan
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions
from planner.engine.sensitivity import STREAM_LEVERS, moves, sensitivity
from tests.helpers import until_age

# the module's fixture runs every search once for all its tests
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def result():
    plan = demo_plan()
    # four streams (one in each sleeve, the rental) to 60 on 100 paths: 25 runs, each with its
    # stop-month search, in seconds, not a minute
    kept = ("Emergency fund", "Total-market index fund", "Flat B", "ETH staking")
    snap = snapshot(replace(until_age(plan, 60), scenarios=(),
                            streams=tuple(s for s in plan.streams if s.name in kept)))
    return snap, sensitivity(snap, RunOptions(paths=100, seed=2))


def test_every_kind_has_levers_that_exist():
    assert set(STREAM_LEVERS) == set(KINDS)
    for kind, keys in STREAM_LEVERS.items():
        for key in keys:
            if key is not None:
                KINDS[kind].param(key)


def test_every_input_is_moved_down_and_up(result):
    snap, sensitivity_result = result
    assert len(sensitivity_result.swings) == len(moves(snap))
    assert sensitivity_result.runs == 1 + 2 * len(moves(snap))


def test_earning_more_and_spending_less_bring_the_stop_forward(result):
    _, sensitivity_result = result
    swings = {s.label: s for s in sensitivity_result.swings}
    base = sensitivity_result.base
    saving, expenses = swings["Salaries"], swings["Monthly expenses"]  # the demo saves what its salaries leave
    assert saving.high.confident_month <= base.confident_month <= saving.low.confident_month
    assert expenses.low.confident_month < base.confident_month < expenses.high.confident_month
    assert saving.high.success >= base.success >= saving.low.success
    assert expenses.low.success >= base.success >= expenses.high.success
    rent = next(s for s in sensitivity_result.swings if s.label.startswith("Flat B: yield"))
    assert rent.high.confident_month <= base.confident_month <= rent.low.confident_month


def test_swings_are_sorted_largest_first(result):
    snap, sensitivity_result = result
    base = sensitivity_result.base
    sizes = [(s.month_swing(base, snap.months), s.success_swing(base)) for s in sensitivity_result.swings]
    assert sizes == sorted(sizes, reverse=True)


def test_success_is_of_stopping_at_the_target_age(result):
    from planner.engine.projection import project

    snap, sensitivity_result = result
    base = project(snap, RunOptions(paths=100, seed=2))
    assert base.age_at(base.stop_month) == sensitivity_result.target_age == 55  # the demo's target age
    assert sensitivity_result.base.success == base.success_probability
