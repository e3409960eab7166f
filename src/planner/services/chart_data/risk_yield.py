"""Risk versus yield per stream: a bubble per stream, its area proportional to its starting amount.
Streams with nothing put in have no yield and are named in a note instead."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from planner.engine.metrics import Projection
from planner.services.chart_data.formats import Formats

SMALLEST, LARGEST = 10.0, 48.0  # bubble diameters in pixels


def bubble_sizes(amounts: np.ndarray) -> np.ndarray:
    """Diameters with area proportional to the amount."""
    largest = float(amounts.max(initial=0.0))
    if largest <= 0:
        return np.full(amounts.shape, SMALLEST)
    return SMALLEST + (LARGEST - SMALLEST) * np.sqrt(np.maximum(amounts, 0.0) / largest)


@dataclass(frozen=True)
class Bubble:
    name: str
    risk: float  # percent
    yield_pct: float  # percent a year
    amount: float  # starting amount
    size: float  # diameter in pixels


@dataclass(frozen=True)
class RiskYieldPoints:
    bubbles: tuple[Bubble, ...]
    note: str  # the streams without a yield
    x_range: tuple[float, float] | None  # None: no bubble to show
    y_range: tuple[float, float] | None
    title: str

    @property
    def x(self) -> np.ndarray:
        return np.array([b.risk for b in self.bubbles])

    @property
    def y(self) -> np.ndarray:
        return np.array([b.yield_pct for b in self.bubbles])


def risk_yield_points(projection: Projection, montecarlo: bool) -> RiskYieldPoints:
    shown = [s for s in projection.streams if math.isfinite(s.yield_rate)]
    hidden = [s.name for s in projection.streams if not math.isfinite(s.yield_rate)]
    sizes = bubble_sizes(np.array([s.amount for s in shown]))
    bubbles = tuple(Bubble(s.name, 100.0 * s.risk, 100.0 * s.yield_rate, s.amount, float(size))
                    for s, size in zip(shown, sizes, strict=True))
    x_range = y_range = None
    if bubbles:
        x = np.array([b.risk for b in bubbles])
        y = np.array([b.yield_pct for b in bubbles])
        x_range = (0.0, max(float(x.max()) * 1.15, 1.0))
        y_range = (min(0.0, float(y.min()) * 1.15), max(float(y.max()) * 1.2, 1.0))
    which = "risk from the paths run so far" if montecarlo else "expected path: no risk measured yet"
    return RiskYieldPoints(bubbles, ("No yield (nothing put in): " + ", ".join(hidden)) if hidden else "",
                           x_range, y_range, f"Risk versus yield per stream ({which})")


def nearest_bubble(bubbles: tuple[Bubble, ...], x: float, y: float, pixel: tuple[float, float]) -> Bubble | None:
    """The bubble nearest the point (x, y) in plot units, if within the largest bubble's diameter
    in pixels (``pixel``: the plot units of one pixel across and up)."""
    if not bubbles:
        return None
    distance = [math.hypot((b.risk - x) / pixel[0], (b.yield_pct - y) / pixel[1]) for b in bubbles]
    nearest = int(np.argmin(distance))
    return bubbles[nearest] if distance[nearest] <= LARGEST else None


def bubble_hover(bubble: Bubble, formats: Formats) -> str:
    return "<br>".join([f"<b>{bubble.name}</b>", f"Yield: {formats.percent(bubble.yield_pct / 100, 1)} a year",
                        f"Risk: {formats.percent(bubble.risk / 100, 1)}",
                        f"Starting amount: {formats.money(bubble.amount)}"])
