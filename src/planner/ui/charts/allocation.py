"""How the invested capital is split between the safe, core and speculative sleeves over time:
each sleeve's share of the mean capital, stacked to 100 % (services/chart_data/allocation.py)."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from planner.engine.metrics import Projection
from planner.services.chart_data.allocation import SLEEVES, allocation_hover, allocation_series
from planner.ui.charts.base import SLEEVE_COLOURS, ChartBase, colour


class AllocationChart(ChartBase):
    title = "Allocation"
    report_caption = "How the capital is spread over the safe, core and speculative sleeves over time."

    def __init__(self) -> None:
        super().__init__()
        self.plot = self.add_plot(0, left="percent", title="Capital by sleeve")
        self.plot.setYRange(0, 100)
        legend = self.add_legend()
        self.edges = [pg.PlotCurveItem() for _ in range(len(SLEEVES) + 1)]
        for number, name in enumerate(SLEEVES):
            brush = pg.mkBrush(colour(SLEEVE_COLOURS[number], 190))
            fill = pg.FillBetweenItem(self.edges[number], self.edges[number + 1], brush=brush)
            self.plot.addItem(fill)
            legend.add_item(name, fill)
        self.shares = np.zeros((0, 3))

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        series = allocation_series(self.projection, montecarlo is not None)
        years, self.shares = series.years, series.shares
        for number, edge in enumerate(self.edges):
            edge.setData(years, series.edges[:, number])
        self.plot.setRange(xRange=(years[0] - 0.5, years[-1] + 0.5), yRange=(0, 100), padding=0.03)
        self.plot.setTitle(series.title)

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None:
            return None
        return allocation_hover(self.projection, self.shares, index, self.formats())
