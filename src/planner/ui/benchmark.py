"""`planner bench ui`: what a user feels in the editor and the live projection, measured offscreen.

Figures only (JSON); budgets are compared by people reading them, never by timed assertions. A
heartbeat on the GUI thread (ui/stall_probe.py) runs through every phase, so each phase reports
its longest stall and the longest stalls come with where the GUI thread was.
"""

from __future__ import annotations

import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from planner.domain.field_refs import FieldRef
from planner.domain.plan import Plan, plan_years
from planner.services.benchmark import bench_plan
from planner.services.live_messages import LiveMessage, MonteCarloSoFar, ProjectionState, RunEnded
from planner.services.plan_files import create_plan
from planner.services.plan_session import PlanSession
from planner.ui.main_window import MainWindow
from planner.ui.stall_probe import StallProbe

EDITS = 40
#: Edits whose live projection is timed, each run to its end (the confirmed confident month).
PROJECTION_RUNS = 3
#: The budget of PRODUCT.md section 7 for the longest stall, counted in the repeats' summary.
STALL_BUDGET_MS = 50.0
#: Paths of the what-if search and the report export timed (their own speed is `planner bench engine`'s);
#: fewer when the bench's own paths are fewer.
SIDE_PATHS = 1000
#: Streams of the live bench's plan (``services.benchmark.bench_plan``).
LIVE_STREAMS = 14
#: Edits timed while a run is under way, each cancelling it (no more than the runs timed).
CANCELS = 3


def bench_ui(paths: int = 10_000, edits: int = EDITS, runs: int = PROJECTION_RUNS, repeat: int = 1,
             years: int | None = None, side: bool = True) -> dict[str, Any]:
    """The whole bench ``repeat`` times; one repeat's figures, or each repeat's and the stalls of all
    of them. ``years``: the live plan's horizon (None: the bench plan's own, to age 95). ``side``
    adds a what-if search and a report export to each repeat."""
    bench_plan(LIVE_STREAMS, years)  # a horizon the plan cannot have is refused before any window opens
    if repeat <= 1:
        return _one_bench(QApplication.instance() or QApplication([]), paths, edits, runs, side, years)
    results = [_bench_in_child(paths, edits, runs, years) for _ in range(repeat)]
    stalls = [result.get("max_gui_stall_ms") for result in results]  # None: that repeat failed
    under = sum(stall is not None and stall < STALL_BUDGET_MS for stall in stalls)
    return {
        "repeats": len(results),
        "max_gui_stall_ms_each": stalls,
        "stall_under_50ms": f"{under} of {len(results)}",
        "max_gui_busy_ms_each": [result.get("max_gui_busy_ms") for result in results],
        "first_partial_ms_each": [result.get("first_partial_ms") for result in results],
        "edit_to_confident_month_shown_ms_each": [result.get("edit_to_confident_month_shown_ms")
                                                  for result in results],
        "each": results,
    }


def _bench_in_child(paths: int, edits: int, runs: int, years: int | None) -> dict[str, Any]:
    """One repeat in a fresh process, as a user's fresh start: one process building and deleting
    dozens of windows crashed in PySide (a deleted widget's wrapper taken for a new one)."""
    command = [sys.executable, "-m", "planner.app.main", "bench", "ui", "--paths", str(paths), "--edits",
               str(edits), "--runs", str(runs)]
    if years is not None:
        command += ["--years", str(years)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:  # counted as a repeat over the budget, and said
        return {"failed": done.returncode, "stderr_end": done.stderr[-1500:]}
    return json.loads(done.stdout)  # type: ignore[no-any-return]


def _one_bench(app: Any, paths: int, edits: int, runs: int, side: bool, years: int | None) -> dict[str, Any]:
    probe = StallProbe(sample=os.environ.get("PLANNER_BENCH_STACKS") == "1")
    with tempfile.TemporaryDirectory(prefix="planner-bench-ui-") as folder:
        editor = bench_editor(app, Path(folder) / "demo.plan", edits, probe)
        window = _live_window(Path(folder) / "bench.plan", paths, years)
        try:
            live = bench_live_projection(app, window, runs, probe)
            extra = bench_side_work(app, window, Path(folder), probe, min(paths, SIDE_PATHS), years) if side else {}
        finally:
            _dispose(window)
    probe.stop()
    return {**editor, **live, **extra, **_stall_figures(probe)}


def _stall_figures(probe: StallProbe) -> dict[str, Any]:
    return {
        "max_gui_stall_ms": round(probe.longest * 1000, 1),
        "max_gui_stall_ms_by_phase": {phase: round(gap * 1000, 1) for phase, gap in probe.by_phase.items()},
        "max_gui_busy_ms": round(probe.longest_busy * 1000, 1),
        "max_gui_busy_ms_by_phase": {phase: round(busy * 1000, 1) for phase, busy in probe.busy_by_phase.items()},
        "stalls_over_30ms": probe.report(),
    }


def bench_editor(app: Any, path: Path, edits: int, probe: StallProbe) -> dict[str, Any]:
    """Window build, ``edits`` edits to refreshed views (base plan and scenario), undo, scenario
    switches, real autosaves (on the writer thread) and the write's own time."""
    started = time.perf_counter()
    session = create_plan(path, demo=True)
    window = MainWindow(session)
    window.show()
    app.processEvents()
    shown = time.perf_counter() - started
    writes = _time_writes(window.session)
    window._select_uid("flatb")
    probe.phase("edit")
    base = _edits(app, window, Decimal(2000), edits)
    probe.phase("scenario switch")
    switches = _timed(app, [lambda n=name: window.scenarios.select(n)
                            for name in ["Dividend snowball", None] * min(5, edits)])
    window.scenarios.select("Dividend snowball")
    probe.phase("scenario edit")
    scenario = _edits(app, window, Decimal(2500), edits)
    probe.phase("undo")
    undo = _timed(app, [window.undo_action.trigger] * min(10, edits))
    probe.phase("autosave")
    autosaved = _autosaves(app, window, min(5, edits))
    probe.phase(None)
    _dispose(window)
    return {
        "window_shown_ms": round(shown * 1000, 1),
        "edit_to_views_ms_median": _median(base),
        "edit_to_views_ms_max": round(max(base) * 1000, 1),
        "scenario_edit_to_views_ms_median": _median(scenario),
        "scenario_switch_to_views_ms_median": _median(switches),
        "undo_to_views_ms_median": _median(undo),
        "autosave_write_ms_median": _median(writes),
        "autosaves_measured": autosaved,
        "edits_measured": edits,
    }


def _time_writes(session: PlanSession) -> list[float]:
    """Each autosave write's own time, on the writer thread (the session's ``write`` wrapped)."""
    times: list[float] = []
    real = session.write

    def write(plan: Plan) -> None:
        start = time.perf_counter()
        real(plan)
        times.append(time.perf_counter() - start)

    session.write = write  # type: ignore[method-assign]
    return times


def _autosaves(app: Any, window: MainWindow, count: int) -> int:
    """Edits each followed by its autosave, as in the app: the write starts SAVE_DELAY_MS after the
    edit on the writer thread while the GUI thread goes on."""
    saved = []
    window.editor.autosaver.saved.connect(lambda: saved.append(1))
    for step in range(count):
        window.edit_field("household", "monthly_savings", Decimal(2000 + step), "monthly savings")
        target = step + 1
        _wait(app, lambda t=target: len(saved) >= t, timeout_s=30)
    return len(saved)


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


def _longest(runs: list[dict[str, float]], key: str) -> float | None:
    """The longest of the runs' ``key`` in ms (the window's part of a delay: from the message's
    arrival from the child to its drawing), None when no run has it."""
    values = [run[key] for run in runs if key in run]
    return round(max(values) * 1000, 1) if values else None


def _median(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 2) if seconds else 0.0


def _live_window(path: Path, paths: int, years: int | None = None) -> MainWindow:
    """The main window on the bench plan with ``paths`` paths (over ``years``, None: to age 95), shown
    (its first run starts)."""
    plan = bench_plan(LIVE_STREAMS, years)
    plan = replace(plan, assumptions=replace(plan.assumptions, paths=paths))
    window = MainWindow(PlanSession.create(path, plan))
    window.show()
    return window


def bench_live_projection(app: Any, window: MainWindow, runs: int = PROJECTION_RUNS,
                          probe: StallProbe | None = None) -> dict[str, Any]:
    """In ``window`` on the bench plan (``_live_window``): edit to the expected path drawn, to
    the first Monte Carlo partial drawn, to the first headline (the confident month estimated from
    the paths so far), to every path drawn and to the confirmed confident month; a new edit
    cancelling a run. The probe's "live run" phase covers the runs, its "cancel" phase the cancels."""
    probe = probe or StallProbe()
    plan = window.session.plan
    paths = plan.assumptions.paths
    runner = window.runner
    _wait(app, lambda: _confirmed(runner.state) and runner.drawn is runner.state)  # warm: startup's own run
    probe.phase("live run")
    timed = [_timed_run(app, window, Decimal(4000 + step)) for step in range(max(runs, 1))]
    probe.phase("cancel")
    cancels = [_cancel_time(app, window, Decimal(5000 + step)) for step in range(min(CANCELS, max(runs, 1)))]
    probe.phase(None)
    firsts = [r["first_partial"] for r in timed]
    return {
        "projection_plan": f"the demo: {len(plan.streams)} streams, {plan_years(plan)} years to age "
                           f"{plan.household.plan_until_age}, {paths:,} paths",
        "edit_to_deterministic_drawn_ms_median": _median([r["deterministic"] for r in timed]),
        "first_partial_ms": _median(firsts),
        "first_partial_ms_max": round(max(firsts) * 1000, 1),
        "first_headline_ms": _median([r["first_headline"] for r in timed]),
        "complete_ms": _median([r["complete"] for r in timed]),
        "edit_to_confident_month_shown_ms": _median([r["confirmed"] for r in timed]),
        "window_delay_first_partial_ms_max": _longest(timed, "first_partial_window"),
        "window_delay_confident_month_ms_max": _longest(timed, "confirmed_window"),
        "frames_drawn": round(statistics.median(r["frames"] for r in timed)),
        "cancel_ms_max": round(max(cancels) * 1000, 1),
        "projection_runs_measured": len(timed),
    }


def _timed_run(app: Any, window: MainWindow, expenses: Decimal) -> dict[str, float]:
    runner = window.runner
    marks: dict[str, float] = {}
    frames_before = runner.frames

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

    arrived: dict[str, float] = {}

    def came(message: LiveMessage) -> None:  # runs on the worker's thread as the child's message arrives
        if isinstance(message, MonteCarloSoFar) and message.run_id == runner.state.run_id:
            now = time.perf_counter() - started
            arrived.setdefault("first_partial", now)
            confident = message.projection.confident
            if message.projection.paths_done >= message.projection.paths_total and confident and confident.confirmed:
                arrived.setdefault("confirmed", now)

    runner.updated.connect(drawn)
    runner.worker.message.connect(came, Qt.ConnectionType.DirectConnection)  # in the worker's thread, at once
    started = time.perf_counter()
    window.edit_field("household", "monthly_expenses", expenses, "monthly expenses")
    _wait(app, lambda: "confirmed" in marks and not runner.busy)
    runner.updated.disconnect(drawn)
    runner.worker.message.disconnect(came)
    window_delay = {f"{key}_window": marks[key] - arrived[key] for key in arrived if key in marks}
    return {**marks, **window_delay, "frames": runner.frames - frames_before}


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

    runner.worker.message.connect(note_end, Qt.ConnectionType.DirectConnection)  # when the worker says so
    started = time.perf_counter()
    window.edit_field("household", "monthly_expenses", expenses, "monthly expenses")
    _wait(app, lambda: old in ended)
    cancelled = ended[old] - started
    _wait(app, lambda: _confirmed(runner.state) and not runner.busy)
    return cancelled


def bench_side_work(app: Any, window: MainWindow, folder: Path, probe: StallProbe,
                    paths: int = SIDE_PATHS, years: int | None = None) -> dict[str, Any]:
    """A what-if search (goal seek of the earliest stop month) and the PDF report export, each run
    to its end from the menus of ``window`` (the live bench's: the bench plan again, with ``paths``
    paths, since the report projects the plan's own); the probe's "what-if" and "report" phases cover
    them."""
    runner = window.runner
    expenses = bench_plan(LIVE_STREAMS, years).household.monthly_expenses  # the live runs' edits of it undone
    problem = window.edit_fields([("assumptions", "paths", paths), ("household", "monthly_expenses", expenses)],
                                 "side work")
    if problem:
        raise RuntimeError(f"the side work's plan could not be set: {problem}")
    _wait(app, lambda: _confirmed(runner.state) and not runner.busy)
    started = time.perf_counter()
    panel = window.open_whatif(2)  # goal seek; building the What-if window is timed, not counted as a stall
    app.processEvents()
    opened = time.perf_counter() - started
    probe.phase("what-if")
    started = time.perf_counter()
    panel.goal.setCurrentIndex(panel.goal.findData("fi-age"))
    panel.paths.setValue(paths)
    panel.start()
    _wait(app, lambda: panel.task is not None and panel.task.done)
    whatif = time.perf_counter() - started
    probe.phase("report")
    started = time.perf_counter()
    window.exchange.write_pdf(folder / "report.pdf", "a4")
    exchange = window.exchange
    _wait(app, lambda: exchange.task is not None and exchange.task.done)
    report = time.perf_counter() - started
    if not (folder / "report.pdf").exists():  # the export failed: said, not waited for
        raise RuntimeError("the report export wrote no file (see the log above)")
    probe.phase(None)
    return {"whatif_window_shown_ms": round(opened * 1000, 1), "whatif_goal_seek_ms": round(whatif * 1000),
            "report_export_ms": round(report * 1000)}


def _dispose(window: MainWindow) -> None:
    """Close and delete a window, and free the Python wrappers left of its widgets now: a wrapper
    kept alive (in a reference cycle) past its widget's deletion was once taken for the next
    window's widget at the same address (PySide)."""
    window.close()
    window.dispose()
    gc.collect()


def _confirmed(state: ProjectionState) -> bool:
    """The run has its answer: every path done and the confident month confirmed by exact runs."""
    result = state.montecarlo
    return state.complete and result is not None and result.confident is not None and result.confident.confirmed


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
