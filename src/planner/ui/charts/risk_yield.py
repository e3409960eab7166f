"""Risk versus yield per stream: each stream a bubble sized by its starting amount.

Yield is a year's income per unit of money in the stream; risk is how much a year's result spreads
between paths (see engine/stream_risk.py). Streams with nothing put in have no yield; they are
listed under the chart instead."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from planner.engine.metrics import Projection
from planner.ui.charts.axes import full_money, percent
from planner.ui.charts.base import SERIES, ChartBase, colour

SMALLEST, LARGEST = 10.0, 48.0  # bubble diameters in pixels


def bubble_sizes(amounts: np.ndarray) -> np.ndarray:
    """Diameters with area proportional to the amount."""
    largest = float(amounts.max(initial=0.0))
    if largest <= 0:
        return np.full(amounts.shape, SMALLEST)
    return SMALLEST + (LARGEST - SMALLEST) * np.sqrt(np.maximum(amounts, 0.0) / largest)


class RiskYieldChart(ChartBase):
    title = "Risk vs yield"

    def __init__(self) -> None:
        super().__init__()
        self.plot = self.add_plot(0, left="percent", bottom="percent", title="Risk versus yield per stream")
        self.plot.getAxis("bottom").setLabel("Risk: spread of a year's result between paths")
        self.plot.getAxis("left").setLabel("Yield: a year's income per unit put in")
        self.bubbles = pg.ScatterPlotItem(pxMode=True)
        self.plot.addItem(self.bubbles)
        self.labels: list[pg.TextItem] = []
        self.note = pg.TextItem(anchor=(0, 1))
        self.plot.addItem(self.note, ignoreBounds=True)
        self.points: list[tuple[str, float, float, float]] = []  # name, risk %, yield %, amount

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        p = self.projection
        shown = [s for s in p.streams if math.isfinite(s.yield_rate)]
        hidden = [s.name for s in p.streams if not math.isfinite(s.yield_rate)]
        self.points = [(s.name, 100.0 * s.risk, 100.0 * s.yield_rate, s.amount) for s in shown]
        x = np.array([pt[1] for pt in self.points])
        y = np.array([pt[2] for pt in self.points])
        sizes = bubble_sizes(np.array([pt[3] for pt in self.points]))
        brushes = [pg.mkBrush(colour(SERIES[n % len(SERIES)], 170)) for n in range(len(self.points))]
        self.bubbles.setData(x=x, y=y, size=sizes, brush=brushes, pen=pg.mkPen(self.foreground(), width=0.8))
        while len(self.labels) < len(self.points):
            label = pg.TextItem(anchor=(0, 1))
            self.plot.addItem(label)
            self.labels.append(label)
        for number, label in enumerate(self.labels):
            if number < len(self.points):
                label.setText(self.points[number][0], color=self.foreground())
                label.setPos(x[number], y[number])
                label.show()
            else:
                label.hide()
        which = "risk from the paths run so far" if montecarlo is not None else "expected path: no risk measured yet"
        self.plot.setTitle(f"Risk versus yield per stream ({which})")
        self.note.setText(("No yield (nothing put in): " + ", ".join(hidden)) if hidden else "",
                          color=self.foreground())
        if len(x):
            self.plot.setXRange(0, max(float(x.max()) * 1.15, 1.0))
            self.plot.setYRange(min(0.0, float(y.min()) * 1.15), max(float(y.max()) * 1.2, 1.0))
        (x_low, _), (y_low, _) = self.plot.viewRange()
        self.note.setPos(x_low, y_low)

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        if not self.points:
            return None
        box = self.plot.getViewBox()
        pixel = box.viewPixelSize()
        distance = [math.hypot((px - x) / pixel[0], (py - y) / pixel[1]) for _, px, py, _ in self.points]
        nearest = int(np.argmin(distance))
        if distance[nearest] > LARGEST:
            return None
        name, risk, yield_pct, amount = self.points[nearest]
        return "<br>".join([f"<b>{name}</b>", f"Yield: {percent(yield_pct / 100, 1)} a year",
                            f"Risk: {percent(risk / 100, 1)}",
                            f"Starting amount: {full_money(amount, self.context.symbol)}"])

