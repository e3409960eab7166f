"""Descriptions of numeric fields (unit, bounds, default, why that default) and checks against them.

One description serves validation, the JSON schema, scenario overrides and (later) the editor's
delegates, so a bound is written once.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from planner.domain.money import MAX_MONEY, NumberError, parse_decimal


class Unit(StrEnum):
    """What a number means; the suffix is how the editor labels it."""

    MONEY = "money"
    MONEY_PER_MONTH = "money_per_month"
    PERCENT = "percent"
    PERCENT_PER_YEAR = "percent_per_year"
    MONTHS = "months"
    YEARS = "years"
    HOURS = "hours"
    HOURS_PER_MONTH = "hours_per_month"
    COUNT = "count"
    COUNT_PER_MONTH = "count_per_month"
    MULTIPLE = "multiple"
    YEAR = "year"

    @property
    def suffix(self) -> str:
        return _SUFFIXES[self]

    @property
    def is_money(self) -> bool:
        return self in (Unit.MONEY, Unit.MONEY_PER_MONTH)


_SUFFIXES = {
    Unit.MONEY: "",
    Unit.MONEY_PER_MONTH: "/month",
    Unit.PERCENT: "%",
    Unit.PERCENT_PER_YEAR: "%/year",
    Unit.MONTHS: "months",
    Unit.YEARS: "years",
    Unit.HOURS: "hours",
    Unit.HOURS_PER_MONTH: "h/month",
    Unit.COUNT: "",
    Unit.COUNT_PER_MONTH: "/month",
    Unit.MULTIPLE: "×",
    Unit.YEAR: "",
}


@dataclass(frozen=True)
class FieldSpec:
    """A numeric input the user owns.

    key: identifier used in files and paths (snake_case).
    label: short name shown in the editor.
    unit: what the number means; percentages are entered as percent (4.5 means 4.5 %).
    default: value a new record starts with.
    minimum, maximum: inclusive bounds; values outside are refused with a message.
    help: one or two sentences for a tooltip: what the number does in the projection.
    source: where the default comes from (a published figure, a rule of thumb, or "assumption").
    integer: whether only whole numbers make sense (months, counts, years).
    grouped: whether it is an amount shown with thousands separators (not a year or a seed).
    """

    key: str
    label: str
    unit: Unit
    default: Decimal
    minimum: Decimal
    maximum: Decimal
    help: str
    source: str
    integer: bool = False
    grouped: bool = True

    def __post_init__(self) -> None:
        if not self.minimum <= self.default <= self.maximum:
            raise ValueError(f"default of {self.key} lies outside its bounds")  # a bug in a table
        if self.unit.is_money and self.maximum > MAX_MONEY:
            raise ValueError(f"maximum of {self.key} is beyond MAX_MONEY")

    def check(self, value: object) -> tuple[Decimal | None, str | None]:
        """Return (number, None) when the value is acceptable, else (None, message for the user)."""
        try:
            number = parse_decimal(value)
        except NumberError as error:
            return None, f"{self.label}: {error}"
        if self.integer and number != number.to_integral_value():
            return None, f"{self.label} must be a whole number, got {number}"
        if number < self.minimum or number > self.maximum:
            suffix = self.unit.suffix
            unit = suffix if suffix.startswith("/") else f" {suffix}" if suffix else ""
            return None, (
                f"{self.label} must be between {_plain(self.minimum)} and {_plain(self.maximum)}{unit}, "
                f"got {_plain(number)}"
            )
        if self.unit.is_money and number != number.quantize(Decimal("0.01")):
            return None, f"{self.label} cannot have fractions of a cent, got {number}"
        return number, None


def _plain(number: Decimal) -> str:
    """Readable number for messages: thousands separated, no exponent, no trailing zeros."""
    if number == 0:
        return "0"
    if abs(number) >= 10000 and number == number.to_integral_value():
        return f"{int(number):,}"
    return format(number.normalize(), "f")


def spec(
    key: str,
    label: str,
    unit: Unit,
    default: str | int,
    minimum: str | int,
    maximum: str | int,
    help: str,
    source: str,
    integer: bool | None = None,
    grouped: bool | None = None,
) -> FieldSpec:
    """Compact constructor for the tables: numbers as text so they are exact Decimals."""
    whole = unit in (Unit.MONTHS, Unit.COUNT, Unit.YEAR) if integer is None else integer
    return FieldSpec(
        key, label, unit, Decimal(str(default)), Decimal(str(minimum)), Decimal(str(maximum)),
        help, source, whole, unit is not Unit.YEAR if grouped is None else grouped,
    )
