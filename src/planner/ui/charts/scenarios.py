"""Scenarios side by side: the median net worth and passive income of each, with the 10-90 % band
of the first (the reference: the base plan or the unstressed run), and each one's success of
stopping saving in each year (the answer's curve; the FI test's share by year where a run has no
search)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import numpy as np
import pyqtgraph as pg

from planner.engine.metrics import Projection
from planner.ui.charts.axes import full_money, percent
from planner.ui.charts.base import SERIES, ChartBase, ChartContext, colour

MEASURES = ("net_worth", "passive_income")


class ScenarioChart(ChartBase):
    title = "Scenarios"
    report_height = 2.1  # three plots stacked
    report_caption = ("Each scenario's median net worth and median passive income, with the base plan's 10–90 % "
                      "band shaded, and the share of each scenario's paths whose FI test has held by each year.")

    def __init__(self) -> None:
        super().__init__()
        self.worth_plot = self.add_plot(0, title="Median net worth")
        self.income_plot = self.add_plot(1, title="Median passive income a year")
        self.odds_plot = self.add_plot(2, left="percent", title="Success of stopping saving in each year")
        for plot in (self.income_plot, self.odds_plot):
            plot.setXLink(self.worth_plot)
            plot.hideAxis("top")  # ages once, above the first plot; years once, below the last
        for plot in (self.worth_plot, self.income_plot):
            plot.getAxis("bottom").showLabel(False)
        self.legend = self.add_legend()
        self.bands = []
        self.band_items: list[pg.FillBetweenItem] = []
        for plot in (self.worth_plot, self.income_plot):
            low, high = pg.PlotCurveItem(), pg.PlotCurveItem()
            band = pg.FillBetweenItem(low, high, brush=pg.mkBrush(colour(SERIES[0], 50)))
            plot.addItem(band)
            self.bands.append((low, high))
            self.band_items.append(band)
        self.lines: list[tuple[pg.PlotDataItem, pg.PlotDataItem, pg.PlotDataItem]] = []
        self.names: list[str] = []
        self.results: list[Projection] = []

    def show_scenarios(self, results: Sequence[tuple[str, Projection]], context: ChartContext) -> None:
        """Draw every scenario's result; the first is the reference whose band is shaded."""
        names = [name for name, _ in results]
        projections = [projection for _, projection in results]
        self.show_projection(0, None, projections[0], context)
        basis = "real" if context.real else "nominal"
        while len(self.lines) < len(projections):
            pen = pg.mkPen(SERIES[len(self.lines) % len(SERIES)], width=2.2)
            self.lines.append(tuple(plot.plot(pen=pen) for plot in (self.worth_plot, self.income_plot,
                                                                     self.odds_plot)))  # type: ignore[arg-type]
        if names != self.names:
            self.legend.clear()
            self.legend.add_item(f"{names[0]}: 10–90 % of paths", *self.band_items)
            for index, name in enumerate(names):
                self.legend.add_item(name, *self.lines[index])
            self.apply_theme()
        self.names, self.results = names, projections
        years = self.years()
        medians: dict[str, list[np.ndarray]] = {measure: [] for measure in MEASURES}
        for index, items in enumerate(self.lines):
            shown = index < len(projections)
            for item in items:
                item.setVisible(shown)
            if not shown:
                continue
            p = projections[index]
            for measure, item in zip(MEASURES, items, strict=False):
                medians[measure].append(p.percentile(getattr(p, measure)[basis], 50))
                item.setData(years, medians[measure][-1])
            items[2].setData(*_stop_success(p, years))
        reference = projections[0]
        money = "today's money" if context.real else "nominal"
        for measure, (low, high), plot in zip(MEASURES, self.bands, (self.worth_plot, self.income_plot), strict=True):
            bands = getattr(reference, measure)[basis]
            low.setData(years, reference.percentile(bands, 10))
            high.setData(years, reference.percentile(bands, 90))
            self.fit(plot, years, reference.percentile(bands, 10), reference.percentile(bands, 90), *medians[measure])
        self.worth_plot.setTitle(f"Median net worth ({money})")
        self.income_plot.setTitle(f"Median passive income a year ({money})")
        searched = all(p.success_curve is not None for p in projections)
        self.odds_plot.setTitle("Success of stopping saving in each year" if searched else "FI test passed by year")
        self.odds_plot.setRange(xRange=(years[0] - 0.5, years[-1] + 0.5), yRange=(0, 100), padding=0.03)
        self.apply_theme()

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        """Scenarios are drawn by show_scenarios; the base class calls this for the reference only."""

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None or not self.results:
            return None
        basis = "real" if self.context.real else "nominal"
        lines = [f"<b>{int(self.years()[index])}</b>"]
        for name, p in zip(self.names, self.results, strict=True):
            if plot_index == 2:
                success = p.success_at(12 * index)
                value = percent(float(p.fi_probability[index]) if success is None else success)
            else:
                bands = getattr(p, MEASURES[plot_index])[basis]
                value = full_money(float(p.percentile(bands, 50)[index]), self.context.symbol)
            lines.append(f"{escape(name)}: {value}")
        return "<br>".join(lines)


def _stop_success(p: Projection, years: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(x, percent): the success of stopping in each projected year's first month, or the FI test's
    cumulative share by year when the run made no search."""
    if p.success_curve is None:
        return years, 100.0 * p.fi_probability
    return years - 0.5, 100.0 * p.success_curve[::12][:years.size]
