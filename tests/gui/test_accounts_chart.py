"""The Accounts and tax chart draws the chart data (capital by type, tax and its band, the markers,
the read-out, a dark theme), and the window's summary states the tax after the stop and the
penalty-free access with the same figures as `planner simulate`."""

from __future__ import annotations

import re
from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, project
from planner.services.answer import access_text as terminal_access
from planner.services.answer import tax_after_stop
from planner.services.chart_data.fi_odds import month_position
from planner.services.projection import summary_text
from planner.ui.charts.accounts import AccountsChart
from planner.ui.charts.axes import full_money
from planner.ui.charts.base import ChartContext
from planner.ui.summary_panel import summary_texts
from tests.helpers import classic_demo, demo, until_age

US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


@pytest.fixture(scope="module")
def results():
    snap = snapshot(until_age(demo(), 66))
    return project(snap, RunOptions(mode="deterministic")), project(snap, RunOptions(paths=80, seed=5, search=False))


def shown(qtbot, results):
    chart = AccountsChart()
    qtbot.addWidget(chart)
    chart.resize(900, 600)
    chart.show()
    chart.show_projection(3, *results, ChartContext(real=True, symbol="$"))
    return chart


def test_the_chart_draws_each_account_type_the_tax_band_and_the_markers(qtbot, results, us_locale):
    chart = shown(qtbot, results)
    montecarlo = results[1]
    for line, key in zip(chart.lines, ("taxable", "deferred", "free"), strict=True):
        assert list(line.getData()[1]) == pytest.approx(list(montecarlo.percentile(montecarlo.accounts_real[key], 50)))
    assert list(chart.tax.getData()[1]) == pytest.approx(list(montecarlo.percentile(montecarlo.tax_paid_real, 50)))
    assert list(chart.tax_high.getData()[1]) == pytest.approx(list(montecarlo.percentile(montecarlo.tax_paid_real, 90)))
    assert chart.tax_band.isVisible()
    labels = [upper.label.toPlainText().strip() for upper, _ in chart.access_lines if upper.isVisible()]
    assert labels == ["401(k) penalty-free", "Roth IRA (partner) penalty-free"]
    for (upper, lower), (_, month, _) in zip(chart.access_lines, montecarlo.locked_accounts, strict=True):
        assert upper.value() == lower.value() == pytest.approx(month_position(montecarlo, month))
    assert chart.stop_lines[0].value() == chart.stop_lines[1].value() == pytest.approx(
        month_position(montecarlo, montecarlo.stop_month))
    assert chart.stop_lines[1].pen.color() == chart.stop_lines[0].pen.color() != chart.access_lines[0][1].pen.color()
    assert chart.stop_lines[0].label.toPlainText().strip() == "stop saving at 55"
    shown_names = [entry.text for entry in chart.legend.items if not entry.isHidden()]
    assert shown_names[:5] == ["Taxable", "Tax-deferred", "Tax-free", "Median tax paid (below)",
                               "Tax paid, 10–90 % of paths"]
    index = montecarlo.locked_accounts[0][1] // 12
    assert chart.show_readout(1, float(montecarlo.year_labels[index]), 0.0)
    text = chart.readout_text(1)
    assert f"Tax paid: {full_money(montecarlo.percentile(montecarlo.tax_paid_real, 50)[index], '$')}" in text
    assert "401(k) penalty-free from" in text


def test_a_plan_without_accounts_shows_only_taxable_capital_and_its_tax(qtbot, us_locale):
    projection = project(snapshot(until_age(classic_demo(), 60)), RunOptions(paths=30, seed=5, search=False))
    chart = AccountsChart()
    qtbot.addWidget(chart)
    chart.show()
    chart.show_projection(1, None, projection, ChartContext())
    assert len(chart.lines[0].getData()[1]) == projection.years
    assert chart.lines[1].getData()[1] is None or len(chart.lines[1].getData()[1]) == 0
    hidden = [entry.text for entry in chart.legend.items if entry.isHidden()]
    assert "Tax-deferred" in hidden and "Tax-free" in hidden and "Taxable" not in hidden
    assert np.max(chart.tax.getData()[1]) > 0
    assert not any(upper.isVisible() for upper, _ in chart.access_lines)


def test_the_chart_follows_a_dark_palette(qtbot, results, us_locale):
    app = QApplication.instance()
    previous = app.palette()
    dark = QPalette(previous)
    for role, shade in ((QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.Window, "#2b2b2b"),
                        (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.WindowText, "#e6e6e6")):
        dark.setColor(role, QColor(shade))
    chart = shown(qtbot, results)
    try:
        app.setPalette(dark)
        qtbot.waitUntil(lambda: chart.canvas.backgroundBrush().color() == QColor("#1e1e1e"), timeout=2000)
        assert chart.tax_plot.getAxis("left").textPen().color() == QColor("#e6e6e6")
    finally:
        app.setPalette(previous)


TERMINAL = re.compile(r"^Tax in (\d{4}), the first year after the stop: median ([\d,]+) "
                      r"\(10–90 %: ([\d,]+) – ([\d,]+)\)")
WINDOW = re.compile(r"^\$([\d,]+) in (\d{4}) \(10–90 %: \$([\d,]+) – \$([\d,]+)\)")


def test_the_window_and_simulate_state_the_same_tax_and_access(results, us_locale):
    montecarlo = results[1]
    plan = until_age(demo(), 66)
    texts = summary_texts(montecarlo, plan)
    tax = tax_after_stop(montecarlo)
    assert tax is not None
    window = texts["tax_after_stop"]
    assert window == (f"{full_money(tax.median, '$')} in {tax.year} (10–90 %: {full_money(tax.low, '$')} – "
                      f"{full_money(tax.high, '$')}), today's money")
    terminal = next(line for line in summary_text(plan, montecarlo).splitlines() if line.startswith("Tax in"))
    year, *said_figures = TERMINAL.match(terminal).groups()
    median, shown_year, low, high = WINDOW.match(window).groups()
    assert year == shown_year == str(tax.year)
    assert said_figures == [median, low, high] == [f"{value:,.0f}" for value in (tax.median, tax.low, tax.high)]
    access, said = texts["access"], terminal_access(montecarlo)
    assert said is not None and said in summary_text(plan, montecarlo)
    for name, month, _ in montecarlo.locked_accounts:
        when = plan.start.plus(month)
        assert f"{name} from {when}" in said  # 2048-01
        assert f"{name} from {US.standaloneMonthName(when.month, QLocale.FormatType.ShortFormat)} {when.year}" in access
    share = round(100 * montecarlo.penalty_share, 1)
    assert f"{share:.1f} % of paths pay a penalty" in access
    assert f"{f'{share:.1f}'.removesuffix('.0')} % of paths pay a penalty" in said


def test_the_summary_says_when_no_account_is_locked_or_saving_never_stops(results, us_locale):
    montecarlo = results[1]
    plan = until_age(demo(), 66)
    never = replace(montecarlo, stop_month=montecarlo.months)
    assert summary_texts(never, plan)["tax_after_stop"] == "saving never stops"
    open_ = summary_texts(replace(montecarlo, locked_accounts=()), plan)
    assert open_["access"] == "no account has an access age within the plan"
