"""Sensitivity in the window: the tornado chart and the full table of swings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QSplitter, QTableWidget, QTableWidgetItem

from planner.engine.sensitivity import Sensitivity
from planner.services.whatif.sensitivity import (
    SENSITIVITY_PATHS,
    fi_change_text,
    income_change_text,
    plan_sensitivity,
)
from planner.ui.charts.tornado import TornadoChart
from planner.ui.whatif.panel import WhatIfPanel, note, paths_box

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow


class SensitivityPanel(WhatIfPanel):
    title = "Sensitivity"
    run_text = "Run sensitivity"

    def __init__(self, window: MainWindow) -> None:
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
        self.layout_.addWidget(split, 1)

    def start(self) -> None:
        plan, scenario, paths = self.plan, self.scenario, self.paths.value()
        self.run("Moving each input…", lambda progress: plan_sensitivity(plan, scenario, paths, progress=progress),
                 lambda result: self.present(plan, result))

    def present(self, plan, result: Sensitivity) -> None:  # type: ignore[no-untyped-def]
        self.chart.show_sensitivity(result, plan.assumptions.horizon_years * 12, self.context())
        base = result.base
        headers = ["Input", "Moved by", "FI date, down", "FI date, up", "Income, down", "Income, up"]
        self.table.clear()
        self.table.setColumnCount(len(headers))
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setRowCount(len(result.swings))

        for row, swing in enumerate(result.swings):
            cells = [swing.label, swing.move, f"{fi_change_text(swing.low, base)} months",
                     f"{fi_change_text(swing.high, base)} months", income_change_text(swing.low, base),
                     income_change_text(swing.high, base)]
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        when = "not reached by half of the paths" if base.fi_month is None else str(plan.start.plus(base.fi_month))
        self.status.setText(f"Base: median FI {when}, median passive income at age "
                            f"{result.target_age} {base.income:,.0f} a year; {result.runs} runs.")
