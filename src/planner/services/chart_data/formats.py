"""How chart texts write numbers. The window passes its locale's formats (ui/charts/base.py);
tests and anything without Qt use ``plain_formats``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from planner.engine.metrics import Projection


@dataclass(frozen=True)
class Formats:
    """``money(value)`` in whole units with the currency, ``percent(fraction, decimals)``,
    ``count(number)`` with grouping."""

    money: Callable[[float], str]
    percent: Callable[[float, int], str]
    count: Callable[[int], str]


def plain_formats(symbol: str = "$") -> Formats:
    """English formats without a locale: "$1,234", "-$5", "12.5 %", "10,000"."""

    def money(value: float) -> str:
        return f"{'-' if value < 0 else ''}{symbol}{abs(float(value)):,.0f}"

    return Formats(money=money, percent=lambda value, decimals=0: f"{100.0 * float(value):.{decimals}f} %",
                   count=lambda number: f"{int(number):,}")


def basis(real: bool) -> str:
    """The key of a Projection's money arrays: today's money or nominal."""
    return "real" if real else "nominal"


def money_words(real: bool) -> str:
    return "today's money" if real else "nominal"


def year_axis(projection: Projection) -> np.ndarray:
    """The charts' x values: each projected year's calendar year."""
    return projection.year_labels.astype(np.float64)


def year_index(projection: Projection | None, x: float) -> int | None:
    """The projected year nearest to x on the calendar-year axis (None: nothing projected)."""
    if projection is None or projection.years == 0:
        return None
    return int(np.clip(np.abs(year_axis(projection) - x).argmin(), 0, projection.years - 1))


def year_heading(projection: Projection, index: int) -> str:
    """A read-out's first line: the calendar year and the adults' ages in it ("you 55 / partner 53")."""
    return f"<b>{int(projection.year_labels[index])}</b> ({projection.ages_text(12 * index + 11)})"
