"""Worker processes and the cheaper search: the same answer for a seed and path count whatever the
number of workers, and whether the confident month is confirmed from a window or a full search."""

from __future__ import annotations

import pickle
from dataclasses import replace

import numpy as np
import pytest

from planner.domain.demo import demo_plan
from planner.engine import projection as engine_projection
from planner.engine import workers
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, _ChunkedRun, chunk_sizes, project, run
from tests.helpers import until_age

PATHS = 1200
SEARCHED = 500  # fewer than PATHS: later chunks run the window's stop months with their projection


@pytest.fixture(scope="module")
def snap():
    return replace(snapshot(demo_plan()).with_years(20), paths=PATHS)


@pytest.fixture(autouse=True)
def small_chunks(monkeypatch):
    """Many chunks of about 200 paths, of which the first three are searched."""
    monkeypatch.setattr(engine_projection, "CHUNK_ELEMENTS", 1_000_000)
    monkeypatch.setattr(engine_projection, "SEARCH_PATHS", SEARCHED)


@pytest.fixture(scope="module")
def seed_3(snap):
    """The partial results of one run (seed 3, one process, the small chunks), shared by the tests
    that each read a different part of it: it is the reference of two comparisons as well."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(engine_projection, "CHUNK_ELEMENTS", 1_000_000)
        patch.setattr(engine_projection, "SEARCH_PATHS", SEARCHED)
        _with_workers(patch, 1)
        return list(run(snap, RunOptions(paths=PATHS, seed=3, search=True)))


def _with_workers(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    workers.reset_pool()
    monkeypatch.setenv(workers.WORKERS_VARIABLE, str(count))


def _figures(result) -> dict[str, object]:
    return {
        "confident": result.confident,
        "curve": result.success_curve.tolist(),
        "success": result.success_probability,
        "ruin": result.ruin_probability,
        "net_worth": [result.percentile(result.net_worth["real"], q).tolist() for q in (10, 50, 90)],
        "fi": result.fi_months.tolist(),
    }


def _headline(confident) -> tuple:
    return confident.month, confident.success, confident.success_before


@pytest.mark.slow
def test_results_do_not_depend_on_the_number_of_workers(snap, monkeypatch):
    assert len(chunk_sizes(PATHS, snap.months, snap.stream_count)) > 4
    options = RunOptions(paths=PATHS, seed=7, search=True)
    _with_workers(monkeypatch, 1)
    alone = _figures(project(snap, options))
    _with_workers(monkeypatch, 2)
    try:
        shared = _figures(project(snap, options))
    finally:
        workers.reset_pool()
    assert shared == alone
    assert alone["confident"].confirmed


@pytest.mark.slow
def test_the_window_confirms_the_same_month_as_searching_every_path(snap, seed_3, monkeypatch):
    """Later chunks only run the stop months around the searched estimate; the confirmed answer is
    that of searching every path (which the old engine did)."""
    _with_workers(monkeypatch, 1)
    options = RunOptions(paths=PATHS, seed=3, search=True)
    windowed = seed_3[-1].projection().confident
    monkeypatch.setattr(engine_projection, "SEARCH_PATHS", 10 * PATHS)
    searched = project(snap, options).confident
    assert windowed.confirmed and searched.confirmed
    assert _headline(windowed) == _headline(searched)


@pytest.mark.slow
def test_a_window_that_misses_falls_back_to_exact_runs(snap, seed_3, monkeypatch):
    """An estimate far off (a window at the plan's end) still confirms the right month."""
    _with_workers(monkeypatch, 1)
    options = RunOptions(paths=PATHS, seed=3, search=True)
    expected = seed_3[-1].projection().confident
    monkeypatch.setattr(_ChunkedRun, "window_around", lambda self, accumulator: [self.snap.months - 1])
    missed = project(snap, options).confident
    assert _headline(missed) == _headline(expected)


def test_only_the_leading_paths_are_searched(seed_3):
    partials = seed_3
    accumulator = partials[-1].accumulator
    assert engine_projection.SEARCH_PATHS <= accumulator.searched < PATHS
    curve = partials[-1].projection().success_curve
    assert curve[-1] <= 1.0 and np.all(np.diff(curve) >= 0)


def test_the_headline_says_how_many_paths_its_success_was_measured_on(seed_3):
    """An estimate comes from the searched paths only, the confirmed month from every path: the
    sampling error the headline shows depends on which."""
    partials = seed_3
    # partials share one accumulator: summarized now, those of fewer than every path are estimates
    estimates = [p.projection() for p in partials if p.paths_done < PATHS and p.projection().confident is not None]
    searched = partials[-1].accumulator.searched
    assert any(e.paths_done > searched and e.confident.paths == searched for e in estimates)
    assert all(not e.confident.confirmed and e.confident.paths <= min(e.paths_done, searched) for e in estimates)
    final = partials[-1].projection().confident
    assert final.confirmed and final.paths == PATHS


def test_a_stopped_run_ends_and_the_pool_serves_the_next(snap, monkeypatch):
    _with_workers(monkeypatch, 2)
    try:
        stop = {"now": False}
        seen = 0
        for partial in run(snap, RunOptions(paths=PATHS, seed=5), should_stop=lambda: stop["now"]):
            seen += 1
            stop["now"] = True
            assert partial.paths_done < PATHS
        assert seen == 1
        assert project(snap, RunOptions(paths=PATHS, seed=5)).paths_done == PATHS
    finally:
        workers.reset_pool()


def test_a_cancelled_run_id_stops_only_its_own_chunks():
    table = [0] * workers.SLOTS
    original = workers._worker_cancelled
    workers._worker_cancelled = table
    try:
        first, second = workers.new_run_id(), workers.new_run_id()
        table[first % workers.SLOTS] = first
        assert workers.worker_should_stop(first)()
        assert not workers.worker_should_stop(second)()
        assert not workers.worker_should_stop(first + workers.SLOTS)()  # a later run in the same slot
    finally:
        workers._worker_cancelled = original


def test_a_run_sent_to_a_worker_leaves_the_consumer_behind(snap):
    chunked = _ChunkedRun(snap, RunOptions(paths=PATHS), PATHS, should_stop=lambda: False)
    chunked.chunk_inputs(0)
    copy = pickle.loads(pickle.dumps(chunked))
    assert copy.should_stop is None and copy.buffers is None and copy.pool is None
    assert copy.sizes == chunked.sizes


def test_the_worker_count_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv(workers.WORKERS_VARIABLE, "3")
    assert workers.worker_count() == 3
    monkeypatch.setenv(workers.WORKERS_VARIABLE, "not a number")
    assert workers.worker_count() >= 1


def test_a_daemonic_process_runs_its_chunks_itself(monkeypatch):
    """multiprocessing forbids a daemonic process children: it gets no pool, whatever is asked."""
    import multiprocessing
    from types import SimpleNamespace

    monkeypatch.setenv(workers.WORKERS_VARIABLE, "3")
    monkeypatch.setattr(multiprocessing, "current_process", lambda: SimpleNamespace(daemon=True))
    assert workers.worker_count() == 1 and workers.shared_pool() is None


@pytest.mark.slow
def test_the_window_child_runs_its_chunks_in_workers_and_leaves_with_them(monkeypatch):
    """The window's projection process with two workers: the same answer as one process alone, and
    it leaves (its workers with it) as soon as it is asked to, mid-run."""
    from planner.services.live_messages import MonteCarloSoFar
    from planner.services.live_projection import ChildProcessEngine, InProcessEngine, LiveJob

    monkeypatch.undo()  # the engine's own chunk sizes: the child never sees this module's patches
    plan = until_age(demo_plan(), 65)  # two chunks of the engine's own size (250 and 50 paths) all the same

    def last_montecarlo(engine, run_id):
        engine.current.value = run_id
        results = [m.projection for m in engine.messages(LiveJob(run_id, plan, 300)) if isinstance(m, MonteCarloSoFar)]
        return results[-1]

    _with_workers(monkeypatch, 1)
    alone = last_montecarlo(InProcessEngine(), 1)
    monkeypatch.setenv(workers.WORKERS_VARIABLE, "2")
    child = ChildProcessEngine()
    try:
        shared = last_montecarlo(child, 1)
        assert _figures(shared) == _figures(alone)
        process = child._process
        child.end_child()
        assert not process.is_alive() and process.exitcode == 0  # it left by itself, not terminated
    finally:
        child.close()
