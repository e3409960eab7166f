"""The What-if window: one tab per question, opened from the What-if menu."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QTabWidget, QVBoxLayout

from planner.ui.whatif.allocation_panel import AllocationPanel
from planner.ui.whatif.backtest_panel import BacktestPanel
from planner.ui.whatif.compare_panel import ComparePanel
from planner.ui.whatif.explain_panel import ExplainPanel
from planner.ui.whatif.goal_panel import GoalPanel
from planner.ui.whatif.panel import WhatIfPanel
from planner.ui.whatif.sensitivity_panel import SensitivityPanel
from planner.ui.whatif.stress_panel import StressPanel
from planner.ui.window_context import WindowContext
from planner.ui.window_layout import first_geometry

#: The What-if window's size on a large screen; a smaller one gets less (as the main window).
PREFERRED_SIZE = QSize(1280, 900)

PANELS = (ComparePanel, StressPanel, GoalPanel, AllocationPanel, SensitivityPanel, ExplainPanel, BacktestPanel)


class WhatIfDialog(QDialog):
    def __init__(self, window: WindowContext) -> None:
        super().__init__(window.dialog_parent())
        self.setWindowTitle("What-if — Passive Income Planner")
        self._placed = False
        self.tabs = QTabWidget()
        self.panels: list[WhatIfPanel] = [panel(window) for panel in PANELS]
        for panel in self.panels:
            self.tabs.addTab(panel, panel.title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def open_tab(self, index: int) -> WhatIfPanel:
        """Show the window on one tab, with inputs that follow the plan as it is now."""
        for panel in self.panels:
            panel.follow_plan()
        self.tabs.setCurrentIndex(index)
        if not self._placed:  # first opening: the preferred size, shrunk to the screen it opens on
            self._placed = True
            screen = self.screen() or QGuiApplication.primaryScreen()
            self.setGeometry(first_geometry(screen.availableGeometry(), PREFERRED_SIZE))
        self.show()
        self.raise_()
        self.activateWindow()
        return self.panels[index]

    def stop(self) -> None:
        for panel in self.panels:
            panel.stop()
