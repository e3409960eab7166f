"""The sensitivity tornado: for each input, how far the earliest confident stop month (top) and the
success of stopping at the target age (bottom) move when the input moves down and up, the inputs
with the largest effect at the top."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import numpy as np

from planner.engine.sensitivity import Outcome, Sensitivity
from planner.services.whatif.sensitivity import month_change_text, success_change_text

SHOWN = 12  # inputs drawn; the table below the chart lists them all


@dataclass(frozen=True)
class TornadoBars:
    """One plot's bars: each shown input's change when moved down (``lows``) and up (``highs``)."""

    lows: np.ndarray
    highs: np.ndarray
    reach: float  # the x range is -reach to reach


@dataclass(frozen=True)
class TornadoSeries:
    rows: np.ndarray  # y of each shown input, the largest at the top
    ticks: list[tuple[float, str]]  # (row, "label move") for the left axis
    months: TornadoBars  # change of the earliest confident month, in months
    success: TornadoBars  # change of the success at the target age, in points
    success_title: str


def _bars(result: Sensitivity, change: Callable[[Outcome], float]) -> TornadoBars:
    swings = result.swings[:SHOWN]
    lows = np.array([change(s.low) for s in swings])
    highs = np.array([change(s.high) for s in swings])
    reach = float(max(np.abs(lows).max(initial=0), np.abs(highs).max(initial=0), 1.0))
    return TornadoBars(lows, highs, reach)


def tornado_series(result: Sensitivity, horizon_months: int) -> TornadoSeries:
    """A month not within the plan counts as the end of the horizon."""
    swings, base = result.swings[:SHOWN], result.base
    rows = np.arange(len(swings))[::-1].astype(float)
    base_month = horizon_months if base.confident_month is None else base.confident_month

    def month_change(o: Outcome) -> float:
        return float((horizon_months if o.confident_month is None else o.confident_month) - base_month)

    return TornadoSeries(rows, [(float(r), f"{s.label} {s.move}") for r, s in zip(rows, swings, strict=True)],
                         _bars(result, month_change), _bars(result, lambda o: 100.0 * (o.success - base.success)),
                         f"Change of the success of stopping at age {result.target_age} (points)")


def tornado_hover(result: Sensitivity, plot_index: int, y: float) -> str | None:
    """The input on the row nearest y, and what its two moves change in that plot (0: months)."""
    swings = result.swings[:SHOWN]
    row = len(swings) - 1 - round(y)
    if not 0 <= row < len(swings):
        return None
    swing, base = swings[row], result.base
    if plot_index == 0:
        values = tuple(f"{month_change_text(o, base)} months" for o in (swing.low, swing.high))
    else:
        values = tuple(f"{success_change_text(o, base)} points" for o in (swing.low, swing.high))
    return f"<b>{escape(swing.label)}</b> {escape(swing.move)}<br>down: {values[0]}<br>up: {values[1]}"
