"""The backtest service: the plan through every historical start, on the history the plan names."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.domain.plan import BUILT_IN_HISTORY, ReturnsTableText
from planner.services.backtest import history_choices, run_backtest
from planner.services.errors import SimulationError
from tests.helpers import classic_demo, over_years


def short_plan():
    return over_years(classic_demo(), 20, stop_age=None)


def imported_table(months: int = 30 * 12) -> str:
    rng = np.random.default_rng(2)
    lines = ["month,equities,inflation"]
    for index in range(months):
        lines.append(f"{1990 + index // 12}-{index % 12 + 1:02d},{rng.normal(0.6, 4):.3f},{rng.normal(0.2, 0.3):.3f}")
    return "\n".join(lines) + "\n"


def test_the_built_in_history_gives_one_start_per_month_with_twenty_years_after_it():
    result = run_backtest(short_plan())
    assert result.table == "the built-in US history"
    assert len(result.starts) == 1829 - 20 * 12 + 1 and result.starts[0] == "1871-01"
    assert result.net_worth_real.shape == (len(result.starts), 20)
    assert result.success_rate == pytest.approx(float(np.mean(result.success)))


def test_an_imported_table_is_replayed_when_the_plan_names_it():
    plan = short_plan()
    plan = replace(plan, returns_tables=(ReturnsTableText("mine", imported_table()),),
                   assumptions=replace(plan.assumptions, history_table="mine"))
    assert history_choices(plan)[0][0] == BUILT_IN_HISTORY and history_choices(plan)[1] == ("mine", "Imported: mine")
    result = run_backtest(plan)
    assert result.starts[0] == "1990-01" and len(result.starts) == 30 * 12 - 20 * 12 + 1
    assert "mine" in result.table


def test_a_history_the_plan_does_not_hold_or_too_short_a_table_is_refused_with_a_message():
    plan = short_plan()
    with pytest.raises(SimulationError, match="not among its imported tables"):
        run_backtest(replace(plan, assumptions=replace(plan.assumptions, history_table="gone")))
    short = replace(plan, returns_tables=(ReturnsTableText("short", imported_table(10 * 12)),),
                    assumptions=replace(plan.assumptions, history_table="short"))
    with pytest.raises(SimulationError, match="needs 20 years of history"):
        run_backtest(short)
