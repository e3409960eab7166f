"""The projection pane: progress of the run, the summary, and the charts in tabs.

Only the chart on screen is redrawn when a result arrives; another tab is drawn when it is opened,
from the same run's latest result, so switching tabs never shows an older run. A chart is also made
only when its tab is first opened: the window then starts with one chart built instead of seven.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from planner.ui.charts.base import ChartBase, ChartContext
from planner.ui.charts.registry import PROJECTION_CHARTS
from planner.ui.formatting import count, currency_symbol
from planner.ui.projection_runner import ProjectionState
from planner.ui.summary_panel import SummaryPanel


class ProjectionView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = ProjectionState()
        self.real_money = QCheckBox("&Today's money")
        self.real_money.setObjectName("realMoney")
        self.real_money.setChecked(True)
        self.real_money.setToolTip("Show money in today's prices (checked) or in the nominal money of each year")
        self.real_money.toggled.connect(lambda _on: self._draw_current())
        self.progress = QProgressBar()
        self.progress.setObjectName("projectionProgress")
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(False)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("projectionStatus")
        self.progress_label.setWordWrap(True)
        self.summary = SummaryPanel()
        self._charts: list[ChartBase | None] = [None] * len(PROJECTION_CHARTS)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("chartTabs")
        for kind in PROJECTION_CHARTS:
            page = QWidget()
            QVBoxLayout(page).setContentsMargins(0, 0, 0, 0)
            self.tabs.addTab(page, kind.title)
        self.chart(0)
        self.tabs.currentChanged.connect(lambda _index: self._draw_current())
        header = QHBoxLayout()
        header.addWidget(QLabel("<b>Projection</b>"))
        header.addWidget(self.progress)
        header.addWidget(self.progress_label, 1)
        header.addWidget(self.real_money)
        summary_area = QScrollArea()  # the answer's lines wrap; nothing is cut off in a short window
        summary_area.setWidget(self.summary)
        summary_area.setWidgetResizable(True)
        summary_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        summary_area.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(summary_area)
        body.addWidget(self.tabs)
        body.setStretchFactor(1, 1)
        body.setSizes([380, 1000])
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.addLayout(header)
        column.addWidget(body, 1)
        self._show_progress()

    def chart(self, index: int) -> ChartBase:
        """The chart of tab ``index``, made (into its tab's page) the first time it is asked for."""
        chart = self._charts[index]
        if chart is None:
            chart = self._charts[index] = PROJECTION_CHARTS[index]()
            self.tabs.widget(index).layout().addWidget(chart)
        return chart

    @property
    def charts(self) -> list[ChartBase]:
        """Every chart, in tab order (those not made yet are made now)."""
        return [self.chart(index) for index in range(len(PROJECTION_CHARTS))]

    @property
    def current_chart(self) -> ChartBase:
        return self.chart(self.tabs.currentIndex())

    def show_state(self, state: ProjectionState) -> None:
        """Show one run's latest results (the runner paces these to about 30 a second)."""
        self.state = state
        self.summary.show_projection(state.best, state.plan)
        self._show_progress()
        self._draw_current()

    def _context(self) -> ChartContext:
        currency = self.state.plan.currency if self.state.plan is not None else "USD"
        return ChartContext(real=self.real_money.isChecked(), symbol=currency_symbol(currency), plan=self.state.plan)

    def _draw_current(self) -> None:
        state, chart = self.state, self.current_chart
        chart.canvas.setVisible(state.best is not None)  # never an older run's drawing beside this one
        if state.best is not None:
            chart.show_projection(state.run_id, state.deterministic, state.montecarlo, self._context())

    def _show_progress(self) -> None:
        state, result = self.state, self.state.montecarlo
        total = result.paths_total if result is not None else 0
        done = result.paths_done if result is not None else 0
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setStyleSheet("color: #d62728;" if state.error else "")
        if state.error:
            self.progress_label.setText(f"Projection stopped: {state.error}")
        elif result is not None and done >= total:
            self.progress_label.setText(f"Monte Carlo: all {count(total)} paths")
        elif state.running and result is None:
            self.progress_label.setText("Expected path shown; Monte Carlo starting…")
        elif state.running:
            self.progress_label.setText(f"Monte Carlo: {count(done)} of {count(total)} paths…")
        elif result is not None:
            self.progress_label.setText(f"Monte Carlo stopped at {count(done)} of {count(total)} paths")
        else:
            self.progress_label.setText("")
