"""Undo and redo for every edit: service commands on a QUndoStack.

The editor applies a command through the PlanSession first (validated, then saved) and only then
pushes it, so the stack never holds a change that was refused. Views listen to ``changed`` and
refresh what the Change names; problems the user or the disk caused arrive on ``problem`` as one
line, with nothing lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.domain.problems import PlanProblems
from planner.services.commands import Change, Command
from planner.services.plan_session import PlanSession
from planner.storage.errors import PlanFileError


class PlanEditor(QObject):
    """The window's one way to change the plan: ``perform(command)``; undo and redo via ``stack``."""

    changed = Signal(object)  # Change
    problem = Signal(str)

    def __init__(self, session: PlanSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.stack = QUndoStack(self)

    def set_session(self, session: PlanSession) -> None:
        """Edit another open plan; the old plan's history is forgotten."""
        self.session = session
        self.stack.clear()

    def perform(self, command: Command) -> bool:
        """Apply and record the command; False (and a ``problem``) when the plan refuses it."""
        if not self._run(self.session.execute, command):
            return False
        self.stack.push(_PlanUndoCommand(self, command))
        return True

    def _run(self, step: Callable[[Command], Change], command: Command) -> bool:
        before = self.session.plan
        try:
            change = step(command)
        except PlanProblems as problems:
            self.problem.emit("; ".join(str(p) for p in problems.problems[:3]))
            return False
        except (PlanFileError, OSError) as error:
            # the change is kept in memory (session.unsaved); the next save may succeed
            self.problem.emit(f"could not save the plan: {error}")
            if self.session.plan is before:
                return False
            change = None
        self.changed.emit(change)
        return True


class _PlanUndoCommand(QUndoCommand):
    """One service command on the stack. It was applied before being pushed, so the push's own
    call to redo() does nothing."""

    def __init__(self, editor: PlanEditor, command: Command):
        super().__init__(command.text)
        self._editor = editor
        self._command = command
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        self._editor._run(self._editor.session.execute, self._command)

    def undo(self) -> None:
        self._editor._run(self._editor.session.revert, self._command)
