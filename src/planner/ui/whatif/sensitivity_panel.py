"""Sensitivity in the window: the tornado chart and the full table of swings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QTableWidget, QTableWidgetItem

from planner.domain.plan import plan_years
from planner.engine.sensitivity import Sensitivity
from planner.services.whatif.sensitivity import (
    SENSITIVITY_PATHS,
    month_change_text,
    plan_sensitivity,
    success_change_text,
)
from planner.services.whatif.setup import month_text
from planner.ui.charts.tornado import TornadoChart
from planner.ui.whatif.panel import WhatIfPanel, note, paths_box
from planner.ui.window_context import WindowContext


class SensitivityPanel(WhatIfPanel):
    title = "Sensitivity"
    run_text = "Run sensitivity"

    def __init__(self, window: WindowContext) -> None:
        super().__init__(window)
        self.paths = paths_box(SENSITIVITY_PATHS)
        self.form.addRow("Paths per run", self.paths)
        self.layout_.insertWidget(0, note(
            "Each input is moved down and up while the others stay: market returns and inflation by 1 point a "
            "year, saving and expenses by 10 %, each stream's yield and risk by 25 %."))
        self.chart = TornadoChart()
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        self.add_results(split, f"Press {self.run_text} to move each input in turn: a tornado chart of the "
                                "inputs that move the answer most appears here, with a table of them all. Each "
                                "input moved down and up is a search, so it takes minutes; fewer paths is faster.")

    def start(self) -> None:
        plan, scenario, paths = self.plan, self.scenario, self.paths.value()
        self.run("Moving each input…", lambda progress: plan_sensitivity(plan, scenario, paths, progress=progress),
                 lambda result: self.present(plan, result))

    def present(self, plan, result: Sensitivity) -> None:  # type: ignore[no-untyped-def]
        self.chart.show_sensitivity(result, plan_years(plan) * 12, self.context())
        base = result.base
        headers = ["Input", "Moved by", "Stop month, down", "Stop month, up", "Success, down", "Success, up"]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(result.swings))

        for row, swing in enumerate(result.swings):
            cells = [swing.label, swing.move, f"{month_change_text(swing.low, base)} months",
                     f"{month_change_text(swing.high, base)} months", f"{success_change_text(swing.low, base)} pts",
                     f"{success_change_text(swing.high, base)} pts"]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        when = (f"not reachable before age {plan.household.plan_until_age}" if base.confident_month is None
                else month_text(plan, base.confident_month))
        self.status.setText(f"Base: can stop saving in {when} with {plan.fi_rule.confidence.normalize():f} % "
                            f"confidence; stopping at age {result.target_age}: {100 * base.success:.1f} % success; "
                            f"{result.runs} runs.")
