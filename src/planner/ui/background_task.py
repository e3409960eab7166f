"""Slow work (an export's projections, reading a large CSV) off the GUI thread, behind a progress
dialog. The work gets immutable inputs and a ``progress(done, total)`` callback; Cancel makes that
callback raise, so the work stops at its next report. Results and errors come back as signals to
the GUI thread; errors the user caused are messages, anything else is a bug and is logged."""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

Work = Callable[[Callable[[int, int], None]], Any]
LOG = logging.getLogger("planner")
#: How long the window waits for a cancelled task to reach its next progress report when closing.
JOIN_MS = 10_000
POLL_MS = 100  # how often the progress dialog reads the work's progress
YIELD_S = 0.001


class TaskCancelled(Exception):
    """The user pressed Cancel; raised inside the work at its next progress report."""


class _Worker(QObject):
    """Runs the work in the task's thread. Progress is left in ``latest`` for the GUI to poll: with
    PySide6 6.11, frequent signals from a busy Python thread kept the GUI thread from running for
    seconds (measured: a 4.7 s stall while checking 100,000 rows), one signal at the end does not."""

    succeeded = Signal(object)
    failed = Signal(str, str)  # message, traceback ("" for an error the user can fix)

    def __init__(self, work: Work, user_errors: tuple[type[BaseException], ...]) -> None:
        super().__init__()
        self.work, self.user_errors = work, user_errors
        self.cancelled = threading.Event()
        self.latest = (0, 0)

    def report(self, done: int, total: int) -> None:
        if self.cancelled.is_set():
            raise TaskCancelled
        self.latest = (done, total)  # one tuple assignment: atomic under the GIL
        time.sleep(YIELD_S)  # hands the GIL to the GUI thread, which otherwise waits for it for long spells

    @Slot()
    def run(self) -> None:
        try:
            result = self.work(self.report)
        except TaskCancelled:
            self.failed.emit("", "")
        except self.user_errors as error:
            self.failed.emit(str(error), "")
        except Exception as error:  # a bug: relayed, so the window can log it and say so
            self.failed.emit(f"{type(error).__name__}: {error}", traceback.format_exc())
        else:
            self.succeeded.emit(result)


class BackgroundTask(QObject):
    """One piece of work in its own thread; ``finished`` (result) or ``failed`` (message) follow.
    A cancelled task emits ``failed`` with an empty message."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, parent: QWidget, label: str, work: Work,
                 user_errors: tuple[type[BaseException], ...] = ()) -> None:
        super().__init__(parent)
        self.dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle("Passive Income Planner")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.thread = QThread()
        self.thread.setObjectName("backgroundTask")
        self.worker = _Worker(work, user_errors)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self._progressed)
        self.worker.succeeded.connect(self._succeeded)
        self.worker.failed.connect(self._failed)
        self.dialog.canceled.connect(self.cancel)
        self.done = False

    def start(self) -> None:
        self.thread.start()
        self.poll.start()

    def cancel(self) -> None:
        self.worker.cancelled.set()

    @Slot()
    def _progressed(self) -> None:
        done, total = self.worker.latest
        if total <= 0:  # the work does not know how long it takes: a busy indicator
            self.dialog.setMaximum(0)
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(min(done, total))

    @Slot(object)
    def _succeeded(self, result: object) -> None:
        self._end()
        self.finished.emit(result)

    @Slot(str, str)
    def _failed(self, message: str, trace: str) -> None:
        self._end()
        if trace:
            LOG.error("background task failed: %s\n%s", message, trace)
            message = f"this failed unexpectedly ({message}); details are in the log"
        self.failed.emit(message)

    def _end(self) -> None:
        self.done = True
        self.poll.stop()
        self.dialog.reset()
        self.dialog.hide()
        self.thread.quit()
        self.thread.wait()

    def stop(self) -> None:
        """Cancel and join (for closing the window while the task runs)."""
        self.cancel()
        self.thread.quit()
        self.thread.wait(JOIN_MS)
