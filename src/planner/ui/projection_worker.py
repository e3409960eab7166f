"""The projection worker: a QObject living in its own QThread that relays one run's messages.

The engine itself runs in a child process by default (services/live_projection.py); this thread
sends it the job and turns the messages coming back into signals, each tagged with its run id.
It is handed immutable inputs only (a frozen ``Plan`` and a returns table) and never sees a
widget, a chart, a session or an ORM object.
"""

from __future__ import annotations

import traceback
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from planner.services.live_projection import LiveJob


class ProjectionWorker(QObject):
    """Runs jobs one after another; a job that is no longer the current run ends at once."""

    #: (run id, Projection) — the single expected path, sent first so charts follow typing.
    deterministic = Signal(int, object)
    #: (run id, Projection) — the Monte Carlo paths finished so far; the last has them all.
    partial = Signal(int, object)
    #: (run id, message, traceback) — the run could not be made; the message says why in one line.
    #: The traceback is empty for what the user can fix and set for a bug, for the GUI to log.
    failed = Signal(int, str, str)
    #: (run id) — the run ended (completed, failed or cancelled); the worker is free.
    ended = Signal(int)

    def __init__(self, engine: Any) -> None:
        """``engine``: an InProcessEngine or a ChildProcessEngine."""
        super().__init__()
        self.engine = engine

    @Slot(object)
    def run_job(self, job: LiveJob) -> None:
        if self.engine.current.value != job.run_id:  # superseded while it waited in the queue
            self.ended.emit(job.run_id)
            return
        try:
            for kind, run_id, *rest in self.engine.messages(job):
                if kind == "deterministic":
                    self.deterministic.emit(run_id, rest[0])
                elif kind == "partial":
                    self.partial.emit(run_id, rest[0])
                elif kind == "failed":
                    self.failed.emit(run_id, rest[0], rest[1])
                else:
                    self.ended.emit(run_id)
        except Exception as error:  # the child could not be started or spoken to: a bug, relayed
            self.engine.end_child()
            self.failed.emit(job.run_id, f"the projection failed unexpectedly ({type(error).__name__}: {error})",
                             traceback.format_exc())
            self.ended.emit(job.run_id)
