"""One registry of projection charts: the live view's tabs and the report's drawings both come from
it, each chart at its own report height, so a registered chart cannot be left out of the PDF."""

from __future__ import annotations

import pytest

from planner.services.report import gather_report
from planner.ui.charts.base import ChartBase, ChartContext
from planner.ui.charts.registry import PROJECTION_CHARTS
from planner.ui.projection_view import ProjectionView
from planner.ui.report import chart_drawings
from tests.helpers import demo, over_years


@pytest.fixture(scope="module")
def report_data():
    return gather_report(over_years(demo(), 8), paths=60)


def test_the_live_view_shows_every_registered_chart_in_order(qtbot):
    view = ProjectionView()
    qtbot.addWidget(view)
    assert [type(chart) for chart in view.charts] == list(PROJECTION_CHARTS)
    assert [view.tabs.tabText(n) for n in range(view.tabs.count())] == [kind.title for kind in PROJECTION_CHARTS]


def test_every_registered_chart_is_drawn_in_the_report_at_its_own_height(qapp, report_data):
    with chart_drawings.drawn_charts(report_data.deterministic, report_data.montecarlo, ChartContext()) as charts:
        assert [type(chart) for chart in charts] == list(PROJECTION_CHARTS)
        for chart in charts:
            assert chart.projection is report_data.montecarlo  # drawn, not merely made
            assert chart.report_caption  # the sentence printed under it
            size = chart_drawings.CHART_SIZE
            assert chart_drawings.chart_aspect(chart) == pytest.approx(size.height() * chart.report_height
                                                                      / size.width())
            assert chart.height() == round(size.width() * chart_drawings.chart_aspect(chart))
    tall = {kind.title: kind.report_height for kind in PROJECTION_CHARTS if kind.report_height != 1.0}
    assert tall == {"When to stop": 1.6, "Accounts and tax": 1.6}


def test_a_chart_added_to_the_registry_reaches_the_report(qapp, report_data, monkeypatch):
    class ExtraChart(ChartBase):
        title = "Extra"
        report_height = 1.3

        def __init__(self) -> None:
            super().__init__()
            self.add_plot(0)

        def draw(self, deterministic, montecarlo) -> None:
            self.drawn = montecarlo

    monkeypatch.setattr(chart_drawings, "PROJECTION_CHARTS", (*PROJECTION_CHARTS, ExtraChart))
    with chart_drawings.drawn_charts(report_data.deterministic, report_data.montecarlo, ChartContext()) as charts:
        extra = charts[-1]
        assert isinstance(extra, ExtraChart) and extra.drawn is report_data.montecarlo
        assert chart_drawings.chart_aspect(extra) == pytest.approx(380 * 1.3 / 820)
