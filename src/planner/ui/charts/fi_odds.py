"""When financial independence comes: the probability of FI by each year, and the histogram of
FI dates with the median and the 10th and 90th percentiles marked."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt

from planner.engine.metrics import Projection
from planner.ui.charts.axes import percent
from planner.ui.charts.base import BAND, ChartBase, colour
from planner.ui.formatting import count

MARKERS = ("10 %", "Median", "90 %")


def fi_year(projection: Projection, month: int | None) -> int | None:
    """The calendar year of an FI month (months from the plan start), as the histogram bins it."""
    if month is None or month // 12 >= projection.years:
        return None
    return int(projection.year_labels[month // 12])


class FIChart(ChartBase):
    title = "Probability of FI"

    def __init__(self) -> None:
        super().__init__()
        self.odds_plot = self.add_plot(0, left="percent", title="Probability of FI by year")
        self.odds_plot.setYRange(0, 100, padding=0.05)
        self.odds_plot.getAxis("left").setTickSpacing(50, 25)
        self.odds = self.odds_plot.plot(pen=pg.mkPen(BAND, width=2.5), stepMode=None)
        self.dates_plot = self.add_plot(1, left="percent", title="When FI is reached (share of paths)")
        self.dates_plot.setXLink(self.odds_plot)
        self.bars = pg.BarGraphItem(x=[], height=[], width=0.8, brush=pg.mkBrush(colour(BAND, 170)), pen=None)
        self.dates_plot.addItem(self.bars)
        self.dates_plot.hideAxis("top")  # the age is read on the plot above
        self.markers = {}
        for name in MARKERS:
            line = pg.InfiniteLine(angle=90, movable=False)
            self.dates_plot.addItem(line, ignoreBounds=True)
            self.markers[name] = line
        self.marked: dict[str, int | None] = {}
        self.theme_changed()

    def theme_changed(self) -> None:
        for name, line in self.markers.items():
            style = Qt.PenStyle.SolidLine if name == "Median" else Qt.PenStyle.DashLine
            line.setPen(pg.mkPen(self.foreground(), width=2 if name == "Median" else 1.2, style=style))

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        p, years = self.projection, self.years()
        which = f"{count(p.paths_done)} paths" if montecarlo is not None else "expected path"
        self.odds_plot.setTitle(f"Probability of FI by year ({which})")
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
        self.dates_plot.setTitle(f"When FI is reached, share of paths — {marks}")
        self.odds_plot.setRange(xRange=(years[0] - 0.5, years[-1] + 0.5), yRange=(0, 100), padding=0.03)
        self.dates_plot.setYRange(0, max(5.0, float(np.max(100.0 * p.fi_year_share, initial=0.0)) * 1.15))

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None:
            return None
        p = self.projection
        return "<br>".join([f"<b>{int(p.year_labels[index])}</b> (age {int(p.ages[index])})",
                            f"FI by the end of the year: {percent(float(p.fi_probability[index]))}",
                            f"FI reached in this year: {percent(float(p.fi_year_share[index]), 1)}"])
