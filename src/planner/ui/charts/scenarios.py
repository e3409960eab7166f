"""Scenarios side by side: the median net worth and passive income of each, with the 10-90 % band
of the first (the reference: the base plan or the unstressed run), and each one's success of
stopping saving in each year (the answer's curve; the FI test's share by year where a run has no
search). The medians, band and success curves come from services/chart_data/scenarios.py."""

from __future__ import annotations

from collections.abc import Sequence

import pyqtgraph as pg

from planner.engine.metrics import Projection
from planner.services.chart_data.scenarios import scenario_hover, scenario_series
from planner.ui.charts.base import SERIES, ChartBase, ChartContext, colour


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
        series = scenario_series(projections, context.real)
        years = series.years
        for index, items in enumerate(self.lines):
            shown = index < len(projections)
            for item in items:
                item.setVisible(shown)
            if not shown:
                continue
            items[0].setData(years, series.medians["net_worth"][index])
            items[1].setData(years, series.medians["passive_income"][index])
            items[2].setData(*series.success[index])
        for measure, (low, high), plot in zip(series.bands, self.bands, (self.worth_plot, self.income_plot),
                                              strict=True):
            low_values, high_values = series.bands[measure]
            low.setData(years, low_values)
            high.setData(years, high_values)
            self.fit(plot, years, low_values, high_values, *series.medians[measure])
        self.worth_plot.setTitle(series.worth_title)
        self.income_plot.setTitle(series.income_title)
        self.odds_plot.setTitle(series.odds_title)
        self.odds_plot.setRange(xRange=(years[0] - 0.5, years[-1] + 0.5), yRange=(0, 100), padding=0.03)
        self.apply_theme()

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        """Scenarios are drawn by show_scenarios; the base class calls this for the reference only."""

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None or not self.results:
            return None
        return scenario_hover(self.names, self.results, plot_index, index, self.context.real, self.formats())
