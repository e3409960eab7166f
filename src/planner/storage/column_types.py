"""Column types that keep money and rates exact: integer cents and canonical decimal text."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Integer, String
from sqlalchemy.types import TypeDecorator

from planner.domain.money import canonical_text, cents_to_money, money_to_cents


class MoneyCents(TypeDecorator[Decimal]):
    """A Decimal amount stored as an integer number of cents (never a float, never NULL for NaN)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: object) -> int | None:
        if value is None:
            return None
        if not value.is_finite():
            raise ValueError(f"cannot store the non-finite amount {value}")
        return money_to_cents(value)

    def process_result_value(self, value: int | None, dialect: object) -> Decimal | None:
        return None if value is None else cents_to_money(value)


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal rate or quantity stored as its shortest exact text."""

    impl = String
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: object) -> str | None:
        if value is None:
            return None
        if not value.is_finite():
            raise ValueError(f"cannot store the non-finite number {value}")
        return canonical_text(value)

    def process_result_value(self, value: str | None, dialect: object) -> Decimal | None:
        return None if value is None else Decimal(value)
