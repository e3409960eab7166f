"""Starting the window: application object, icon, default plan and its lock, crash handling."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from planner import APP_NAME
from planner.app.crash import install_excepthook
from planner.app.display import check_display
from planner.app.paths import APPLICATION, ORGANIZATION, default_plan_path, log_path, settings_path
from planner.app.start_bench import START_PROBE
from planner.domain.problems import PlanProblems
from planner.services.plan_files import open_or_create_default
from planner.services.plan_session import PlanSession
from planner.storage.errors import PlanFileError
from planner.ui import asking
from planner.ui.file_commands import back_up_after_open, offer_read_only
from planner.ui.main_window import MainWindow
from planner.ui.plan_lock import PlanLock, PlanLockedError, open_for_window
from planner.ui.plan_rescue_dialog import PlanRescueDialog
from planner.ui.recent_files import RecentFiles


def application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName(APP_NAME)
    app.setWindowIcon(app_icon())
    return app  # type: ignore[return-value]


def app_icon() -> QIcon:
    icon_file = resources.files("planner.resources") / "planner.svg"
    with resources.as_file(icon_file) as path:
        return QIcon(str(path))


def open_session(path: Path | None, read_only: bool = False) -> PlanSession:
    """The plan to show: PLAN if given (it must exist), else the default plan (demo on first run)."""
    if path is None:
        if read_only and default_plan_path().exists():
            return PlanSession.open(default_plan_path(), read_only=True)
        return open_or_create_default(default_plan_path())
    if not Path(path).exists():
        raise PlanFileError(f"{path}: no such file (create one with 'planner new {path}')")
    return PlanSession.open(Path(path), read_only)


def open_window_session(path: Path | None) -> tuple[PlanSession, PlanLock | None]:
    """Like open_session, but holding the plan's lock, so a second window cannot write it too; a plan
    another window has, or one that cannot be written, is offered (or opened) read-only."""
    return open_for_window(Path(path) if path is not None else default_plan_path(),
                           lambda read_only: open_session(path, read_only), offer_read_only)


def _tell_without_terminal(message: str) -> None:
    """A double-clicked app has no terminal for the one-line message: show it in a dialog too.
    Offscreen (tests, --self-test) there is nobody to click it, so only the line is printed."""
    if asking.can_ask():
        QMessageBox.critical(None, "Cannot open plan", message)


def last_used_plan(settings: QSettings) -> Path | None:
    """The plan the window showed last (the newest of Open Recent that still exists), if any."""
    recent = RecentFiles(settings).paths()
    return recent[0] if recent else None


@dataclass
class Opening:
    """The plan the window starts on, and what to tell about how it was reached."""
    session: PlanSession
    lock: PlanLock | None
    message: str = ""
    problem: str = ""
    first_start: bool = False  # the demo was just made as the default plan
    unopened: Path | None = None  # the plan used last, when it could not be opened


def open_first_plan(path: Path | None, settings: QSettings) -> Opening:
    """PLAN, else the plan used last, else the default plan; one that cannot be opened goes to the
    rescue dialog (restore a backup, open another, create new, quit) instead of a dead end."""
    last = last_used_plan(settings) if path is None else None
    target = path if last is None else last
    first_start = target is None and not default_plan_path().exists()
    try:
        return Opening(*open_window_session(target), first_start=first_start)
    except (PlanFileError, PlanProblems) as error:
        if last is None:
            return rescue(path or default_plan_path(), error)
        problem = f"The plan used last could not be opened ({error}); showing the default plan."
    try:
        return Opening(*open_window_session(None), problem=problem, unopened=last)
    except (PlanFileError, PlanProblems) as error:
        return rescue(default_plan_path(), error)


def rescue(plan: Path, error: PlanFileError | PlanProblems) -> Opening:
    """Offer the rescue dialog until a plan opens or the user quits (then the error is raised: main()
    prints it as one line and exits 1). A first plan another window has open is only reported."""
    if not asking.can_ask() or isinstance(error, PlanLockedError):
        _tell_without_terminal(str(error))
        raise error
    while True:
        dialog = PlanRescueDialog(plan, error)
        if dialog.exec() != QDialog.DialogCode.Accepted or dialog.chosen is None:
            raise error
        plan = dialog.chosen
        try:
            return Opening(*open_window_session(plan), message=dialog.message)
        except (PlanFileError, PlanProblems) as again:
            error = again


def quit_when_idle_if_probed(app: QApplication) -> None:
    """Under ``planner.app.start_bench`` (its variable set): once the event loop is idle after the
    first frame, print the wall clock and the CPU time used, and quit; the start is thus measured
    from outside the process, imports included."""
    if os.environ.get(START_PROBE):
        def report() -> None:
            print(f"{START_PROBE} {time.time():.6f} {time.process_time():.6f}", flush=True)
            app.quit()

        QTimer.singleShot(0, report)


def run_window(path: Path | None) -> int:
    check_display()
    app = application()
    settings = QSettings(str(settings_path()), QSettings.Format.IniFormat)
    install_excepthook(log_path())  # before anything can fail unforeseen, the rescue dialog included
    opening = open_first_plan(path, settings)
    window = MainWindow(opening.session, opening.lock, settings)
    window.show()
    back_up_after_open(window, opening.session)
    if opening.session.migration_backup:
        window.show_message("Plan updated to this version; the old file was kept as "
                            f"{opening.session.migration_backup.name}")
    if opening.message:
        window.show_message(opening.message)
    if opening.problem and opening.unopened is not None:
        unopened = opening.unopened
        window.messages.show_message(opening.problem, "warning", "Rescue it…",
                                     lambda: window.files.open_path(unopened))
    elif opening.problem:
        window.show_problem(opening.problem)
    if opening.first_start:
        window.offer_guided_start()
    quit_when_idle_if_probed(app)
    status = app.exec()
    window.dispose()  # also after a quit without closing the window (a desktop session ending)
    return status
