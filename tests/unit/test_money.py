from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planner.domain.money import (
    MAX_MONEY,
    NumberError,
    canonical_text,
    cents_to_money,
    money_to_cents,
    parse_decimal,
    to_money,
)


@pytest.mark.parametrize("bad", ["", "   ", "abc", "NaN", "nan", "inf", "-Infinity", None, True, float("nan"),
                                 float("inf"), "1,5", "4%"])
def test_non_numbers_are_refused_with_a_message(bad):
    with pytest.raises(NumberError) as error:
        parse_decimal(bad)
    assert str(error.value)


def test_money_at_the_extremes():
    assert to_money(MAX_MONEY) == MAX_MONEY
    assert to_money(-MAX_MONEY) == -MAX_MONEY
    with pytest.raises(NumberError, match="largest amount"):
        to_money(MAX_MONEY + Decimal("0.01"))
    assert money_to_cents(MAX_MONEY) == 100_000_000_000_000
    assert to_money("0.005") == Decimal("0.00")  # banker's rounding
    assert to_money("0.015") == Decimal("0.02")


def test_float_input_keeps_its_shortest_decimal_form():
    assert parse_decimal(0.1) == Decimal("0.1")


def test_money_with_fractions_of_a_cent_cannot_be_stored():
    with pytest.raises(ValueError, match="two decimal places"):
        money_to_cents(Decimal("1.005"))


@given(st.integers(min_value=-(10**14), max_value=10**14))
def test_cents_round_trip_exactly(cents):
    assert money_to_cents(cents_to_money(cents)) == cents


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**9), max_value=10**9, places=6))
def test_canonical_text_is_exact_and_plain(number):
    text = canonical_text(number)
    assert "E" not in text and "e" not in text
    assert Decimal(text) == number
