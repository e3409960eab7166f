"""Undo and redo for every edit: service commands on a QUndoStack, and autosave shortly after.

The editor applies a command through the PlanSession first (validated in memory) and only then
pushes it, so the stack never holds a change that was refused. The file is written SAVE_DELAY_MS
after the last edit (a burst of edits is one write) and at once by ``flush()``, which the window
calls before it switches or closes the plan. Views listen to ``changed``; problems the user or the
disk caused arrive on ``problem`` as one line, with nothing lost.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from planner.domain.problems import PlanProblems
from planner.services.commands import Change, Command
from planner.services.errors import PlanFileError
from planner.services.plan_session import PlanSession

SAVE_DELAY_MS = 300


class PlanEditor(QObject):
    """The window's one way to change the plan: ``perform(command)``; undo and redo via ``stack``."""

    changed = Signal(object)  # Change
    problem = Signal(str)
    save_failed = Signal(str)
    saved = Signal()

    def __init__(self, session: PlanSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.stack = QUndoStack(self)
        self.last_problem = ""
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.flush)

    def set_session(self, session: PlanSession) -> None:
        """Edit another open plan; the old plan's history is forgotten (flush it first)."""
        self._save_timer.stop()
        self.session = session
        self.stack.clear()

    def perform(self, command: Command) -> bool:
        """Apply and record the command; False (``last_problem`` and a ``problem``) when the plan refuses it."""
        if not self._run(self.session.execute, command):
            return False
        self.stack.push(_PlanUndoCommand(self, command))
        return True

    def flush(self) -> bool:
        """Write pending changes now; False (and ``save_failed``) when the disk refuses, changes kept."""
        self._save_timer.stop()
        if not self.session.unsaved:
            return True
        try:
            self.session.save()
        except (PlanFileError, OSError) as error:
            self.save_failed.emit(f"Could not save the plan: {error}. Your changes are kept in this window.")
            return False
        self.saved.emit()
        return True

    def _run(self, step: Callable[..., Change], command: Command) -> bool:
        self.last_problem = ""
        try:
            change = step(command, save=False)
        except PlanProblems as problems:
            self.last_problem = "; ".join(p.message for p in problems.problems[:3])
            self.problem.emit(self.last_problem)
            return False
        self._save_timer.start()
        self.changed.emit(change)
        return True


def merge_key(command: Command) -> tuple[object, ...] | None:
    """Edits of the same field that follow each other quickly are one undo step (arrowing through a
    combo box's choices commits each one); None for commands that never merge."""
    from planner.services.commands import SetRecordField, SetStreamField, UpdateScenario

    if isinstance(command, SetStreamField):
        return ("stream", command.uid, command.field_name)
    if isinstance(command, SetRecordField):
        return ("record", command.record, command.field_name)
    if isinstance(command, UpdateScenario) and command.override is not None:
        return ("scenario", command.name, command.override.target, command.override.field)
    return None


MERGE_WINDOW_S = 1.5
MERGE_ID = 1


class _PlanUndoCommand(QUndoCommand):
    """One undo step: a service command, or a quick run of edits to one field merged together.
    It was applied before being pushed, so the push's own call to redo() does nothing."""

    def __init__(self, editor: PlanEditor, command: Command):
        super().__init__(command.text)
        self._editor = editor
        self._commands = [command]
        self._pushed = False
        self._at = time.monotonic()

    def id(self) -> int:
        return MERGE_ID if merge_key(self._commands[0]) is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _PlanUndoCommand) or len(other._commands) != 1:
            return False
        if merge_key(other._commands[0]) != merge_key(self._commands[-1]) or other._at - self._at > MERGE_WINDOW_S:
            return False
        self._commands.append(other._commands[0])
        self._at = other._at
        return True

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        for command in self._commands:
            self._editor._run(self._editor.session.execute, command)

    def undo(self) -> None:
        for command in reversed(self._commands):
            self._editor._run(self._editor.session.revert, command)
