"""The allocation trade-off: every sleeve mix tried, by its worst-case income (across) and its
success of stopping at the target age (up, in percent), the mixes no other beats on both, the
plan and the suggestion."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import numpy as np

from planner.engine.allocation import Candidate, RiskLimit, Suggestion
from planner.services.chart_data.formats import Formats

Points = tuple[np.ndarray, np.ndarray]


def candidate_points(candidates: Sequence[Candidate]) -> Points:
    """(worst-case income, success in percent) of each candidate."""
    return np.array([c.downside for c in candidates]), np.array([100 * c.success for c in candidates])


@dataclass(frozen=True)
class TradeOffPoints:
    mixes: Points
    frontier: Points
    current: Points
    best: Points  # empty when no mix keeps the risk limit
    limit: float  # the risk limit's income floor
    x_range: tuple[float, float]
    y_range: tuple[float, float]


def tradeoff_points(suggestion: Suggestion, limit: RiskLimit) -> TradeOffPoints:
    every = [suggestion.current, *suggestion.sleeve_mixes]
    x = np.array([c.downside for c in every] + [limit.floor])
    y = np.array([100 * c.success for c in every])
    return TradeOffPoints(candidate_points(suggestion.sleeve_mixes), candidate_points(suggestion.frontier),
                          candidate_points([suggestion.current]),
                          candidate_points([suggestion.best] if suggestion.best else []), limit.floor,
                          (float(x.min()), float(x.max())), (float(y.min()), float(y.max())))


def nearest_candidate(suggestion: Suggestion, x: float, y: float, view: tuple[tuple[float, float],
                                                                              tuple[float, float]]) -> Candidate:
    """The plan or mix nearest (x, y), distances measured in shares of the view's ranges."""
    every = [suggestion.current, *suggestion.sleeve_mixes]
    (x_low, x_high), (y_low, y_high) = view
    distance = [((c.downside - x) / (x_high - x_low)) ** 2 + ((100 * c.success - y) / (y_high - y_low)) ** 2
                for c in every]
    return every[int(np.argmin(distance))]


def candidate_hover(candidate: Candidate, formats: Formats) -> str:
    return (f"<b>{escape(candidate.label)}</b><br>Success: {formats.percent(candidate.success, 1)}<br>"
            f"worst outcomes: {formats.money(candidate.downside)} a year")
