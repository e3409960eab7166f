"""Compare the base plan and its scenarios: chart and key metrics on the same paths and seed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from planner.services.whatif.comparison import BASE_NAME, Comparison, compare
from planner.ui.whatif.comparison_view import ComparisonView
from planner.ui.whatif.panel import WhatIfPanel, note

if TYPE_CHECKING:
    from planner.ui.main_window import MainWindow


class ComparePanel(WhatIfPanel):
    title = "Compare scenarios"
    run_text = "Compare"

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.choices = QListWidget()
        self.choices.setMaximumHeight(76)
        self.form.addRow("Scenarios", self.choices)
        self.layout_.insertWidget(0, note("Tick two or more to see them on one chart and side by side. Each runs "
                                          "with the plan's paths and seed, so differences come from the scenarios."))
        self.view = ComparisonView()
        self.layout_.addWidget(self.view, 1)
        self.refresh_choices()

    def follow_plan(self) -> None:
        self.refresh_choices()

    def refresh_choices(self) -> None:
        ticked = {self.choices.item(i).text() for i in range(self.choices.count())
                  if self.choices.item(i).checkState() == Qt.CheckState.Checked}
        self.choices.clear()
        for name in [BASE_NAME, *(s.name for s in self.plan.scenarios)]:
            item = QListWidgetItem(name)
            item.setCheckState(Qt.CheckState.Checked if not ticked or name in ticked else Qt.CheckState.Unchecked)
            self.choices.addItem(item)

    def chosen(self) -> list[str | None]:
        names = [self.choices.item(i).text() for i in range(self.choices.count())
                 if self.choices.item(i).checkState() == Qt.CheckState.Checked]
        return [None if name == BASE_NAME else name for name in names]

    def start(self) -> None:
        names = self.chosen()
        if len(names) < 2:
            self.status.setText("Tick at least two to compare.")
            return
        plan = self.plan
        self.run("Projecting the scenarios…", lambda progress: compare(plan, names, progress=progress),
                 lambda result: self.present(plan, result))

    def present(self, plan, comparison: Comparison) -> None:  # type: ignore[no-untyped-def]
        self.view.show_comparison(plan, comparison, self.context())
