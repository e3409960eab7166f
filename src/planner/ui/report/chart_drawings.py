"""The live view's charts drawn into the report as vectors: each chart is built off screen, in light
colours, and its scene is rendered onto the PDF painter, so lines stay lines and labels stay text.
A chart's legend is a row of widgets under its plots, not part of the scene: the report prints it
as text under the drawing instead, where every name wraps rather than being cut off."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication

from planner.engine.metrics import Projection
from planner.ui.charts.base import ChartBase, ChartContext
from planner.ui.charts.registry import PROJECTION_CHARTS
from planner.ui.charts.scenarios import ScenarioChart
from planner.ui.report.sections import PrintedEntry

#: Size the charts are laid out at: about 120 pixels an inch across the text width, so their
#: labels print at roughly 7 points. A chart with plots stacked is ``report_height`` times as tall.
CHART_SIZE = QSize(820, 380)


def print_palette() -> QPalette:
    """Dark text on white, whatever the desktop's theme."""
    palette = QPalette()
    for role, shade in ((QPalette.ColorRole.Base, "#ffffff"), (QPalette.ColorRole.Window, "#ffffff"),
                        (QPalette.ColorRole.Text, "#1b1b1b"), (QPalette.ColorRole.WindowText, "#1b1b1b")):
        palette.setColor(role, QColor(shade))
    return palette


def chart_aspect(chart: ChartBase) -> float:
    return CHART_SIZE.height() * chart.report_height / CHART_SIZE.width()


def offscreen(chart: ChartBase) -> ChartBase:
    """A chart laid out at the report's size in light colours, never shown on screen."""
    chart.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    chart.setPalette(print_palette())
    chart.resize(CHART_SIZE.width(), round(CHART_SIZE.width() * chart_aspect(chart)))
    chart.show()
    return chart


@contextmanager
def drawn_charts(deterministic: Projection, montecarlo: Projection, context: ChartContext,
                 scenarios: Sequence[tuple[str, Projection]] = ()) -> Iterator[list[ChartBase]]:
    """Every registered projection chart (and the scenario comparison, when there are several
    scenarios) drawn with the results, alive while the PDF is written, then deleted."""
    charts: list[ChartBase] = []
    try:
        for kind in PROJECTION_CHARTS:
            chart = offscreen(kind())
            charts.append(chart)
            chart.show_projection(0, deterministic, montecarlo, context)
        if len(scenarios) > 1:
            comparison = ScenarioChart()
            charts.append(offscreen(comparison))
            comparison.show_scenarios(scenarios, context)
        for chart in charts:
            for legend in chart.legends:  # printed as text under the drawing (printed_legend): the plots get its room
                legend.hide()
        QApplication.sendPostedEvents()  # lets the plots' layouts settle at their size
        yield charts
    finally:
        for chart in charts:
            chart.hide()
            chart.deleteLater()
        QApplication.sendPostedEvents(None, 0)


def on_paper(shade: QColor) -> str:
    """A translucent colour as it shows over white paper."""
    alpha = shade.alphaF()
    mixed = [round(alpha * part + (1 - alpha) * 255) for part in (shade.red(), shade.green(), shade.blue())]
    return QColor(*mixed).name()


def printed_legend(chart: ChartBase) -> list[PrintedEntry]:
    """Every entry the chart's legends show, for the legend printed under the drawing."""
    entries = []
    for legend in chart.legends:
        for entry in legend.items:
            if entry.isHidden():  # for example a marker the projection does not reach
                continue
            style = entry.style()
            if style.is_line:
                pen = style.pen or QPen()
                entries.append(PrintedEntry(entry.text, on_paper(pen.color()), True,
                                            pen.style() != Qt.PenStyle.SolidLine))
            else:
                assert style.brush is not None
                entries.append(PrintedEntry(entry.text, on_paper(style.brush.color()), False, False))
    return entries


def printed_notes(chart: ChartBase) -> list[str]:
    """The notes under a chart's legend (for example the streams it cannot place)."""
    return [legend.note.text() for legend in chart.legends if legend.note.text()]


def render_chart(chart: ChartBase, painter: QPainter, target: QRectF) -> None:
    """Paint the chart's scene into target on any painter (the PDF's): vectors, not a picture."""
    canvas = chart.canvas
    source = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    # symbols sized in pixels (the bubbles) are scaled with everything else, so they keep their
    # size beside the labels placed around them
    scale = min(target.width() / source.width(), target.height() / source.height())
    options = {"antialias": True, "background": None, "painter": painter, "resolutionScale": scale}
    items = [item for item in canvas.scene().items() if hasattr(item, "setExportMode")]
    for item in items:  # scatter symbols are drawn as paths, not from pixmap caches, in export mode
        item.setExportMode(True, options)
    try:
        canvas.scene().render(painter, target, source, Qt.AspectRatioMode.KeepAspectRatio)
    finally:
        for item in items:
            item.setExportMode(False)
