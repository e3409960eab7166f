"""Live-projection messages: one typed shape from the engine to the charts, and the rule that only
the newest running run's results count - both without Qt."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.engine.inputs import snapshot
from planner.engine.projection import DETERMINISTIC, RunOptions, project
from planner.services.live_messages import ExpectedPath, MonteCarloSoFar, ProjectionState, RunEnded, RunFailed
from planner.services.live_projection import InProcessEngine, LiveJob, live_messages
from tests.helpers import demo, over_years


@pytest.fixture(scope="module")
def short_plan():
    return over_years(demo(), 4)


def test_a_run_sends_the_expected_path_then_monte_carlo_results_then_its_end(short_plan):
    engine = InProcessEngine()
    engine.current.value = 7
    messages = list(engine.messages(LiveJob(7, short_plan, paths=40)))
    assert isinstance(messages[0], ExpectedPath) and isinstance(messages[-1], RunEnded)
    partials = messages[1:-1]
    assert partials and all(isinstance(m, MonteCarloSoFar) for m in partials)
    assert {m.run_id for m in messages} == {7}
    assert messages[0].projection.paths_done == 1
    assert partials[-1].projection.paths_done == partials[-1].projection.paths_total == 40
    expected = project(snapshot(short_plan), RunOptions(mode=DETERMINISTIC, rule=False))
    assert (messages[0].projection.net_worth["real"] == expected.net_worth["real"]).all()


def test_a_run_without_monte_carlo_sends_only_the_expected_path_and_its_end(short_plan):
    engine = InProcessEngine()
    engine.current.value = 3
    messages = list(engine.messages(LiveJob(3, short_plan, paths=40, monte_carlo=False)))
    assert [type(m) for m in messages] == [ExpectedPath, RunEnded]


def test_a_plan_the_engine_cannot_read_is_a_failure_with_its_traceback_then_the_end(short_plan):
    broken = replace(short_plan, streams=("not a stream",))
    messages = list(live_messages(LiveJob(3, broken, paths=10), lambda: False))
    assert [type(m) for m in messages] == [RunFailed, RunEnded]
    assert "failed unexpectedly" in messages[0].message and "Traceback" in messages[0].details


def test_a_run_stopped_before_it_starts_only_ends():
    assert list(live_messages(LiveJob(1, demo(), paths=10), lambda: True)) == [RunEnded(1)]


def test_only_the_newest_running_run_changes_what_the_charts_show(short_plan):
    result = project(snapshot(short_plan), RunOptions(mode=DETERMINISTIC, rule=False))
    running = ProjectionState(run_id=5, running=True)
    expected = running.after(ExpectedPath(5, result))
    assert expected.deterministic is result and expected.best is result and expected.running
    partial = expected.after(MonteCarloSoFar(5, result))
    assert partial.montecarlo is result and partial.deterministic is result
    assert running.after(MonteCarloSoFar(4, result)) is running  # an older run's late result
    ended = partial.after(RunEnded(5))
    assert not ended.running and ended.montecarlo is result
    assert ended.after(MonteCarloSoFar(5, result)) is ended  # in the pipe when the run was stopped
    assert ended.after(RunEnded(5)) is ended
    failed = running.after(RunFailed(5, "no such thing"))
    assert failed.error == "no such thing" and not failed.running
    assert running.after(RunFailed(4, "old")) is running
