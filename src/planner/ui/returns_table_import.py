"""File > Import Returns Table: a monthly returns CSV added to the plan (kept in the plan file) as
one undoable edit, and the Assumptions' Remove button taking one out again.

The file is checked before anything changes: a refused file leaves the plan as it was and says
why, naming the line and column."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit

from planner.domain.plan import ReturnsTableText
from planner.services.returns_tables import (
    AddReturnsTable,
    RemoveReturnsTable,
    ReturnsTableRefused,
    free_table_name,
    name_problem,
    read_returns_table,
)
from planner.ui.asking import can_ask
from planner.ui.window_context import WindowContext

FILTER = "CSV files (*.csv);;All files (*)"


class ReturnsTableImport:
    def __init__(self, window: WindowContext) -> None:
        self.window = window

    def action(self) -> QAction:
        action = QAction("Import &Returns Table…", self.window.dialog_parent())
        action.setToolTip("Add a monthly returns table (CSV) to the plan, to replay and backtest on")
        action.triggered.connect(lambda: self.import_file())
        return action

    def import_file(self, path: Path | None = None, name: str | None = None) -> str | None:
        """Check the file, ask for a name (the file's stem by default), add the table; the name
        it took, or None when nothing changed. ``path``/``name`` skip the dialogs (tests)."""
        if path is None:
            chosen, _ = QFileDialog.getOpenFileName(self.window.dialog_parent(), "Import returns table", "", FILTER)
            if not chosen:
                return None
            path = Path(chosen)
        try:
            text = read_returns_table(path)
        except ReturnsTableRefused as error:
            self.window.show_problem(f"The returns table was not imported: {error}")
            return None
        name = self._name(Path(path).stem) if name is None else name.strip()
        if name is None:
            return None
        problem = name_problem(self.window.session.plan, name) or self.window.perform(
            AddReturnsTable(ReturnsTableText(name, text)))
        if problem:
            self.window.show_problem(f"The returns table was not imported: {problem}")
            return None
        self.window.show_message(f"Imported the returns table {name!r}; the plan now replays it "
                                 "(Assumptions > History table; What-if > Backtest)")
        return name

    def _name(self, stem: str) -> str | None:
        """The name the user gives the table (None: cancelled); offscreen, the free default."""
        suggested = free_table_name(self.window.session.plan, stem)
        if not can_ask():
            return suggested
        name, accepted = QInputDialog.getText(self.window.dialog_parent(), "Import returns table",
                                              "Name of the table in this plan:", QLineEdit.EchoMode.Normal, suggested)
        return name.strip() if accepted else None

    def remove(self, name: str) -> None:
        """Take an imported table out of the plan (undoable); a plan replaying it goes back to the built-in one."""
        problem = self.window.perform(RemoveReturnsTable(name))
        if problem:
            self.window.show_problem(f"The returns table was not removed: {problem}")
        else:
            self.window.show_message(f"Removed the returns table {name!r} (Undo puts it back)")
