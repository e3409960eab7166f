"""Allocation suggestion in the window: a risk limit in, the suggested weights, the trade-off
curve, and "Save as scenario" to compare or adopt it."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLabel, QPushButton, QSpinBox

from planner.domain.plan import Plan
from planner.engine.allocation import RiskLimit, Suggestion
from planner.services.errors import SimulationError
from planner.services.whatif.allocation import (
    SUGGEST_PATHS,
    suggest_allocation,
    suggestion_scenario,
    weights_text,
)
from planner.ui.charts.tradeoff import TradeOffChart
from planner.ui.whatif.empty_state import column
from planner.ui.whatif.panel import WhatIfPanel, note, paths_box
from planner.ui.window_context import WindowContext


class AllocationPanel(WhatIfPanel):
    title = "Allocation"
    run_text = "Suggest"

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window)
        self.worst = QComboBox()
        for share in (5, 10, 25):
            self.worst.addItem(f"worst {share} % of outcomes", share)
        self.worst.setCurrentIndex(1)
        self.age = QSpinBox()
        self.age.setRange(1, 120)
        self.floor = QDoubleSpinBox()
        self.floor.setRange(0, 1e9)
        self.floor.setDecimals(0)
        self.floor.setGroupSeparatorShown(True)
        self.step = QComboBox()
        for step in (10, 20, 25, 5):
            self.step.addItem(f"{step} points", step)
        self.paths = paths_box(SUGGEST_PATHS)
        self.form.addRow("In the", self.worst)
        self.form.addRow("passive income at age", self.age)
        self.form.addRow("stays above (a year, today's money)", self.floor)
        self.form.addRow("Sleeve weights in steps of", self.step)
        self.form.addRow("Paths per run", self.paths)
        self.answer = QLabel("")
        self.answer.setWordWrap(True)
        self.answer.setObjectName("allocationAnswer")
        self.save_button = QPushButton("Save as scenario…")
        self.save_button.setVisible(False)
        self.save_button.clicked.connect(self.save_scenario)
        self.chart = TradeOffChart()
        self.add_results(column(self.answer, self.save_button, self.chart),
                         f"Set the risk limit above and press {self.run_text}: the sleeve weights with the best "
                         "success that keep the limit appear here, with the trade-off of every mix tried.")
        self.layout_.addWidget(note("Every sleeve mix on the grid is run with the same paths; the best mix that "
                                    "keeps the limit is then tried with the streams of each sleeve split equally "
                                    "or all in one stream. New savings follow these weights (and rebalancing, if "
                                    "the plan rebalances)."))
        self.suggestion: Suggestion | None = None
        self.asked_about: str | None = None  # the scenario the suggestion was made for
        self.reset_limit()

    def reset_limit(self) -> None:
        household = self.plan.household
        self.age.setValue(max(household.target_fi_age, 60))
        self.floor.setValue(float(household.monthly_expenses) * 12 * 0.25)

    def limit(self) -> RiskLimit:
        return RiskLimit(self.age.value(), self.floor.value(), self.worst.currentData())

    def start(self) -> None:
        plan, limit, step, paths, scenario = self.plan, self.limit(), self.step.currentData(), self.paths.value(), \
            self.scenario

        def work(progress):  # type: ignore[no-untyped-def]
            return suggest_allocation(plan, limit.limit_age, limit.floor, limit.worst_percent, step, scenario, paths,
                                      progress=progress)

        def done(result: tuple[Suggestion, Plan]) -> None:
            suggestion, seen_by = result  # seen_by: the plan as the scenario sees it
            self.asked_about = scenario
            self.present(seen_by, limit, suggestion)

        self.run("Trying allocations…", work, done)

    def present(self, plan, limit: RiskLimit, suggestion: Suggestion) -> None:  # type: ignore[no-untyped-def]
        self.suggestion = suggestion
        current, best = suggestion.current, suggestion.best
        age = plan.household.target_fi_age
        lines = [f"Now: {weights_text(plan, current)}; success stopping at age {age}: "
                 f"{current.success:.1%}; worst outcomes: {current.downside:,.0f} a year."]
        if best is None:
            lines.append("<b>No mix tried keeps this limit.</b> Lower the floor or choose a later age.")
        else:
            lines.append(f"<b>Suggested: {weights_text(plan, best)}</b>; success stopping at age {age}: "
                         f"{best.success:.1%} ({100 * (best.success - current.success):+.1f} "
                         f"points); worst outcomes: {best.downside:,.0f} a year.")
        self.answer.setText("<br>".join(lines))
        self.save_button.setVisible(best is not None)
        self.chart.show_suggestion(suggestion, limit, self.context())

    def save_scenario(self) -> None:
        if self.suggestion is None or self.suggestion.best is None:
            return
        names = {s.name for s in self.plan.scenarios}
        name = next(f"Suggested allocation {n}".strip() for n in ["", *map(str, range(2, 100))]
                    if f"Suggested allocation {n}".strip() not in names)
        try:
            command = suggestion_scenario(self.plan, self.suggestion.best, name, self.asked_about)
        except SimulationError as error:
            self.status.setText(str(error))
            return
        if self.host.perform(command) is None:
            self.host.show_message(f"Added scenario {name}; compare it in Compare scenarios.")
