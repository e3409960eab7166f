"""Accounts and tax: above, the median capital in taxable, tax-deferred and tax-free accounts; below,
the median tax paid each year with its 10-90 % band and the mean early-withdrawal penalties. Each
account's penalty-free month and the stop month are marked on both plots (named above). What is
drawn comes from services/chart_data/accounts.py; items are pooled, one line per locked account."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from planner.engine.metrics import Projection
from planner.services.chart_data.accounts import AccountsSeries, accounts_hover, accounts_series
from planner.services.chart_data.fi_odds import Marker
from planner.ui.charts.base import EXPENSES, SERIES, ChartBase, colour

#: Each account type's line colour: taxable, tax-deferred, tax-free.
TYPE_COLOURS = (SERIES[0], SERIES[1], SERIES[2])
ACCESS = SERIES[4]
PENALTY = SERIES[5]
#: Room kept above the lines for the markers' names, and where (a share of the plot's height) the
#: stop's name sits and the first account's name below it.
HEADROOM = 0.2
STOP_LABEL_AT, ACCESS_LABEL_AT, LABEL_STEP = 0.95, 0.84, 0.13


def _line_text(text: str) -> str:
    """A marker's name as an InfiniteLine label format (braces would be read as fields), a space
    either side so that it clears its own line."""
    return " " + text.replace("{", "{{").replace("}", "}}") + " "


class AccountsChart(ChartBase):
    title = "Accounts and tax"
    report_height = 1.6  # two plots stacked
    report_caption = ("Above: the median capital held in taxable, tax-deferred and tax-free accounts at each year's "
                      "end (cash and debts outside them), with the month each account with an access age can be "
                      "drawn without its penalty and the stop month marked. Below: the median tax paid each year "
                      "(withheld and settled, penalties included) with the band of 80 % of the paths, and the mean "
                      "early-withdrawal penalties. Today's money.")

    def __init__(self) -> None:
        super().__init__()
        self.capital_plot = self.add_plot(0, title="Capital by account type")
        self.lines = [self.capital_plot.plot(pen=pg.mkPen(shade, width=2.5)) for shade in TYPE_COLOURS]
        self.tax_plot = self.add_plot(1, title="Tax paid each year")
        self.tax_plot.setXLink(self.capital_plot)
        self.tax_plot.hideAxis("top")  # the age is read on the plot above
        self.tax_low, self.tax_high = pg.PlotCurveItem(), pg.PlotCurveItem()
        self.tax_band = pg.FillBetweenItem(self.tax_low, self.tax_high, brush=pg.mkBrush(colour(EXPENSES, 55)))
        self.tax_plot.addItem(self.tax_band)
        self.penalties = pg.BarGraphItem(x=[], height=[], width=0.7, brush=pg.mkBrush(colour(PENALTY, 200)), pen=None)
        self.tax_plot.addItem(self.penalties)
        self.tax = self.tax_plot.plot(pen=pg.mkPen(EXPENSES, width=2.5))
        self.stop_lines = (self._marker(self.capital_plot, STOP_LABEL_AT, stop=True),
                           self._marker(self.tax_plot, stop=True))
        for plot in (self.capital_plot, self.tax_plot):
            plot.vb.setZValue(1)  # the data and the markers' names over the grid, not struck through by it
        self.access_lines: list[tuple[pg.InfiniteLine, pg.InfiniteLine]] = []
        self.series: AccountsSeries | None = None
        self.theme_changed()
        self.legend = self.add_legend()  # the markers are named on their lines
        for name, line in zip(("Taxable", "Tax-deferred", "Tax-free"), self.lines, strict=True):
            self.legend.add_item(name, line)
        self.legend.add_item("Median tax paid (below)", self.tax)
        self.legend.add_item("Tax paid, 10–90 % of paths", self.tax_band)
        self.legend.add_item("Early-withdrawal penalties", self.penalties, brush=colour(PENALTY, 200))
        self.legend.add_item("Penalty-free access", pen=pg.mkPen(ACCESS, width=1.5, style=Qt.PenStyle.DashLine))
        self.legend.add_item("Saving stops", *self.stop_lines)

    def _marker(self, plot: pg.PlotItem, position: float | None = None, stop: bool = False,
                depth: int = 0) -> pg.InfiniteLine:
        """A vertical marker; named when ``position`` (a share of the plot's height) is given: the
        stop's name left of its line, an account's right of it. Later markers lie lower (``depth``),
        so an earlier one's name, on its own background, is drawn over a later line."""
        shade = EXPENSES if stop else ACCESS
        pen = pg.mkPen(shade, width=1.5, style=Qt.PenStyle.DotLine if stop else Qt.PenStyle.DashLine)
        options = {} if position is None else {"label": "", "labelOpts": {
            "position": position, "color": shade, "anchors": [(1, 0.5), (1, 0.5)] if stop else [(0, 0.5), (0, 0.5)]}}
        line = pg.InfiniteLine(angle=90, movable=False, pen=pen, **options)
        if position is not None:
            line.label.textItem.document().setDocumentMargin(1)  # its background no taller than the text
        line.setZValue(20 - depth)
        plot.addItem(line, ignoreBounds=True)
        return line

    def _access_line(self, number: int) -> tuple[pg.InfiniteLine, pg.InfiniteLine]:
        while len(self.access_lines) <= number:
            count = len(self.access_lines)
            at = max(ACCESS_LABEL_AT - LABEL_STEP * count, 0.1)
            self.access_lines.append((self._marker(self.capital_plot, at, depth=count + 1),
                                      self._marker(self.tax_plot, depth=count + 1)))
            self.theme_changed()
        return self.access_lines[number]

    def theme_changed(self) -> None:
        """Marker names sit on the plot's background, hiding the lines they cross."""
        fill = pg.mkBrush(self._background())
        for line in (self.stop_lines[0], *(upper for upper, _ in self.access_lines)):
            line.label.fill = fill
            line.label.update()

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        self.series = series = accounts_series(self.projection, montecarlo is not None, self.formats())
        years = series.years
        entries = self.legend.items[:3]
        for line, values, shown, entry in zip(self.lines, series.capital, series.shown, entries, strict=True):
            line.setData(years, values) if shown else line.setData([], [])
            entry.setVisible(shown)
        self.capital_plot.setTitle(series.capital_title)
        self.tax_plot.setTitle(series.tax_title)
        self.tax.setData(years, series.tax)
        banded = series.tax_low is not None and series.tax_high is not None
        self.tax_low.setData(years, series.tax_low) if banded else self.tax_low.setData([], [])
        self.tax_high.setData(years, series.tax_high) if banded else self.tax_high.setData([], [])
        self.tax_band.setVisible(banded)
        self.legend.items[4].setVisible(banded)
        self.penalties.setOpts(x=years, height=series.penalties, width=0.7)
        self.legend.items[5].setVisible(bool(series.penalties.max(initial=0.0) > 0.5))
        self._draw_markers(series.access, series.stop)
        capital = [values for values, shown in zip(series.capital, series.shown, strict=True) if shown]
        self.fit(self.capital_plot, years, *capital, headroom=HEADROOM)
        self.fit(self.tax_plot, years, series.tax, series.tax_low, series.tax_high, series.penalties)

    def _draw_markers(self, access: tuple[Marker, ...], stop: Marker | None) -> None:
        for number, marker in enumerate(access):
            for line in self._access_line(number):
                line.setVisible(True)  # shown first: a hidden line's label ignores new text
                line.setPos(marker.x)
            self.access_lines[number][0].label.setFormat(_line_text(marker.label))
        for lines in self.access_lines[len(access):]:
            for line in lines:
                line.setVisible(False)
        self.legend.items[6].setVisible(bool(access))
        for line in self.stop_lines:
            line.setVisible(stop is not None)
            if stop is not None:
                line.setPos(stop.x)
        if stop is not None:
            self.stop_lines[0].label.setFormat(_line_text(stop.label))
        self.legend.items[7].setVisible(stop is not None)

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        index = self.year_index(x)
        if index is None or self.projection is None:
            return None
        return accounts_hover(self.projection, index, self.formats())
