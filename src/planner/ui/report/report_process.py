"""The plan report written by a child process, so the window's GUI thread never waits for it.

A report runs the plan and its scenarios, builds every chart as widgets, lays out the pages and
writes the file: about a second of the GUI thread for the drawing and writing alone (a 750 ms stall
was measured with it in the window's process), and the projections' Python loops competing for the
GIL. Here a spawned child (its own QApplication, offscreen) does all of it; the window's background
task only waits on a pipe for progress and the page count, and ends the child when cancelled.
"""

from __future__ import annotations

import multiprocessing
import os
import traceback
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from planner.domain.plan import Plan
from planner.export.files import ExportFileError
from planner.services.errors import SimulationError
from planner.services.projection import stop_engine_workers

#: How often the waiting thread looks at the pipe (and so at Cancel).
POLL_SECONDS = 0.1
#: How long a cancelled child gets to leave before it is killed.
EXIT_SECONDS = 2.0
LOST = "the report process stopped unexpectedly"


def write_report_in_child(plan: Plan, target: Path, page_size: str,
                          progress: Callable[[int, int], None]) -> int:
    """Write the report of ``plan`` to ``target`` in a child process; the page count. ``progress``
    hears (done, total) after each projection and may raise to cancel (the child is then ended).
    The child's user errors come back as ExportFileError (the file) or SimulationError (a run)."""
    context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
    receiver, sender = context.Pipe(duplex=False)
    # not a daemon: a daemonic process may not start the engine's worker processes (engine.workers)
    child = context.Process(target=_child, args=(plan, str(target), page_size, sender),
                            name="planner-report", daemon=False)
    child.start()
    sender.close()
    cancelled = False

    def asked(done: int, total: int) -> None:
        nonlocal cancelled
        try:
            progress(done, total)
        except BaseException:
            cancelled = True
            raise

    try:
        return _follow(receiver, child, asked)
    finally:
        receiver.close()
        if not cancelled:  # it has answered and is leaving: let it stop its workers and free their semaphores
            child.join(EXIT_SECONDS)
        if child.is_alive():
            child.terminate()
        child.join(EXIT_SECONDS)


def _follow(receiver: Connection, child: Any, progress: Callable[[int, int], None]) -> int:
    """Relay the child's messages until its answer; the pipe's end without one is a lost child."""
    latest = (0, 0)
    while True:
        progress(*latest)  # raises when the user cancelled
        if not receiver.poll(POLL_SECONDS):
            if not child.is_alive() and not receiver.poll():
                raise ExportFileError(LOST)
            continue
        try:
            kind, *values = receiver.recv()
        except EOFError:
            raise ExportFileError(LOST) from None
        if kind == "progress":
            latest = (values[0], values[1])
        elif kind == "done":
            return int(values[0])
        else:
            error_type, message, details = values
            raise _error(error_type, message, details)


def _error(error_type: str, message: str, details: str) -> Exception:
    if error_type == "simulation":
        return SimulationError(message)
    if error_type == "file":
        return ExportFileError(message)
    return RuntimeError(f"{message}\n{details}")  # a bug in the child: logged by the background task


def _child(plan: Plan, target: str, page_size: str, sender: Connection) -> None:
    """The child process: project, draw and write; every outcome goes back as one message."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # nothing of it is ever shown
    try:
        sender.send(("done", _write(plan, Path(target), page_size, sender)))
    except SimulationError as error:
        sender.send(("error", "simulation", str(error), ""))
    except (ExportFileError, OSError) as error:
        sender.send(("error", "file", str(error), ""))
    except Exception as error:
        sender.send(("error", "bug", f"{type(error).__name__}: {error}", traceback.format_exc()))
    finally:
        sender.close()
        stop_engine_workers()


def _write(plan: Plan, target: Path, page_size: str, sender: Connection) -> int:
    from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from planner.services.report import gather_report
    from planner.ui.report.plan_report import write_plan_report

    def quiet(_kind: QtMsgType, _context: QMessageLogContext, _message: str) -> None:
        """The offscreen platform's notes about window sizes change nothing in the file."""

    qInstallMessageHandler(quiet)
    application = QApplication.instance() or QApplication(["planner-report"])  # noqa: F841 - alive while drawing
    data = gather_report(plan, progress=lambda done, total: sender.send(("progress", done, total)))
    return write_plan_report(target, data, page_size)
