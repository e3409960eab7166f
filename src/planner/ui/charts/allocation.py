"""How the invested capital is split between the safe, core and speculative sleeves over time:
each sleeve's share of the mean capital, stacked to 100 %."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from planner.engine.metrics import Projection
from planner.ui.charts.axes import percent
from planner.ui.charts.base import SLEEVE_COLOURS, ChartBase, colour

SLEEVES = ("Safe", "Core", "Speculative")


def sleeve_shares(sleeve_value: np.ndarray) -> np.ndarray:
    """(years, 3) values as shares of each year's total; a year with no capital has no shares."""
    total = sleeve_value.sum(axis=1, keepdims=True)
    return np.divide(sleeve_value, total, out=np.zeros_like(sleeve_value), where=total > 0)


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
        years = self.years()
        self.shares = sleeve_shares(self.projection.sleeve_value)
        cumulative = np.concatenate([np.zeros((len(years), 1)), np.cumsum(self.shares, axis=1)], axis=1) * 100.0
        for number, edge in enumerate(self.edges):
            edge.setData(years, cumulative[:, number])
        self.plot.setRange(xRange=(years[0] - 0.5, years[-1] + 0.5), yRange=(0, 100), padding=0.03)
        which = "mean of the paths" if montecarlo is not None else "expected path"
        self.plot.setTitle(f"Capital by sleeve (share of invested capital, {which})")

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None or index >= len(self.shares):
            return None
        p = self.projection
        lines = [f"<b>{int(p.year_labels[index])}</b> (age {int(p.ages[index])})"]
        lines += [f"{name}: {percent(float(self.shares[index, n]))}" for n, name in enumerate(SLEEVES)]
        return "<br>".join(lines)
