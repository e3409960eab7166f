"""The GUI side of live projection: starts runs on edits, keeps one run's results, paces redraws.

The engine runs in a child process (services/live_projection.py); a worker thread relays its
messages, unchanged, as one signal (ui/projection_worker.py); ``ProjectionState.after``
(services/live_messages.py) decides which of them count.

Lives in the GUI thread. Each edit asks for a run; the first edit after a quiet spell starts one at
once and later edits within ``RESTART_MS`` are folded into one run at the end of that spell. A new
run cancels the old one first, and results carry run ids, so a chart never mixes two runs: results
of any run but the newest are dropped. Redraws are paced to at most one per ``FRAME_MS``.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from planner.domain.plan import Plan
from planner.domain.scenarios import apply_scenario
from planner.services.live_messages import LiveMessage, ProjectionState, RunFailed
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


#: Worker threads that outlived their runner's stop (a child slow to leave on a busy machine), with
#: what they use: referenced for the life of the process, so garbage collection never deletes one
#: still running (a rare case; a finished QThread costs next to nothing).
_LINGERING: list[tuple[object, ...]] = []


def _keep_until_finished(thread: QThread, *used: object) -> None:
    _LINGERING.append((thread, *used))


class ProjectionRunner(QObject):
    """Owns the worker thread; ``updated`` is emitted (paced) whenever the shown state changes."""

    updated = Signal(object)  # ProjectionState
    _submit = Signal(object)  # LiveJob, queued to the worker's thread

    def __init__(self, parent: QObject | None = None, paths: int | None = None, isolated: bool = True,
                 monte_carlo: bool = True) -> None:
        """``paths`` overrides the plan's number of Monte Carlo paths (tests and benchmarks);
        ``isolated`` runs the engine in a child process and ``monte_carlo`` False projects only the
        expected path (both off only to keep many quick tests of the editor quick)."""
        super().__init__(parent)
        self.paths, self.monte_carlo = paths, monte_carlo
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
        self._submit.emit(LiveJob(run_id, effective, self.paths, monte_carlo=self.monte_carlo))

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
        if not joined:  # deleting a running QThread aborts the process: keep it until it ends
            _keep_until_finished(self._thread, self.worker, self.engine)
            return False
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
        self.worker.message.connect(self._on_message)
        self._thread.finished.connect(self.worker.deleteLater)
        self._thread.start()

    # ----- results (GUI thread) -----------------------------------------------------------
    @Slot(object)
    def _on_message(self, message: LiveMessage) -> None:
        """Take in one of the worker's messages; those of older or stopped runs change nothing."""
        if isinstance(message, RunFailed) and message.details:
            log.error("projection worker error\n%s", message.details)
        state = self.state.after(message)
        if state is not self.state:
            self._show(state)

    # ----- paced redraws ------------------------------------------------------------------
    def _show(self, state: ProjectionState) -> None:
        self.state = state
        self._frame.request()

    def _draw(self) -> None:
        self.frames += 1
        self.drawn = self.state
        self.updated.emit(self.state)

