"""What every chart shares: plots with year/age and money axes, theme colours from the palette,
a hover read-out, and the rule that items are made once and only their data changes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QVBoxLayout, QWidget

from planner.domain.plan import Plan
from planner.engine.metrics import Projection
from planner.services.chart_data.formats import Formats
from planner.services.chart_data.formats import year_index as nearest_year
from planner.ui.charts.axes import MoneyAxis, PercentAxis, YearAxis, full_money, percent
from planner.ui.charts.legend import ChartLegend
from planner.ui.formatting import count

#: Colours readable on light and dark backgrounds: the Tableau 20 palette (as in matplotlib's
#: tab20), strong shades first, so up to 20 streams get colours of their own.
SERIES = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
          "#17becf", "#aec7e8", "#ffbb78", "#98df8a", "#ff9896", "#c5b0d5", "#c49c94", "#f7b6d2", "#c7c7c7",
          "#dbdb8d", "#9edae5")
BAND = "#3b78c2"
EXPENSES = "#d62728"
SLEEVE_COLOURS = ("#2ca02c", "#1f77b4", "#ff7f0e")  # safe, core, speculative


@dataclass(frozen=True)
class ChartContext:
    """How to show money: in today's money or nominal, and the plan currency's symbol; ``plan``: the
    plan as the run projected it (the shown scenario's view), for charts drawn from the plan itself
    (the timeline); None where no plan is at hand."""

    real: bool = True
    symbol: str = "$"
    plan: Plan | None = None


def colour(hex_code: str, alpha: int = 255) -> QColor:
    shade = QColor(hex_code)
    shade.setAlpha(alpha)
    return shade


class ChartBase(QWidget):
    """A chart widget. Subclasses build their items in ``__init__`` and fill them in ``draw`` with
    what services/chart_data computes; they only draw."""

    title = ""
    #: Height in the PDF report, in chart heights (CHART_SIZE in ui/report/chart_drawings.py):
    #: more than 1 for charts with plots stacked.
    report_height = 1.0
    #: The sentence printed under the chart in the report.
    report_caption = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = pg.GraphicsLayoutWidget()
        self.canvas.setObjectName("chartCanvas")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)  # the legend row continues the plots' background
        layout.addWidget(self.canvas)
        self.plots: list[pg.PlotItem] = []
        self._readouts: dict[int, tuple[pg.InfiniteLine, pg.TextItem]] = {}
        self.legends: list[ChartLegend] = []
        self.projection: Projection | None = None
        self.context = ChartContext()
        self.run_id = 0  # the run whose results are drawn
        self._themed = False
        self.canvas.scene().sigMouseMoved.connect(self._mouse_moved)

    # ----- building -----------------------------------------------------------------------
    def add_plot(self, row: int, left: str = "money", bottom: str = "years", title: str = "") -> pg.PlotItem:
        """A plot with a money, percent or plain ("labels", "number") left axis and, below, calendar
        years (with the household's age above), percentages, money or plain numbers."""
        years = bottom == "years"
        kinds = {"money": MoneyAxis, "percent": PercentAxis}
        axes: dict[str, pg.AxisItem] = {"left": kinds.get(left, pg.AxisItem)("left")}
        if years:
            axes["bottom"], axes["top"] = YearAxis("bottom"), YearAxis("top")
        else:
            axes["bottom"] = kinds.get(bottom, pg.AxisItem)("bottom")
        # short plots keep their tick labels: pyqtgraph drops labels that fill more of an axis than this
        axes["left"].setStyle(textFillLimits=[(0, 0.95), (2, 0.8), (4, 0.6), (6, 0.4)])
        plot = self.canvas.addPlot(row=row, col=0, axisItems=axes, title=title)
        plot.disableAutoRange()  # ranges are set once per draw (see fit): autorange would paint twice
        plot.setMouseEnabled(x=False, y=False)
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.showGrid(x=False, y=True, alpha=0.25)
        if years:
            plot.showAxis("top")
            plot.getAxis("bottom").setLabel("Year")
            plot.getAxis("top").setLabel("Age")
        cursor = pg.InfiniteLine(angle=90, movable=False)
        readout = pg.TextItem(anchor=(0, 0))
        for item in (cursor, readout):
            item.setZValue(100)
            item.hide()
            plot.addItem(item, ignoreBounds=True)
        self._readouts[len(self.plots)] = (cursor, readout)
        self.plots.append(plot)
        return plot

    def add_legend(self) -> ChartLegend:
        """The chart's legend: a row under the plots (see legend.py), so it never hides the data."""
        legend = ChartLegend(self)
        self.layout().addWidget(legend)
        self.legends.append(legend)
        return legend

    # ----- drawing ------------------------------------------------------------------------
    def show_projection(self, run_id: int, deterministic: Projection | None, montecarlo: Projection | None,
                        context: ChartContext) -> None:
        """Draw one run's results (never two runs' together)."""
        self.run_id, self.context = run_id, context
        self.projection = montecarlo if montecarlo is not None else deterministic
        if self.projection is None:
            return
        self.set_symbol(context.symbol)
        for plot in self.plots:
            top = plot.getAxis("top")
            if isinstance(top, YearAxis):
                top.set_offset(int(self.projection.ages[0] - self.projection.year_labels[0]))
        self.draw(deterministic, montecarlo)
        if not self._themed:  # later, only a palette change recolours (see changeEvent)
            self.apply_theme()

    def set_symbol(self, symbol: str) -> None:
        """The currency symbol on every money axis."""
        for plot in self.plots:
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                if isinstance(axis, MoneyAxis):
                    axis.set_symbol(symbol)

    def draw(self, deterministic: Projection | None, montecarlo: Projection | None) -> None:
        raise NotImplementedError

    def fit(self, plot: pg.PlotItem, x: np.ndarray, *series: np.ndarray, include_zero: bool = True,
            headroom: float = 0.0) -> None:
        """Show all of ``x`` and every finite value of the series, with a little room around and
        ``headroom`` (a share of the values' span) free above them, where a marker's label can sit."""
        values = np.concatenate([np.ravel(s) for s in series if s is not None and np.size(s)] or [np.zeros(1)])
        values = values[np.isfinite(values)]
        low, high = (float(values.min()), float(values.max())) if values.size else (0.0, 1.0)
        if include_zero:
            low, high = min(low, 0.0), max(high, 0.0)
        if high <= low:
            high = low + 1.0
        high += headroom * (high - low)
        plot.setRange(xRange=(float(x[0]) - 0.5, float(x[-1]) + 0.5), yRange=(low, high), padding=0.03)

    def formats(self) -> Formats:
        """Numbers in the user's locale and money in the plan's currency, for titles and read-outs."""
        symbol = self.context.symbol
        return Formats(money=lambda value: full_money(value, symbol), percent=percent, count=count)

    # ----- hover --------------------------------------------------------------------------
    def hover_text(self, plot_index: int, x: float, y: float) -> str | None:
        """HTML for the read-out at this point of a plot; None hides it."""
        return None

    def year_index(self, x: float) -> int | None:
        return nearest_year(self.projection, x)

    def show_readout(self, plot_index: int, x: float, y: float) -> bool:
        """Show the read-out for a point in view coordinates; False when there is nothing to say."""
        cursor, readout = self._readouts[plot_index]
        text = self.hover_text(plot_index, x, y)
        if text is None:
            cursor.hide()
            readout.hide()
            return False
        (x_low, x_high), (_, y_high) = self.plots[plot_index].viewRange()
        readout.setHtml(f'<div style="background-color:{self._background().name()};">{text}</div>')
        left_half = x < (x_low + x_high) / 2
        readout.setAnchor((1, 0) if left_half else (0, 0))
        readout.setPos(QPointF(x_high if left_half else x_low, y_high))
        cursor.setPos(x)
        cursor.show()
        readout.show()
        return True

    def readout_text(self, plot_index: int = 0) -> str:
        """The read-out's plain text (tests and accessibility)."""
        readout = self._readouts[plot_index][1]
        return readout.textItem.toPlainText() if readout.isVisible() else ""

    def _mouse_moved(self, position: QPointF) -> None:
        for index, plot in enumerate(self.plots):
            box = plot.getViewBox()
            if box.sceneBoundingRect().contains(position):
                point = box.mapSceneToView(position)
                self.show_readout(index, point.x(), point.y())
            else:
                for item in self._readouts[index]:
                    item.hide()

    def leaveEvent(self, event: QEvent) -> None:
        for cursor, readout in self._readouts.values():
            cursor.hide()
            readout.hide()
        super().leaveEvent(event)

    # ----- theme --------------------------------------------------------------------------
    def _background(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Base)

    def foreground(self) -> QColor:
        return self.palette().color(QPalette.ColorRole.Text)

    def apply_theme(self) -> None:
        """Background, axes, titles and legends in the palette's colours (light or dark)."""
        background, foreground = self._background(), self.foreground()
        self._themed = True
        self.canvas.setBackground(background)
        for plot in self.plots:
            for name in ("left", "bottom", "top", "right"):
                axis = plot.getAxis(name)
                axis.setPen(foreground)
                axis.setTextPen(foreground)
            if plot.titleLabel.text:
                plot.setTitle(plot.titleLabel.text, color=foreground)
        for cursor, readout in self._readouts.values():
            cursor.setPen(pg.mkPen(foreground, style=Qt.PenStyle.DotLine))
            readout.setColor(foreground)
        self.theme_changed()
        for legend in self.legends:  # swatches copy items whose pens theme_changed may have replaced
            legend.refresh()

    def theme_changed(self) -> None:
        """Subclasses recolour items drawn in the foreground colour."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_theme()
        super().changeEvent(event)

