"""File menu: New, Open, Open Recent, Save a Copy, Close. Opening takes the plan's lock first and
only then lets go of the current plan, so a refused file leaves the window as it was."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMenu, QMessageBox, QWidget

from planner.domain.problems import PlanProblems
from planner.export.files import ExportFileError
from planner.services.errors import PlanFileError
from planner.services.plan_rescue import backups
from planner.services.plan_session import PlanSession, restore_backup
from planner.ui import asking
from planner.ui.plan_file_choice import PLAN_FILTER, create_plan_file, with_plan_suffix
from planner.ui.plan_lock import PlanLock, PlanLockedError, open_for_window
from planner.ui.recent_files import RecentFiles
from planner.ui.window_context import PlanHost, WindowContext

if TYPE_CHECKING:  # only a type here: importing it loads the report and the charts, too slow for opening a plan
    from planner.ui.exchange_commands import ExchangeCommands

USER_ERRORS = (PlanFileError, PlanProblems, ExportFileError, OSError)


def open_locked(path: Path, parent: QWidget | None = None) -> tuple[PlanSession, PlanLock | None]:
    """Lock, then open, a plan; read-only when the file cannot be written, or when another window has
    it and the user agrees; PlanFileError when it is not a plan or the user declines."""
    return open_for_window(Path(path), lambda read_only: PlanSession.open(Path(path), read_only),
                           lambda reason: offer_read_only(reason, parent))


def offer_read_only(reason: str, parent: QWidget | None = None) -> bool:
    """Ask whether to open a plan another window is writing, read-only. Offscreen (tests, the
    self-test) nobody can answer: the plan opens read-only."""
    if not asking.can_ask():
        return True
    answer = QMessageBox.question(parent, "Plan already open", f"{reason}.\n\nOpen it read-only here?",
                                  QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
                                  QMessageBox.StandardButton.Open)
    return answer == QMessageBox.StandardButton.Open


class FileCommands:
    def __init__(self, window: PlanHost, settings: QSettings | None):
        self.window = window
        self.recent = RecentFiles(settings)
        self.recent.add(window.session.path)
        self.recent_menu: QMenu | None = None

    def build_menu(self, menu: QMenu, exchange: ExchangeCommands) -> None:
        """The File menu, with the exchange commands' import and export among its entries."""
        self._add(menu, "&New plan…", QKeySequence.StandardKey.New, self.new_plan)
        self._add(menu, "New plan, &guided…", QKeySequence("Ctrl+Shift+N"), self.guided_start)
        self._add(menu, "&Open…", QKeySequence.StandardKey.Open, self.open_dialog)
        self.recent_menu = menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self._fill_recent()
        menu.addSeparator()
        self._add(menu, "Save a &Copy…", QKeySequence("Ctrl+Shift+S"), self.save_copy)
        self._add(menu, "Restore &Backup…", QKeySequence(), self.restore_dialog)
        menu.addAction(exchange.import_action())
        menu.addAction(exchange.returns_tables.action())
        exchange.build_menu(menu.addMenu("&Export"))
        menu.addSeparator()
        self._add(menu, "&Close", QKeySequence("Ctrl+W"), self.window.close)
        self._add(menu, "&Quit", QKeySequence.StandardKey.Quit, self.window.close)

    def _add(self, menu: QMenu, text: str, shortcut: QKeySequence | QKeySequence.StandardKey, slot: object) -> None:
        action = QAction(text, self.window.dialog_parent())
        action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)

    def _fill_recent(self) -> None:
        assert self.recent_menu is not None
        self.recent_menu.clear()
        current = Path(self.window.session.path).resolve()
        paths = [p for p in self.recent.paths() if p.resolve() != current]
        for number, path in enumerate(paths, start=1):
            action = self.recent_menu.addAction(f"&{number} {path.name}  ({path.parent})")
            action.triggered.connect(lambda _checked=False, p=path: self.open_path(p))
        self.recent_menu.setEnabled(bool(paths))

    def _folder(self) -> str:
        return str(Path(self.window.session.path).parent)

    def new_plan(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self.window.dialog_parent(), "New plan", self._folder(), PLAN_FILTER)
        if not chosen:
            return
        try:
            path = create_plan_file(chosen)
        except USER_ERRORS as error:
            self.window.show_problem(f"Could not create the plan: {error}")
            return
        self.open_path(path)

    def guided_start(self) -> None:
        """A few questions make a first plan, which then opens here with its answer running."""
        from planner.ui.guided.wizard import GuidedStart

        wizard = GuidedStart(Path(self._folder()), self.window.dialog_parent())
        if wizard.exec() and wizard.created is not None:
            self.open_path(wizard.created)

    def rescue(self, path: Path, error: Exception) -> bool:
        """A plan that does not open: restore one of its backups, open another, create one, or cancel."""
        from planner.ui.plan_rescue_dialog import PlanRescueDialog

        if not asking.can_ask():
            self.window.show_problem(f"Could not open the plan: {error}")
            return False
        dialog = PlanRescueDialog(path, error, self.window.dialog_parent(), leave_text="Cancel")
        if not dialog.exec() or dialog.chosen is None:
            return False
        if dialog.message:
            self.window.show_message(dialog.message)
        return self.open_path(dialog.chosen)

    def open_dialog(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self.window.dialog_parent(), "Open plan", self._folder(), PLAN_FILTER)
        if chosen:
            self.open_path(Path(chosen))

    def open_path(self, path: Path) -> bool:
        """Show the plan at path in this window; the current one stays open if it cannot be."""
        if Path(path).resolve() == Path(self.window.session.path).resolve():
            return True
        if not Path(path).exists():
            self.window.show_problem(f"{path}: no such file")
            return False
        try:
            session, lock = open_locked(Path(path), self.window.dialog_parent())
        except (PlanFileError, PlanProblems) as error:
            if isinstance(error, PlanLockedError):
                self.window.show_problem(f"Could not open the plan: {error}")
                return False
            return self.rescue(Path(path), error)
        except USER_ERRORS as error:
            self.window.show_problem(f"Could not open the plan: {error}")
            return False
        if not self.window.release_session():
            session.close()
            if lock is not None:
                lock.release()
            return False
        self.window.show_session(session, lock)
        self.recent.add(path)
        self._fill_recent()  # the plan left behind is a recent one now (a disabled menu never refills itself)
        back_up_after_open(self.window, session)
        if session.migration_backup:
            self.window.show_message(f"Plan updated to this version; the old file was kept as "
                                     f"{session.migration_backup.name}")
        return True

    def restore_dialog(self) -> None:
        """Pick one of the plan's backups and restore it (the plan as it is now is backed up first)."""
        if self.window.session.read_only:
            self.window.show_problem("This plan is open read-only; a backup cannot be restored into it.")
            return
        found = backups(self.window.session.path)
        if not found:
            self.window.show_message("This plan has no backups yet; one is made each time it is opened.")
            return
        labels = [backup.label() for backup in found]
        chosen, ok = QInputDialog.getItem(self.window.dialog_parent(), "Restore backup",
                                          "Restore the plan as it was at:", labels, 0, False)
        if ok and chosen:
            self.restore(found[labels.index(chosen)].path)

    def restore(self, backup: Path) -> bool:
        if not self.window.flush():
            return False
        try:
            session, safety = restore_backup(self.window.session, backup)
        except USER_ERRORS as error:
            self.window.show_problem(f"Could not restore the backup: {error}")
            return False
        self.window.show_session(session, self.window.lock)
        self.window.show_message(f"Restored {backup.name}; the plan as it was is kept as {safety.name}")
        return True

    def save_copy(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self.window.dialog_parent(), "Save a copy", self._folder(), PLAN_FILTER)
        if not chosen:
            return
        target = with_plan_suffix(chosen)
        if not self.window.flush():
            return
        try:
            written = self.window.session.save_copy(target)
        except USER_ERRORS as error:
            self.window.show_problem(f"Could not save a copy: {error}")
            return
        self.window.show_message(f"Saved a copy as {written}")


def back_up_after_open(window: WindowContext, session: PlanSession) -> None:
    """A rotating backup of a plan just opened for writing; a failure is said, not fatal."""
    try:
        session.backup_after_open()
    except USER_ERRORS as error:
        window.show_problem(f"Could not back the plan up after opening it: {error}")

