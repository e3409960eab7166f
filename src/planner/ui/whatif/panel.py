"""What every what-if tab shares: the plan it asks about, a Run button, a status line, one
background task at a time, and a result area that says what to do until the first answer."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QPushButton, QSpinBox, QVBoxLayout, QWidget

from planner.domain.plan import Plan
from planner.services.errors import SimulationError
from planner.ui.background_task import BackgroundTask, Work
from planner.ui.charts.base import ChartContext
from planner.ui.formatting import currency_symbol
from planner.ui.whatif.empty_state import ResultArea
from planner.ui.window_context import WindowContext


class WhatIfPanel(QWidget):
    """A tab: a form of inputs on top, a Run button, a status line, then the results (``add_results``)."""

    title = ""
    run_text = "Run"

    def __init__(self, window: WindowContext) -> None:
        super().__init__()
        self.host = window
        self.task: BackgroundTask | None = None
        self.result_area: ResultArea | None = None
        self.form = QFormLayout()
        self.run_button = QPushButton(self.run_text)
        self.run_button.clicked.connect(self.start)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.status, 1)
        self.layout_ = QVBoxLayout(self)
        self.layout_.addLayout(self.form)
        self.layout_.addLayout(buttons)
        self._edits = self._edits_at_run = 0  # plan edits so far, and when the shown results were asked for
        window.plan_changed.connect(lambda _change: self._mark_stale())

    #: Said under the Run button when the plan changed after the results shown were computed.
    STALE = "The plan has changed since these results; Run again to bring them up to date."

    def _mark_stale(self) -> None:
        """Results of an older plan stay readable, but never pass for the plan as it is now (an edit
        during a run is remembered and said when that run's results arrive)."""
        self._edits += 1
        running = self.task is not None and not self.task.done
        if self.result_area is not None and not self.result_area.empty and not running:
            self.status.setText(self.STALE)

    @property
    def plan(self) -> Plan:
        return self.host.session.plan

    @property
    def scenario(self) -> str | None:
        """The scenario the editors show (None: the base plan): what-if questions ask about it."""
        return self.host.scenario

    def context(self) -> ChartContext:
        return ChartContext(True, currency_symbol(self.plan.currency))

    def about(self) -> str:
        return "the base plan" if self.scenario is None else f"scenario {self.scenario}"

    def add_results(self, results: QWidget, hint: str) -> ResultArea:
        """Put the results below the inputs, hidden behind ``hint`` (what to do) until the first answer."""
        self.result_area = ResultArea(results, hint)
        self.layout_.addWidget(self.result_area, 1)
        return self.result_area

    def follow_plan(self) -> None:
        """Bring choices that depend on the plan (scenario names, years) up to date."""

    def start(self) -> None:
        """Read the inputs and run; subclasses implement ``work`` and ``show``."""
        raise NotImplementedError

    def run(self, label: str, work: Work, show: Callable[[Any], None]) -> None:
        if self.task is not None and not self.task.done:
            self.status.setText("Still running; wait for it or cancel it first.")
            return
        self.status.setText("Running…")
        self._edits_at_run = self._edits
        self.run_button.setEnabled(False)
        self.task = BackgroundTask(self, label, work, (SimulationError,))
        self.task.finished.connect(lambda result: self._finished(show, result))
        self.task.failed.connect(self._failed)
        self.task.start()

    def _finished(self, show: Callable[[Any], None], result: Any) -> None:
        self.run_button.setEnabled(True)
        self.status.setText(self.STALE if self._edits != self._edits_at_run else "")
        if self.result_area is not None:
            self.result_area.show_results()
        show(result)

    def _failed(self, message: str) -> None:
        self.run_button.setEnabled(True)
        self.status.setText(f"Could not run: {message}" if message else "Cancelled.")

    def stop(self) -> None:
        if self.task is not None and not self.task.done:
            self.task.stop()


def paths_box(default: int) -> QSpinBox:
    """Monte Carlo paths per run of a search: more is steadier and slower."""
    box = QSpinBox()
    box.setRange(100, 100_000)
    box.setSingleStep(500)
    box.setValue(default)
    box.setToolTip("Paths per run. Every run of the search uses the same paths and seed.")
    return box


def note(text: str) -> QLabel:
    """A paragraph of explanation under the inputs or results."""
    label = QLabel(text)
    label.setWordWrap(True)
    label.setStyleSheet("color: palette(placeholder-text);")
    return label
