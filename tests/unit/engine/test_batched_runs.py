"""Candidate stop months run as copies of a chunk's paths in one household run (engine.batched_runs)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from planner.domain.demo import demo_plan
from planner.engine import batched_runs
from planner.engine.household import StopPolicy, run_household
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, _ChunkedRun
from planner.engine.stop_search import earliest_stops

PATHS = 60
OUTCOMES = ("stop_month", "fail_month", "ruin_month", "fi_month", "sold_month")


def one_chunk(plan, years: int, seed: int):
    """One chunk of ``plan`` over ``years``, with the household's own draws."""
    snap = replace(snapshot(plan).with_years(years), paths=PATHS)
    run = _ChunkedRun(snap, RunOptions(paths=PATHS, seed=seed), PATHS, None)
    streams, market = run.chunk_inputs(0)
    shared, _accumulator = run.start(streams, market)
    return run.household_inputs(streams, market, shared)


@pytest.fixture(scope="module")
def inputs():
    """One chunk of the demo over 25 years."""
    return one_chunk(demo_plan(), 25, seed=11)


def test_each_copy_comes_out_exactly_as_its_own_run(inputs):
    rng = np.random.default_rng(4)
    stops = [rng.integers(0, inputs.snap.months + 1, PATHS) for _ in range(5)]
    assert batched_runs.copies_per_run(inputs) >= 5  # one batched run holds them all
    batched = batched_runs.lean_outcomes(inputs, stops)
    for stop, outcome in zip(stops, batched, strict=True):
        alone = run_household(inputs, StopPolicy(stop), full=False)
        for name in OUTCOMES:
            assert np.array_equal(getattr(outcome, name), getattr(alone, name)), name
    assert len({int(o.success.sum()) for o in batched}) > 1  # the stop months do change the outcome


def test_copies_are_bounded_by_paths_and_memory(inputs, monkeypatch):
    assert batched_runs.copies_per_run(inputs) == min(batched_runs.MAX_COPIES, batched_runs.BATCH_PATHS // PATHS)
    monkeypatch.setattr(batched_runs, "BATCH_PATHS", PATHS)
    assert batched_runs.copies_per_run(inputs) == 1
    monkeypatch.setattr(batched_runs, "BATCH_PATHS", 100 * PATHS)
    per_copy = inputs.snap.months * inputs.snap.stream_count * PATHS
    monkeypatch.setattr(batched_runs, "MAX_ELEMENTS", 3 * per_copy)
    assert batched_runs.copies_per_run(inputs) == 3


def test_the_search_finds_a_month_that_succeeds_after_one_that_fails(inputs, monkeypatch):
    """On every path the month found succeeds and the month before it fails (or it is month 0, or
    no month succeeds), searched with seven candidates per step or by bisection alike."""
    months = inputs.snap.months
    found = {}
    for copies in (7, 1):
        monkeypatch.setattr(batched_runs, "MAX_COPIES", copies)
        found[copies] = earliest = earliest_stops(inputs)
        at, before = batched_runs.lean_outcomes(inputs, [np.minimum(earliest, months),
                                                         np.maximum(earliest - 1, 0)])
        some = earliest < months
        assert 0 < some.sum() < PATHS or some.all()  # the demo reaches its goal on some paths
        assert at.success[some].all()
        assert not before.success[some & (earliest > 0)].any()
    differ = found[7] != found[1]  # a path whose success flips more than once may land on another flip
    assert differ.mean() < 0.1 and np.abs(found[7] - found[1])[differ].max() < 24, (found[7][differ], found[1][differ])


@pytest.fixture(scope="module")
def life_inputs():
    """One chunk of a plan with pay, phases and events, over 30 years."""
    from tests.helpers import life_plan

    return one_chunk(life_plan(), 30, seed=5)


@pytest.mark.parametrize("plan", ["demo", "life"])
def test_the_record_and_the_rule_run_as_one_come_out_as_two_runs_would(plan, inputs, life_inputs):
    """A projection's record (every path stopping at the target) and its FI-rule run share one run
    of two copies; each comes out as its own run: outcomes exactly, recorded figures to rounding."""
    chunk = inputs if plan == "demo" else life_inputs
    target = chunk.snap.target_stop_month
    assert batched_runs.copies_per_run(chunk) >= 2  # the chunk is small enough to run as one
    record, rule = batched_runs.record_and_rule(chunk, target, monthly=True)
    alone = run_household(chunk, StopPolicy.at(target, PATHS), full=True, monthly=True)
    alone_rule = run_household(chunk, StopPolicy.by_rule(PATHS, chunk.snap.months), full=False)
    for name in OUTCOMES:
        assert np.array_equal(getattr(record.outcome, name), getattr(alone.outcome, name)), name
        assert np.array_equal(getattr(rule, name), getattr(alone_rule, name)), name
    assert (rule.fi_month >= 0).any() and (alone.outcome.fi_month < 0).all()  # the rule's copy did follow it
    compared = 0
    for together, apart in ((record, alone), (record.monthly, alone.monthly)):
        for name, value in vars(apart).items():
            if isinstance(value, np.ndarray):
                assert getattr(together, name).shape == value.shape, name
                np.testing.assert_allclose(getattr(together, name), value, rtol=1e-12, atol=1e-9, err_msg=name)
                compared += 1
    assert compared >= 25 and record.work_income_real.any() and record.events_real.any()


def test_a_chunk_too_large_to_copy_runs_the_record_and_the_rule_apart(inputs, monkeypatch):
    monkeypatch.setattr(batched_runs, "BATCH_PATHS", PATHS)  # no room for a second copy
    calls = []
    real = batched_runs.run_household
    monkeypatch.setattr(batched_runs, "run_household", lambda *a, **k: calls.append(a[0].paths) or real(*a, **k))
    record, rule = batched_runs.record_and_rule(inputs, inputs.snap.target_stop_month)
    assert calls == [PATHS, PATHS] and record.net_worth.shape[0] == PATHS and rule.fi_month.shape == (PATHS,)
