"""Stress tests in the window: a preset and its year, run beside the unstressed plan."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QSpinBox

from planner.domain.plan import plan_years
from planner.engine.stress import PRESETS
from planner.services.projection import SimulationRequest
from planner.services.whatif.comparison import Comparison, key_metrics
from planner.services.whatif.stress import StressResult, stress_run
from planner.ui.whatif.comparison_view import ComparisonView
from planner.ui.whatif.panel import WhatIfPanel, note
from planner.ui.window_context import WindowContext


class StressPanel(WhatIfPanel):
    title = "Stress tests"
    run_text = "Run stress test"

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window)
        self.preset = QComboBox()
        for test in PRESETS:
            self.preset.addItem(test.title, test.key)
            self.preset.setItemData(self.preset.count() - 1, f"{test.claim}. Source: {test.source}.",
                                    Qt.ItemDataRole.ToolTipRole)
        self.year = QSpinBox()
        self.year.setRange(1900, 2200)
        self.claim = note("")
        self.form.addRow("Stress", self.preset)
        self.form.addRow("Starting in", self.year)
        self.layout_.insertWidget(1, self.claim)
        self.preset.currentIndexChanged.connect(self._describe)
        self.view = ComparisonView()
        self.add_results(self.view, f"Choose a stress and the year it starts above, then press {self.run_text}: "
                         "the plan with and without it appears here on one chart, with their key metrics "
                         "side by side.")
        self.reset_year()
        self._describe()

    def reset_year(self) -> None:
        start = self.plan.start.year
        self.year.setRange(start, start + plan_years(self.plan) - 1)
        self.year.setValue(start)

    def follow_plan(self) -> None:
        """Keep the chosen year if the plan still projects it."""
        chosen = self.year.value()
        self.reset_year()
        if self.year.minimum() <= chosen <= self.year.maximum():
            self.year.setValue(chosen)

    def _describe(self) -> None:
        test = PRESETS[self.preset.currentIndex()]
        self.claim.setText(f"{test.claim[0].upper()}{test.claim[1:]}. Figures: {test.source}.")

    def start(self) -> None:
        plan, key, year = self.plan, self.preset.currentData(), self.year.value()
        request = SimulationRequest(self.scenario, stress=key, stress_year=year)

        def work(progress):  # type: ignore[no-untyped-def]
            progress(0, 2)
            return stress_run(plan, request)

        self.run("Projecting with and without the stress…", work, lambda result: self.present(plan, result))

    def present(self, plan, result: StressResult) -> None:  # type: ignore[no-untyped-def]
        projections = (result.base, result.stressed)
        comparison = Comparison(("Unstressed", result.test.title), projections, key_metrics(plan, list(projections)))
        self.view.show_comparison(plan, comparison, self.context())
        hit = ", ".join(result.affected) if result.affected else "no stream directly"
        self.status.setText(f"Streams hit: {hit}. Both runs use the same paths and seed.")
