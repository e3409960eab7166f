"""Risk versus yield per stream: each stream a bubble sized by its starting amount.

Yield is a year's income per unit of money in the stream; risk is how much a year's result spreads
between paths (see engine/stream_risk.py). Streams with nothing put in have no yield; they are
listed under the chart instead. The bubbles and read-outs come from services/chart_data/risk_yield.py.
Names are placed where they overlap no other name (see label_placement.py) and placed again
whenever the plot's size or range changes."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QPointF

from planner.engine.metrics import Projection
from planner.services.chart_data.risk_yield import Bubble, bubble_hover, nearest_bubble, risk_yield_points
from planner.ui.charts.base import SERIES, ChartBase, colour
from planner.ui.charts.label_placement import Box, Point, leader_ends, place_labels


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
        self.points: tuple[Bubble, ...] = ()
        self.plot.getViewBox().sigTransformChanged.connect(self.place_labels)
        self.theme_changed()

    def theme_changed(self) -> None:
        self.leaders.setPen(pg.mkPen(colour(self.foreground().name(), 150), width=1))

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        shown = risk_yield_points(self.projection, montecarlo is not None)
        self.points = shown.bubbles
        brushes = [pg.mkBrush(colour(SERIES[n % len(SERIES)], 170)) for n in range(len(self.points))]
        self.bubbles.setData(x=shown.x, y=shown.y, size=[b.size for b in self.points], brush=brushes,
                             pen=pg.mkPen(self.foreground(), width=0.8))
        while len(self.labels) < len(self.points):
            label = pg.TextItem(anchor=(0, 0))
            label.textItem.document().setDocumentMargin(1)  # the box placed is the text's own
            self.plot.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        for number, label in enumerate(self.labels):
            label.setVisible(number < len(self.points))
            if number < len(self.points):
                label.setText(self.points[number].name, color=self.foreground())
        self.plot.setTitle(shown.title)
        self.legend.set_note(shown.note)
        if shown.x_range is not None and shown.y_range is not None:
            self.plot.setXRange(*shown.x_range)
            self.plot.setYRange(*shown.y_range)
        self.place_labels()

    def place_labels(self) -> None:
        """Put each name at the nearest spot, in pixels, where it overlaps no other name."""
        box = self.plot.getViewBox()
        area = box.sceneBoundingRect()
        if not self.points or area.width() < 10 or area.height() < 10:
            self.leaders.setData([], [])
            return
        centres = [box.mapViewToScene(QPointF(b.risk, b.yield_pct)) for b in self.points]
        sizes = [self.labels[n].textItem.boundingRect() for n in range(len(self.points))]
        points = [Point(c.x(), c.y(), b.size / 2, r.width(), r.height())
                  for c, b, r in zip(centres, self.points, sizes, strict=True)]
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
        bubble = nearest_bubble(self.points, x, y, self.plot.getViewBox().viewPixelSize())
        return None if bubble is None else bubble_hover(bubble, self.formats())
