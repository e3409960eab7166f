"""The projection worker: a QObject living in its own QThread that relays one run's messages.

The engine itself runs in a child process by default (services/live_projection.py); this thread
sends it the job and emits each message coming back as it is (services/live_messages.py), tagged
with its run id. It is handed immutable inputs only (a frozen ``Plan`` and a returns table) and
never sees a widget, a chart, a session or an ORM object.
"""

from __future__ import annotations

import traceback
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from planner.services.live_messages import RunEnded, RunFailed
from planner.services.live_projection import LiveJob


class ProjectionWorker(QObject):
    """Runs jobs one after another; a job that is no longer the current run ends at once."""

    #: A LiveMessage: ExpectedPath, MonteCarloSoFar, RunFailed, and RunEnded last (the worker is free).
    message = Signal(object)

    def __init__(self, engine: Any) -> None:
        """``engine``: an InProcessEngine or a ChildProcessEngine."""
        super().__init__()
        self.engine = engine

    @Slot(object)
    def run_job(self, job: LiveJob) -> None:
        if self.engine.current.value != job.run_id:  # superseded while it waited in the queue
            self.message.emit(RunEnded(job.run_id))
            return
        try:
            for message in self.engine.messages(job):
                self.message.emit(message)
        except Exception as error:  # the child could not be started or spoken to: a bug, relayed
            self.engine.end_child()
            self.message.emit(RunFailed(job.run_id, f"the projection failed unexpectedly "
                                                    f"({type(error).__name__}: {error})", traceback.format_exc()))
            self.message.emit(RunEnded(job.run_id))
