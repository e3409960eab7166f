"""Months as people think of them: a calendar month ("2040-06") or an age ("age 50", January of
the year the first adult turns 50, as the target stop age counts). The editors of spending phases
and events read months through this; ``Household.ages_text`` shows the ages beside them."""

from __future__ import annotations

import re

from planner.domain.calendar import YearMonth
from planner.domain.plan import Household

_AGE = re.compile(r"^age\s*([0-9]{1,3})$", re.IGNORECASE)
#: What a month field says it accepts (placeholder and messages).
MONTH_HINT = "YYYY-MM or age 50"


def parse_month_entry(text: str, household: Household) -> YearMonth:
    """The month typed: ``YYYY-MM`` or ``age N``; ValueError with a sentence for the user."""
    typed = text.strip()
    match = _AGE.fullmatch(typed)
    if match is None:
        try:
            return YearMonth.parse(typed)
        except ValueError:
            raise ValueError(f"{typed!r} is not a month: type it as YYYY-MM (2040-06) or as an age "
                             "(age 50: January of the year you turn 50)") from None
    age = int(match.group(1))
    try:
        return YearMonth(household.birth_year + age, 1)
    except ValueError:
        raise ValueError(f"age {age} falls in {household.birth_year + age}, a year the plan cannot hold") from None


__all__ = ["MONTH_HINT", "parse_month_entry"]
