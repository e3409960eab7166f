"""When a plan cannot be opened the window is never a dead end: one dialog offers to restore one of
the plan's backups (newest first, with dates), open another plan, create a new one, or quit."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from planner.domain.problems import PlanProblems
from planner.services import plan_rescue
from planner.services.errors import NewerPlanError, PlanFileError
from planner.ui.plan_file_choice import PLAN_FILTER, create_plan_file
from planner.ui.plan_lock import PlanLock


class PlanRescueDialog(QDialog):
    """Accepted with ``chosen`` set to the plan to open (and ``message`` saying what was done);
    rejected when the user quits. File choosers are attributes so tests can answer them."""

    def __init__(self, plan: Path, error: Exception, parent: QWidget | None = None, leave_text: str = "&Quit"):
        """``leave_text``: the last button, Quit at start-up and Cancel from a window that has a plan."""
        super().__init__(parent)
        self.plan = Path(plan)
        problem = str(error)
        self.chosen: Path | None = None
        self.message = ""
        self.ask_open_path = lambda: QFileDialog.getOpenFileName(self, "Open plan", str(self.plan.parent),
                                                                 PLAN_FILTER)[0]
        self.ask_new_path = lambda: QFileDialog.getSaveFileName(self, "New plan", str(self.plan.parent),
                                                                PLAN_FILTER)[0]
        self.setWindowTitle("Cannot open plan")
        try:
            self.backups = plan_rescue.backups(self.plan)
        except PlanFileError as listing:
            self.backups, problem = [], f"{problem}; its backups cannot be listed either ({listing})"
        layout = QVBoxLayout(self)
        for prefix in (f"{self.plan}: ", f"{self.plan.name}: "):
            problem = problem.removeprefix(prefix)  # the errors start with the file, said already
        layout.addWidget(self._wrapped(f"<b>{escape(self.plan.name)}</b> cannot be opened: {escape(problem)}"))
        self.backup_list = QListWidget()
        self.backup_list.addItems([backup.label() for backup in self.backups])
        self.backup_list.setAccessibleName("Backups of this plan, newest first")
        if self.backups:
            layout.addWidget(QLabel("Put one of its backups back in its place (newest first):"))
            layout.addWidget(self.backup_list)
            self.backup_list.setCurrentRow(0)
            self.backup_list.itemActivated.connect(self.restore_selected)
        else:
            self.backup_list.hide()
            layout.addWidget(QLabel("It has no backups (one is made each time a plan is opened)."))
        self.problem = self._wrapped("")
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        layout.addLayout(self._buttons(isinstance(error, NewerPlanError), leave_text))
        self.resize(560, 360 if self.backups else 160)

    def _wrapped(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def _buttons(self, newer: bool, leave_text: str) -> QHBoxLayout:
        """Restore is the default only for a plan this version could use: a newer version's plan
        wants a newer app, not an older copy of itself."""
        row = QHBoxLayout()
        self.restore_button = QPushButton("&Restore Backup")
        self.restore_button.setEnabled(bool(self.backups))
        self.restore_button.clicked.connect(self.restore_selected)
        self.open_button = QPushButton("&Open Another Plan…")
        self.open_button.clicked.connect(self.open_another)
        self.new_button = QPushButton("Create a &New Plan…")
        self.new_button.clicked.connect(self.create_new)
        self.quit_button = QPushButton(leave_text)
        self.quit_button.clicked.connect(self.reject)
        for button in (self.restore_button, self.open_button, self.new_button, self.quit_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        (self.restore_button if self.backups and not newer else self.open_button).setDefault(True)
        return row

    def restore_selected(self) -> None:
        """Put the chosen backup in the plan's place; the plan as it was is kept, never deleted."""
        row = self.backup_list.currentRow()
        if not 0 <= row < len(self.backups):
            return
        backup = self.backups[row]
        lock = PlanLock(self.plan)  # no other window may write the plan while its backup goes in
        try:
            lock.acquire()
        except PlanFileError as error:
            self.problem.setText(f"Cannot restore now: {error}.")
            return
        try:
            session, kept = plan_rescue.restore(self.plan, backup)
            session.close()
        except (PlanFileError, PlanProblems, OSError) as error:
            older = " Try an older one." if "not a usable plan" in str(error) and row + 1 < len(self.backups) else ""
            self.problem.setText(f"Could not restore that backup: {error}.{older}")
            return
        finally:
            lock.release()
        kept_as = f"; the plan as it was is kept as {kept.name}" if kept else ""
        self.message = f"Restored the backup of {backup.made:%Y-%m-%d %H:%M}{kept_as}"
        self._done(self.plan)

    def open_another(self) -> None:
        chosen = self.ask_open_path()
        if chosen:
            self._done(Path(chosen))

    def create_new(self) -> None:
        chosen = self.ask_new_path()
        if not chosen:
            return
        try:
            path = create_plan_file(chosen)
        except (PlanFileError, OSError) as error:
            self.problem.setText(f"Could not create the plan: {error}")
            return
        self.message = f"Created {path.name}"
        self._done(path)

    def _done(self, path: Path) -> None:
        self.chosen = path
        self.accept()
