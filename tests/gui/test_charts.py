"""Charts draw what the projection says: bands, stacks, markers, bubbles, read-outs and themes."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from planner.engine.inputs import snapshot
from planner.engine.metrics import PERCENTILES
from planner.engine.projection import RunOptions, project
from planner.services.chart_data.allocation import sleeve_shares
from planner.services.chart_data.fi_odds import fi_year, month_position
from planner.services.chart_data.income import crossover_index
from planner.services.chart_data.risk_yield import LARGEST, SMALLEST, bubble_sizes
from planner.ui.charts.allocation import AllocationChart
from planner.ui.charts.axes import compact_money, full_money
from planner.ui.charts.base import ChartContext
from planner.ui.charts.fi_odds import FIChart
from planner.ui.charts.income import IncomeChart
from planner.ui.charts.net_worth import NetWorthChart
from planner.ui.charts.risk_yield import RiskYieldChart
from planner.ui.formatting import count
from planner.ui.summary_panel import summary_texts
from tests.helpers import demo

US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture(scope="module")
def results():
    snap = snapshot(demo())
    return project(snap, RunOptions(mode="deterministic")), project(snap, RunOptions(paths=100, seed=5, search=True))


def shown(qtbot, chart, results, real=True):
    qtbot.addWidget(chart)
    chart.resize(900, 500)
    chart.show()
    deterministic, montecarlo = results
    chart.show_projection(7, deterministic, montecarlo, ChartContext(real=real, symbol="$"))
    return chart


def test_money_on_axes_is_short_and_in_the_locale():
    assert compact_money(950, "$", US) == "$950"
    assert compact_money(250_000, "$", US) == "$250k"
    assert compact_money(1_250_000, "$", US) == "$1.3M"
    assert compact_money(-30_000, "$", US) == "-$30k"
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert compact_money(1_500_000, "€", german) == "€1,5M"
    assert full_money(1_234_567.4, "$", US) == "$1,234,567"
    assert full_money(-1_234_567.4, "$", US) == "-$1,234,567"  # a minus sign, not accounting brackets
    assert full_money(-1_234_567.4, "€", german) == "-1.234.567\xa0€"  # where the locale puts the symbol
    assert count(10_000, german) == "10.000" and count(10_000, US) == "10,000"


def test_net_worth_fan_draws_every_band_and_the_expected_path(qtbot, results, us_locale):
    chart = shown(qtbot, NetWorthChart(), results)
    deterministic, montecarlo = results
    bands = montecarlo.net_worth["real"]
    for p in PERCENTILES:
        assert list(chart.edges[p].getData()[1]) == pytest.approx(list(bands[PERCENTILES.index(p)]))
    expected = deterministic.net_worth["real"][0]
    assert list(chart.expected.getData()[1]) == pytest.approx(list(expected))
    assert list(chart.expected.getData()[0]) == list(montecarlo.year_labels)
    assert chart.run_id == 7
    nominal = shown(qtbot, NetWorthChart(), results, real=False)
    assert list(nominal.median.getData()[1]) == pytest.approx(list(montecarlo.net_worth["nominal"][3]))
    assert nominal.plot.titleLabel.text == "Net worth (nominal)"


def test_the_fan_without_monte_carlo_shows_only_the_expected_path(qtbot, results, us_locale):
    chart = NetWorthChart()
    qtbot.addWidget(chart)
    chart.show_projection(1, results[0], None, ChartContext())
    assert chart.median.getData()[1] is None or len(chart.median.getData()[1]) == 0
    assert len(chart.expected.getData()[1]) == results[0].years


def test_net_worth_readout_gives_the_year_age_and_figures(qtbot, results, us_locale):
    chart = shown(qtbot, NetWorthChart(), results)
    montecarlo = results[1]
    index = 10
    assert chart.show_readout(0, float(montecarlo.year_labels[index]) + 0.2, 0.0)
    text = chart.readout_text()
    median = montecarlo.net_worth["real"][3][index]
    age = int(montecarlo.ages[index])  # the demo's partner is two years younger
    assert f"{int(montecarlo.year_labels[index])} (you {age} / partner {age - 2})" in text
    assert f"Median: {full_money(median, '$')}" in text


def test_income_chart_stacks_each_stream_and_marks_the_crossover(qtbot, results, us_locale):
    deterministic, montecarlo = results
    chart = shown(qtbot, IncomeChart(), results)
    incomes = np.array([s.income_real for s in montecarlo.streams])
    top = np.cumsum(np.maximum(incomes, 0), axis=0)[-1]
    uppers = np.array([band[1].getData()[1] for band in chart.bands[:len(montecarlo.streams)]])
    assert uppers.max(axis=0) == pytest.approx(top)
    assert list(chart.expenses.getData()[1]) == pytest.approx(montecarlo.expenses_real)
    assert len(chart.legend.items) == 3 + len(montecarlo.streams)  # total, expenses, the crossover, each stream
    # cheap living: income covers expenses from the first year in which the total reaches them
    frugal = replace(montecarlo, expenses_real=np.full(montecarlo.years, float(incomes.sum(axis=0)[5])))
    chart.show_projection(8, deterministic, frugal, ChartContext())
    expected = crossover_index(incomes.sum(axis=0), frugal.expenses_real)
    assert chart.crossover_year == int(frugal.year_labels[expected]) and chart.crossover.isVisible()


def test_fi_chart_marks_the_median_and_the_10_90_range(qtbot, results, us_locale):
    chart = shown(qtbot, FIChart(), results)
    montecarlo = results[1]
    low, high = montecarlo.fi_month_range
    assert chart.marked == {"10 %": fi_year(montecarlo, low), "Median": fi_year(montecarlo, montecarlo.median_fi_month),
                            "90 %": fi_year(montecarlo, high)}
    assert chart.marked["Median"] is not None
    assert chart.markers["Median"].value() == chart.marked["Median"]
    assert list(chart.odds.getData()[1]) == pytest.approx(list(100 * montecarlo.fi_probability))
    assert f"Median: {chart.marked['Median']}" in chart.dates_plot.titleLabel.text


def test_when_to_stop_chart_draws_success_by_stop_year_and_marks_the_confident_month(qtbot, results, us_locale):
    chart = shown(qtbot, FIChart(), results)
    montecarlo = results[1]
    x, y = chart.success.getData()
    assert list(y) == pytest.approx([100 * montecarlo.success_at(m) for m in range(0, montecarlo.months, 12)])
    assert np.all(np.diff(x) == pytest.approx(1.0))  # one point a year
    found = montecarlo.confident
    assert chart.confidence.value() == pytest.approx(100 * found.confidence)
    assert chart.confident.isVisible() and chart.confident.value() == pytest.approx(
        month_position(montecarlo, found.month))
    assert chart.target.value() == pytest.approx(month_position(montecarlo, montecarlo.target_month))
    # the expected path has no search: no curve, and the title says it is coming
    alone = shown(qtbot, FIChart(), (results[0], None))
    assert not alone.success.isVisible() and "searching" in alone.stop_plot.titleLabel.text


def test_allocation_shares_add_up_to_the_whole(qtbot, results, us_locale):
    chart = shown(qtbot, AllocationChart(), results)
    assert chart.shares.sum(axis=1) == pytest.approx(np.ones(results[1].years))
    assert list(chart.edges[-1].getData()[1]) == pytest.approx([100.0] * results[1].years)
    assert sleeve_shares(np.zeros((2, 3))).tolist() == [[0.0] * 3] * 2


def test_risk_yield_bubbles_have_area_proportional_to_the_amount(qtbot, results, us_locale):
    sizes = bubble_sizes(np.array([0.0, 25.0, 100.0]))
    assert sizes[0] == SMALLEST and sizes[2] == LARGEST
    assert (sizes[1] - SMALLEST) / (LARGEST - SMALLEST) == pytest.approx(0.5)  # sqrt(1/4)
    chart = shown(qtbot, RiskYieldChart(), results)
    montecarlo = results[1]
    named = {bubble.name for bubble in chart.points}
    assert named == {s.name for s in montecarlo.streams if math.isfinite(s.yield_rate)}
    flat = next(s for s in montecarlo.streams if s.name == "Flat B")
    bubble = next(b for b in chart.points if b.name == "Flat B")
    risk, yield_pct, amount = bubble.risk, bubble.yield_pct, bubble.amount
    assert (risk, yield_pct, amount) == pytest.approx((100 * flat.risk, 100 * flat.yield_rate, flat.amount))
    assert chart.show_readout(0, risk, yield_pct)
    assert "Flat B" in chart.readout_text()


def test_charts_follow_a_dark_palette(qtbot, results, us_locale, tmp_path):
    app = QApplication.instance()
    previous = app.palette()
    dark = QPalette(previous)
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    chart = shown(qtbot, NetWorthChart(), results)
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: chart.canvas.backgroundBrush().color() == QColor("#1e1e1e"), timeout=2000)
        assert chart.plot.getAxis("left").textPen().color() == QColor("#e6e6e6")
        assert chart.expected.opts["pen"].color() == QColor("#e6e6e6")
        chart.grab().save(str(tmp_path / "dark.png"))
    finally:
        app.setPalette(previous)


def test_summary_texts_lead_with_the_answer_then_the_fi_test_and_the_worst_streams(results, us_locale):
    montecarlo = results[1]
    plan = demo()
    texts = summary_texts(montecarlo, plan)
    found = montecarlo.confident.month
    when = plan.start.plus(found)
    household = plan.household  # a couple: both adults' ages are said

    def ages(month):
        return f"you {household.age_in(month)} / partner {month.year - household.partner_birth_year}"

    month_name = US.standaloneMonthName(when.month, QLocale.FormatType.ShortFormat)
    confident = montecarlo.confident
    reached = US.toString(100 * confident.success, "f", 1)
    margin = US.toString(100 * 1.96 * (confident.success * (1 - confident.success) / confident.paths) ** 0.5,
                         "f", 1)  # the binomial 95 % half-width, as the terminal says it
    assert texts["headline"] == (f"You can stop saving in {month_name} {when.year} ({ages(when)}) "
                                 f"with 90 % confidence ({reached} % of paths succeed, ± {margin} points from "
                                 "sampling)")
    success = US.toString(100 * montecarlo.success_probability, "f", 0)  # the locale rounds half up, not Python
    assert texts["target"] == f"Stopping at your target age 55: {success} % success"
    median = plan.start.plus(montecarlo.median_fi_month)
    assert texts["fi_date"].startswith(f"{US.standaloneMonthName(median.month, QLocale.FormatType.ShortFormat)} "
                                       f"{median.year} ({ages(median)})")
    low, high = (plan.start.plus(m) for m in montecarlo.fi_month_range)
    assert texts["fi_range"] == f"{US.standaloneMonthName(low.month, QLocale.FormatType.ShortFormat)} {low.year} – " \
        f"{US.standaloneMonthName(high.month, QLocale.FormatType.ShortFormat)} {high.year}"
    ruin = US.toString(100 * montecarlo.ruin_probability, "f", 1)  # the locale rounds, not Python (half to even)
    assert texts["ruin"].startswith(f"{ruin} % of paths run out after stopping at 55")
    worst = max(montecarlo.streams, key=lambda s: s.worst_share)
    assert texts["worst"].startswith(worst.name)
    hours = sum(s.hours for s in montecarlo.streams)
    income = sum(s.total_income_real for s in montecarlo.streams)
    assert texts["passivity"] == f"{full_money(income / hours, '$')} of income per hour of upkeep"
    never = replace(montecarlo, median_fi_month=None, fi_month_range=(None, None), rule_success=None,
                    confident=replace(montecarlo.confident, month=None, success=0.42))
    texts = summary_texts(never, plan)
    assert texts["fi_date"].startswith("not reached by half of the paths")
    nearly = summary_texts(replace(montecarlo, success_probability=0.9991), plan)["target"]
    assert nearly == "Stopping at your target age 55: 99.9 % success"  # not 100 % while some paths fall short
    assert summary_texts(replace(montecarlo, success_probability=1.0), plan)["target"].endswith(": 100 % success")
    assert texts["fi_range"] == "not reached – not reached" and texts["rule_success"] == "no path passes it"
    last = household.partner_birth_year + household.partner_plan_until_age  # the partner plans to 95, the later
    assert texts["headline"] == (f"You cannot stop saving before age {last - household.birth_year} (partner "
                                 f"{household.partner_plan_until_age}) with 90 % confidence (stopping in the last "
                                 "month: 42 % success)")
