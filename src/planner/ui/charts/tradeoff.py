"""The allocation trade-off: every sleeve mix tried, by its worst-case income (across) and its
success of stopping at the target age (up), the mixes no other beats on both, the risk limit, the
plan and the suggestion. The points and read-outs come from services/chart_data/tradeoff.py."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from planner.engine.allocation import RiskLimit, Suggestion
from planner.services.chart_data.tradeoff import candidate_hover, nearest_candidate, tradeoff_points
from planner.ui.charts.base import EXPENSES, SERIES, ChartBase, ChartContext


def limit_pen() -> object:
    """The risk limit's dashed line (made when needed: pens need a QApplication)."""
    return pg.mkPen(EXPENSES, width=1.5, style=Qt.PenStyle.DashLine)


class TradeOffChart(ChartBase):
    title = "Trade-off"

    def __init__(self) -> None:
        super().__init__()
        self.plot = self.add_plot(0, left="percent", bottom="money",
                                  title="Success at the target age against the worst outcomes")
        self.plot.getAxis("bottom").setLabel("Passive income in the worst outcomes, a year")
        self.mixes = pg.ScatterPlotItem(size=7, pen=None, brush=pg.mkBrush(SERIES[7]))
        self.frontier = pg.PlotDataItem(pen=pg.mkPen(SERIES[0], width=2.2), symbol="o", symbolSize=8,
                                        symbolBrush=SERIES[0], symbolPen=None)
        self.limit = pg.InfiniteLine(angle=90, movable=False, pen=limit_pen())
        self.current = pg.ScatterPlotItem(size=14, symbol="s", pen=pg.mkPen("k"), brush=pg.mkBrush(SERIES[1]))
        self.best = pg.ScatterPlotItem(size=18, symbol="star", pen=pg.mkPen("k"), brush=pg.mkBrush(SERIES[2]))
        for item in (self.mixes, self.frontier, self.limit, self.current, self.best):
            self.plot.addItem(item)
        self.legend = self.add_legend()
        self.legend.add_item("a sleeve mix tried", self.mixes)
        self.legend.add_item("not beaten on both counts", self.frontier, pen=pg.mkPen(SERIES[0], width=2.2))
        self.legend.add_item("risk limit", self.limit)
        self.legend.add_item("current plan", self.current)
        self.legend.add_item("suggestion", self.best)
        self.suggestion: Suggestion | None = None

    def show_suggestion(self, suggestion: Suggestion, limit: RiskLimit, context: ChartContext) -> None:
        self.suggestion, self.context = suggestion, context
        self.set_symbol(context.symbol)
        points = tradeoff_points(suggestion, limit)
        self.mixes.setData(*points.mixes)
        self.frontier.setData(*points.frontier)
        self.current.setData(*points.current)
        self.best.setData(*points.best)
        self.limit.setPos(points.limit)
        self.plot.setRange(xRange=points.x_range, yRange=points.y_range, padding=0.08)
        self.apply_theme()

    def draw(self, deterministic: object, montecarlo: object) -> None:
        """Drawn by show_suggestion."""

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        if self.suggestion is None:
            return None
        return candidate_hover(nearest_candidate(self.suggestion, x, y, self.plot.viewRange()), self.formats())
