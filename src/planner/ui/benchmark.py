"""`planner bench ui`: what a user feels in the editor and the live projection, measured offscreen.

Figures only (JSON); budgets are compared by people reading them, never by timed assertions.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from planner.domain.field_refs import FieldRef
from planner.domain.plan import plan_years
from planner.services.benchmark import bench_plan
from planner.services.live_messages import LiveMessage, ProjectionState, RunEnded
from planner.services.plan_files import create_plan
from planner.services.plan_session import PlanSession
from planner.ui.main_window import MainWindow

EDITS = 40
#: Edits whose live projection is timed, each run to its end (the confirmed confident month).
PROJECTION_RUNS = 3
#: Interval of the probe timer that looks for stalls of the GUI thread.
PROBE_MS = 5


def bench_ui(paths: int = 10_000, edits: int = EDITS, runs: int = PROJECTION_RUNS) -> dict[str, Any]:
    """Window build, ``edits`` edits to refreshed views (base plan and scenario), undo, one autosave
    write, and ``runs`` live projections with ``paths`` Monte Carlo paths."""
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="planner-bench-ui-") as folder:
        started = time.perf_counter()
        session = create_plan(Path(folder) / "demo.plan", demo=True)
        window = MainWindow(session)
        window.show()
        app.processEvents()
        shown = time.perf_counter() - started
        window._select_uid("flatb")
        base = _edits(app, window, Decimal(2000), edits)
        window.scenarios.select("Dividend snowball")
        scenario = _edits(app, window, Decimal(2500), edits)
        undo = _timed(app, [window.undo_action.trigger] * min(10, edits))
        writes = []
        for step in range(min(10, edits)):
            window.edit_field("household", "monthly_savings", Decimal(2000 + step), "monthly savings")
            writes.append(_timed(app, [window.editor.flush])[0])
        window.close()
        window.dispose()
        live = bench_live_projection(app, Path(folder) / "bench.plan", paths, runs)
    return {
        "window_shown_ms": round(shown * 1000, 1),
        "edit_to_views_ms_median": _median(base),
        "edit_to_views_ms_max": round(max(base) * 1000, 1),
        "scenario_edit_to_views_ms_median": _median(scenario),
        "undo_to_views_ms_median": _median(undo),
        "autosave_write_ms_median": _median(writes),
        "edits_measured": edits,
        **live,
    }


def _edits(app: Any, window: MainWindow, first: Decimal, count: int) -> list[float]:
    """Edits alternate between two fields, so none merge and each is its own undo step."""
    fields = (FieldRef.stream_param("flatb", "monthly_rent"), FieldRef.stream_param("flatb", "insurance"))
    steps = [lambda v=first + i, f=fields[i % 2]: window.edit_field(f.target, f.field, v, f.field)
             for i in range(count)]
    return _timed(app, steps)


def _timed(app: Any, steps: list[Any]) -> list[float]:
    times = []
    for step in steps:
        start = time.perf_counter()
        step()
        app.processEvents()
        times.append(time.perf_counter() - start)
    return times


def _median(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 2)


def bench_live_projection(app: Any, path: Path, paths: int = 10_000, runs: int = PROJECTION_RUNS) -> dict[str, Any]:
    """On the demo plan (to age 95): edit to the expected path drawn, to the first Monte Carlo partial
    drawn, to the first headline (the confident month estimated from the paths so far), to every
    path drawn and to the confirmed confident month; the longest gap between ticks of a 5 ms timer on
    the GUI thread while each run goes on; a new edit cancelling a run."""
    plan = bench_plan(14)
    plan = replace(plan, assumptions=replace(plan.assumptions, paths=paths))
    session = PlanSession.create(path, plan)
    window = MainWindow(session)
    window.show()
    runner = window.runner
    _wait(app, lambda: _confirmed(runner.state) and runner.drawn is runner.state)  # warm: startup's own run
    timed = [_timed_run(app, window, Decimal(4000 + step)) for step in range(max(runs, 1))]
    cancels = [_cancel_time(app, window, Decimal(5000 + step)) for step in range(3)]
    window.close()
    window.dispose()
    firsts = [r["first_partial"] for r in timed]
    return {
        "projection_plan": f"the demo: {len(plan.streams)} streams, {plan_years(plan)} years to age "
                           f"{plan.household.plan_until_age}, {paths:,} paths",
        "edit_to_deterministic_drawn_ms_median": _median([r["deterministic"] for r in timed]),
        "first_partial_ms": _median(firsts),
        "first_partial_ms_max": round(max(firsts) * 1000, 1),
        "first_headline_ms": _median([r["first_headline"] for r in timed]),
        "complete_ms": _median([r["complete"] for r in timed]),
        "confident_month_ms": _median([r["confirmed"] for r in timed]),
        "max_gui_stall_ms": round(max(r["stall"] for r in timed) * 1000, 1),
        "frames_drawn": round(statistics.median(r["frames"] for r in timed)),
        "cancel_ms_max": round(max(cancels) * 1000, 1),
        "projection_runs_measured": len(timed),
    }


def _timed_run(app: Any, window: MainWindow, expenses: Decimal) -> dict[str, float]:
    runner = window.runner
    marks: dict[str, float] = {}
    frames_before = runner.frames
    gaps = _Probe()

    def drawn(state: ProjectionState) -> None:  # connected after the views: it runs once they drew
        now = time.perf_counter() - started
        if state.deterministic is not None:
            marks.setdefault("deterministic", now)
        if state.montecarlo is not None:
            marks.setdefault("first_partial", now)
            if state.montecarlo.confident is not None:
                marks.setdefault("first_headline", now)
        if state.complete:
            marks.setdefault("complete", now)
        if _confirmed(state):
            marks.setdefault("confirmed", now)

    runner.updated.connect(drawn)
    gaps.start()
    started = time.perf_counter()
    window.edit_field("household", "monthly_expenses", expenses, "monthly expenses")
    _wait(app, lambda: "confirmed" in marks and not runner.busy)
    gaps.stop()
    runner.updated.disconnect(drawn)
    return {**marks, "stall": gaps.longest, "frames": runner.frames - frames_before}


def _cancel_time(app: Any, window: MainWindow, expenses: Decimal) -> float:
    """From an edit made while Monte Carlo runs to the old run's worker being free."""
    runner = window.runner
    window.request_projection()
    _wait(app, lambda: runner.state.montecarlo is not None)
    old = runner.state.run_id
    ended: dict[int, float] = {}

    def note_end(message: LiveMessage) -> None:
        if isinstance(message, RunEnded):
            ended.setdefault(message.run_id, time.perf_counter())

    runner.worker.message.connect(note_end)
    started = time.perf_counter()
    window.edit_field("household", "monthly_expenses", expenses, "monthly expenses")
    _wait(app, lambda: old in ended)
    cancelled = ended[old] - started
    _wait(app, lambda: _confirmed(runner.state) and not runner.busy)
    return cancelled


def _confirmed(state: ProjectionState) -> bool:
    """The run has its answer: every path done and the confident month confirmed by exact runs."""
    result = state.montecarlo
    return state.complete and result is not None and result.confident is not None and result.confident.confirmed


class _Probe:
    """A fast timer on the GUI thread; the longest gap between its ticks is the longest stall."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(PROBE_MS)
        self.timer.timeout.connect(self._tick)
        self.longest = 0.0
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def stop(self) -> None:
        self._tick()
        self.timer.stop()


def _wait(app: Any, done: Any, timeout_s: float = 600.0) -> None:
    """Run the event loop (not a busy loop: the GUI thread must not compete with the worker) until
    ``done()``; checked every 10 ms."""
    loop = QEventLoop()
    check = QTimer()
    deadline = time.perf_counter() + timeout_s

    def poll() -> None:
        if done() or time.perf_counter() > deadline:
            loop.quit()

    check.timeout.connect(poll)
    check.start(10)
    if not done():
        loop.exec()
    check.stop()
    if not done():
        raise TimeoutError(f"the live projection did not finish within {timeout_s:.0f} s")
