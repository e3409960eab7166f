"""The net worth fan: percentile bands of the Monte Carlo paths, their median, and the expected path."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from planner.engine.metrics import PERCENTILES, Projection
from planner.services.chart_data.formats import Formats, basis, money_words, year_axis, year_heading

#: (low, high) percentiles of each band, widest first so narrower ones are drawn over it.
BANDS = ((5, 95), (10, 90), (25, 75))


@dataclass(frozen=True)
class NetWorthSeries:
    years: np.ndarray
    edges: dict[int, np.ndarray]  # percentile -> values by year; empty before Monte Carlo
    median: np.ndarray | None
    expected: np.ndarray | None  # the single expected path
    title: str

    def values(self) -> list[np.ndarray]:
        """Every value the plot must show (its range)."""
        return [*self.edges.values(), *([] if self.expected is None else [self.expected])]


def net_worth_series(deterministic: Projection | None, montecarlo: Projection | None, real: bool) -> NetWorthSeries:
    shown = montecarlo if montecarlo is not None else deterministic
    assert shown is not None
    key = basis(real)
    edges, median = {}, None
    if montecarlo is not None:
        bands = montecarlo.net_worth[key]
        edges = {p: bands[PERCENTILES.index(p)] for p in PERCENTILES}
        median = montecarlo.percentile(bands, 50)
    expected = deterministic.percentile(deterministic.net_worth[key], 50) if deterministic is not None else None
    return NetWorthSeries(year_axis(shown), edges, median, expected, f"Net worth ({money_words(real)})")


def net_worth_hover(projection: Projection, expected: np.ndarray | None, index: int, real: bool,
                    formats: Formats) -> str:
    """The read-out of one year: the median and bands of the paths, and the expected path."""
    lines = [year_heading(projection, index)]
    if projection.paths_done > 1:
        value = dict(zip(PERCENTILES, projection.net_worth[basis(real)][:, index], strict=True))
        lines += [f"Median: {formats.money(value[50])}",
                  f"25–75 %: {formats.money(value[25])} – {formats.money(value[75])}",
                  f"5–95 %: {formats.money(value[5])} – {formats.money(value[95])}"]
    if expected is not None and len(expected) > index and np.isfinite(expected[index]):
        lines.append(f"Expected path: {formats.money(float(expected[index]))}")
    return "<br>".join(lines)
