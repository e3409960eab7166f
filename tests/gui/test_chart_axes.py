"""Every chart follows the plan it shows: ages from its birth year, money in its currency, years
from its first month, after edits, undo, New and a scenario switch - with no stale tick labels."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.domain.calendar import YearMonth
from planner.ui.charts.axes import MoneyAxis, YearAxis
from planner.ui.formatting import currency_symbol
from tests.gui.test_live_projection import wait_complete


def axes_of(window):
    """(chart, year axis above, money axes) of every chart of the live view, each drawn as shown."""
    view = window.projection_view
    found = []
    for index, chart in enumerate(view.charts):
        view.tabs.setCurrentIndex(index)
        if chart.canvas.isHidden():  # a message instead of a plot (the timeline of a plan without phases or events)
            continue
        chart.grab()  # painted: pyqtgraph keeps a picture of each axis's ticks
        money = [plot.getAxis(side) for plot in chart.plots for side in ("left", "bottom")
                 if isinstance(plot.getAxis(side), MoneyAxis)]
        tops = [plot.getAxis("top") for plot in chart.plots
                if isinstance(plot.getAxis("top"), YearAxis) and plot.getAxis("top").isVisible()]
        found.append((chart, tops, money))
    return found


@pytest.fixture
def demo_window(qtbot, tmp_path, us_locale, request):
    """The main window on the demo run to 65 instead of 97, with Monte Carlo for the tests marked
    so (tests/gui/conftest.py): every chart is drawn as for the whole demo, and each run (and its
    stop-month search) covers half the months. What is checked - ages, currency and first year on
    the axes - does not depend on the plan's length."""
    from planner.domain.demo import demo_plan
    from planner.services.plan_session import PlanSession
    from planner.ui.main_window import MainWindow
    from tests.gui.conftest import MONTE_CARLO_MARK, small_runner
    from tests.gui.keyboard import activate
    from tests.helpers import until_age

    session = PlanSession.create(tmp_path / "demo.plan", until_age(demo_plan(), 65))
    window = MainWindow(session, runner=small_runner(monte_carlo=MONTE_CARLO_MARK in request.keywords))
    qtbot.addWidget(window)
    activate(window)
    yield window
    window.close()


def assert_charts_follow(window):
    plan = window.runner.drawn.plan
    projection = window.runner.drawn.best
    assert int(projection.year_labels[0]) == (plan.start.index + 11) // 12  # the plan's own first year
    symbol = currency_symbol(plan.currency)
    for chart, tops, money in axes_of(window):
        for axis in tops:
            assert axis.tickStrings([2050.0], 1.0, 1.0) == [str(2050 - plan.household.birth_year)], chart.title
        for axis in money:
            assert axis.symbol == symbol, chart.title


@pytest.mark.slow
@pytest.mark.montecarlo
def test_charts_follow_birth_year_currency_and_start_after_edits_undo_and_scenarios(demo_window, qtbot):
    window = demo_window
    wait_complete(qtbot, window.runner)
    assert_charts_follow(window)
    view = window.projection_view
    pictures = {id(axis): axis.picture for _chart, tops, _money in axes_of(window) for axis in tops}
    assert window.edit_field("household", "birth_year", 1985, "birth year") is None
    wait_complete(qtbot, window.runner)
    for _chart, tops, _money in axes_of(window):  # repainted, not the demo's ages kept in a cached picture
        assert all(axis.picture is not pictures[id(axis)] for axis in tops)
    assert_charts_follow(window)
    for target, field, value in (("household", "birth_year", 1991), ("plan", "currency", "EUR"),
                                 ("plan", "start", YearMonth(2030, 1)),
                                 ("household", "monthly_expenses", Decimal("3000.00"))):
        assert window.edit_field(target, field, value, field) is None
        wait_complete(qtbot, window.runner)
        assert_charts_follow(window)
    assert window.runner.drawn.plan.household.birth_year == 1991 and view.charts[0].plots[0].getAxis("left").symbol
    window.undo_action.trigger()
    window.undo_action.trigger()  # back to the demo's first month, still 1991 and EUR
    wait_complete(qtbot, window.runner)
    assert_charts_follow(window)
    window.scenarios.select("Barbell")
    wait_complete(qtbot, window.runner)
    assert_charts_follow(window)


@pytest.mark.montecarlo
def test_a_new_plan_s_charts_show_its_own_ages(demo_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    window = demo_window
    wait_complete(qtbot, window.runner)
    axes_of(window)  # every chart drawn with the demo's ages
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "mine"), ""))
    window.files.new_plan()
    assert window.edit_field("household", "birth_year", 1991, "birth year") is None
    wait_complete(qtbot, window.runner)
    assert window.runner.drawn.plan.household.birth_year == 1991
    assert_charts_follow(window)


def assert_painted_fresh(window):
    """Each chart as shown equals the chart with every axis forced to draw its ticks anew: a cached
    picture of old ticks (the demo's ages, the old currency) would differ."""
    view = window.projection_view
    for index, chart in enumerate(view.charts):
        view.tabs.setCurrentIndex(index)
        shown = chart.grab().toImage()
        for plot in chart.plots:
            for side in ("left", "bottom", "top", "right"):
                plot.getAxis(side).picture = None
        assert chart.grab().toImage() == shown, f"{chart.title}: stale tick labels"


@pytest.mark.slow
@pytest.mark.montecarlo
def test_a_new_birth_year_and_currency_are_painted_even_when_the_range_stays(demo_window, qtbot):
    """Birth year three years later and the plan three years shorter: the same calendar years on
    the x axis, so only a repaint of the age ticks can show the change."""
    window = demo_window
    wait_complete(qtbot, window.runner)
    axes_of(window)  # every chart painted once with the demo's ages and dollars
    household = window.session.plan.household
    assert window.edit_fields([("household", "birth_year", household.birth_year + 3),
                               ("household", "plan_until_age", household.plan_until_age - 3)], "ages") is None
    assert window.edit_field("plan", "currency", "EUR", "currency") is None
    wait_complete(qtbot, window.runner)
    assert_charts_follow(window)
    assert_painted_fresh(window)
