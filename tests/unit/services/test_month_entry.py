"""Months typed as YYYY-MM or as an age, and the ages shown beside a month."""

from dataclasses import replace

import pytest

from planner.domain.calendar import YearMonth
from planner.services.month_entry import parse_month_entry
from tests.helpers import demo, life_plan


def test_an_age_is_january_of_the_year_the_first_adult_turns_it():
    household = demo().household
    assert parse_month_entry("age 50", household) == YearMonth(household.birth_year + 50, 1)
    assert parse_month_entry("  Age50 ", household) == YearMonth(household.birth_year + 50, 1)
    assert parse_month_entry("2040-06", household) == YearMonth(2040, 6)


@pytest.mark.parametrize("text", ["march", "2040-13", "age", "age -3", "age fifty", ""])
def test_anything_else_is_refused_with_both_forms_named(text):
    with pytest.raises(ValueError, match=r"YYYY-MM.*age 50"):
        parse_month_entry(text, demo().household)


def test_an_age_beyond_the_calendar_is_refused():
    household = replace(demo().household, birth_year=2100)
    with pytest.raises(ValueError, match="age 150 falls in 2250"):
        parse_month_entry("age 150", household)


def test_ages_beside_a_month_name_the_partner_when_there_is_one():
    plan = life_plan()
    household = plan.household
    month = YearMonth(household.birth_year + 55, 3)
    assert household.ages_text(month) == "you 55 / partner 52"
    assert replace(household, partner=False).ages_text(month) == "age 55"
