"""When the household can stop saving: above, the success of stopping in each year (from every
path's earliest successful stop month) against the confidence, with the confident month and the
target age marked; below, the FI test's dates - the share of paths it says FI in each year and
the cumulative share - with the success of stopping when it says so in the title."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from planner.engine.metrics import Projection
from planner.ui.charts.axes import percent
from planner.ui.charts.base import BAND, EXPENSES, SERIES, ChartBase, colour
from planner.ui.formatting import count

MARKERS = ("10 %", "Median", "90 %")


def fi_year(projection: Projection, month: int | None) -> int | None:
    """The calendar year of an FI month (months from the plan start), as the histogram bins it."""
    if month is None or month // 12 >= projection.years:
        return None
    return int(projection.year_labels[month // 12])


def month_position(projection: Projection, month: int) -> float:
    """Where a month from the plan start sits on the charts' calendar-year axis: calendar year y
    spans y - 0.5 to y + 0.5, a month its twelfth of that."""
    when = projection.calendar_month(month)
    return when.year - 0.5 + (when.month - 0.5) / 12.0


def success_by_year(projection: Projection) -> tuple[np.ndarray, np.ndarray] | None:
    """(x, success in percent) of stopping in the first month of each projected year (None: no search)."""
    curve = projection.success_curve
    if curve is None:
        return None
    months = np.arange(0, projection.months, 12)
    return np.array([month_position(projection, m) for m in months]), 100.0 * curve[months]


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
        p, years = self.projection, self.years()
        which = f"{count(p.paths_done)} paths" if montecarlo is not None else "expected path"
        self._draw_success(p, which)
        self.odds.setData(years, 100.0 * p.fi_probability)
        self.bars.setOpts(x=years, height=100.0 * p.fi_year_share, width=0.8)
        low, high = p.fi_month_range
        months = {"10 %": low, "Median": p.median_fi_month, "90 %": high}
        for name, line in self.markers.items():
            year = fi_year(p, months[name])
            self.marked[name] = year
            line.setVisible(year is not None)
            if year is not None:
                line.setPos(float(year))
        marks = " · ".join(f"{name}: {year or 'not reached'}" for name, year in self.marked.items())
        followed = "" if p.rule_success is None else f"; stopping then succeeds on {percent(p.rule_success)}"
        self.dates_plot.setTitle(f"FI dates by the FI test — {marks}{followed}" if p.rule_tested
                                 else "FI dates by the FI test (with the Monte Carlo paths…)")
        self.stop_plot.setRange(xRange=(years[0] - 0.5, years[-1] + 0.5), yRange=(0, 100), padding=0.03)
        self.dates_plot.setYRange(0, 100, padding=0.03)

    def _draw_success(self, p: Projection, which: str) -> None:
        points = success_by_year(p)
        self.success.setVisible(points is not None)
        if points is not None:
            self.success.setData(*points)
        confident = p.confident
        self.confidence.setVisible(confident is not None)
        self.confident.setVisible(confident is not None and confident.month is not None)
        if confident is not None:
            self.confidence.setPos(100.0 * confident.confidence)
            self.legend.items[1].set_text(f"Confidence asked for: {percent(confident.confidence)}")
            if confident.month is not None:
                self.confident.setPos(month_position(p, confident.month))
                self.confident.label.setFormat(f"can stop: {p.calendar_month(confident.month).year}")
        self.target.setVisible(p.target_month < p.months)
        if p.target_month < p.months:
            self.target.setPos(month_position(p, p.target_month))
            self.target.label.setFormat(f"target: {percent(p.success_probability)}"
                                        if p.stop_month == p.target_month else "target")
        title = "Success of stopping saving in each year" if points is not None else \
            "Success of stopping saving (searching…)"
        self.stop_plot.setTitle(f"{title} ({which})")

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None:
            return None
        p = self.projection
        lines = [f"<b>{int(p.year_labels[index])}</b> (age {int(p.ages[index])})"]
        success = p.success_at(12 * index)
        if plot_index == 0 and success is not None:
            lines.append(f"Stop saving in {p.calendar_month(12 * index)}: {percent(success, 1)} success")
        lines += [f"FI test passed by the end of the year: {percent(float(p.fi_probability[index]))}",
                  f"FI test first passed in this year: {percent(float(p.fi_year_share[index]), 1)}"]
        return "<br>".join(lines)
