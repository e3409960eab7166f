"""A tornado chart: for each input, how far the median FI date (top) and the median passive income
at the target age (bottom) move when the input moves down (one colour) and up (the other), the
inputs with the largest effect at the top."""

from __future__ import annotations

from html import escape

import numpy as np
import pyqtgraph as pg

from planner.engine.sensitivity import Outcome, Sensitivity
from planner.ui.charts.axes import full_money
from planner.ui.charts.base import SERIES, ChartBase, ChartContext, legend_sample

SHOWN = 12  # inputs drawn; the table below the chart lists them all
DOWN, UP = SERIES[0], SERIES[1]


class TornadoChart(ChartBase):
    title = "Sensitivity"

    def __init__(self) -> None:
        super().__init__()
        self.fi_plot = self.add_plot(0, left="labels", bottom="number", title="Change of the median FI date (months)")
        self.income_plot = self.add_plot(1, left="labels", bottom="money",
                                         title="Change of the median passive income at the target age")
        self.bars: list[tuple[pg.BarGraphItem, pg.BarGraphItem]] = []
        for plot in (self.fi_plot, self.income_plot):
            down = pg.BarGraphItem(x0=[], y=[], width=[], height=0.38, brush=DOWN, pen=None)
            up = pg.BarGraphItem(x0=[], y=[], width=[], height=0.38, brush=UP, pen=None)
            plot.addItem(down)
            plot.addItem(up)
            plot.addItem(pg.InfiniteLine(pos=0, angle=90, pen=pg.mkPen("#888888")))
            self.bars.append((down, up))
        self.legend = self.add_legend(self.fi_plot, outside=True)
        self.legend.addItem(legend_sample(brush=pg.mkBrush(DOWN)), "input moved down")
        self.legend.addItem(legend_sample(brush=pg.mkBrush(UP)), "input moved up")
        self.result: Sensitivity | None = None
        self.horizon = 0

    def show_sensitivity(self, result: Sensitivity, horizon_months: int, context: ChartContext) -> None:
        self.result, self.horizon, self.context = result, horizon_months, context
        self.set_symbol(context.symbol)
        self.income_plot.setTitle(f"Change of the median passive income a year at age {result.target_age}")
        swings = result.swings[:SHOWN]
        rows = np.arange(len(swings))[::-1].astype(float)  # the largest at the top
        ticks = [[(float(r), f"{s.label} {s.move}") for r, s in zip(rows, swings, strict=True)]]
        base = result.base

        def fi_change(o: Outcome) -> float:
            month = horizon_months if o.fi_month is None else o.fi_month
            base_month = horizon_months if base.fi_month is None else base.fi_month
            return float(month - base_month)

        for plot, (down, up), change in ((self.fi_plot, self.bars[0], fi_change),
                                          (self.income_plot, self.bars[1], lambda o: o.income - base.income)):
            plot.getAxis("left").setTicks(ticks)
            lows = np.array([change(s.low) for s in swings])
            highs = np.array([change(s.high) for s in swings])
            down.setOpts(x0=np.minimum(lows, 0), width=np.abs(lows), y=rows + 0.2, height=0.38)
            up.setOpts(x0=np.minimum(highs, 0), width=np.abs(highs), y=rows - 0.2, height=0.38)
            reach = float(max(np.abs(lows).max(initial=0), np.abs(highs).max(initial=0), 1.0))
            plot.setRange(xRange=(-reach, reach), yRange=(-0.7, len(swings) - 0.3), padding=0.05)
        self.apply_theme()

    def draw(self, deterministic: object, montecarlo: object) -> None:
        """Drawn by show_sensitivity."""

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        if self.result is None:
            return None
        swings = self.result.swings[:SHOWN]
        row = len(swings) - 1 - round(y)
        if not 0 <= row < len(swings):
            return None
        swing, base = swings[row], self.result.base
        if plot_index == 0:
            def when(o: Outcome) -> str:
                return "not reached" if o.fi_month is None else f"{o.fi_month - (base.fi_month or 0):+d} months"
            values = (when(swing.low), when(swing.high))
        else:
            values = tuple(full_money(o.income - base.income, self.context.symbol) for o in (swing.low, swing.high))
        return f"<b>{escape(swing.label)}</b> {escape(swing.move)}<br>down: {values[0]}<br>up: {values[1]}"
