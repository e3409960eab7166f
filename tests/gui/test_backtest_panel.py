"""What-if > Backtest: every start drawn as a line, the worst named in the legend, the success rate
as the heading, choices that follow the plan, and a refused run said as a message."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.domain.plan import Scenario
from planner.services.commands import AddScenario
from planner.services.errors import SimulationError
from planner.ui.whatif.backtest_panel import BacktestPanel
from tests.helpers import returns_csv
from tests.unit.services.test_backtest_chart_data import small_backtest

WAIT_MS = 60_000


@pytest.fixture
def panel(demo_window, us_locale):
    return next(p for p in demo_window.open_whatif(6).window().panels if isinstance(p, BacktestPanel))


def run(qtbot, panel):
    panel.start()
    qtbot.waitUntil(lambda: panel.task is not None and panel.task.done, timeout=WAIT_MS)


def test_a_backtest_is_drawn_one_line_a_start_with_the_worst_named(panel):
    backtest = small_backtest()
    panel.result_area.show_results()
    panel.present(panel.plan, "base plan", backtest)
    chart = panel.chart
    drawn = sum(int(np.count_nonzero(~item.opts["connect"])) for item in (chart.succeeded, chart.failed))
    assert drawn == len(backtest.starts)
    assert chart.failed.getData()[1].size == 3 * 4  # three failed starts, four years each
    legend = [entry.text for entry in chart.legend.items]
    assert legend[:2] == ["7 starts that held", "3 starts that failed"]
    assert legend[2:4] == ["1900-03: ran out 2028-03", "1900-06: ran out 2029-04"]
    assert "1900-01: ended with $100,000" in legend
    assert sum(item.isVisible() for item in chart.worst) == 5
    assert panel.heading.text() == "70 % of 10 historical starts succeed (1900-01 to 1900-10)"
    every = small_backtest()
    lasted = replace(every, success=np.ones_like(every.success), ruin_month=np.full_like(every.ruin_month, -1))
    panel.present(panel.plan, "base plan", lasted)
    assert [entry.text for entry in chart.legend.items][:2] == ["10 starts that held", "no start failed"]


def test_run_uses_the_chosen_scenario_and_history_off_the_gui_thread(qtbot, demo_window, panel, monkeypatch,
                                                                     tmp_path):
    (tmp_path / "japan.csv").write_text(returns_csv(48, 1989), encoding="utf-8")
    demo_window.exchange.returns_tables.import_file(tmp_path / "japan.csv")
    asked = []

    def fake(plan, scenario, should_stop=None):
        assert not should_stop()
        asked.append((plan.assumptions.history_table, scenario))
        return small_backtest()

    monkeypatch.setattr("planner.ui.whatif.backtest_panel.run_backtest", fake)
    panel.follow_plan()
    assert panel.history.currentData() == "japan"  # the plan's own choice first
    scenario = demo_window.session.plan.scenarios[0].name
    panel.scenario_choice.setCurrentIndex(panel.scenario_choice.findData(scenario))
    panel.history.setCurrentIndex(panel.history.findData("built-in"))
    run(qtbot, panel)
    assert asked == [("built-in", scenario)]
    assert not panel.result_area.empty and "70 % of 10" in panel.heading.text()
    assert demo_window.session.plan.assumptions.history_table == "japan"  # choosing here edits nothing


def test_a_refused_run_is_a_message_and_new_scenarios_are_offered(qtbot, demo_window, panel, monkeypatch):
    def refuse(plan, scenario, should_stop=None):
        raise SimulationError("the history has no start with 70 years after it")

    monkeypatch.setattr("planner.ui.whatif.backtest_panel.run_backtest", refuse)
    run(qtbot, panel)
    assert panel.status.text() == "Could not run: the history has no start with 70 years after it"
    assert panel.result_area.empty
    assert demo_window.perform(AddScenario(Scenario("Later", "", ()))) is None
    panel.follow_plan()
    assert panel.scenario_choice.findData("Later") >= 0


def test_the_built_in_history_runs_for_real_and_every_start_is_drawn(qtbot, panel):
    run(qtbot, panel)
    assert not panel.status.text().startswith("Could not run"), panel.status.text()
    backtest = panel.chart.backtest
    assert backtest is not None and len(backtest.starts) > 1000  # 1871 onwards, each with the plan's span after it
    drawn = sum(int(np.count_nonzero(~item.opts["connect"])) for item in (panel.chart.succeeded, panel.chart.failed))
    assert drawn == len(backtest.starts)
    assert panel.heading.text().endswith(f"historical starts succeed ({backtest.starts[0]} to {backtest.starts[-1]})")
    assert backtest.starts[0] == "1871-01"
