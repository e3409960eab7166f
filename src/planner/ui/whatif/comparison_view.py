"""A comparison shown two ways: the scenario chart and a table of key metrics with differences."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QSplitter, QTableWidget, QTableWidgetItem

from planner.domain.plan import Plan
from planner.services.whatif.comparison import Comparison, difference_text, value_text
from planner.ui.charts.axes import full_money
from planner.ui.charts.base import ChartContext
from planner.ui.charts.scenarios import ScenarioChart
from planner.ui.summary_panel import month_text

BETTER, WORSE = QColor("#2e7d32"), QColor("#c62828")


class ComparisonView(QSplitter):
    def __init__(self) -> None:
        super().__init__(Qt.Orientation.Horizontal)
        self.chart = ScenarioChart()
        self.table = QTableWidget()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setObjectName("comparisonTable")
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
                    item.setForeground(QBrush(BETTER if difference * metric.better > 0 else WORSE))
                item.setToolTip(f"{metric.label}, {comparison.names[column]}: {text}"
                                + (f" ({change} against {comparison.names[0]})" if change else ""))
                self.table.setItem(row, column, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        self.table.resizeRowsToContents()

    def cell_text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text() if item is not None else ""
