"""The timeline's data for a plan with a partner, phases and events, without Qt: bars, markers
for every occurrence, stop months, ages, what a scenario leaves out, and the read-out."""

from dataclasses import replace

import pytest

from planner.domain.calendar import YearMonth
from planner.domain.scenarios import apply_scenario
from planner.services.chart_data.formats import plain_formats
from planner.services.chart_data.timeline import month_x, timeline, timeline_hover, year_at
from tests.helpers import classic_demo, life_plan

PLAIN = plain_formats("$")


def test_months_sit_on_the_calendar_year_axis_like_the_other_charts():
    assert month_x(YearMonth(2030, 1)) == 2029.5 and month_x(YearMonth(2030, 7)) == 2030.0
    assert year_at(2029.5) == 2030 and year_at(2030.49) == 2030 and year_at(2030.5) == 2031


def test_phases_are_bars_between_their_months_and_events_a_marker_for_each_occurrence():
    data = timeline(life_plan(), PLAIN)
    assert data.rows == ("Children at home", "Quieter late life", "Sailing boat", "New car", "Roof", "Inheritance")
    kids, late, boat = data.bars
    assert (kids.start, kids.end, kids.amount, kids.included) == (2026.5, 2041.0, 1200.0, True)
    assert late.end == data.last == 2089.5 and late.amount == -600.0  # no end: to the partner's last year
    assert not boat.included and "not included" in boat.text
    assert kids.text == ("<b>Children at home</b>: +$1,200 a month (today's money) from 2027-01 (you 38 / partner 35) "
                         "until 2041-06 (you 52 / partner 49)")
    cars = [m for m in data.markers if m.row == 3]
    assert [year_at(m.x) for m in cars] == [2029, 2037, 2045, 2053]
    assert all(not m.windfall and not m.uncertain for m in cars) and "(2 of 4)" in cars[1].text
    (roof,) = [m for m in data.markers if m.row == 4]
    assert "cost of $18,000 in 2036-05" in roof.text and "today's money" not in roof.text  # not linked
    (gift,) = [m for m in data.markers if m.row == 5]
    assert gift.windfall and gift.uncertain and "60 % chance" in gift.text
    assert data.row_y(0) == 5.0 and data.row_y(5) == 0.0  # the first row on top


def test_stop_months_and_ages_are_each_adults():
    data = timeline(life_plan(), PLAIN, headline=YearMonth(2041, 3))
    assert [(s.x, s.label) for s in data.stops] == [(2043.5, "you stop at 55"), (2048.5, "partner stops at 57"),
                                                    (month_x(YearMonth(2041, 3)), "can stop")]
    assert data.births == (1989, 1992) and data.age_label == "Your age (your partner is 3 years younger)"
    alone = timeline(classic_demo(), PLAIN)
    assert alone.age_label == "Age" and [s.label for s in alone.stops] == ["you stop at 55"]


def test_the_timeline_shows_the_plan_as_the_scenario_sees_it():
    plan = life_plan()
    data = timeline(apply_scenario(plan, plan.scenario("Bigger life")), PLAIN)
    kids, _late, boat = data.bars
    assert kids.end == month_x(YearMonth(2045, 6)) + 1 / 12 and kids.amount == 1800.0 and boat.included
    assert not next(m for m in data.markers if m.row == 5).included


def test_occurrences_outside_the_plan_are_left_out():
    plan = life_plan()
    car = replace(plan.events[0], every_years=30, times=4)  # 2029, 2059, 2089, 2119
    data = timeline(replace(plan, events=(car,)), PLAIN)
    assert [year_at(m.x) for m in data.markers] == [2029, 2059, 2089]


def test_the_read_out_gives_the_year_the_ages_and_what_the_row_holds_then():
    data = timeline(life_plan(), PLAIN)
    text = timeline_hover(data, 2030.2, data.row_y(0))
    assert text.startswith("<b>2030</b>: you 41 / partner 38<br><b>Children at home</b>")
    car = timeline_hover(data, 2037.0, data.row_y(3))
    assert "<b>New car</b> (2 of 4): cost of $32,000 in today's money in 2037-03" in car
    assert timeline_hover(data, 2044.0, data.row_y(3)).endswith("you stop at 55")
    assert timeline_hover(data, 2020.0, 0.0) is None  # before the plan


@pytest.mark.parametrize("plan", [classic_demo(), replace(life_plan(), phases=(), events=())])
def test_a_plan_without_phases_or_events_is_empty(plan):
    data = timeline(plan, PLAIN)
    assert data.empty and data.rows == () and timeline_hover(data, 2030.0, 0.0) is None
