"""Scenarios side by side: the median net worth of each, with the 10-90 % band of the first (the
base plan), and each one's probability of FI by year."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import pyqtgraph as pg

from planner.engine.metrics import Projection
from planner.ui.charts.axes import full_money, percent
from planner.ui.charts.base import SERIES, ChartBase, ChartContext, colour, legend_sample


class ScenarioChart(ChartBase):
    title = "Scenarios"

    def __init__(self) -> None:
        super().__init__()
        self.worth_plot = self.add_plot(0, title="Median net worth")
        self.odds_plot = self.add_plot(1, left="percent", title="Probability of FI by year")
        self.odds_plot.setXLink(self.worth_plot)
        self.legend = self.add_legend(self.worth_plot)
        self.low, self.high = pg.PlotCurveItem(), pg.PlotCurveItem()
        self.band = pg.FillBetweenItem(self.low, self.high, brush=pg.mkBrush(colour(SERIES[0], 50)))
        self.worth_plot.addItem(self.band)
        self.worth_lines: list[pg.PlotDataItem] = []
        self.odds_lines: list[pg.PlotDataItem] = []
        self.names: list[str] = []
        self.results: list[Projection] = []

    def show_scenarios(self, results: Sequence[tuple[str, Projection]], context: ChartContext) -> None:
        """Draw every scenario's result; the first is the reference whose band is shaded."""
        names = [name for name, _ in results]
        projections = [projection for _, projection in results]
        self.show_projection(0, None, projections[0], context)
        basis = "real" if context.real else "nominal"
        while len(self.worth_lines) < len(projections):
            shade = SERIES[len(self.worth_lines) % len(SERIES)]
            self.worth_lines.append(self.worth_plot.plot(pen=pg.mkPen(shade, width=2.2)))
            self.odds_lines.append(self.odds_plot.plot(pen=pg.mkPen(shade, width=2.2)))
        if names != self.names:
            self.legend.clear()
            band = legend_sample(brush=pg.mkBrush(colour(SERIES[0], 50)))
            self.legend.addItem(band, f"{escape(names[0])}: 10–90 % of paths")
            for index, name in enumerate(names):
                self.legend.addItem(legend_sample(pen=pg.mkPen(SERIES[index % len(SERIES)], width=2.2)), escape(name))
            self.apply_theme()
        self.names, self.results = names, projections
        years = self.years()
        medians = []
        for index, (worth, odds) in enumerate(zip(self.worth_lines, self.odds_lines, strict=True)):
            shown = index < len(projections)
            worth.setVisible(shown)
            odds.setVisible(shown)
            if shown:
                p = projections[index]
                medians.append(p.percentile(p.net_worth[basis], 50))
                worth.setData(years, medians[-1])
                odds.setData(years, 100.0 * p.fi_probability)
        reference = projections[0].net_worth[basis]
        self.low.setData(years, projections[0].percentile(reference, 10))
        self.high.setData(years, projections[0].percentile(reference, 90))
        money = "today's money" if context.real else "nominal"
        self.worth_plot.setTitle(f"Median net worth ({money})")
        self.fit(self.worth_plot, years, projections[0].percentile(reference, 10),
                 projections[0].percentile(reference, 90), *medians)
        self.odds_plot.setRange(xRange=(years[0] - 0.5, years[-1] + 0.5), yRange=(0, 100), padding=0.03)

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        """Scenarios are drawn by show_scenarios; the base class calls this for the reference only."""

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None or not self.results:
            return None
        basis = "real" if self.context.real else "nominal"
        lines = [f"<b>{int(self.years()[index])}</b>"]
        for name, p in zip(self.names, self.results, strict=True):
            value = (full_money(float(p.percentile(p.net_worth[basis], 50)[index]), self.context.symbol)
                     if plot_index == 0 else percent(float(p.fi_probability[index])))
            lines.append(f"{escape(name)}: {value}")
        return "<br>".join(lines)

