"""Chart axes that speak the user's language: calendar years, the household's age, money in the
user's locale ("$1.2M"), and percentages."""

from __future__ import annotations

import math

import pyqtgraph as pg
from PySide6.QtCore import QLocale

from planner.ui.formatting import user_locale

_SCALES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


def compact_money(value: float, symbol: str, locale: QLocale | None = None) -> str:
    """Money short enough for an axis tick: "$950", "$250k", "$1.2M", "-$30k"."""
    locale = locale or user_locale()
    if not math.isfinite(value):
        return "–"
    sign = "-" if value < 0 else ""
    size = abs(float(value))
    for scale, suffix in _SCALES:
        if size >= scale:
            shown = size / scale
            decimals = 0 if shown >= 100 or shown == round(shown) else 1
            return f"{sign}{symbol}{locale.toString(shown, 'f', decimals)}{suffix}"
    return f"{sign}{symbol}{locale.toString(size, 'f', 0)}"


def full_money(value: float, symbol: str, locale: QLocale | None = None) -> str:
    """Whole money units in the locale's currency format, for read-outs: "$1,234,567",
    "1.234.567 €"; negatives with a minus sign, never in accounting brackets."""
    locale = locale or user_locale()
    text = locale.toCurrencyString(abs(float(value)), symbol, 0)
    return f"-{text}" if value < 0 else text


def percent(value: float, decimals: int = 0, locale: QLocale | None = None) -> str:
    """A fraction as a percentage: 0.125 -> "12.5 %" (one decimal asked)."""
    locale = locale or user_locale()
    return f"{locale.toString(100.0 * float(value), 'f', decimals)} %"


class MoneyAxis(pg.AxisItem):
    """Money ticks in the plan's currency."""

    def __init__(self, orientation: str = "left") -> None:
        super().__init__(orientation)
        self.symbol = "$"

    def set_symbol(self, symbol: str) -> None:
        """Another currency: the ticks are redrawn even when the range is unchanged."""
        if symbol != self.symbol:
            self.symbol = symbol
            self.picture = None
            self.update()

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [compact_money(v * scale, self.symbol) for v in values]


class PercentAxis(pg.AxisItem):
    """Ticks for values already in percent (0-100)."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        decimals = 0 if spacing >= 1 else 1
        return [f"{user_locale().toString(v * scale, 'f', decimals)} %" for v in values]


class YearAxis(pg.AxisItem):
    """Calendar years: whole years only, never 2031.5."""

    def __init__(self, orientation: str = "bottom") -> None:
        super().__init__(orientation)
        self.offset = 0  # added to the year before it is written (the age axis)

    def set_offset(self, offset: int) -> None:
        """Years to ages (offset = age - year); the axis is redrawn even when its range is unchanged,
        so another birth year shows at once (pyqtgraph keeps a picture of the drawn ticks)."""
        if offset != self.offset:
            self.offset = offset
            self.picture = None
            self.update()

    def tickValues(self, minVal: float, maxVal: float, size: float) -> list:
        levels = super().tickValues(minVal, maxVal, size)
        whole = [(spacing, [v for v in values if float(v).is_integer()]) for spacing, values in levels if spacing >= 1]
        return whole or [(1.0, [float(v) for v in range(math.ceil(minVal), math.floor(maxVal) + 1)])]

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        return [str(round(v) + self.offset) for v in values]
