"""Starting the window: application object, icon, default plan, crash handling, File > Open."""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from planner import APP_NAME
from planner.app.crash import install_excepthook
from planner.app.paths import APPLICATION, ORGANIZATION, PLAN_SUFFIX, default_plan_path, log_path
from planner.domain.problems import PlanProblems
from planner.services.plan_files import open_or_create_default
from planner.services.plan_session import PlanSession
from planner.storage.errors import PlanFileError
from planner.ui.main_window import MainWindow


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


def open_session(path: Path | None) -> PlanSession:
    """The plan to show: PLAN if given (it must exist), else the default plan (demo on first run)."""
    if path is None:
        return open_or_create_default(default_plan_path())
    if not Path(path).exists():
        raise PlanFileError(f"{path}: no such file (create one with 'planner new {path}')")
    return PlanSession.open(Path(path))


def _tell_without_terminal(message: str) -> None:
    """A double-clicked app has no terminal for the one-line message: show it in a dialog too.
    Offscreen (tests, --self-test) there is nobody to click it, so only the line is printed."""
    if QApplication.platformName() != "offscreen":
        QMessageBox.critical(None, "Cannot open plan", message)


def run_window(path: Path | None) -> int:
    app = application()
    try:
        session = open_session(path)
    except (PlanFileError, PlanProblems) as error:
        _tell_without_terminal(str(error))
        raise  # main() prints it as one line and exits 1
    install_excepthook(log_path())
    window = MainWindow(session)

    def open_other() -> None:
        chosen, _ = QFileDialog.getOpenFileName(window, "Open plan", str(session.path.parent),
                                                f"Plans (*{PLAN_SUFFIX});;All files (*)")
        if not chosen:
            return
        try:
            other = PlanSession.open(Path(chosen))
        except (PlanFileError, PlanProblems) as error:
            QMessageBox.warning(window, "Cannot open plan", str(error))
            return
        window.session.close()
        window.show_session(other)

    window.open_requested.connect(open_other)
    window.show()
    if session.migration_backup:
        window.show_message(f"Plan updated to this version; the old file was kept as {session.migration_backup.name}")
    status = app.exec()
    window.session.close()
    return status
