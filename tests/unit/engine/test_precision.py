"""Monte Carlo's float32 stream arrays against float64 ones (engine.assembly.STREAM_DTYPE): the
answer is the same and money moves by a few parts in a hundred thousand (docs/engine.md, "Precision")."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.domain.demo import demo_plan
from planner.engine import assembly
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, project

pytestmark = pytest.mark.slow


def test_float32_stream_arrays_keep_the_answer_and_move_money_by_under_5e_5(monkeypatch):
    snap = replace(snapshot(demo_plan()).with_years(25), paths=200)
    options = RunOptions(paths=200, seed=3, search=True)
    results = {}
    for dtype in (np.float32, np.float64):
        monkeypatch.setattr(assembly, "STREAM_DTYPE", dtype)
        results[dtype] = project(snap, options)
    single, double = results[np.float32], results[np.float64]
    assert single.confident == double.confident and single.confident.month is not None
    assert (single.success_probability, single.ruin_probability) == (double.success_probability,
                                                                     double.ruin_probability)
    assert np.array_equal(single.fi_months, double.fi_months)
    for q in (10, 50, 90):
        low, high = (r.percentile(r.net_worth["real"], q) for r in (single, double))
        moved = np.abs(low - high) / np.maximum(np.abs(high), 1.0)
        assert 0 < moved.max() < 5e-5  # float32 does round (a difference shows), by little
    assert np.abs(single.success_curve - double.success_curve).max() <= 1 / 200  # one path at most
