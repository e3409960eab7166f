"""The plan's life on one axis: spending phases as horizontal bars, one-off events as triangles on
each month they may happen (down: a cost, up: a windfall; hollow: less than certain), the stop months
as labelled lines, the first adult's age above. What is drawn comes from
services/chart_data/timeline.py, from the plan the run projected (the shown scenario's view), so the
timeline follows every edit and scenario with the other charts. A plan without phases or events
shows how to add them instead of an empty chart."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from planner.engine.metrics import Projection
from planner.services.chart_data.timeline import EMPTY, Timeline, timeline, timeline_hover
from planner.ui.charts.base import SERIES, ChartBase, colour

OUT = "#d62728"  # money out: spending added, a cost
IN = "#2ca02c"  # money in: spending taken off, a windfall
LEFT_OUT = "#9a9a9a"
STOP_COLOURS = (SERIES[1], SERIES[4], SERIES[2])  # you, the partner, the confident month
#: Room above the rows for each stop line's label, in rows: the labels sit one above another there,
#: clear of the bars, so close stop months never overlap.
LABEL_ROOM = 0.9
#: Longest name on the axis; the read-out has it whole.
NAME_ROOM = 22


class TimelineChart(ChartBase):
    title = "Timeline"
    report_caption = ("Spending phases as bars between their months and one-off events as triangles on each month they "
                      "may happen (red: money out, green: money in; hollow: may not happen; grey: not included), "
                      "with the months each adult stops saving.")

    def __init__(self) -> None:
        super().__init__()
        self.plot = self.add_plot(0, left="labels", title="Spending phases and one-off events")
        self.plot.showGrid(x=True, y=False, alpha=0.15)
        self.bars = pg.BarGraphItem(x0=[], x1=[], y=[], height=0.5)
        self.markers = pg.ScatterPlotItem(size=10, pxMode=True)
        self.plot.addItem(self.bars)
        self.plot.addItem(self.markers)
        self.stops = []
        for shade in STOP_COLOURS:
            pen = pg.mkPen(shade, width=1.5, style=Qt.PenStyle.DashLine)
            line = pg.InfiniteLine(angle=90, movable=False, pen=pen, label=" ",
                                   labelOpts={"color": shade, "anchors": [(0, 0.5), (0, 0.5)]})
            self.plot.addItem(line, ignoreBounds=True)
            self.stops.append(line)
        self.message = QLabel(EMPTY)
        self.message.setObjectName("timelineEmpty")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setMargin(24)
        self.message.hide()
        self.layout().insertWidget(0, self.message, 1)
        self.data: Timeline | None = None
        legend = self.add_legend()
        legend.add_item("Money out: spending added, a cost (▼)", brush=OUT)
        legend.add_item("Money in: spending taken off, a windfall (▲)", brush=IN)
        legend.add_item("Hollow ▼ ▲: may not happen (probability below 100 %)", pen=OUT)
        legend.add_item("Grey: not included in the plan or scenario shown", brush=LEFT_OUT)

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        plan, shown = self.context.plan, montecarlo or deterministic
        if plan is None or shown is None:
            self._show_empty(True)
            return
        confident = shown.confident
        headline = (shown.calendar_month(confident.month)
                    if confident is not None and confident.month is not None else None)
        self.data = data = timeline(plan, self.formats(), headline)
        self._show_empty(data.empty)
        shades = [self._shade(b.amount >= 0, b.included) for b in data.bars]
        colours = {"brushes": [pg.mkBrush(colour(s, 170)) for s in shades], "pens": [pg.mkPen(s) for s in shades]}
        self.bars.setOpts(x0=[b.start for b in data.bars], x1=[b.end for b in data.bars],
                          y=[data.row_y(b.row) for b in data.bars], **(colours if shades else {}))  # [] trips pyqtgraph
        self.markers.setData(spots=[{
            "pos": (m.x, data.row_y(m.row)), "symbol": "t1" if m.windfall else "t",
            "pen": pg.mkPen(self._shade(not m.windfall, m.included), width=1.5),
            "brush": pg.mkBrush(None) if m.uncertain else pg.mkBrush(self._shade(not m.windfall, m.included)),
        } for m in data.markers])
        left = self.plot.getAxis("left")
        left.setTicks([[(data.row_y(n), _short(name)) for n, name in enumerate(data.rows)], []])
        self.plot.getAxis("top").setLabel(data.age_label)
        bottom, top = -0.7, len(data.rows) - 0.3 + LABEL_ROOM * len(data.stops)
        for number, (line, stop) in enumerate(zip(self.stops, (*data.stops, None, None, None), strict=False)):
            line.setVisible(stop is not None)
            if stop is not None:
                line.setPos(stop.x)
                line.label.setFormat(stop.label)
                height = len(data.rows) - 0.3 + LABEL_ROOM * (len(data.stops) - number - 0.5)
                line.label.setPosition((height - bottom) / (top - bottom))
        self.plot.setRange(xRange=(data.first, data.last), yRange=(bottom, top), padding=0)

    @staticmethod
    def _shade(out: bool, included: bool) -> str:
        return LEFT_OUT if not included else OUT if out else IN

    def _show_empty(self, empty: bool) -> None:
        """The message instead of the plot and its legend when there is nothing to draw."""
        self.message.setVisible(empty)
        self.canvas.setVisible(not empty)
        for legend in self.legends:
            legend.setVisible(not empty)

    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        return timeline_hover(self.data, x, y) if self.data is not None else None


def _short(name: str) -> str:
    return name if len(name) <= NAME_ROOM else name[:NAME_ROOM - 1] + "…"
