"""Charts explain themselves without hiding their data: legends sit outside the plots, whole at any
width; the names on the risk-versus-yield chart never run into one another; and every marker line
says what it marks, with a label on the line or an entry in the legend."""

from __future__ import annotations

import itertools
from dataclasses import replace

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QPoint, QRect, QRectF
from PySide6.QtWidgets import QApplication, QGraphicsItem, QWidget

from planner.engine.allocation import Candidate, RiskLimit, Suggestion
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, project
from planner.engine.sensitivity import Outcome, Sensitivity, Swing
from planner.ui.charts.allocation import AllocationChart
from planner.ui.charts.base import ChartBase, ChartContext
from planner.ui.charts.fi_odds import FIChart
from planner.ui.charts.income import IncomeChart
from planner.ui.charts.label_placement import Box, Point, place_labels
from planner.ui.charts.net_worth import NetWorthChart
from planner.ui.charts.risk_yield import RiskYieldChart
from planner.ui.charts.scenarios import ScenarioChart
from planner.ui.charts.tornado import TornadoChart
from planner.ui.charts.tradeoff import TradeOffChart
from tests.helpers import demo

LIVE_CHARTS = (NetWorthChart, IncomeChart, FIChart, AllocationChart, RiskYieldChart)
SIZES = ((1000, 480), (560, 420))  # a wide window's chart tab, and a narrow one


@pytest.fixture(scope="module")
def results():
    snap = snapshot(demo())
    return project(snap, RunOptions(mode="deterministic")), project(snap, RunOptions(paths=100, seed=5, search=True))


def settle(qtbot, chart: ChartBase, size: tuple[int, int]) -> ChartBase:
    qtbot.addWidget(chart)
    chart.resize(*size)
    chart.show()
    qtbot.waitExposed(chart)
    for _ in range(3):  # the legend's columns, then the plots above it, are laid out by posted events
        QApplication.processEvents()
    chart.grab()  # painted: the plots have their final geometry
    return chart


def live_chart(qtbot, kind: type[ChartBase], results, size=(1000, 480)) -> ChartBase:
    chart = kind()
    deterministic, montecarlo = results
    chart.show_projection(1, deterministic, None, ChartContext())  # the expected path first, as in the window
    chart.show_projection(2, deterministic, montecarlo, ChartContext())
    return settle(qtbot, chart, size)


def scenario_chart(qtbot, results, size=(1000, 480)) -> ScenarioChart:
    chart = ScenarioChart()
    montecarlo = results[1]
    chart.show_scenarios([("Base plan", montecarlo), ("Barbell", montecarlo), ("Dividend snowball", montecarlo)],
                         ChartContext())
    return settle(qtbot, chart, size)


def tornado_chart(qtbot, size=(1000, 480)) -> TornadoChart:
    base = Outcome(200, 0.8)
    swings = tuple(Swing(f"Input {n}", "±10 %", Outcome(200 - 6 * n, 0.7), Outcome(200 + 4 * n, 0.85))
                   for n in range(1, 6))
    chart = TornadoChart()
    chart.show_sensitivity(Sensitivity(base, swings, 55, 11), 600, ChartContext())
    return settle(qtbot, chart, size)


def tradeoff_chart(qtbot, size=(1000, 480)) -> TradeOffChart:
    def mix(n: int) -> Candidate:
        return Candidate(f"mix {n}", (0.3, 0.6, 0.1), (), 0.5 + 0.04 * n, 10_000.0 + 2_000 * n)

    mixes = tuple(mix(n) for n in range(8))
    chart = TradeOffChart()
    chart.show_suggestion(Suggestion(mixes[2], mixes[5], mixes, mixes[4:], 9), RiskLimit(65, 14_000.0), ChartContext())
    return settle(qtbot, chart, size)


def every_chart(qtbot, results, size=(1000, 480)) -> list[ChartBase]:
    return ([live_chart(qtbot, kind, results, size) for kind in LIVE_CHARTS]
            + [scenario_chart(qtbot, results, size), tornado_chart(qtbot, size), tradeoff_chart(qtbot, size)])


def rect_in_chart(chart: ChartBase, thing: QWidget | QGraphicsItem) -> QRect:
    """Where a legend (a widget, or an item drawn in the plots' scene) or a plot is, in the chart."""
    if isinstance(thing, QWidget):
        return QRect(thing.mapTo(chart, QPoint(0, 0)), thing.size())
    on_canvas = chart.canvas.mapFromScene(thing.sceneBoundingRect()).boundingRect()
    return on_canvas.translated(chart.canvas.mapTo(chart, QPoint(0, 0)))


@pytest.mark.parametrize("size", SIZES)
def test_legends_stand_outside_the_plots_and_show_every_entry_whole(qtbot, results, us_locale, size):
    for chart in every_chart(qtbot, results, size):
        plots = [rect_in_chart(chart, plot.getViewBox()) for plot in chart.plots]
        assert chart.legends, chart.title
        for legend in chart.legends:
            area = rect_in_chart(chart, legend)
            if not legend.items:  # only a note (risk vs yield): shown when there is something to say
                continue
            assert legend.isVisible() and area.height() > 0, chart.title
            assert QRect(QPoint(0, 0), chart.size()).contains(area), f"{chart.title}: legend cut off"
            for plot in plots:
                assert not area.intersects(plot), f"{chart.title}: the legend covers the data"
            for entry in legend.items:
                if entry.isHidden():
                    continue
                assert area.contains(rect_in_chart(chart, entry)), f"{chart.title}: {entry.text} cut off"
                label = entry.label
                assert label.height() >= label.heightForWidth(label.width()), f"{entry.text} is cut short"


def test_the_income_legend_names_every_stream_as_typed(qtbot, results, us_locale):
    deterministic, montecarlo = results
    long = "Dividend ETF (SCHD) <reinvested> & held in the tax-free account since 2019"
    renamed = replace(montecarlo, streams=(replace(montecarlo.streams[0], name=long), *montecarlo.streams[1:]))
    chart = IncomeChart()
    chart.show_projection(1, deterministic, renamed, ChartContext())
    chart = settle(qtbot, chart, (560, 420))
    texts = [entry.text for entry in chart.legend.items]
    assert texts[3:] == [s.name for s in renamed.streams]  # plain text: nothing escaped, nothing cut
    entry = chart.legend.items[3]
    assert entry.label.width() < entry.natural_width()  # too long for the width: wrapped onto lines
    assert entry.label.height() >= entry.label.heightForWidth(entry.label.width())


def test_legend_swatches_follow_the_items_they_explain(qtbot, results, us_locale):
    chart = live_chart(qtbot, NetWorthChart, results)
    expected = next(e for e in chart.legends[0].items if e.text.startswith("Expected"))
    assert expected.explains == (chart.expected,)
    assert expected.style().is_line and expected.style().pen.color() == chart.foreground()
    band = chart.legends[0].items[0]
    assert not band.style().is_line and band.style().brush.color() == chart.fills[0].brush().color()


def label_rects(chart: RiskYieldChart) -> list[QRectF]:
    return [label.sceneBoundingRect() for label in chart.labels if label.isVisible()]


@pytest.mark.parametrize("size", (*SIZES, (820, 380)))  # the last: the report's size
def test_risk_yield_names_never_overlap_and_stay_in_the_plot(qtbot, results, us_locale, size):
    chart = live_chart(qtbot, RiskYieldChart, results, size)
    names = [label.textItem.toPlainText() for label in chart.labels if label.isVisible()]
    assert sorted(names) == sorted(bubble.name for bubble in chart.points) and len(names) >= 10
    rects = label_rects(chart)
    view = chart.plot.getViewBox().sceneBoundingRect()
    for (a, name_a), (b, name_b) in itertools.combinations(zip(rects, names, strict=True), 2):
        assert not a.intersects(b), f"{name_a!r} runs into {name_b!r}"
    for rect, name in zip(rects, names, strict=True):
        assert view.adjusted(-0.5, -0.5, 0.5, 0.5).contains(rect), f"{name!r} leaves the plot"
    # a new size places them again
    chart.resize(size[0] - 150, size[1])
    chart.grab()
    rects = label_rects(chart)
    assert not any(a.intersects(b) for a, b in itertools.combinations(rects, 2))


def test_names_placed_around_points_that_share_a_spot_never_overlap():
    points = [Point(200.0, 150.0, 12.0, 90.0, 16.0) for _ in range(8)] + [Point(215.0, 160.0, 20.0, 60.0, 16.0)]
    bounds = Box(0.0, 0.0, 500.0, 300.0)
    placed = place_labels(points, bounds)
    boxes = [p.box for p in placed]
    assert all(box.inside(bounds) for box in boxes)
    assert not any(a.overlaps(b) for a, b in itertools.combinations(boxes, 2))
    assert any(p.detached for p in placed)  # the crowd needs leader lines
    lone = place_labels([Point(100.0, 100.0, 10.0, 50.0, 14.0)], bounds)[0]
    assert not lone.detached and lone.box.x > 110.0  # beside its point, to the right
    edge = place_labels([Point(495.0, 100.0, 10.0, 50.0, 14.0)], bounds)[0]
    assert edge.box.inside(bounds) and edge.box.right < 495.0  # turned to the left at the plot's edge


def explained(chart: ChartBase, line: pg.InfiniteLine) -> bool:
    """A marker line is explained by a label with text on it or by a legend entry shown for it."""
    label = getattr(line, "label", None)
    if label is not None and label.isVisible() and label.toPlainText().strip():
        return True
    return any(line in entry.explains and not entry.isHidden() and entry.text.strip()
               for legend in chart.legends for entry in legend.items)


def test_every_marker_line_says_what_it_marks(qtbot, results, us_locale):
    charts = every_chart(qtbot, results)
    found = 0
    for chart in charts:
        for plot in chart.plots:
            for item in plot.items:
                if isinstance(item, pg.InfiniteLine) and item.isVisible():  # hover cursors are hidden here
                    found += 1
                    assert explained(chart, item), f"{chart.title}: a line at {item.value():.1f} is unexplained"
    assert found >= 9  # covers expenses, confidence, can stop, target, three FI dates, zero lines, risk limit
    tradeoff = charts[-1]
    shown = {text for legend in tradeoff.legends for text in (e.text for e in legend.items)}
    assert {"current plan", "suggestion", "risk limit"} <= shown
    assert all(any(item in e.explains for e in tradeoff.legend.items) for item in (tradeoff.current, tradeoff.best))


def test_the_covers_expenses_label_follows_the_projection_and_stays_in_view(qtbot, results, us_locale):
    deterministic, montecarlo = results
    chart = live_chart(qtbot, IncomeChart, results)
    incomes = np.array([s.income_real for s in montecarlo.streams]).sum(axis=0)
    never = replace(montecarlo, expenses_real=np.full(montecarlo.years, float(incomes.max()) * 10))
    chart.show_projection(3, deterministic, never, ChartContext())  # never covered: marker and entry hidden
    assert not chart.crossover.isVisible() and chart.legend.items[2].isHidden()
    frugal = replace(montecarlo, expenses_real=np.full(montecarlo.years, float(incomes[5])))
    chart.show_projection(4, deterministic, frugal, ChartContext())
    chart.grab()
    assert chart.crossover.isVisible() and not chart.legend.items[2].isHidden()
    year = chart.crossover_year
    assert f"Covers expenses from {year}" in chart.crossover.label.toPlainText()  # not an earlier run's, not empty
    view = chart.plot.getViewBox().sceneBoundingRect().adjusted(-0.5, -0.5, 0.5, 0.5)  # to the pixel: the label
    assert view.contains(chart.crossover.label.sceneBoundingRect())  # hangs from the top, 77.6 can map to 77.59999
