"""Live projection: edits start runs in the worker thread; results reach the charts by run id only.

Timing budgets are measured by `planner bench ui`, never here; the waits below are liveness bounds.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
import threading
from dataclasses import replace
from decimal import Decimal

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from planner.domain.enums import ReturnModel
from planner.services.live_messages import MonteCarloSoFar, RunEnded
from planner.services.plan_files import create_plan
from planner.ui import projection_runner
from planner.ui.charts.base import ChartBase
from planner.ui.main_window import MainWindow
from planner.ui.projection_runner import ProjectionRunner
from tests.gui.conftest import TEST_PATHS, small_runner
from tests.helpers import demo

LIVENESS_MS = 20_000
#: A run of every historical start month in the window's child (about 1,300 paths, searched): about
#: 5 s on a quiet 2-core machine, past 20 s when four processes share its two cores.
HISTORY_LIVENESS_MS = 90_000


def wait_complete(qtbot, runner: ProjectionRunner, timeout_ms: int = LIVENESS_MS) -> None:
    """Until the newest run has all its paths and that state has been handed to the views."""
    qtbot.waitUntil(lambda: runner.state.complete and not runner.busy and runner.drawn is runner.state,
                    timeout=timeout_ms)


def wait_error(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.projection_view.state.error is not None, timeout=LIVENESS_MS)


def expenses_of(state) -> list[float]:
    """Yearly expenses in today's money of every result a state holds (a fingerprint of its plan)."""
    return [float(p.expenses_real[0]) for p in (state.deterministic, state.montecarlo) if p is not None]


@pytest.fixture
def live_window(qtbot, tmp_path, us_locale):
    """The demo plan, run to 65 instead of 97 (each run and its search half as long), in a window
    whose engine runs in a child process, as in the app."""
    from planner.domain.demo import demo_plan
    from planner.services.plan_session import PlanSession
    from tests.gui.keyboard import activate
    from tests.helpers import until_age

    session = PlanSession.create(tmp_path / "demo.plan", until_age(demo_plan(), 65))
    window = MainWindow(session, runner=ProjectionRunner(paths=TEST_PATHS))
    qtbot.addWidget(window)
    activate(window)
    yield window
    window.close()


@pytest.mark.slow
def test_an_edit_updates_the_expected_path_then_monte_carlo_refines_it(qtbot, live_window):
    window, runner = live_window, live_window.runner
    wait_complete(qtbot, runner)
    (before,) = set(expenses_of(runner.state))  # the demo's expenses and its children-at-home phase
    states = []
    runner.updated.connect(states.append)
    assert window.edit_field("household", "monthly_expenses", Decimal("5000.00"), "monthly expenses") is None
    wait_complete(qtbot, runner)
    new = [s for s in states if s.run_id == runner.state.run_id]
    assert new[0].deterministic is not None and new[0].montecarlo is None  # the expected path comes first
    assert all(e == pytest.approx(before + 12 * (5000.0 - 3400.0)) for s in new for e in expenses_of(s))
    final = runner.state.montecarlo
    assert final.paths_done == final.paths_total == TEST_PATHS
    view = window.projection_view
    assert view.progress.value() == TEST_PATHS
    assert view.progress_label.text() == f"Monte Carlo: all {TEST_PATHS:,} paths"
    assert view.summary.text("basis") == f"Monte Carlo, {TEST_PATHS:,} of {TEST_PATHS:,} paths, to age 65 (partner 63)"
    assert view.summary.text("headline").startswith("You can stop saving in ")  # the answer, confirmed
    assert final.confident.confirmed
    chart = view.current_chart
    assert chart.run_id == runner.state.run_id
    median = final.percentile(final.net_worth["real"], 50)
    assert list(chart.median.getData()[1]) == pytest.approx(list(median))


def test_a_scenario_is_projected_when_it_is_shown(qtbot, live_window):
    window, runner = live_window, live_window.runner
    wait_complete(qtbot, runner)
    base_id = runner.state.run_id
    window.scenarios.select("Dividend snowball")
    qtbot.waitUntil(lambda: runner.state.run_id > base_id and runner.state.deterministic is not None,
                    timeout=LIVENESS_MS)
    assert runner.state.scenario == "Dividend snowball"
    overrides = window.session.plan.scenario("Dividend snowball").overrides
    assert runner.state.plan != window.session.plan and overrides  # the scenario's changes were applied


def test_cancel_mid_run_stops_the_worker_and_keeps_what_it_delivered(qtbot, tmp_path, us_locale):
    runner = ProjectionRunner(paths=40_000)
    ended = []
    runner.request(demo(), None)
    runner.worker.message.connect(lambda message: isinstance(message, RunEnded) and ended.append(message.run_id))
    qtbot.waitUntil(lambda: runner.state.montecarlo is not None, timeout=LIVENESS_MS)
    runner.cancel()
    assert not runner.state.running
    qtbot.waitUntil(lambda: runner.state.run_id in ended, timeout=LIVENESS_MS)
    shown = runner.state.montecarlo
    assert 0 < shown.paths_done < shown.paths_total == 40_000  # stopped long before the end
    stopped = runner.state
    runner._on_message(MonteCarloSoFar(stopped.run_id, shown))  # a result still in the pipe when Stop was pressed
    assert runner.state is stopped
    assert runner.stop()


def test_a_scenario_the_plan_no_longer_has_is_an_error_state_not_a_traceback(qtbot, us_locale):
    runner = ProjectionRunner(paths=TEST_PATHS, isolated=False)
    runner.request(demo(), "No such scenario")
    qtbot.waitUntil(lambda: runner.drawn.error is not None, timeout=LIVENESS_MS)
    assert "scenario cannot be applied" in runner.state.error and not runner.state.running
    assert runner.stop()


def test_a_restart_while_running_shows_only_the_new_run(qtbot, us_locale):
    runner = ProjectionRunner(paths=20_000)
    plan = demo()
    runner.request(plan, None)
    qtbot.waitUntil(lambda: runner.state.montecarlo is not None, timeout=LIVENESS_MS)
    old_id = runner.state.run_id
    old_result = runner.state.montecarlo
    (before,) = set(expenses_of(runner.state))  # the demo's expenses and its children-at-home phase
    states = []
    runner.updated.connect(states.append)
    runner.paths = TEST_PATHS
    changed = replace(plan, household=replace(plan.household, monthly_expenses=Decimal("9999.00")))
    runner.request(changed, None)
    wait_complete(qtbot, runner)
    assert runner.state.run_id == old_id + 1
    assert states and all(s.run_id == old_id + 1 for s in states)
    assert all(e == pytest.approx(before + 12 * (9999.0 - 3400.0)) for s in states for e in expenses_of(s))
    # a late result of the old run, as the worker might still deliver it, is dropped
    before = runner.state
    runner._on_message(MonteCarloSoFar(old_id, old_result))
    assert runner.state is before
    assert runner.stop()


@pytest.mark.slow
def test_a_bug_in_the_engine_is_a_message_and_the_app_stays_usable(qtbot, live_window, monkeypatch, caplog):
    window, runner = live_window, live_window.runner
    wait_complete(qtbot, runner)
    real_apply = projection_runner.apply_scenario
    # a plan the engine cannot read (a stream that is not a Stream): it fails in the child process
    monkeypatch.setattr(projection_runner, "apply_scenario",
                        lambda plan, scenario: replace(real_apply(plan, scenario), streams=("not a stream",)))
    window.edit_field("household", "monthly_expenses", Decimal("4300.00"), "monthly expenses")
    wait_error(qtbot, window)
    assert "could not be made: the projection failed unexpectedly (AttributeError" in window.messages.text.text()
    assert "Traceback" in caplog.text  # the details go to the log, not to the user
    monkeypatch.setattr(projection_runner, "apply_scenario", real_apply)
    assert window.edit_field("household", "monthly_expenses", Decimal("4400.00"), "monthly expenses") is None
    wait_complete(qtbot, runner)
    assert runner.state.error is None and runner.state.montecarlo.paths_done == TEST_PATHS


@pytest.mark.slow
def test_history_as_it_happened_runs_in_the_window_and_an_unreadable_history_explains_itself(
        qtbot, live_window, monkeypatch):
    window, runner = live_window, live_window.runner
    wait_complete(qtbot, runner)
    window.edit_field("assumptions", "return_model", ReturnModel.HISTORICAL, "return model")
    wait_complete(qtbot, runner, HISTORY_LIVENESS_MS)
    result = runner.state.montecarlo
    assert runner.state.error is None and result.backtest is not None  # the built-in history, no file needed
    assert result.paths_done == len(result.backtest.starts) and result.backtest.starts[0] == "1871-01"
    starts = f"{result.paths_done:,}"
    assert window.projection_view.summary.text("basis") == (
        f"history as it happened, {starts} of {starts} start months (1871-01 to {result.backtest.starts[-1]}), "
        "to age 65 (partner 63)")
    real_apply = projection_runner.apply_scenario
    monkeypatch.setattr(projection_runner, "apply_scenario", lambda plan, scenario: replace(
        real_apply(plan, scenario), assumptions=replace(plan.assumptions, history_table="gone")))
    window.edit_field("household", "monthly_expenses", Decimal("4300.00"), "monthly expenses")
    wait_error(qtbot, window)
    assert "not among its imported tables" in runner.state.error
    assert runner.state.deterministic is not None  # the charts still show the expected path
    assert window.messages.isVisible() and "imported tables" in window.messages.text.text()
    monkeypatch.setattr(projection_runner, "apply_scenario", real_apply)
    window.edit_field("assumptions", "return_model", ReturnModel.LOGNORMAL, "return model")
    wait_complete(qtbot, runner)
    assert not window.messages.isVisible()  # the error went away with the run that no longer has it


def test_no_widget_or_chart_is_touched_from_the_worker_thread(qtbot, live_window, monkeypatch):
    window, runner = live_window, live_window.runner
    gui = QApplication.instance().thread()
    threads = []
    original = ChartBase.show_projection

    def recording(self, *args, **kwargs):
        threads.append((QThread.currentThread(), threading.current_thread().name))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ChartBase, "show_projection", recording)
    window.edit_field("household", "monthly_expenses", Decimal("4100.00"), "monthly expenses")
    wait_complete(qtbot, runner)
    assert runner.worker.thread() is not gui  # the engine runs elsewhere...
    assert threads and all(qt is gui and name == "MainThread" for qt, name in threads)  # ...drawing here


def test_closing_the_app_during_a_run_exits_cleanly(tmp_path):
    # The real startup path (run_window) on a plan with 10,000 paths, closed like a user would
    # while Monte Carlo is still running.
    plan = tmp_path / "d.plan"
    create_plan(plan, demo=True).close()
    script = textwrap.dedent(f"""
        import os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        os.environ["PLANNER_HOME"] = {str(tmp_path)!r}
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from planner.app.gui import application, run_window
        from planner.ui.main_window import MainWindow
        app = application()
        def close_when_running():
            windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]
            state = windows[0].runner.state if windows else None
            if state is None or state.montecarlo is None:
                QTimer.singleShot(10, close_when_running)
                return
            print("closing at", state.montecarlo.paths_done, "of", state.montecarlo.paths_total, flush=True)
            windows[0].close()
        QTimer.singleShot(10, close_when_running)
        sys.exit(run_window(Path({str(plan)!r})))
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    closing = done.stdout.split()
    assert closing[0] == "closing" and int(closing[2]) < int(closing[4]) == 10_000  # mid-run
    assert "QThread: Destroyed while thread is still running" not in done.stderr


def test_a_window_on_an_empty_plan_projects_without_streams(qtbot, tmp_path, us_locale):
    window = MainWindow(create_plan(tmp_path / "empty.plan", name="Empty"), runner=small_runner(monte_carlo=True))
    qtbot.addWidget(window)
    wait_complete(qtbot, window.runner)
    assert window.runner.state.error is None
    assert window.projection_view.summary.text("fi_date").startswith("not reached by half of the paths")
    assert window.projection_view.summary.text("worst") == "no streams yet"  # all paths ran: nothing to blame
