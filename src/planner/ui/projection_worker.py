"""The projection worker: a QObject living in its own QThread that runs the engine on a plan record.

It is handed immutable inputs only (a frozen ``Plan`` and a returns table) and hands
back immutable ``Projection`` results through signals, each tagged with its run id. It never sees
a widget, a chart, a session or an ORM object. Cancelling is a ``threading.Event`` the engine asks
between kinds and simulated years, because a busy worker's event loop cannot receive a signal.
"""

from __future__ import annotations

import threading
import time
import traceback
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal, Slot

from planner.domain.plan import Plan
from planner.engine.history import ReturnsTable
from planner.engine.inputs import snapshot
from planner.engine.projection import DETERMINISTIC, HISTORICAL_MODELS, ProjectionError, RunOptions, run


@dataclass(frozen=True)
class ProjectionJob:
    """One run: the plan as it stood at the edit, with the shown scenario's changes applied."""

    run_id: int
    plan: Plan
    stop: threading.Event
    paths: int | None = None  # None: the plan's own setting
    history: ReturnsTable | None = None


class ProjectionWorker(QObject):
    """Runs jobs one after another; a job whose stop is set ends at the next check, silently."""

    #: (run id, Projection) — the single expected path, sent first so charts follow typing.
    deterministic = Signal(int, object)
    #: (run id, Projection) — the Monte Carlo paths finished so far; the last has them all.
    partial = Signal(int, object)
    #: (run id, message, traceback) — the run could not be made; the message says why in one line.
    #: The traceback is empty for what the user can fix and set for a bug, for the GUI to log.
    failed = Signal(int, str, str)
    #: (run id, seconds) — the run ended (completed or cancelled); the worker is free.
    ended = Signal(int, float)

    @Slot(object)
    def run_job(self, job: ProjectionJob) -> None:
        started = time.perf_counter()
        try:
            if not job.stop.is_set():
                self._project(job)
        except ProjectionError as error:
            self.failed.emit(job.run_id, str(error), "")
        except Exception as error:  # a bug: relayed to the GUI, and the worker stays alive for the next edit
            self.failed.emit(job.run_id, f"the projection failed unexpectedly ({type(error).__name__}: {error})",
                             traceback.format_exc())
        finally:
            self.ended.emit(job.run_id, time.perf_counter() - started)

    def _project(self, job: ProjectionJob) -> None:
        snap = snapshot(job.plan)
        for partial in run(snap, RunOptions(mode=DETERMINISTIC), job.stop.is_set):
            self.deterministic.emit(job.run_id, partial.projection())
        if job.stop.is_set():
            return
        if snap.return_model in HISTORICAL_MODELS and job.history is None:
            raise ProjectionError(f"the {snap.return_model.value.replace('_', ' ')} return model needs a returns "
                                  "table: choose one with Projection > Returns Table…, or pick another return "
                                  "model in the plan's assumptions")
        options = RunOptions(paths=job.paths, history=job.history)
        for partial in run(snap, options, job.stop.is_set):
            result = partial.projection()  # summarized here, so the GUI thread only draws
            if job.stop.is_set():
                return
            self.partial.emit(job.run_id, result)

