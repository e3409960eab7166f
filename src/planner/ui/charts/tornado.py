"""A tornado chart: for each input, how far the earliest confident stop month (top) and the success of
stopping at the target age (bottom) move when the input moves down (one colour) and up (the other),
the inputs with the largest effect at the top."""

from __future__ import annotations

from html import escape

import numpy as np
import pyqtgraph as pg

from planner.engine.sensitivity import Outcome, Sensitivity
from planner.services.whatif.sensitivity import month_change_text, success_change_text
from planner.ui.charts.base import SERIES, ChartBase, ChartContext

SHOWN = 12  # inputs drawn; the table below the chart lists them all
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
        self.income_plot.setTitle(f"Change of the success of stopping at age {result.target_age} (points)")
        swings = result.swings[:SHOWN]
        rows = np.arange(len(swings))[::-1].astype(float)  # the largest at the top
        ticks = [[(float(r), f"{s.label} {s.move}") for r, s in zip(rows, swings, strict=True)]]
        base = result.base

        def month_change(o: Outcome) -> float:
            month = horizon_months if o.confident_month is None else o.confident_month
            base_month = horizon_months if base.confident_month is None else base.confident_month
            return float(month - base_month)

        for plot, (down, up), change in ((self.fi_plot, self.bars[0], month_change),
                                          (self.income_plot, self.bars[1],
                                           lambda o: 100.0 * (o.success - base.success))):
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
            values = tuple(f"{month_change_text(o, base)} months" for o in (swing.low, swing.high))
        else:
            values = tuple(f"{success_change_text(o, base)} points" for o in (swing.low, swing.high))
        return f"<b>{escape(swing.label)}</b> {escape(swing.move)}<br>down: {values[0]}<br>up: {values[1]}"
