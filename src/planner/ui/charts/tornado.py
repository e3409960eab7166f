"""A tornado chart: for each input, how far the earliest confident stop month (top) and the success of
stopping at the target age (bottom) move when the input moves down (one colour) and up (the other),
the inputs with the largest effect at the top. The bars and read-outs come from
services/chart_data/tornado.py."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from planner.engine.sensitivity import Sensitivity
from planner.services.chart_data.tornado import tornado_hover, tornado_series
from planner.ui.charts.base import SERIES, ChartBase, ChartContext

DOWN, UP = SERIES[0], SERIES[1]


class TornadoChart(ChartBase):
    title = "Sensitivity"

    def __init__(self) -> None:
        super().__init__()
        self.fi_plot = self.add_plot(0, left="labels", bottom="number",
                                     title="Change of the earliest month to stop saving with the confidence (months)")
        self.income_plot = self.add_plot(1, left="labels", bottom="number",
                                         title="Change of the success of stopping at the target age (points)")
        self.bars: list[tuple[pg.BarGraphItem, pg.BarGraphItem]] = []
        self.zero_lines: list[pg.InfiniteLine] = []
        for plot in (self.fi_plot, self.income_plot):
            down = pg.BarGraphItem(x0=[], y=[], width=[], height=0.38, brush=DOWN, pen=None)
            up = pg.BarGraphItem(x0=[], y=[], width=[], height=0.38, brush=UP, pen=None)
            zero = pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen("#888888"))
            for item in (down, up, zero):
                plot.addItem(item)
            self.bars.append((down, up))
            self.zero_lines.append(zero)
        self.legend = self.add_legend()
        self.legend.add_item("input moved down", *(down for down, _up in self.bars))
        self.legend.add_item("input moved up", *(up for _down, up in self.bars))
        self.legend.add_item("no change from the plan", *self.zero_lines)
        self.result: Sensitivity | None = None
        self.horizon = 0

    def show_sensitivity(self, result: Sensitivity, horizon_months: int, context: ChartContext) -> None:
        self.result, self.horizon, self.context = result, horizon_months, context
        self.set_symbol(context.symbol)
        series = tornado_series(result, horizon_months)
        self.income_plot.setTitle(series.success_title)
        rows = series.rows
        for plot, (down, up), bars in ((self.fi_plot, self.bars[0], series.months),
                                       (self.income_plot, self.bars[1], series.success)):
            plot.getAxis("left").setTicks([series.ticks])
            down.setOpts(x0=np.minimum(bars.lows, 0), width=np.abs(bars.lows), y=rows + 0.2, height=0.38)
            up.setOpts(x0=np.minimum(bars.highs, 0), width=np.abs(bars.highs), y=rows - 0.2, height=0.38)
            plot.setRange(xRange=(-bars.reach, bars.reach), yRange=(-0.7, len(rows) - 0.3), padding=0.05)
        self.apply_theme()

    def draw(self, deterministic: object, montecarlo: object) -> None:
        """Drawn by show_sensitivity."""

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        return None if self.result is None else tornado_hover(self.result, plot_index, y)
