"""Net worth as a fan: the 5-95, 10-90 and 25-75 percentile bands and the median of the Monte Carlo
paths, with the single expected path (no randomness) dashed over them."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from planner.engine.metrics import PERCENTILES, Projection
from planner.ui.charts.axes import full_money
from planner.ui.charts.base import BAND, ChartBase, colour

#: (low, high, opacity) of each band, widest first so narrower ones are drawn over it.
BANDS = ((5, 95, 45), (10, 90, 60), (25, 75, 90))


class NetWorthChart(ChartBase):
    title = "Net worth"
    report_caption = ("Shaded bands hold 90, 80 and 50 % of the simulated paths; the solid line is the median, the "
                      "dashed line the expected path without randomness.")

    def __init__(self) -> None:
        super().__init__()
        self.plot = self.add_plot(0, title="Net worth")
        self.edges = {p: pg.PlotCurveItem() for p in PERCENTILES}
        self.fills = []
        for low, high, alpha in BANDS:
            fill = pg.FillBetweenItem(self.edges[low], self.edges[high], brush=pg.mkBrush(colour(BAND, alpha)))
            self.plot.addItem(fill)
            self.fills.append(fill)
        self.median = self.plot.plot(pen=pg.mkPen(BAND, width=2.5))
        self.expected = self.plot.plot()
        self.theme_changed()
        legend = self.add_legend()
        for (low, high, _alpha), fill in zip(BANDS, self.fills, strict=True):
            legend.add_item(f"{low}–{high} % of paths", fill)
        legend.add_item("Median", self.median)
        legend.add_item("Expected path (no randomness)", self.expected)

    def theme_changed(self) -> None:
        self.expected.setPen(pg.mkPen(self.foreground(), width=2, style=Qt.PenStyle.DashLine))

    def _basis(self) -> str:
        return "real" if self.context.real else "nominal"

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        years, basis = self.years(), self._basis()
        money = "today's money" if self.context.real else "nominal"
        self.plot.setTitle(f"Net worth ({money})")
        if montecarlo is not None:
            bands = montecarlo.net_worth[basis]
            for p in PERCENTILES:
                self.edges[p].setData(years, bands[PERCENTILES.index(p)])
            self.median.setData(years, montecarlo.percentile(bands, 50))
        else:
            for curve in (*self.edges.values(), self.median):
                curve.setData([], [])
        expected = deterministic.percentile(deterministic.net_worth[basis], 50) if deterministic is not None else None
        self.expected.setData(years, expected) if expected is not None else self.expected.setData([], [])
        self.fit(self.plot, years, montecarlo.net_worth[basis] if montecarlo is not None else None, expected)

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None:
            return None
        p, symbol = self.projection, self.context.symbol
        lines = [f"<b>{int(p.year_labels[index])}</b> (age {int(p.ages[index])})"]
        if p.paths_done > 1:
            bands = p.net_worth[self._basis()][:, index]
            value = dict(zip(PERCENTILES, bands, strict=True))
            lines += [f"Median: {full_money(value[50], symbol)}",
                      f"25–75 %: {full_money(value[25], symbol)} – {full_money(value[75], symbol)}",
                      f"5–95 %: {full_money(value[5], symbol)} – {full_money(value[95], symbol)}"]
        expected = self.expected.getData()[1]
        if expected is not None and len(expected) > index and np.isfinite(expected[index]):
            lines.append(f"Expected path: {full_money(float(expected[index]), symbol)}")
        return "<br>".join(lines)
