"""When the household can stop saving: above, the success of stopping in each year (from every
path's earliest successful stop month) against the confidence, with the confident month and the
target age marked; below, the FI test's dates - the share of paths it says FI in each year and
the cumulative share - with the success of stopping when it says so in the title. What is drawn
comes from services/chart_data/fi_odds.py."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from planner.engine.metrics import Projection
from planner.services.chart_data.fi_odds import MARKERS, FISeries, fi_hover, fi_series
from planner.ui.charts.base import BAND, EXPENSES, SERIES, ChartBase, colour


class FIChart(ChartBase):
    title = "When to stop"
    report_height = 1.6  # two plots stacked
    report_caption = ("Above: the success of stopping saving in each year, against the confidence, with the earliest "
                      "confident month and the target age marked. Below: when the FI test first holds (12 months "
                      "in a row) on the paths, with the 10 %, median and 90 % dates marked.")

    def __init__(self) -> None:
        super().__init__()
        self.stop_plot = self.add_plot(0, left="percent", title="Success of stopping saving in each year")
        self.stop_plot.getAxis("left").setTickSpacing(50, 25)
        self.success = self.stop_plot.plot(pen=pg.mkPen(BAND, width=2.5))
        confidence_pen = pg.mkPen(EXPENSES, width=1.2, style=Qt.PenStyle.DashLine)
        self.confidence = pg.InfiniteLine(angle=0, movable=False, pen=confidence_pen)
        self.confident = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(SERIES[2], width=2),
                                         label="can stop", labelOpts={"position": 0.12, "color": SERIES[2]})
        self.target = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(SERIES[1], width=1.5,
                                                                            style=Qt.PenStyle.DotLine),
                                      label="target", labelOpts={"position": 0.25, "color": SERIES[1]})
        for item in (self.confidence, self.confident, self.target):
            self.stop_plot.addItem(item, ignoreBounds=True)
        self.dates_plot = self.add_plot(1, left="percent", title="FI dates by the FI test (share of paths)")
        self.dates_plot.setXLink(self.stop_plot)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush=pg.mkBrush(colour(BAND, 120)), pen=None)
        self.dates_plot.addItem(self.bars)
        self.odds = self.dates_plot.plot(pen=pg.mkPen(BAND, width=2))
        self.dates_plot.hideAxis("top")  # the age is read on the plot above
        self.markers = {}
        for name in MARKERS:
            line = pg.InfiniteLine(angle=90, movable=False)
            self.dates_plot.addItem(line, ignoreBounds=True)
            self.markers[name] = line
        self.marked: dict[str, int | None] = {}
        self.theme_changed()
        self.legend = self.add_legend()  # "can stop" and "target" are labelled on their lines
        self.legend.add_item("Above: success when all paths stop saving that year", self.success)
        self.legend.add_item("Confidence asked for", self.confidence)
        self.legend.add_item("Below: share of paths whose FI test first holds that year", self.bars)
        self.legend.add_item("Share of paths whose FI test has held by then", self.odds)
        self.legend.add_item("Median FI date", self.markers["Median"])
        self.legend.add_item("10 % and 90 % of paths reach FI by then", self.markers["10 %"], self.markers["90 %"])

    def theme_changed(self) -> None:
        for name, line in self.markers.items():
            style = Qt.PenStyle.SolidLine if name == "Median" else Qt.PenStyle.DashLine
            line.setPen(pg.mkPen(self.foreground(), width=2 if name == "Median" else 1.2, style=style))

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        series = fi_series(self.projection, montecarlo is not None, self.formats())
        years = series.years
        self._draw_success(series)
        self.odds.setData(years, series.odds)
        self.bars.setOpts(x=years, height=series.first_passed, width=0.8)
        self.marked = dict(series.marked)
        for name, line in self.markers.items():
            year = series.marked[name]
            line.setVisible(year is not None)
            if year is not None:
                line.setPos(float(year))
        self.dates_plot.setTitle(series.dates_title)
        self.stop_plot.setRange(xRange=(years[0] - 0.5, years[-1] + 0.5), yRange=(0, 100), padding=0.03)
        self.dates_plot.setYRange(0, 100, padding=0.03)

    def _draw_success(self, series: FISeries) -> None:
        self.success.setVisible(series.success is not None)
        if series.success is not None:
            self.success.setData(*series.success)
        self.confidence.setVisible(series.confidence is not None)
        self.confident.setVisible(series.confident is not None)
        if series.confidence is not None and series.confidence_legend is not None:
            self.confidence.setPos(series.confidence)
            self.legend.items[1].set_text(series.confidence_legend)
        if series.confident is not None:
            self.confident.setPos(series.confident.x)
            self.confident.label.setFormat(series.confident.label)
        self.target.setVisible(series.target is not None)
        if series.target is not None:
            self.target.setPos(series.target.x)
            self.target.label.setFormat(series.target.label)
        self.stop_plot.setTitle(series.stop_title)

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None:
            return None
        return fi_hover(self.projection, plot_index, index, self.formats())
