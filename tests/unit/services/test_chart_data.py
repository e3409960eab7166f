"""The data behind every projection chart, checked against a small projection without Qt: bands,
stacks, markers, bubbles and the hover read-outs' money, percentages, years and ages."""

from __future__ import annotations

import math
from dataclasses import replace

import numpy as np
import pytest

from planner.engine.inputs import snapshot
from planner.engine.metrics import PERCENTILES
from planner.engine.projection import RunOptions, project
from planner.services.chart_data.allocation import allocation_hover, allocation_series, sleeve_shares
from planner.services.chart_data.fi_odds import fi_hover, fi_series, fi_year, month_position
from planner.services.chart_data.formats import plain_formats, year_index
from planner.services.chart_data.income import crossover_index, income_hover, income_series, stack
from planner.services.chart_data.net_worth import net_worth_hover, net_worth_series
from planner.services.chart_data.risk_yield import (
    LARGEST,
    SMALLEST,
    bubble_hover,
    bubble_sizes,
    nearest_bubble,
    risk_yield_points,
)
from planner.services.chart_data.scenarios import scenario_hover, scenario_series
from tests.helpers import demo, over_years

PLAIN = plain_formats("$")


@pytest.fixture(scope="module")
def results():
    snap = snapshot(over_years(demo(), 12, stop_age=45))
    return project(snap, RunOptions(mode="deterministic")), project(snap, RunOptions(paths=80, seed=5, search=True))


def test_plain_formats_write_money_percentages_and_counts():
    assert PLAIN.money(1_234_567.4) == "$1,234,567" and PLAIN.money(-5.2) == "-$5"
    assert PLAIN.percent(0.125, 1) == "12.5 %" and PLAIN.percent(0.5, 0) == "50 %"
    assert PLAIN.count(10_000) == "10,000"


def test_the_year_under_the_cursor_is_the_nearest_projected_year(results):
    montecarlo = results[1]
    first = float(montecarlo.year_labels[0])
    assert year_index(montecarlo, first + 3.4) == 3
    assert year_index(montecarlo, first - 50) == 0 and year_index(montecarlo, first + 500) == montecarlo.years - 1
    assert year_index(None, first) is None


def test_the_net_worth_median_band_is_the_projections_median_and_the_expected_path_is_dashed_over_it(results):
    deterministic, montecarlo = results
    series = net_worth_series(deterministic, montecarlo, real=True)
    assert series.median == pytest.approx(montecarlo.percentile(montecarlo.net_worth["real"], 50))
    assert series.median == pytest.approx(montecarlo.net_worth["real"][PERCENTILES.index(50)])
    for p in PERCENTILES:
        assert series.edges[p] == pytest.approx(montecarlo.net_worth["real"][PERCENTILES.index(p)])
    assert series.expected == pytest.approx(deterministic.net_worth["real"][0])
    assert list(series.years) == list(montecarlo.year_labels) and series.title == "Net worth (today's money)"
    nominal = net_worth_series(deterministic, montecarlo, real=False)
    assert nominal.median == pytest.approx(montecarlo.net_worth["nominal"][PERCENTILES.index(50)])
    assert nominal.title == "Net worth (nominal)"
    alone = net_worth_series(deterministic, None, real=True)
    assert alone.edges == {} and alone.median is None and alone.values() == [alone.expected]


def test_the_net_worth_read_out_shows_the_year_age_and_money(results):
    deterministic, montecarlo = results
    series = net_worth_series(deterministic, montecarlo, real=True)
    index = 4
    text = net_worth_hover(montecarlo, series.expected, index, True, PLAIN)
    bands = montecarlo.net_worth["real"][:, index]
    lines = text.split("<br>")
    year, age = int(montecarlo.year_labels[index]), int(montecarlo.ages[index])
    assert lines[0] == f"<b>{year}</b> (you {age} / partner {age - 2})"  # the demo's partner is 2 years younger
    assert lines[1] == f"Median: ${bands[PERCENTILES.index(50)]:,.0f}"
    assert lines[3] == f"5–95 %: ${bands[0]:,.0f} – ${bands[-1]:,.0f}"
    assert lines[4] == f"Expected path: ${series.expected[index]:,.0f}"
    assert "Median" not in net_worth_hover(deterministic, series.expected, index, True, PLAIN)  # one path: no bands


def test_stacking_puts_gains_above_zero_and_losses_below():
    incomes = np.array([[100.0, -50.0], [30.0, 20.0], [-10.0, 5.0]])
    lower, upper = stack(incomes)
    assert lower[:, 0].tolist() == [0.0, 100.0, -10.0] and upper[:, 0].tolist() == [100.0, 130.0, 0.0]
    assert lower[:, 1].tolist() == [-50.0, 0.0, 20.0] and upper[:, 1].tolist() == [0.0, 20.0, 25.0]
    assert crossover_index(np.array([1.0, 5.0, 9.0]), np.array([6.0, 6.0, 6.0])) == 2
    assert crossover_index(np.array([1.0]), np.array([6.0])) is None


def test_the_income_stack_totals_the_streams_and_marks_the_year_income_covers_expenses(results):
    montecarlo = results[1]
    incomes = np.array([s.income_real for s in montecarlo.streams])
    series = income_series(montecarlo, real=True, montecarlo=True)
    assert series.names == tuple(s.name for s in montecarlo.streams)
    assert series.total == pytest.approx(incomes.sum(axis=0))
    assert series.upper.max(axis=0) == pytest.approx(np.cumsum(np.maximum(incomes, 0), axis=0)[-1])
    assert series.expenses == pytest.approx(montecarlo.expenses_real)
    assert series.title == "Passive income by stream (today's money, mean of the paths)"
    frugal = replace(montecarlo, expenses_real=np.full(montecarlo.years, float(incomes.sum(axis=0)[5])))
    covered = np.flatnonzero(incomes.sum(axis=0) >= frugal.expenses_real)[0]
    marker = income_series(frugal, real=True, montecarlo=True).crossover
    assert marker is not None and marker.year == int(frugal.year_labels[covered])
    assert marker.x == float(frugal.year_labels[covered])
    assert marker.label == f"Covers expenses from {marker.year} (age {int(frugal.ages[covered])})"
    lavish = replace(montecarlo, expenses_real=np.full(montecarlo.years, 10 * float(incomes.sum(axis=0).max()) + 1.0))
    assert income_series(lavish, real=True, montecarlo=False).crossover is None


def test_the_income_read_out_names_the_largest_streams_first(results):
    montecarlo = results[1]
    index = 6
    lines = income_hover(montecarlo, index, True, PLAIN).split("<br>")
    incomes = np.array([s.income_real[index] for s in montecarlo.streams])
    assert lines[1] == f"Passive income: ${incomes.sum():,.0f}"
    assert lines[2] == f"Expenses: ${montecarlo.expenses_real[index]:,.0f}"
    largest = montecarlo.streams[int(np.argmax(np.abs(incomes)))]
    assert lines[3] == f"{largest.name}: {PLAIN.money(float(largest.income_real[index]))}"
    assert len(lines) <= 3 + 6


def test_the_fi_chart_marks_the_fi_dates_the_confident_month_and_the_target(results):
    deterministic, montecarlo = results
    series = fi_series(montecarlo, montecarlo=True, formats=PLAIN)
    low, high = montecarlo.fi_month_range
    median = montecarlo.median_fi_month
    assert series.marked == {"10 %": fi_year(montecarlo, low), "Median": fi_year(montecarlo, median),
                             "90 %": fi_year(montecarlo, high)}
    assert series.odds == pytest.approx(100 * montecarlo.fi_probability)
    assert series.first_passed == pytest.approx(100 * montecarlo.fi_year_share)
    x, y = series.success
    assert y == pytest.approx([100 * montecarlo.success_at(m) for m in range(0, montecarlo.months, 12)])
    assert np.diff(x) == pytest.approx(np.ones(len(x) - 1))  # one point a year, at its first month
    found = montecarlo.confident
    assert series.confidence == pytest.approx(100 * found.confidence)
    assert series.confident is not None and series.confident.x == pytest.approx(month_position(montecarlo, found.month))
    assert series.confident.label == f"can stop: {montecarlo.calendar_month(found.month).year}"
    assert series.target.x == pytest.approx(month_position(montecarlo, montecarlo.target_month))
    assert series.stop_title.endswith("(80 paths)")
    alone = fi_series(deterministic, montecarlo=False, formats=PLAIN)
    assert alone.success is None and "searching" in alone.stop_title and alone.stop_title.endswith("(expected path)")


def test_a_month_sits_inside_its_calendar_year_on_the_axis(results):
    montecarlo = results[1]
    start = montecarlo.calendar_month(0)
    assert month_position(montecarlo, 0) == pytest.approx(start.year - 0.5 + (start.month - 0.5) / 12)
    assert month_position(montecarlo, 12) - month_position(montecarlo, 0) == pytest.approx(1.0)
    assert fi_year(montecarlo, None) is None and fi_year(montecarlo, 12 * montecarlo.years) is None


def test_the_fi_read_out_gives_the_success_of_stopping_that_year_above_only(results):
    montecarlo = results[1]
    index = 2
    upper = fi_hover(montecarlo, 0, index, PLAIN).split("<br>")
    assert upper[1] == (f"Stop saving in {montecarlo.calendar_month(24)}: "
                        f"{PLAIN.percent(montecarlo.success_at(24), 1)} success")
    lower = fi_hover(montecarlo, 1, index, PLAIN).split("<br>")
    assert lower[1] == f"FI test passed by the end of the year: {PLAIN.percent(montecarlo.fi_probability[index], 0)}"
    assert len(lower) == len(upper) - 1


def test_sleeve_shares_stack_to_the_whole(results):
    montecarlo = results[1]
    series = allocation_series(montecarlo, montecarlo=True)
    invested = montecarlo.sleeve_value.sum(axis=1) > 0
    assert series.edges[invested, -1] == pytest.approx(100.0) and (series.edges[:, 0] == 0).all()
    assert series.shares == pytest.approx(sleeve_shares(montecarlo.sleeve_value))
    assert sleeve_shares(np.zeros((2, 3))).tolist() == [[0.0] * 3] * 2
    lines = allocation_hover(montecarlo, series.shares, 1, PLAIN).split("<br>")
    assert lines[1:] == [f"{name}: {PLAIN.percent(series.shares[1, n], 0)}" for n, name in
                         enumerate(("Safe", "Core", "Speculative"))]
    assert allocation_hover(montecarlo, series.shares, montecarlo.years + 1, PLAIN) is None


def test_bubbles_have_area_proportional_to_the_amount_and_the_nearest_is_read_out(results):
    sizes = bubble_sizes(np.array([0.0, 25.0, 100.0]))
    assert sizes[0] == SMALLEST and sizes[2] == LARGEST
    assert (sizes[1] - SMALLEST) / (LARGEST - SMALLEST) == pytest.approx(0.5)  # sqrt(1/4)
    montecarlo = results[1]
    points = risk_yield_points(montecarlo, montecarlo=True)
    assert {b.name for b in points.bubbles} == {s.name for s in montecarlo.streams if math.isfinite(s.yield_rate)}
    flat = next(s for s in montecarlo.streams if s.name == "Flat B")
    bubble = next(b for b in points.bubbles if b.name == "Flat B")
    assert (bubble.risk, bubble.yield_pct, bubble.amount) == pytest.approx(
        (100 * flat.risk, 100 * flat.yield_rate, flat.amount))
    assert nearest_bubble(points.bubbles, bubble.risk, bubble.yield_pct, (0.01, 0.01)) == bubble
    assert nearest_bubble(points.bubbles, bubble.risk + 100, bubble.yield_pct + 100, (0.01, 0.01)) is None
    assert bubble_hover(bubble, PLAIN).split("<br>") == [
        "<b>Flat B</b>", f"Yield: {PLAIN.percent(flat.yield_rate, 1)} a year", f"Risk: {PLAIN.percent(flat.risk, 1)}",
        f"Starting amount: {PLAIN.money(flat.amount)}"]
    assert points.x_range[1] >= points.x.max() and points.y_range[1] >= points.y.max()


def test_streams_without_a_yield_are_named_in_the_note(results):
    montecarlo = results[1]
    empty = replace(montecarlo.streams[0], yield_rate=math.nan)
    streams = (empty, *montecarlo.streams[1:])
    points = risk_yield_points(replace(montecarlo, streams=streams), montecarlo=False)
    unplaced = [s.name for s in streams if not math.isfinite(s.yield_rate)]
    assert unplaced[0] == empty.name and len(unplaced) > 1  # the demo has streams with nothing put in
    assert points.note == "No yield (nothing put in): " + ", ".join(unplaced)
    assert empty.name not in {b.name for b in points.bubbles} and "no risk measured" in points.title


def test_scenarios_show_each_median_and_the_first_ones_band(results):
    deterministic, montecarlo = results
    series = scenario_series([montecarlo, deterministic], real=True)
    assert series.medians["net_worth"][0] == pytest.approx(montecarlo.net_worth["real"][PERCENTILES.index(50)])
    assert series.medians["passive_income"][1] == pytest.approx(deterministic.passive_income["real"][0])
    low, high = series.bands["net_worth"]
    assert low == pytest.approx(montecarlo.percentile(montecarlo.net_worth["real"], 10))
    assert high == pytest.approx(montecarlo.percentile(montecarlo.net_worth["real"], 90))
    assert series.odds_title == "FI test passed by year"  # the expected path made no search
    assert series.success[1][1] == pytest.approx(100 * deterministic.fi_probability)
    lines = scenario_hover(["Base", "<Lean>"], [montecarlo, deterministic], 0, 3, True, PLAIN).split("<br>")
    assert lines == [f"<b>{int(montecarlo.year_labels[3])}</b>",
                     f"Base: {PLAIN.money(series.medians['net_worth'][0][3])}",
                     f"&lt;Lean&gt;: {PLAIN.money(series.medians['net_worth'][1][3])}"]
