"""Money and decimal numbers: parsing user text, bounds, and the integer minor units used on disk.

Money is a ``Decimal`` with two places in the domain and an integer number of cents in SQLite;
floats are never used for money (they cannot hold 0.10 exactly and SQLite turns NaN into NULL).
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

CENT = Decimal("0.01")
#: Largest amount a plan accepts: a trillion in any currency is far beyond a household and far
#: inside a 64-bit integer of cents (9.2e16 cents), so arithmetic on sums cannot overflow SQLite.
MAX_MONEY = Decimal("1000000000000")
#: Most significant digits a number may have: far more than any real input needs, and few enough
#: that every value is stored and printed exactly (Decimal's default context keeps 28).
MAX_DIGITS = 24
#: Numbers are refused beyond 10**15 or below 10**-12 before any arithmetic, so text such as
#: "1e999999" cannot overflow, exhaust memory or round silently.
MAX_ADJUSTED_EXPONENT = 15
MIN_EXPONENT = -12


class NumberError(ValueError):
    """The text is not a finite number (the message is written for the user)."""


def parse_decimal(value: object) -> Decimal:
    """Turn user or file input (str, int, float, Decimal) into a finite Decimal or raise NumberError."""
    if isinstance(value, bool) or value is None:
        raise NumberError("a number is required")
    if isinstance(value, float):
        value = repr(value)
    if isinstance(value, str):
        text = value.strip().replace("_", "")
        if not text:
            raise NumberError("a number is required, the field is empty")
        value = text
    try:
        number = Decimal(value)  # type: ignore[arg-type]
    except (InvalidOperation, TypeError, ValueError):
        raise NumberError(f"{value!r} is not a number") from None
    if not number.is_finite():
        raise NumberError(f"{value!r} is not a finite number")
    if number == 0:
        return Decimal(0)
    if number.adjusted() > MAX_ADJUSTED_EXPONENT:
        raise NumberError(f"{_short(value)} is too large")
    if number.as_tuple().exponent < MIN_EXPONENT:  # type: ignore[operator]
        raise NumberError(f"{_short(value)} has more than {-MIN_EXPONENT} decimal places")
    if len(number.as_tuple().digits) > MAX_DIGITS:
        raise NumberError(f"{_short(value)} has more than {MAX_DIGITS} digits")
    return number


def _short(value: object) -> str:
    text = str(value)
    return repr(text if len(text) <= 40 else text[:37] + "...")


def to_money(value: object) -> Decimal:
    """Parse and round to cents (banker's rounding, as accounting software does)."""
    number = parse_decimal(value)
    if abs(number) > MAX_MONEY:
        raise NumberError(f"{number} is beyond the largest amount allowed ({MAX_MONEY:,})")
    return number.quantize(CENT, rounding=ROUND_HALF_EVEN)


def money_to_cents(amount: Decimal) -> int:
    """Exact conversion for storage; the amount must already be rounded to cents."""
    cents = amount * 100
    if cents != cents.to_integral_value():
        raise ValueError(f"{amount} has more than two decimal places")
    return int(cents)


def cents_to_money(cents: int) -> Decimal:
    return (Decimal(cents) / 100).quantize(CENT)


def canonical_text(number: Decimal) -> str:
    """Shortest plain (never scientific) text for a decimal: the on-disk and JSON form of rates."""
    if number == 0:
        return "0"
    text = format(number.normalize(), "f")
    return text


def money_text(amount: Decimal) -> str:
    """Money always with two decimals, e.g. ``1200.00``."""
    return format(amount.quantize(CENT), "f")
