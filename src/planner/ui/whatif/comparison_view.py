"""A comparison shown two ways: the scenario chart and a table of key metrics with differences."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableWidget, QTableWidgetItem

from planner.domain.plan import Plan
from planner.services.whatif.comparison import Comparison, difference_text, value_text
from planner.ui.charts.axes import full_money
from planner.ui.charts.base import ChartContext
from planner.ui.charts.scenarios import ScenarioChart
from planner.ui.summary_panel import month_text

#: (better, worse) on a light and on a dark table: the dark shades are unreadable on a dark one.
SHADES = {False: ("#2e7d32", "#c62828"), True: ("#66bb6a", "#ef5350")}


class ComparisonView(QSplitter):
    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.chart = ScenarioChart()
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setObjectName("comparisonTable")
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)  # long names wrap
        header.sectionResized.connect(self._fit_rows)  # cells wrap to the width columns get once shown
        self.addWidget(self.chart)
        self.addWidget(self.table)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.setSizes([620, 640])

    def show_comparison(self, plan: Plan, comparison: Comparison, context: ChartContext) -> None:
        self.chart.show_scenarios(list(zip(comparison.names, comparison.projections, strict=True)), context)
        self.table.clear()
        self.table.setRowCount(len(comparison.metrics))
        self.table.setColumnCount(len(comparison.names))
        self.table.setHorizontalHeaderLabels(list(comparison.names))
        self.table.setVerticalHeaderLabels([m.label for m in comparison.metrics])

        dark = self.table.palette().color(QPalette.ColorRole.Base).lightness() < 128
        better, worse = (QColor(shade) for shade in SHADES[dark])

        def when(month: int) -> str:
            return month_text(comparison.projections[0], month)

        for row, metric in enumerate(comparison.metrics):
            for column, value in enumerate(metric.values):
                text = value_text(metric, value, when, lambda money: full_money(money, context.symbol))
                difference = metric.difference(column) if column else None
                change = difference_text(metric, difference)
                item = QTableWidgetItem(f"{text}\n{change}" if change else text)
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if difference:
                    item.setForeground(QBrush(better if difference * metric.better > 0 else worse))
                item.setToolTip(f"{metric.label}, {comparison.names[column]}: {text}"
                                + (f" ({change} against {comparison.names[0]})" if change else ""))
                self.table.setItem(row, column, item)
        self._fit_rows()

    def _fit_rows(self) -> None:
        """Rows and the header tall enough for their wrapped text at the columns' current width."""
        self.table.resizeRowsToContents()
        header = self.table.horizontalHeader()
        metrics, flags = header.fontMetrics(), Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignCenter
        heights = [metrics.boundingRect(0, 0, max(header.sectionSize(i) - 8, 1), 1000, flags,
                                        self.table.horizontalHeaderItem(i).text()).height()
                   for i in range(self.table.columnCount()) if self.table.horizontalHeaderItem(i) is not None]
        header.setFixedHeight(max(heights, default=metrics.height()) + 8)

    def cell_text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
