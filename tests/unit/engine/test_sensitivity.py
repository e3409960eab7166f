"""Sensitivity swings: every input moves both ways, in the direction that makes sense."""

from __future__ import annotations

import pytest

from planner.domain.catalogue import KINDS
from planner.domain.demo import demo_plan
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions
from planner.engine.sensitivity import STREAM_LEVERS, moves, sensitivity


@pytest.fixture(scope="module")
def result():
    snap = snapshot(demo_plan()).with_years(25)
    return snap, sensitivity(snap, RunOptions(paths=300, seed=2))


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


def test_saving_more_and_spending_less_bring_fi_forward(result):
    _, sensitivity_result = result
    swings = {s.label: s for s in sensitivity_result.swings}
    base = sensitivity_result.base.fi_month
    assert swings["Monthly saving"].high.fi_month <= base <= swings["Monthly saving"].low.fi_month
    assert swings["Monthly expenses"].low.fi_month < base < swings["Monthly expenses"].high.fi_month
    rent = next(s for s in sensitivity_result.swings if s.label.startswith("Flat B: yield"))
    assert rent.high.fi_month <= base <= rent.low.fi_month


def test_swings_are_sorted_largest_first(result):
    snap, sensitivity_result = result
    sizes = [s.fi_swing(sensitivity_result.base, snap.months) for s in sensitivity_result.swings]
    assert sizes == sorted(sizes, reverse=True)


def test_income_is_read_in_the_year_of_the_target_age(result):
    from planner.engine.projection import project

    snap, sensitivity_result = result
    base = project(snap, RunOptions(paths=300, seed=2))
    index = sensitivity_result.target_year_index
    assert int(base.ages[index]) == sensitivity_result.target_age == 55  # the demo's target FI age
    assert sensitivity_result.base.income == pytest.approx(base.percentile(base.passive_income["real"], 50)[index])
