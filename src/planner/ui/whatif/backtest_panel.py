"""The backtest in the window (FIRECalc/cFIREsim style): the base plan or a scenario lived through
history as it happened, one line per start month, the worst starts named and the success rate
as the heading. It runs off the GUI thread (``run_backtest`` in services) and can be cancelled."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtWidgets import QComboBox, QLabel

from planner.domain.plan import Plan
from planner.engine.backtest import Backtest
from planner.services.backtest import history_choices, run_backtest
from planner.ui.background_task import TaskCancelled
from planner.ui.charts.backtest import BacktestChart
from planner.ui.whatif.empty_state import column
from planner.ui.whatif.panel import WhatIfPanel, note
from planner.ui.window_context import WindowContext

BASE = "Base plan"


class BacktestPanel(WhatIfPanel):
    title = "Backtest"
    run_text = "Run backtest"

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window)
        self.scenario_choice = QComboBox()
        self.scenario_choice.setObjectName("backtestScenario")
        self.history = QComboBox()
        self.history.setObjectName("backtestHistory")
        self.history.setToolTip("The history to live through: the built-in US history or a table imported with "
                                "File > Import Returns Table. The plan's own choice (Assumptions) is picked first.")
        self.form.addRow("Plan or scenario", self.scenario_choice)
        self.form.addRow("History", self.history)
        self.layout_.insertWidget(0, note(
            "The plan lived through history as it happened, once for every start month that has the plan's whole "
            "span of history after it: that month's markets and inflation, then the months that followed. A start "
            "succeeds when spending holds from the stop month to the plan's end, as in the answer."))
        self.heading = QLabel("")
        self.heading.setObjectName("backtestHeading")
        self.heading.setWordWrap(True)
        font = self.heading.font()  # a font, not a style sheet: the text keeps following the palette (dark)
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.heading.setFont(font)
        self._plan_history: str | None = None  # the plan's own choice when the list was last filled
        self.chart = BacktestChart()
        self.add_results(column(self.heading, self.chart), f"Choose the plan or a scenario and a history above, "
                         f"then press {self.run_text}: every historical start appears here as a line of net worth "
                         "by year, those that held in blue and those that failed in red, with the worst starts "
                         "named and the share that succeed.")
        self.follow_plan()

    def follow_plan(self) -> None:
        """Scenario and history choices as the plan has them now: a choice still there is kept, unless
        the plan's own history changed since (Assumptions > History table), which is then picked."""
        _refill(self.scenario_choice, [(None, BASE), *((s.name, s.name) for s in self.plan.scenarios)],
                self.scenario_choice.currentData() if self.scenario_choice.count() else self.scenario)
        own = self.plan.assumptions.history_table
        kept = self.history.currentData() if own == self._plan_history else own
        _refill(self.history, history_choices(self.plan), kept)
        self._plan_history = own

    def start(self) -> None:
        self.follow_plan()
        plan = _with_history(self.plan, self.history.currentData())
        scenario = self.scenario_choice.currentData()
        about = BASE.lower() if scenario is None else f"scenario {scenario}"
        self.run(f"Living the {about} through history…", _work(plan, scenario),
                 lambda result: self.present(plan, about, result))

    def present(self, plan: Plan, about: str, backtest: Backtest) -> None:
        picture = self.chart.show_backtest(backtest, plan.household.birth_year, self.context().symbol)
        self.heading.setText(picture.heading)
        self.status.setText(f"The {about} on {backtest.table}. Hover over a line for its start month.")


def _work(plan: Plan, scenario: str | None) -> Callable[[Callable[[int, int], None]], Backtest]:
    def work(progress: Callable[[int, int], None]) -> Backtest:  # in the task's thread
        progress(0, 1)

        def should_stop() -> bool:
            progress(0, 1)  # raises once the user cancels, which ends the run
            return False

        backtest = run_backtest(plan, scenario, should_stop=should_stop)
        if backtest is None:  # stopped before the end
            raise TaskCancelled
        return backtest

    return work


def _with_history(plan: Plan, key: str | None) -> Plan:
    if key is None or key == plan.assumptions.history_table:
        return plan
    return replace(plan, assumptions=replace(plan.assumptions, history_table=key))


def _refill(combo: QComboBox, choices: list[tuple[str | None, str]], wanted: str | None) -> None:
    """Replace a combo's (key, text) items, selecting ``wanted`` when it is still one of them."""
    combo.blockSignals(True)
    combo.clear()
    for key, text in choices:
        combo.addItem(text, key)
    keys = [key for key, _ in choices]
    combo.setCurrentIndex(keys.index(wanted) if wanted in keys else 0)
    combo.blockSignals(False)
