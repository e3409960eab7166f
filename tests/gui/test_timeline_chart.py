"""The Timeline tab: phases as bars, events as markers, stop months labelled, as the selected
scenario sees the plan; a message instead of an empty chart; and the same chart in the report."""

from __future__ import annotations

import pyqtgraph as pg
import pytest

from planner.domain.calendar import YearMonth
from planner.services.chart_data.timeline import month_x
from planner.services.plan_session import PlanSession
from planner.ui.charts.base import ChartContext
from planner.ui.charts.timeline import IN, LEFT_OUT, OUT, TimelineChart
from planner.ui.main_window import MainWindow
from tests.gui.conftest import small_runner
from tests.gui.keyboard import activate
from tests.helpers import demo, life_plan, replace


def timeline_tab(window) -> TimelineChart:
    view = window.projection_view
    (index,) = [n for n, c in enumerate(view.charts) if isinstance(c, TimelineChart)]
    view.tabs.setCurrentIndex(index)  # the chart sits in its tab's page, made when first opened
    return view.chart(index)


def drawn(qtbot, window, scenario: str | None) -> TimelineChart:
    """The timeline once the run of the plan as the scenario sees it is drawn."""
    window.scenarios.select(scenario)
    chart = timeline_tab(window)
    qtbot.waitUntil(lambda: window.runner.drawn.scenario == scenario and window.runner.drawn.best is not None
                    and chart.data is not None and chart.run_id == window.runner.drawn.run_id, timeout=60_000)
    return chart


@pytest.fixture
def life_window(qtbot, tmp_path, us_locale):
    window = MainWindow(PlanSession.create(tmp_path / "life.plan", life_plan()), runner=small_runner())
    qtbot.addWidget(window)
    activate(window)
    yield window
    window.close()


def brush_names(chart: TimelineChart) -> list[str]:
    return [pg.mkBrush(b).color().name() for b in chart.bars.opts["brushes"]]


def test_the_timeline_draws_phases_events_and_stop_months_for_the_scenario_shown(qtbot, life_window):
    chart = drawn(qtbot, life_window, None)
    assert chart.canvas.isVisible() and not chart.message.isVisible()
    ticks = [name for _, name in chart.plot.getAxis("left")._tickLevels[0]]
    assert ticks == ["Children at home", "Quieter late life", "Sailing boat", "New car", "Roof", "Inheritance"]
    assert chart.bars.opts["x1"][0] == 2041.0 and brush_names(chart) == [OUT, IN, LEFT_OUT]
    assert len(chart.markers.data) == 6  # four cars, a roof, an inheritance
    labels = [line.label.format for line in chart.stops if line.isVisible()]
    assert labels[:2] == ["you stop at 55", "partner stops at 57"]
    assert chart.plot.getAxis("top").labelText == "Your age (your partner is 3 years younger)"
    assert chart.show_readout(0, 2030.0, chart.data.row_y(0))
    assert chart.readout_text().startswith("2030: you 41 / partner 38")

    chart = drawn(qtbot, life_window, "Bigger life")  # longer childhood, the boat in, no inheritance
    assert chart.bars.opts["x1"][0] == month_x(YearMonth(2045, 6)) + 1 / 12
    assert brush_names(chart) == [OUT, IN, OUT]
    gift = chart.markers.data[-1]
    assert pg.mkPen(gift["pen"]).color().name() == LEFT_OUT


def test_a_plan_without_phases_or_events_says_how_to_add_them(qtbot, tmp_path, us_locale):
    plan = demo()
    assert plan.phases and plan.events  # the demo has both: they are taken out
    session = PlanSession.create(tmp_path / "bare.plan", replace(plan, phases=(), events=()))
    window = MainWindow(session, runner=small_runner())
    qtbot.addWidget(window)
    activate(window)
    chart = drawn(qtbot, window, None)
    assert chart.message.isVisible() and not chart.canvas.isVisible()
    assert "Spending phases and One-off events tabs" in chart.message.text()
    assert not any(legend.isVisible() for legend in chart.legends)


def test_the_report_draws_the_timeline_of_the_plan(qapp):
    from planner.services.report import gather_report
    from planner.ui.report.chart_drawings import drawn_charts
    from tests.helpers import over_years

    data = gather_report(over_years(life_plan(), 8), paths=40)
    with drawn_charts(data.deterministic, data.montecarlo, ChartContext(plan=data.plan)) as charts:
        (chart,) = [c for c in charts if isinstance(c, TimelineChart)]
        assert chart.data is not None and len(chart.data.rows) == 6 and chart.report_caption
