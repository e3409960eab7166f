"""The solver's answers, simulated again, meet the goal and a step less does not."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.domain.demo import demo_plan
from planner.engine.errors import ProjectionError
from planner.engine.goal_seek import solve_expenses, solve_fi_month, solve_saving
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, StopSuccess, project, stop_success
from planner.engine.stress import StressRun, preset

OPTIONS = RunOptions(paths=400, seed=11)
GOAL = 0.8


@pytest.fixture(scope="module")
def snap():
    """The demo household stopping at 48 and planning to 65: short runs that still decide something."""
    plan = demo_plan()
    plan = replace(plan, household=replace(plan.household, target_fi_age=48, plan_until_age=65,
                                           partner_plan_until_age=63, saving_from_income=False))
    return snapshot(plan)


def simulated(snap, options=OPTIONS) -> float:
    """The success a user's simulation of the plan shows (a full run), to check the solver's lean runs by."""
    return project(snap, replace(options, search=False)).success_probability


def tolerance(paths: int) -> float:
    """Three standard errors of a share near the goal, for a run with other random numbers."""
    return 3 * np.sqrt(GOAL * (1 - GOAL) / paths)


@pytest.fixture(scope="module")
def saving_answer(snap):
    """One search for the least saving, checked by both tests below."""
    return solve_saving(snap, GOAL, OPTIONS)


@pytest.mark.slow
def test_saving_answer_meets_the_goal_and_one_unit_less_does_not(snap, saving_answer):
    answer = saving_answer
    assert answer.value is not None and answer.value > 0
    assert simulated(replace(snap, monthly_savings=float(answer.value))) == answer.achieved >= GOAL
    assert simulated(replace(snap, monthly_savings=answer.value - 1.0)) == answer.step_beyond < GOAL
    assert answer.runs <= 30


@pytest.mark.slow
def test_saving_answer_holds_with_other_random_numbers(snap, saving_answer):
    answer = saving_answer
    other = RunOptions(paths=3000, seed=99)
    assert stop_success(replace(snap, monthly_savings=float(answer.value)), other) >= GOAL - tolerance(400)


def test_expenses_answer_meets_the_goal_and_one_unit_more_does_not(snap):
    answer = solve_expenses(snap, GOAL, OPTIONS)
    assert answer.value is not None
    assert simulated(replace(snap, monthly_expenses=float(answer.value))) == answer.achieved >= GOAL
    assert simulated(replace(snap, monthly_expenses=answer.value + 1.0)) == answer.step_beyond < GOAL


@pytest.mark.parametrize("options", [
    OPTIONS,  # two chunks
    RunOptions(paths=120, seed=2, stop_month=150),
    RunOptions(mode="deterministic"),
    RunOptions(paths=100, seed=5, stress=StressRun(preset("equity-crash"), 100)),
], ids=["two-chunks", "stop-month", "deterministic", "stressed"])
def test_the_solvers_lean_success_is_the_success_a_simulation_shows(snap, options):
    poorer = replace(snap, monthly_expenses=snap.monthly_expenses * 1.3)  # success well inside (0, 1)
    assert stop_success(poorer, options) == simulated(poorer, options)
    # a goal seek's runs share one run's inputs as the money moves: each as its own simulation
    seek = StopSuccess(snap, options)
    for savings, expenses in ((100.0, snap.monthly_expenses), (snap.monthly_savings, poorer.monthly_expenses),
                              (snap.monthly_savings * 2, snap.monthly_expenses * 0.8)):
        moved = replace(snap, monthly_savings=savings, monthly_expenses=expenses)
        assert seek(monthly_savings=savings, monthly_expenses=expenses) == simulated(moved, options)


def test_the_lean_success_refuses_money_that_outgrew_float64_as_a_simulation_does(snap):
    index = next(n for n, group in enumerate(snap.groups) if group.kind == "index_fund")
    group = snap.groups[index]
    wild = replace(group, params={**group.params, "total_return": np.full(group.rows.size, 1e15)})  # x 10^15 a year
    huge = replace(snap, groups=(*snap.groups[:index], wild, *snap.groups[index + 1:]))
    for measured in (simulated, stop_success):
        with pytest.raises(ProjectionError, match="overflows"):
            measured(huge, RunOptions(paths=20, seed=1))


def test_stop_month_answer_is_the_first_month_with_the_success(snap):
    answer = solve_fi_month(snap, GOAL, OPTIONS)
    assert answer.value is not None and answer.value > 0
    at = project(snap, replace(OPTIONS, stop_month=answer.value))
    before = project(snap, replace(OPTIONS, stop_month=answer.value - 1))
    assert at.success_probability == answer.achieved >= GOAL
    assert before.success_probability == answer.step_beyond < GOAL


def test_a_goal_out_of_reach_says_so(snap):
    never = replace(snap, monthly_expenses=1e7)
    answer = solve_fi_month(never, GOAL, RunOptions(paths=200, seed=1))
    assert answer.value is None and answer.achieved < GOAL
    # stopping in the first month of a plan with little money, however much is saved after it
    hopeless = replace(snap.with_stop(0), monthly_expenses=20000.0)
    assert solve_saving(hopeless, 0.99, RunOptions(paths=200, seed=1)).value is None


def test_a_goal_already_met_without_saving_answers_zero(snap):
    rich = replace(snap, monthly_expenses=100.0)
    answer = solve_saving(rich, GOAL, RunOptions(paths=200, seed=1))
    assert answer.value == 0 and answer.achieved >= GOAL
