"""Autosave: the open plan is written shortly after edits, on a writer thread, never on the GUI thread.

A save replaces the whole plan in one SQLite transaction (20-50 ms); on the GUI thread that is a
visible stall while typing. Here the GUI thread only hands an immutable snapshot (``Plan``) to one
writer thread; a burst of edits is one write, and edits made while a write runs are written after
it. All autosave writes go through that one thread in order, and ``flush()`` waits for it, so the
GUI thread touches the file itself (close, restore, save a copy) only while the writer is idle.
"""

from __future__ import annotations

import itertools
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from planner.domain.plan import Plan
from planner.services.errors import PlanFileError
from planner.services.plan_session import PlanSession

SAVE_DELAY_MS = 300


@dataclass(frozen=True)
class _Write:
    """One snapshot on its way to the file; ``future`` yields the failure text ('' when written)."""

    number: int
    session: PlanSession
    plan: Plan
    future: Future[str]


def _write(session: PlanSession, plan: Plan) -> str:
    """Runs on the writer thread. Disk and file problems come back as text; bugs propagate."""
    try:
        session.write(plan)
    except (PlanFileError, OSError) as error:
        return f"Could not save the plan: {error}. Your changes are kept in this window."
    return ""


class Autosaver(QObject):
    """Writes the session's plan SAVE_DELAY_MS after the last ``schedule()``, and at once on ``flush()``.

    ``saved`` follows each successful write; ``save_failed`` carries one line for the message bar
    when the disk refuses (the change stays in memory and the session stays unsaved).
    """

    saved = Signal()
    save_failed = Signal(str)
    _done = Signal(int)  # emitted on the writer thread; delivered to _settle_finished on the GUI thread

    def __init__(self, session: PlanSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="plan-writer")
        # started now, with the window: started by the first edit's write, the GUI thread waited for
        # the new thread to run (110 ms once, measured with the machine busy)
        self._writer.submit(int)
        self._numbers = itertools.count(1)
        self._in_flight: _Write | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SAVE_DELAY_MS)
        self._timer.timeout.connect(self._start_write)
        self._done.connect(self._settle_finished)

    def schedule(self) -> None:
        """Note an edit: the write starts SAVE_DELAY_MS after the last of a burst."""
        self._timer.start()

    def set_session(self, session: PlanSession) -> None:
        """Save another plan from now on (the caller flushed the old one)."""
        self._timer.stop()
        self._wait_idle()
        self.session = session

    def flush(self) -> bool:
        """Write pending changes now and wait; False (and ``save_failed``) when the disk refuses."""
        self._timer.stop()
        self._wait_idle()
        if not self.session.unsaved:
            return True
        return self._settle(self._submit(), report=True)

    def stop(self) -> None:
        """End the writer thread (the window is going; it flushed first)."""
        self._timer.stop()
        self._wait_idle()
        self._writer.shutdown(wait=True)

    @property
    def writing(self) -> bool:
        return self._in_flight is not None

    def _start_write(self) -> None:
        if self._in_flight is not None or not self.session.unsaved:
            return  # the running write's end starts the next one when the plan changed meanwhile
        self._submit()

    def _submit(self) -> _Write:
        number = next(self._numbers)
        future = self._writer.submit(_write, self.session, self.session.plan)
        write = self._in_flight = _Write(number, self.session, self.session.plan, future)
        future.add_done_callback(lambda _future: self._done.emit(number))
        return write

    def _wait_idle(self) -> None:
        """Let a running write end; its failure is not reported, the caller writes again or moves on."""
        if self._in_flight is not None:
            self._settle(self._in_flight, report=False)

    def _settle_finished(self, number: int) -> None:
        write = self._in_flight
        if write is None or write.number != number:
            return  # flush() already waited for it
        if self._settle(write, report=True) and write.session is self.session and self.session.unsaved:
            self._timer.start()  # edited while it was written: write the newer plan too

    def _settle(self, write: _Write, report: bool) -> bool:
        failure = write.future.result()
        if self._in_flight is write:
            self._in_flight = None
        if failure:
            if report:
                self.save_failed.emit(failure)
            return False
        write.session.mark_saved(write.plan)
        self.saved.emit()
        return True
