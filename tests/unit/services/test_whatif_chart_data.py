"""The what-if charts' data without Qt: the tornado's bars and read-outs, the trade-off's points."""

from __future__ import annotations

import pytest

from planner.engine.allocation import Candidate, RiskLimit, Suggestion
from planner.engine.sensitivity import Outcome, Sensitivity, Swing
from planner.services.chart_data.formats import plain_formats
from planner.services.chart_data.tornado import SHOWN, tornado_hover, tornado_series
from planner.services.chart_data.tradeoff import candidate_hover, nearest_candidate, tradeoff_points

BASE = Outcome(200, 0.8)


def sensitivity(inputs: int = 5) -> Sensitivity:
    swings = tuple(Swing(f"Input {n}", "±10 %", Outcome(200 - 6 * n, 0.7), Outcome(200 + 4 * n, 0.85))
                   for n in range(1, inputs + 1))
    return Sensitivity(BASE, swings, 55, 11)


def test_the_tornado_puts_the_largest_swing_on_top_with_each_moves_change():
    series = tornado_series(sensitivity(), 600)
    assert series.rows.tolist() == [4.0, 3.0, 2.0, 1.0, 0.0]
    assert series.ticks[0] == (4.0, "Input 1 ±10 %")
    assert series.months.lows.tolist() == [-6.0, -12.0, -18.0, -24.0, -30.0]
    assert series.months.highs.tolist() == [4.0, 8.0, 12.0, 16.0, 20.0] and series.months.reach == 30.0
    assert series.success.lows == pytest.approx([-10.0] * 5) and series.success.highs == pytest.approx([5.0] * 5)
    assert series.success_title == "Change of the success of stopping at age 55 (points)"


def test_a_month_out_of_reach_counts_as_the_horizon_and_only_the_first_inputs_are_drawn():
    out_of_reach = Sensitivity(BASE, (Swing("Rent", "±1", Outcome(None, 0.5), Outcome(190, 0.9)),), 55, 3)
    assert tornado_series(out_of_reach, 600).months.lows.tolist() == [400.0]
    assert len(tornado_series(sensitivity(20), 600).rows) == SHOWN
    assert tornado_series(Sensitivity(BASE, (), 55, 1), 600).months.reach == 1.0


def test_the_tornado_read_out_names_the_input_of_the_row_and_both_moves():
    result = sensitivity()
    assert tornado_hover(result, 0, 4.2) == "<b>Input 1</b> ±10 %<br>down: −6 months<br>up: +4 months"
    assert tornado_hover(result, 1, 0.0) == "<b>Input 5</b> ±10 %<br>down: −10.0 points<br>up: +5.0 points"
    assert tornado_hover(result, 0, 7.0) is None and tornado_hover(result, 0, -1.0) is None


def mix(n: int) -> Candidate:
    return Candidate(f"mix {n}", (0.3, 0.6, 0.1), (), 0.5 + 0.04 * n, 10_000.0 + 2_000 * n)


def test_the_trade_off_places_every_mix_by_worst_income_and_success():
    mixes = tuple(mix(n) for n in range(8))
    points = tradeoff_points(Suggestion(mixes[2], mixes[5], mixes, mixes[4:], 9), RiskLimit(65, 9_000.0))
    assert points.mixes[0].tolist() == [10_000.0 + 2_000 * n for n in range(8)]
    assert points.mixes[1] == pytest.approx([50 + 4 * n for n in range(8)])
    assert points.best[0].tolist() == [20_000.0] and points.current[1] == pytest.approx([58.0])
    assert points.x_range == (9_000.0, 24_000.0) and points.y_range == pytest.approx((50.0, 78.0))
    assert points.limit == 9_000.0
    none_kept = tradeoff_points(Suggestion(mixes[2], None, mixes, (), 9), RiskLimit(65, 50_000.0))
    assert none_kept.best[0].size == 0 and none_kept.x_range[1] == 50_000.0


def test_the_trade_off_read_out_is_the_nearest_mix():
    mixes = tuple(mix(n) for n in range(8))
    suggestion = Suggestion(mixes[2], mixes[5], mixes, mixes[4:], 9)
    view = ((9_000.0, 25_000.0), (45.0, 80.0))
    assert nearest_candidate(suggestion, 16_100.0, 62.0, view) == mixes[3]
    assert candidate_hover(mixes[3], plain_formats("€")) == ("<b>mix 3</b><br>Success: 62.0 %<br>"
                                                             "worst outcomes: €16,000 a year")
