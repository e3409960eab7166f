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
from planner.storage.errors import PlanFileError
from planner.ui.file_commands import PLAN_FILTER, create_plan_file


class PlanRescueDialog(QDialog):
    """Accepted with ``chosen`` set to the plan to open (and ``message`` saying what was done);
    rejected when the user quits. File choosers are attributes so tests can answer them."""

    def __init__(self, plan: Path, problem: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.plan = Path(plan)
        self.chosen: Path | None = None
        self.message = ""
        self.ask_open_path = lambda: QFileDialog.getOpenFileName(self, "Open plan", str(self.plan.parent),
                                                                 PLAN_FILTER)[0]
        self.ask_new_path = lambda: QFileDialog.getSaveFileName(self, "New plan", str(self.plan.parent),
                                                                PLAN_FILTER)[0]
        self.setWindowTitle("Cannot open plan")
        self.backups = plan_rescue.backups(self.plan)
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
        layout.addLayout(self._buttons())
        self.resize(560, 360 if self.backups else 160)

    def _wrapped(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        return label

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.restore_button = QPushButton("&Restore Backup")
        self.restore_button.setEnabled(bool(self.backups))
        self.restore_button.clicked.connect(self.restore_selected)
        self.open_button = QPushButton("&Open Another Plan…")
        self.open_button.clicked.connect(self.open_another)
        self.new_button = QPushButton("Create a &New Plan…")
        self.new_button.clicked.connect(self.create_new)
        self.quit_button = QPushButton("&Quit")
        self.quit_button.clicked.connect(self.reject)
        for button in (self.restore_button, self.open_button, self.new_button, self.quit_button):
            button.setAutoDefault(False)
            row.addWidget(button)
        (self.restore_button if self.backups else self.open_button).setDefault(True)
        return row

    def restore_selected(self) -> None:
        """Put the chosen backup in the plan's place; the plan as it was is kept, never deleted."""
        row = self.backup_list.currentRow()
        if not 0 <= row < len(self.backups):
            return
        backup = self.backups[row]
        try:
            session, kept = plan_rescue.restore(self.plan, backup)
        except (PlanFileError, PlanProblems, OSError) as error:
            self.problem.setText(f"Could not restore that backup: {error}. Try an older one.")
            return
        session.close()
        self.message = f"Restored the backup of {backup.made:%Y-%m-%d %H:%M}; the plan as it was is kept as {kept.name}"
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
