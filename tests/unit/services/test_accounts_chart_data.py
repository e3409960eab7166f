"""The Accounts and tax chart's data and the tax of the first year after the stop, checked against
the projection's own figures without Qt: capital by account type, tax paid and its band, the
penalty-free and stop markers, the read-out, and a plan without accounts (all of it taxable)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, project
from planner.services.answer import answer_lines, tax_after_stop, tax_text
from planner.services.chart_data.accounts import ACCOUNT_TYPES, accounts_hover, accounts_series
from planner.services.chart_data.fi_odds import month_position
from planner.services.chart_data.formats import plain_formats
from tests.helpers import classic_demo, demo, until_age

PLAIN = plain_formats("$")


@pytest.fixture(scope="module")
def results():
    snap = snapshot(until_age(demo(), 66))  # past both accounts' access ages
    return project(snap, RunOptions(mode="deterministic")), project(snap, RunOptions(paths=60, seed=5, search=False))


@pytest.fixture(scope="module")
def no_accounts():
    return project(snapshot(until_age(classic_demo(), 60)), RunOptions(paths=40, seed=5, search=False))


def test_the_capital_by_account_type_is_each_type_s_median(results):
    montecarlo = results[1]
    series = accounts_series(montecarlo, True, PLAIN)
    assert series.names == ("Taxable", "Tax-deferred", "Tax-free")
    for row, (key, _) in enumerate(ACCOUNT_TYPES):
        assert series.capital[row] == pytest.approx(montecarlo.percentile(montecarlo.accounts_real[key], 50))
    assert series.shown == (True, True, True)  # the demo holds a 401(k), a Roth IRA and a brokerage account
    assert list(series.years) == list(montecarlo.year_labels)
    assert series.capital_title == "Capital by account type (today's money, median of 60 paths)"


def test_the_tax_is_the_median_with_its_10_to_90_band_and_the_mean_penalties(results):
    deterministic, montecarlo = results
    series = accounts_series(montecarlo, True, PLAIN)
    assert series.tax == pytest.approx(montecarlo.percentile(montecarlo.tax_paid_real, 50))
    assert series.tax_low == pytest.approx(montecarlo.percentile(montecarlo.tax_paid_real, 10))
    assert series.tax_high == pytest.approx(montecarlo.percentile(montecarlo.tax_paid_real, 90))
    assert np.all(series.tax_low <= series.tax) and np.all(series.tax <= series.tax_high)
    assert series.penalties == pytest.approx(montecarlo.penalty_mean_real)
    assert series.tax.max() > 0
    expected = accounts_series(deterministic, False, PLAIN)  # one path: no band
    assert expected.tax_low is None and expected.tax_high is None
    assert expected.tax == pytest.approx(deterministic.tax_paid_real[0])
    assert expected.tax_title == "Tax paid each year (today's money, expected path)"


def test_each_account_s_penalty_free_month_and_the_stop_are_marked(results):
    montecarlo = results[1]
    series = accounts_series(montecarlo, True, PLAIN)
    locked = montecarlo.locked_accounts
    assert [name for name, _, _ in locked] == ["401(k)", "Roth IRA (partner)"]
    assert [m.label for m in series.access] == ["401(k) penalty-free", "Roth IRA (partner) penalty-free"]
    assert [m.x for m in series.access] == [month_position(montecarlo, month) for _, month, _ in locked]
    first = montecarlo.calendar_month(locked[0][1])
    assert (first.month, montecarlo.age_at(locked[0][1])) == (1, 60)  # January of the year the owner turns 60
    assert series.stop is not None and series.stop.label == "stop saving at 55"
    assert series.stop.x == month_position(montecarlo, montecarlo.stop_month)
    never = accounts_series(replace(montecarlo, stop_month=montecarlo.months), True, PLAIN)
    assert never.stop is None


def test_a_plan_without_accounts_holds_all_its_capital_as_taxable_and_still_pays_tax(no_accounts):
    series = accounts_series(no_accounts, True, PLAIN)
    assert series.shown == (True, False, False)
    assert np.all(series.capital[1:] == 0)
    assert series.capital[0] == pytest.approx(no_accounts.percentile(no_accounts.accounts_real["taxable"], 50))
    assert series.capital[0].max() > 0 and series.tax.max() > 0  # flat rates still tax the income
    assert series.access == ()
    text = accounts_hover(no_accounts, 3, PLAIN)
    assert "Taxable: $" in text and "Tax-deferred" not in text and "Tax-free" not in text


def test_the_read_out_gives_the_year_s_capital_tax_band_and_an_account_opening(results):
    montecarlo = results[1]
    name, month, _ = montecarlo.locked_accounts[0]
    index = month // 12
    text = accounts_hover(montecarlo, index, PLAIN)
    lines = text.split("<br>")
    assert lines[0].startswith(f"<b>{int(montecarlo.year_labels[index])}</b>")
    medians = {key: montecarlo.percentile(montecarlo.accounts_real[key], 50)[index] for key, _ in ACCOUNT_TYPES}
    assert f"Taxable: {PLAIN.money(medians['taxable'])}" in lines
    assert f"Tax-deferred: {PLAIN.money(medians['deferred'])}" in lines
    assert f"Tax-free: {PLAIN.money(medians['free'])}" in lines
    tax = {p: montecarlo.percentile(montecarlo.tax_paid_real, p)[index] for p in (10, 50, 90)}
    assert f"Tax paid: {PLAIN.money(tax[50])}" in lines
    assert f"Tax paid, 10–90 %: {PLAIN.money(tax[10])} – {PLAIN.money(tax[90])}" in lines
    assert f"{name} penalty-free from {montecarlo.calendar_month(month)}" in lines
    assert not any("penalty-free" in line for line in accounts_hover(montecarlo, index - 1, PLAIN).split("<br>"))


def test_the_tax_after_the_stop_is_of_the_first_year_that_starts_without_pay(results):
    montecarlo = results[1]
    stop = montecarlo.stop_month
    tax = tax_after_stop(montecarlo)
    first = -(-stop // 12)  # a stop in a year's first month: that year; later in it: the next
    assert tax is not None and tax.index == first and tax.year == int(montecarlo.year_labels[first])
    assert tax.median == pytest.approx(montecarlo.percentile(montecarlo.tax_paid_real, 50)[first])
    assert tax.low == pytest.approx(montecarlo.percentile(montecarlo.tax_paid_real, 10)[first])
    assert tax.high == pytest.approx(montecarlo.percentile(montecarlo.tax_paid_real, 90)[first])
    assert tax_after_stop(replace(montecarlo, stop_month=24)).index == 2
    assert tax_after_stop(replace(montecarlo, stop_month=25)).index == 3
    assert tax_after_stop(replace(montecarlo, stop_month=montecarlo.months)) is None
    text = tax_text(montecarlo)
    assert text == (f"Tax in {tax.year}, the first year after the stop: median {tax.median:,.0f} "
                    f"(10–90 %: {tax.low:,.0f} – {tax.high:,.0f}), today's money.")
    assert text in answer_lines(demo().fi_rule.kind, montecarlo)
