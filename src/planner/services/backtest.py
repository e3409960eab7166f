"""The backtest: the plan (or a scenario) through every start month of history as it happened."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from planner.domain.enums import ReturnModel
from planner.domain.plan import Plan
from planner.engine.backtest import Backtest
from planner.engine.inputs import snapshot
from planner.engine.projection import ProjectionError, RunOptions, run
from planner.services.errors import SimulationError
from planner.services.history import history_choices, plan_history
from planner.services.projection import find_scenario

__all__ = ["Backtest", "history_choices", "run_backtest"]


def run_backtest(plan: Plan, scenario: str | None = None,
                 should_stop: Callable[[], bool] | None = None) -> Backtest | None:
    """Each historical start's outcome for the plan stopping at its target age, on the history the
    plan's assumptions name (None: stopped before the end). Refusals are SimulationErrors."""
    snap = replace(snapshot(plan, find_scenario(plan, scenario)), return_model=ReturnModel.HISTORICAL)
    options = RunOptions(history=plan_history(plan), search=False, rule=False)
    last = None
    try:
        for partial in run(snap, options, should_stop):
            last = partial
    except ProjectionError as error:
        raise SimulationError(str(error)) from None
    if last is None or not last.finished:
        return None
    backtest = last.projection().backtest
    assert backtest is not None
    return backtest
