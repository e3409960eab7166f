"""Risk versus yield per stream: each stream a bubble sized by its starting amount.

Yield is a year's income per unit of money in the stream; risk is how much a year's result spreads
between paths (see engine/stream_risk.py). Streams with nothing put in have no yield; they are
listed under the chart instead. Names are placed where they overlap no other name (see
label_placement.py) and placed again whenever the plot's size or range changes."""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF

from planner.engine.metrics import Projection
from planner.ui.charts.axes import full_money, percent
from planner.ui.charts.base import SERIES, ChartBase, colour
from planner.ui.charts.label_placement import Box, Point, leader_ends, place_labels

SMALLEST, LARGEST = 10.0, 48.0  # bubble diameters in pixels


def bubble_sizes(amounts: np.ndarray) -> np.ndarray:
    """Diameters with area proportional to the amount."""
    largest = float(amounts.max(initial=0.0))
    if largest <= 0:
        return np.full(amounts.shape, SMALLEST)
    return SMALLEST + (LARGEST - SMALLEST) * np.sqrt(np.maximum(amounts, 0.0) / largest)


class RiskYieldChart(ChartBase):
    title = "Risk vs yield"
    report_caption = ("Each stream's yield against its risk, as measured in the simulation; the area of a bubble is "
                      "proportional to the money in the stream.")

    def __init__(self) -> None:
        super().__init__()
        self.plot = self.add_plot(0, left="percent", bottom="percent", title="Risk versus yield per stream")
        self.plot.getAxis("bottom").setLabel("Risk: spread of a year's result between paths")
        self.plot.getAxis("left").setLabel("Yield: a year's income per unit put in")
        self.bubbles = pg.ScatterPlotItem(pxMode=True)
        self.plot.addItem(self.bubbles)
        self.labels: list[pg.TextItem] = []
        self.leaders = pg.PlotCurveItem(connect="pairs")  # from a bubble to its name placed further out
        self.plot.addItem(self.leaders, ignoreBounds=True)
        self.legend = self.add_legend()  # only its note: the bubbles are named where they are
        self.points: list[tuple[str, float, float, float]] = []  # name, risk %, yield %, amount
        self.sizes = np.zeros(0)
        self.plot.getViewBox().sigTransformChanged.connect(self.place_labels)
        self.theme_changed()

    def theme_changed(self) -> None:
        self.leaders.setPen(pg.mkPen(colour(self.foreground().name(), 150), width=1))

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        p = self.projection
        shown = [s for s in p.streams if math.isfinite(s.yield_rate)]
        hidden = [s.name for s in p.streams if not math.isfinite(s.yield_rate)]
        self.points = [(s.name, 100.0 * s.risk, 100.0 * s.yield_rate, s.amount) for s in shown]
        x = np.array([pt[1] for pt in self.points])
        y = np.array([pt[2] for pt in self.points])
        self.sizes = bubble_sizes(np.array([pt[3] for pt in self.points]))
        brushes = [pg.mkBrush(colour(SERIES[n % len(SERIES)], 170)) for n in range(len(self.points))]
        self.bubbles.setData(x=x, y=y, size=self.sizes, brush=brushes, pen=pg.mkPen(self.foreground(), width=0.8))
        while len(self.labels) < len(self.points):
            label = pg.TextItem(anchor=(0, 0))
            label.textItem.document().setDocumentMargin(1)  # the box placed is the text's own
            self.plot.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        for number, label in enumerate(self.labels):
            label.setVisible(number < len(self.points))
            if number < len(self.points):
                label.setText(self.points[number][0], color=self.foreground())
        which = "risk from the paths run so far" if montecarlo is not None else "expected path: no risk measured yet"
        self.plot.setTitle(f"Risk versus yield per stream ({which})")
        self.legend.set_note(("No yield (nothing put in): " + ", ".join(hidden)) if hidden else "")
        if len(x):
            self.plot.setXRange(0, max(float(x.max()) * 1.15, 1.0))
            self.plot.setYRange(min(0.0, float(y.min()) * 1.15), max(float(y.max()) * 1.2, 1.0))
        self.place_labels()

    def place_labels(self) -> None:
        """Put each name at the nearest spot, in pixels, where it overlaps no other name."""
        box = self.plot.getViewBox()
        area = box.sceneBoundingRect()
        if not self.points or area.width() < 10 or area.height() < 10:
            self.leaders.setData([], [])
            return
        centres = [box.mapViewToScene(QPointF(risk, yield_pct)) for _, risk, yield_pct, _ in self.points]
        sizes = [self.labels[n].textItem.boundingRect() for n in range(len(self.points))]
        points = [Point(c.x(), c.y(), float(d) / 2, r.width(), r.height())
                  for c, d, r in zip(centres, self.sizes, sizes, strict=True)]
        bounds = Box(area.x(), area.y(), area.width(), area.height())
        leader_x: list[float] = []
        leader_y: list[float] = []
        for label, point, placed in zip(self.labels, points, place_labels(points, bounds), strict=False):
            label.setPos(box.mapSceneToView(QPointF(placed.box.x, placed.box.y)))
            if placed.detached:
                for end in leader_ends(point, placed.box):
                    view = box.mapSceneToView(QPointF(*end))
                    leader_x.append(view.x())
                    leader_y.append(view.y())
        self.leaders.setData(leader_x, leader_y)

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

