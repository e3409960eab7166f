"""Passive income stacked by stream against the household's expenses, the crossover marked.

The bands, total, expenses and crossover come from services/chart_data/income.py. Items are pooled:
one band per stream, made when first needed."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from planner.engine.metrics import Projection
from planner.services.chart_data.income import income_hover, income_series
from planner.ui.charts.base import EXPENSES, SERIES, ChartBase, colour

#: Room kept above the bands for the crossover's label, which hangs from the top of the plot.
HEADROOM = 0.12


class IncomeChart(ChartBase):
    title = "Passive income"
    report_caption = ("Mean after-tax passive income by stream over the paths, stacked, against the household's "
                      "expenses; the marker shows where income first covers them.")

    def __init__(self) -> None:
        super().__init__()
        self.plot = self.add_plot(0, title="Passive income by stream")
        self.legend = self.add_legend()
        self.bands: list[tuple[pg.PlotCurveItem, pg.PlotCurveItem, pg.FillBetweenItem]] = []
        self.total = pg.PlotDataItem()
        self.expenses = pg.PlotDataItem(pen=pg.mkPen(EXPENSES, width=2.5, style=Qt.PenStyle.DashLine))
        self.crossover = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(EXPENSES, width=1.5), label="",
                                         labelOpts={"position": 1.0, "color": EXPENSES, "anchors": [(0, 0), (1, 0)]})
        for item in (self.total, self.expenses, self.crossover):
            item.setZValue(10)
            self.plot.addItem(item)
        self._legend_names: tuple[str, ...] = ()
        self.crossover_year: int | None = None
        self.theme_changed()

    def theme_changed(self) -> None:
        self.total.setPen(pg.mkPen(self.foreground(), width=1.5))

    def _band(self, number: int) -> tuple[pg.PlotCurveItem, pg.PlotCurveItem, pg.FillBetweenItem]:
        while len(self.bands) <= number:
            lower, upper = pg.PlotCurveItem(), pg.PlotCurveItem()
            brush = pg.mkBrush(colour(SERIES[len(self.bands) % len(SERIES)], 200))
            fill = pg.FillBetweenItem(lower, upper, brush=brush)
            self.plot.addItem(fill)
            self.bands.append((lower, upper, fill))
        return self.bands[number]

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        series = income_series(self.projection, self.context.real, montecarlo is not None)
        years = series.years
        self.plot.setTitle(series.title)
        for number in range(len(series.names)):
            low, high, fill = self._band(number)
            low.setData(years, series.lower[number])
            high.setData(years, series.upper[number])
            fill.show()
        for low, high, fill in self.bands[len(series.names):]:
            low.setData([], [])
            high.setData([], [])
            fill.hide()
        self.total.setData(years, series.total)
        self.expenses.setData(years, series.expenses)
        self.fit(self.plot, years, series.lower, series.upper, series.expenses, headroom=HEADROOM)
        self._update_legend(series.names)
        crossover = series.crossover
        self.crossover_year = None if crossover is None else crossover.year
        self.crossover.setVisible(crossover is not None)  # shown first: a hidden line's label ignores new text
        if crossover is not None:
            self.crossover.setPos(crossover.x)
            self.crossover.label.setFormat(crossover.label)
        self.legend.items[2].setVisible(crossover is not None)

    def _update_legend(self, names: tuple[str, ...]) -> None:
        if names == self._legend_names:
            return
        self.legend.clear()
        self.legend.add_item("Total", self.total)
        self.legend.add_item("Expenses", self.expenses)
        self.legend.add_item("Income covers expenses", self.crossover)
        for number, name in enumerate(names):
            self.legend.add_item(name, self._band(number)[2])
        self._legend_names = names
        self.apply_theme()

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None:
            return None
        return income_hover(self.projection, index, self.context.real, self.formats())
