"""Undo and redo for every edit: service commands on a QUndoStack.

The editor applies a command through the PlanSession first (validated in memory) and only then
pushes it, so the stack never holds a change that was refused; ``perform`` returns False and leaves
the reason in ``last_problem`` for its caller to show. Undo and redo re-apply commands, and the
plan may refuse those too: the step is then rolled back, the stack stays where it was, and the
reason goes out on ``refused`` (the window shows it). Views listen to ``changed``. Writing the file
is the ``Autosaver``'s job (``autosaver``; ``flush()`` before switching or closing the plan).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction, QUndoCommand, QUndoStack

from planner.domain.problems import PlanProblems
from planner.services.commands import Change, Command
from planner.services.plan_session import PlanSession
from planner.ui.autosaver import Autosaver


class PlanEditor(QObject):
    """The window's one way to change the plan: ``perform(command)``; ``undo()``/``redo()`` over ``stack``."""

    changed = Signal(object)  # Change
    refused = Signal(str)  # an undo or redo the plan refused, in words

    def __init__(self, session: PlanSession, parent: QObject | None = None):
        super().__init__(parent)
        self.session = session
        self.stack = QUndoStack(self)
        self.autosaver = Autosaver(session, self)
        self.last_problem = ""
        self._stepped: _PlanUndoCommand | None = None  # the step undo()/redo() just asked to move

    def set_session(self, session: PlanSession) -> None:
        """Edit another open plan; the old plan's history is forgotten (flush it first)."""
        self.autosaver.set_session(session)
        self.session = session
        self.stack.clear()

    def perform(self, command: Command) -> bool:
        """Apply and record the command; False (with ``last_problem``) when the plan refuses it."""
        if not self._run(self.session.execute, command):
            return False
        self.stack.push(_PlanUndoCommand(self, command))
        return True

    def flush(self) -> bool:
        """Write pending changes now; False (and the autosaver's ``save_failed``) when the disk refuses."""
        return self.autosaver.flush()

    def undo(self) -> None:
        """Undo the last step; a step the plan refuses to undo stays done (and ``refused`` says why)."""
        self._move(self.stack.undo, self.stack.redo)

    def redo(self) -> None:
        """Redo the next step; a step the plan refuses to redo stays undone (and ``refused`` says why)."""
        self._move(self.stack.redo, self.stack.undo)

    def undo_action(self, parent: QObject, text: str) -> QAction:
        """The stack's own Undo action (text and enabled state follow the stack), triggering undo()."""
        return self._rewire(self.stack.createUndoAction(parent, text), self.undo)

    def redo_action(self, parent: QObject, text: str) -> QAction:
        return self._rewire(self.stack.createRedoAction(parent, text), self.redo)

    @staticmethod
    def _rewire(action: QAction, slot: Callable[[], None]) -> QAction:
        action.triggered.disconnect()
        action.triggered.connect(slot)
        return action

    def _move(self, step: Callable[[], None], step_back: Callable[[], None]) -> None:
        self._stepped = None
        step()
        refused, self._stepped = self._stepped, None
        if refused is not None and refused.failed:
            step_back()  # the command skips this call: its plan change was already rolled back

    def _run(self, step: Callable[..., Change], command: Command) -> bool:
        self.last_problem = ""
        try:
            change = step(command, save=False)
        except PlanProblems as problems:
            self.last_problem = "; ".join(p.message for p in problems.problems[:3])
            return False
        self.autosaver.schedule()
        self.changed.emit(change)
        return True

    def _replay(self, undo_step: _PlanUndoCommand, commands: list[Command], forward: bool) -> bool:
        """Run a step's commands; when one is refused, roll back those already run and say so."""
        run, back = self.session.execute, self.session.revert
        if not forward:
            run, back = back, run
        self._stepped = undo_step
        for done, command in enumerate(commands):
            if not self._run(run, command):
                problem = self.last_problem
                for applied in reversed(commands[:done]):
                    self._run(back, applied)
                self.last_problem = problem
                what = "redone" if forward else "undone"
                self.refused.emit(f"{undo_step.text()} could not be {what}: {problem}")
                return False
        return True


def merge_key(command: Command) -> tuple[object, ...] | None:
    """Edits of the same field that follow each other quickly are one undo step (arrowing through a
    combo box's choices commits each one); None for commands that never merge."""
    from planner.services.commands import Batch, SetItemField, SetRecordField, SetStreamField, UpdateScenario

    if isinstance(command, Batch):
        return None if command.merge is None else ("batch", *command.merge)
    if isinstance(command, SetStreamField | SetRecordField | SetItemField):
        return ("base", command.ref)
    if isinstance(command, UpdateScenario) and command.override is not None:
        return ("scenario", command.name, command.override.ref)
    return None


MERGE_WINDOW_S = 1.5
MERGE_ID = 1


class _PlanUndoCommand(QUndoCommand):
    """One undo step: a service command, or a quick run of edits to one field merged together.
    It was applied before being pushed, so the push's own call to redo() does nothing; likewise
    the editor's step back over a refused undo or redo."""

    def __init__(self, editor: PlanEditor, command: Command):
        super().__init__(command.text)
        self._editor = editor
        self._commands = [command]
        self._skip = True  # push() calls redo(), but the command was applied just before
        self._at = time.monotonic()
        self.failed = False  # the last undo or redo was refused and rolled back

    def id(self) -> int:
        return MERGE_ID if merge_key(self._commands[0]) is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, _PlanUndoCommand) or len(other._commands) != 1:
            return False
        if merge_key(other._commands[0]) != merge_key(self._commands[-1]) or other._at - self._at > MERGE_WINDOW_S:
            return False
        self._commands.append(other._commands[0])
        self._at = other._at
        self.setText(other.text())  # the last pick names the step (arrowing through presets)
        return True

    def redo(self) -> None:
        self._replay(forward=True)

    def undo(self) -> None:
        self._replay(forward=False)

    def _replay(self, forward: bool) -> None:
        if self._skip:
            self._skip = False
            return
        commands = self._commands if forward else list(reversed(self._commands))
        self.failed = not self._editor._replay(self, commands, forward)
        self._skip = self.failed  # the editor steps the stack back over this step: nothing to change
