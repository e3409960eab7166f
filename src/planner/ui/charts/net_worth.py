"""Net worth as a fan: the 5-95, 10-90 and 25-75 percentile bands and the median of the Monte Carlo
paths, with the single expected path (no randomness) dashed over them. The series come from
services/chart_data/net_worth.py."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from planner.engine.metrics import PERCENTILES, Projection
from planner.services.chart_data.net_worth import BANDS, NetWorthSeries, net_worth_hover, net_worth_series
from planner.ui.charts.base import BAND, ChartBase, colour

#: Opacity of each band of BANDS: narrower bands are darker.
BAND_ALPHAS = (45, 60, 90)


class NetWorthChart(ChartBase):
    title = "Net worth"
    report_caption = ("Shaded bands hold 90, 80 and 50 % of the simulated paths; the solid line is the median, the "
                      "dashed line the expected path without randomness.")

    def __init__(self) -> None:
        super().__init__()
        self.plot = self.add_plot(0, title="Net worth")
        self.edges = {p: pg.PlotCurveItem() for p in PERCENTILES}
        self.fills = []
        for (low, high), alpha in zip(BANDS, BAND_ALPHAS, strict=True):
            fill = pg.FillBetweenItem(self.edges[low], self.edges[high], brush=pg.mkBrush(colour(BAND, alpha)))
            self.plot.addItem(fill)
            self.fills.append(fill)
        self.median = self.plot.plot(pen=pg.mkPen(BAND, width=2.5))
        self.expected = self.plot.plot()
        self.series: NetWorthSeries | None = None
        self.theme_changed()
        legend = self.add_legend()
        for (low, high), fill in zip(BANDS, self.fills, strict=True):
            legend.add_item(f"{low}–{high} % of paths", fill)
        legend.add_item("Median", self.median)
        legend.add_item("Expected path (no randomness)", self.expected)

    def theme_changed(self) -> None:
        self.expected.setPen(pg.mkPen(self.foreground(), width=2, style=Qt.PenStyle.DashLine))

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        self.series = series = net_worth_series(deterministic, montecarlo, self.context.real)
        years = series.years
        self.plot.setTitle(series.title)
        for p, curve in self.edges.items():
            curve.setData(years, series.edges[p]) if series.edges else curve.setData([], [])
        self.median.setData(years, series.median) if series.median is not None else self.median.setData([], [])
        self.expected.setData(years, series.expected) if series.expected is not None else self.expected.setData([], [])
        self.fit(self.plot, years, *series.values())

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None or self.series is None:
            return None
        return net_worth_hover(self.projection, self.series.expected, index, self.context.real, self.formats())
