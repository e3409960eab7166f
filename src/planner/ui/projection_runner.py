"""The GUI side of live projection: starts runs on edits, keeps one run's results, paces redraws.

The engine runs in a child process (services/live_projection.py); a worker thread relays its
messages as signals (ui/projection_worker.py).

Lives in the GUI thread. Each edit asks for a run; the first edit after a quiet spell starts one at
once and later edits within ``RESTART_MS`` are folded into one run at the end of that spell. A new
run cancels the old one first, and results carry run ids, so a chart never mixes two runs: results
of any run but the newest are dropped. Redraws are paced to at most one per ``FRAME_MS``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from planner.domain.plan import Plan
from planner.domain.scenarios import apply_scenario
from planner.engine.metrics import Projection
from planner.services.live_projection import ChildProcessEngine, InProcessEngine, LiveJob
from planner.ui.pacer import Pacer
from planner.ui.projection_worker import ProjectionWorker

log = logging.getLogger("planner")

#: Edits closer together than this start one run, not one each (holding an arrow key in a field).
RESTART_MS = 100
#: At most about 30 redraws a second.
FRAME_MS = 33
#: How long closing waits for the worker to finish its current step.
JOIN_MS = 3000


@dataclass(frozen=True)
class ProjectionState:
    """What the charts show: one run's results, never a mix of two runs."""

    run_id: int = 0
    deterministic: Projection | None = None
    montecarlo: Projection | None = None  # the paths finished so far
    error: str | None = None
    running: bool = False
    scenario: str | None = None
    plan: Plan | None = None  # the plan projected, with the scenario's changes applied

    @property
    def best(self) -> Projection | None:
        """The Monte Carlo result once it has paths, else the single expected path."""
        return self.montecarlo if self.montecarlo is not None else self.deterministic

    @property
    def complete(self) -> bool:
        return self.montecarlo is not None and self.montecarlo.paths_done >= self.montecarlo.paths_total


class ProjectionRunner(QObject):
    """Owns the worker thread; ``updated`` is emitted (paced) whenever the shown state changes."""

    updated = Signal(object)  # ProjectionState
    _submit = Signal(object)  # LiveJob, queued to the worker's thread

    def __init__(self, parent: QObject | None = None, paths: int | None = None, isolated: bool = True) -> None:
        """``paths`` overrides the plan's number of Monte Carlo paths (tests and benchmarks);
        ``isolated`` runs the engine in a child process (off only to keep many quick tests quick)."""
        super().__init__(parent)
        self.paths = paths
        self.engine = ChildProcessEngine() if isolated else InProcessEngine()
        self.state = ProjectionState()
        self.drawn = self.state  # the state last handed to the views
        self.frames = 0
        self._pending: tuple[Plan, str | None] | None = None
        self._thread: QThread | None = None
        self._restart = Pacer(self, RESTART_MS, self._start_pending)
        self._frame = Pacer(self, FRAME_MS, self._draw)

    # ----- runs ---------------------------------------------------------------------------
    def request(self, plan: Plan, scenario: str | None) -> None:
        """Project this plan (as the given scenario changes it): now, or when typing pauses."""
        self._pending = (plan, scenario)
        self._restart.request()

    def _start_pending(self) -> None:
        if self._pending is None:
            return
        plan, scenario = self._pending
        self._pending = None
        self._frame.cancel()  # the charts keep the old run until the new one has a result to replace it
        run_id = self.state.run_id + 1
        try:
            effective = apply_scenario(plan, plan.scenario(scenario) if scenario is not None else None)
        except (KeyError, ValueError) as error:  # a scenario the plan no longer has, or cannot apply
            self.engine.current.value = -1
            self._show(ProjectionState(run_id=run_id, error=f"the scenario cannot be applied: {error}",
                                       scenario=scenario, plan=plan))
            return
        self.engine.current.value = run_id  # the old run ends at its next check; late results are dropped by id
        self.state = ProjectionState(run_id=run_id, running=True, scenario=scenario, plan=effective)
        self._ensure_thread()
        self._submit.emit(LiveJob(run_id, effective, self.paths))

    def cancel(self) -> None:
        """Stop the current run; what it delivered stays shown."""
        self._restart.cancel()
        self._pending = None
        self.engine.current.value = -1
        if self.state.running:
            self._show(replace(self.state, running=False))

    def stop(self) -> bool:
        """Cancel and join the worker thread (closing the window); False if it did not end in time."""
        self.cancel()
        self._frame.cancel()
        if self._thread is None:
            return True
        # Queued calls hold Python objects (jobs, results); left in Qt's queues they would be freed
        # after the interpreter is gone, which crashes the process at exit.
        QCoreApplication.removePostedEvents(self.worker)
        self._thread.quit()
        joined = self._thread.wait(JOIN_MS)
        if not joined:  # stuck waiting for the child (still starting, or one long step): end the child
            self.engine.end_child()
            joined = self._thread.wait(JOIN_MS)
        if not joined:
            return False  # keep the thread referenced: deleting a running QThread aborts the process
        QCoreApplication.removePostedEvents(self)
        self._thread = None
        self.engine.close()
        return True

    @property
    def busy(self) -> bool:
        return self.state.running or self._pending is not None

    def _ensure_thread(self) -> None:
        if self._thread is not None:
            return
        self._thread = QThread()
        self._thread.setObjectName("projection")
        self.worker = ProjectionWorker(self.engine)
        self.worker.moveToThread(self._thread)
        self._submit.connect(self.worker.run_job)
        # Bound slots of this GUI-thread object: Qt queues each call into the GUI thread.
        self.worker.deterministic.connect(self._on_deterministic)
        self.worker.partial.connect(self._on_partial)
        self.worker.failed.connect(self._on_failed)
        self.worker.ended.connect(self._on_ended)
        self._thread.finished.connect(self.worker.deleteLater)
        self._thread.start()

    # ----- results (GUI thread) -----------------------------------------------------------
    def _current(self, run_id: int) -> bool:
        """Results count only for the newest run, and only until it ended or was stopped."""
        return run_id == self.state.run_id and self.state.running

    @Slot(int, object)
    def _on_deterministic(self, run_id: int, projection: Projection) -> None:
        if self._current(run_id):
            self._show(replace(self.state, deterministic=projection))

    @Slot(int, object)
    def _on_partial(self, run_id: int, projection: Projection) -> None:
        if self._current(run_id):
            self._show(replace(self.state, montecarlo=projection))

    @Slot(int, str, str)
    def _on_failed(self, run_id: int, message: str, details: str) -> None:
        if details:
            log.error("projection worker error\n%s", details)
        if run_id == self.state.run_id:
            self._show(replace(self.state, error=message, running=False))

    @Slot(int)
    def _on_ended(self, run_id: int) -> None:
        if run_id == self.state.run_id and self.state.running:
            self._show(replace(self.state, running=False))

    # ----- paced redraws ------------------------------------------------------------------
    def _show(self, state: ProjectionState) -> None:
        self.state = state
        self._frame.request()

    def _draw(self) -> None:
        self.frames += 1
        self.drawn = self.state
        self.updated.emit(self.state)

