"""The backtest chart: every historical start as a thin line of net worth in today's money, those
that held in blue and those that failed in red, the worst starts thicker and named in the legend
with what happened to them. The lines and texts come from services/chart_data/backtest.py; each
group of hundreds of lines is one pyqtgraph item (``connect``), so drawing stays quick."""

from __future__ import annotations

from collections.abc import Callable

import pyqtgraph as pg

from planner.engine.backtest import Backtest
from planner.services.chart_data.backtest import TOP_QUANTILE, BacktestPicture, backtest_picture, start_hover
from planner.ui.charts.axes import YearAxis
from planner.ui.charts.base import BAND, EXPENSES, ChartBase, colour

#: The worst starts' colours: neither the blue of the starts that held nor the red of those that failed.
WORST_COLOURS = ("#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf")


class BacktestChart(ChartBase):
    title = "Backtest"

    def __init__(self) -> None:
        super().__init__()
        self.plot = self.add_plot(0, left="money", bottom="years", title="Net worth by year for each historical start")
        self.plot.getAxis("left").setLabel("Net worth, today's money")
        self.succeeded = pg.PlotDataItem(pen=pg.mkPen(colour(BAND, 70), width=1))
        self.failed = pg.PlotDataItem(pen=pg.mkPen(colour(EXPENSES, 70), width=1))
        for item in (self.succeeded, self.failed):
            item.setSkipFiniteCheck(True)
            self.plot.addItem(item)
        self.worst = [pg.PlotDataItem(pen=pg.mkPen(shade, width=3)) for shade in WORST_COLOURS]
        for item in self.worst:
            item.setZValue(10)
            self.plot.addItem(item)
        self.legend = self.add_legend()  # entries made once, their texts set per backtest
        self.held_entry = self.legend.add_item("", self.succeeded, pen=pg.mkPen(BAND, width=2))
        self.failed_entry = self.legend.add_item("", self.failed, pen=pg.mkPen(EXPENSES, width=2))
        self.worst_entries = [self.legend.add_item("", item) for item in self.worst]
        self.legend.hide()
        self.backtest: Backtest | None = None
        self.picture: BacktestPicture | None = None

    def show_backtest(self, backtest: Backtest, birth_year: int, symbol: str) -> BacktestPicture:
        """Draw one backtest (every start, the worst named); the top axis shows the household's age."""
        self.backtest = backtest
        self.set_symbol(symbol)
        top = self.plot.getAxis("top")
        if isinstance(top, YearAxis):
            top.set_offset(-birth_year)
        picture = self.picture = backtest_picture(backtest, self.formats())
        for item, lines in ((self.succeeded, picture.succeeded), (self.failed, picture.failed)):
            item.setData(lines.x, lines.y, connect=lines.connect)
        self.held_entry.set_text(_starts_text(self.formats().count, picture.succeeded.count, "held"))
        self.failed_entry.set_text(_starts_text(self.formats().count, picture.failed.count, "failed"))
        for item, entry, worst in zip(self.worst, self.worst_entries, (*picture.worst, *[None] * len(self.worst)),
                                      strict=False):
            item.setVisible(worst is not None)
            entry.setVisible(worst is not None)
            if worst is not None:
                item.setData(worst.x, worst.y)
                entry.set_text(worst.label)
        self.legend.relayout()
        above = (f" The highest {100 * (1 - TOP_QUANTILE):.0f} % of values run off the top." if picture.clipped
                 else "")
        self.legend.set_note(f"Each line is one start month of the history, living through the markets and inflation "
                             f"that followed it: net worth at each year's end, in today's money. The "
                             f"{len(picture.worst)} thick lines are the worst starts.{above}")
        (x_low, x_high), (y_low, y_high) = picture.x_range, picture.y_range
        self.plot.setRange(xRange=(x_low - 0.5, x_high + 0.5), yRange=(y_low, y_high), padding=0.03)
        self.apply_theme()
        return picture

    def draw(self, deterministic: object, montecarlo: object) -> None:
        """Drawn by show_backtest."""

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        if self.backtest is None:
            return None
        return start_hover(self.backtest, x, y, self.formats())


def _starts_text(count: Callable[[int], str], starts: int, what: str) -> str:
    """"1,122 starts that held", "1 start that failed", "no start failed"."""
    if starts == 0:
        return f"no start {what}"
    return f"{count(starts)} start{'s' if starts != 1 else ''} that {what}"
