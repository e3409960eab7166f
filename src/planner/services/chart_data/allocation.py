"""How the invested capital is split between the safe, core and speculative sleeves over time."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.engine.metrics import Projection
from planner.services.chart_data.formats import Formats, year_axis, year_heading

SLEEVES = ("Safe", "Core", "Speculative")


def sleeve_shares(sleeve_value: np.ndarray) -> np.ndarray:
    """(years, 3) values as shares of each year's total; a year with no capital has no shares."""
    total = sleeve_value.sum(axis=1, keepdims=True)
    return np.divide(sleeve_value, total, out=np.zeros_like(sleeve_value), where=total > 0)


@dataclass(frozen=True)
class AllocationSeries:
    years: np.ndarray
    shares: np.ndarray  # (years, sleeves)
    edges: np.ndarray  # (years, sleeves + 1): the stacked bands' edges in percent, 0 to 100
    title: str


def allocation_series(projection: Projection, montecarlo: bool) -> AllocationSeries:
    years = year_axis(projection)
    shares = sleeve_shares(projection.sleeve_value)
    edges = np.concatenate([np.zeros((len(years), 1)), np.cumsum(shares, axis=1)], axis=1) * 100.0
    which = "mean of the paths" if montecarlo else "expected path"
    return AllocationSeries(years, shares, edges, f"Capital by sleeve (share of invested capital, {which})")


def allocation_hover(projection: Projection, shares: np.ndarray, index: int, formats: Formats) -> str | None:
    if index >= len(shares):
        return None
    lines = [year_heading(projection, index)]
    lines += [f"{name}: {formats.percent(float(shares[index, n]), 0)}" for n, name in enumerate(SLEEVES)]
    return "<br>".join(lines)
