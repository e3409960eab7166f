"""The backtest chart's data without Qt: lines grouped by outcome with a break after each start,
the worst starts named with what happened, the success-rate heading, the hover read-out."""

import numpy as np
import pytest

from planner.domain.calendar import YearMonth
from planner.engine.backtest import Backtest
from planner.services.chart_data.backtest import (
    backtest_picture,
    heading,
    lines,
    nearest_start,
    outcome,
    start_hover,
    year_ends,
)
from planner.services.chart_data.formats import plain_formats

PLAN_START = YearMonth(2027, 1).index


def small_backtest(starts: int = 10, years: int = 4) -> Backtest:
    """Starts 1900-01, 1900-02...: start i ends with (i + 1) x 100,000; starts 2 and 5 fail, 5 running
    out in its third year, 2 earlier in its second; start 6 falls short without running out."""
    worth = np.array([[(i + 1) * 100_000.0 * (k + 1) / years for k in range(years)] for i in range(starts)])
    ruin = np.full(starts, -1)
    ruin[2], ruin[5] = 14, 27
    success = ruin < 0
    success[6] = False
    worth[[2, 5], -1] = 0.0
    names = tuple(f"{1900 + i // 12}-{i % 12 + 1:02d}" for i in range(starts))
    return Backtest("built-in", names, success, ruin, worth, PLAN_START)


def test_every_start_is_one_line_over_the_plan_s_calendar_years():
    backtest = small_backtest()
    assert list(year_ends(backtest)) == [2027, 2028, 2029, 2030]
    picture = backtest_picture(backtest, plain_formats())
    assert picture.succeeded.count + picture.failed.count == len(backtest.starts)
    assert picture.failed.count == 3 and picture.succeeded.count == 7
    held = lines(backtest, np.flatnonzero(backtest.success))
    assert held.x.size == held.y.size == held.connect.size == 7 * 4
    # each line breaks after its last year and nowhere else
    assert list(np.flatnonzero(~held.connect)) == [3, 7, 11, 15, 19, 23, 27]
    assert np.array_equal(held.y[:4], backtest.net_worth_real[0])
    assert picture.x_range == (2027.0, 2030.0)
    assert picture.y_range == (0.0, pytest.approx(np.quantile(backtest.net_worth_real, 0.98)))


def test_the_heading_gives_the_success_rate_the_count_and_the_span():
    backtest = small_backtest()
    assert heading(backtest, plain_formats()) == "70 % of 10 historical starts succeed (1900-01 to 1900-10)"
    many = Backtest("built-in", tuple(f"{1871 + i // 12}-{i % 12 + 1:02d}" for i in range(1123)),
                    np.arange(1123) % 10 != 0, np.full(1123, -1), np.ones((1123, 3)), PLAN_START)
    assert heading(many, plain_formats()) == "90 % of 1,123 historical starts succeed (1871-01 to 1964-07)"
    none = Backtest("built-in", (), np.zeros(0, bool), np.zeros(0, int), np.zeros((0, 3)), PLAN_START)
    assert "No historical start" in heading(none, plain_formats())


def test_the_worst_starts_are_named_earliest_ruin_first_with_what_happened():
    picture = backtest_picture(small_backtest(), plain_formats())
    assert [w.label for w in picture.worst] == [
        "1900-03: ran out 2028-03",  # 14 months after January 2027
        "1900-06: ran out 2029-04",
        "1900-01: ended with $100,000",
        "1900-02: ended with $200,000",
        "1900-04: ended with $400,000",
    ]
    assert outcome(small_backtest(), 6, plain_formats()) == "fell short, ended with $700,000"
    assert np.array_equal(picture.worst[2].y, small_backtest().net_worth_real[0])


def test_the_hover_names_the_start_nearest_the_pointer():
    backtest = small_backtest()
    assert nearest_start(backtest, 2028.2, 210_000) == (3, 1)  # start 4 is at 200,000 in 2028
    text = start_hover(backtest, 2028.2, 210_000, plain_formats())
    assert "Start 1900-04" in text and "2028: $200,000" in text and "ended with $400,000" in text
    assert start_hover(backtest, 2040, 0, plain_formats()) is None


def test_a_few_runaway_starts_run_off_the_top_but_the_worst_always_show():
    from planner.services.chart_data.backtest import TOP_QUANTILE, value_range

    worth = np.tile(np.linspace(0, 1, 1000)[:, None], (1, 3))
    worth[-1] = 1e9  # one start grows without limit
    low, high, clipped = value_range(worth, [])
    assert low == 0.0 and high == pytest.approx(np.quantile(worth, TOP_QUANTILE)) and clipped
    assert value_range(worth, [np.array([5.0])])[1] == 5.0
    assert value_range(np.ones((3, 2)), []) == (0.0, 1.0, False)
