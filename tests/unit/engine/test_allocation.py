"""The allocation suggestion keeps the risk limit and is the best of what it tried."""

from __future__ import annotations

import numpy as np
import pytest

from planner.domain.demo import demo_plan
from planner.engine.allocation import RiskLimit, downside, sleeve_grid, suggest
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, project

OPTIONS = RunOptions(paths=300, seed=5)


@pytest.fixture(scope="module")
def snap():
    return snapshot(demo_plan()).with_years(25)


@pytest.fixture(scope="module")
def loose(snap):
    """A floor below what the current plan reaches, so some mixes keep it and some may not."""
    current = project(snap, OPTIONS)
    floor = 0.9 * downside(current, RiskLimit(60, 0.0))
    return RiskLimit(60, floor), suggest(snap, RiskLimit(60, floor), OPTIONS, step_percent=25)


def test_grid_covers_every_mix_of_open_sleeves():
    mixes = sleeve_grid(25, np.array([True, True, True]))
    assert len(mixes) == 15 and all(sum(m) == pytest.approx(1.0) for m in mixes)
    assert all(m[2] == 0 for m in sleeve_grid(25, np.array([True, True, False])))


def test_suggestion_respects_the_risk_limit_when_simulated_again(snap, loose):
    limit, suggestion = loose
    best = suggestion.best
    assert best is not None and best.meets(limit)
    again = project(snap.with_weights(best.sleeve_weights, np.array(best.stream_weights)), OPTIONS)
    assert downside(again, limit) >= limit.floor
    assert again.fi_share_before(snap.target_fi_month) == pytest.approx(best.fi_probability)


def test_suggestion_is_at_least_as_good_as_every_mix_that_keeps_the_limit(loose):
    limit, suggestion = loose
    keeping = [c for c in (suggestion.current, *suggestion.sleeve_mixes) if c.meets(limit)]
    assert suggestion.best.fi_probability >= max(c.fi_probability for c in keeping)


def test_frontier_mixes_are_not_beaten_on_both_counts(loose):
    _, suggestion = loose
    for point in suggestion.frontier:
        assert not any(c.fi_probability > point.fi_probability and c.downside > point.downside
                       for c in suggestion.sleeve_mixes)
    downsides = [c.downside for c in suggestion.frontier]
    assert downsides == sorted(downsides)


def test_an_impossible_limit_gives_no_suggestion(snap):
    suggestion = suggest(snap, RiskLimit(60, 1e9), OPTIONS, step_percent=50)
    assert suggestion.best is None and suggestion.sleeve_mixes


def test_bad_limits_are_refused(snap):
    with pytest.raises(ValueError, match="worst share"):
        suggest(snap, RiskLimit(60, 0.0, worst_percent=15), OPTIONS)
    with pytest.raises(ValueError, match="divide 100"):
        suggest(snap, RiskLimit(60, 0.0), OPTIONS, step_percent=30)
    with pytest.raises(ValueError, match="not within the projection"):
        suggest(snap, RiskLimit(120, 0.0), OPTIONS, step_percent=50)
