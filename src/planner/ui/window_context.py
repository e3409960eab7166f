"""What the main window's collaborators may ask of it.

The file and exchange commands, the holdings import and the what-if panels are handed the window
as a ``WindowContext``, never as ``MainWindow``: they see only the open plan and scenario, a way
to perform a command, the message bar, a flush before a file operation and the widget that owns
their dialogs. So they cannot reach into the window's widgets, and none of them imports
``main_window`` (tests/unit/test_import_cycles.py keeps the package free of import cycles).
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from planner.services.commands import Command
from planner.services.plan_session import PlanSession
from planner.ui.plan_lock import PlanLock


@runtime_checkable
class WindowContext(Protocol):
    """The open plan as the window shows it, and the window's ways of changing it and speaking."""

    @property
    def session(self) -> PlanSession:
        """The open plan session (``session.plan`` is the plan as it is now)."""

    @property
    def scenario(self) -> str | None:
        """The scenario the editors show and change (None: the base plan)."""

    @property
    def plan_changed(self) -> SignalInstance:
        """Emitted with the ``Change`` after every edit, undo and redo."""

    def perform(self, command: Command) -> str | None:
        """Run a command (undoable, autosaved); the problem text when the plan refused it."""

    def edit_field(self, target: str, field_name: str, value: Any, label: str = "") -> str | None:
        """Change one field of the base plan or of the selected scenario, as the editors do."""

    def show_problem(self, text: str) -> None:
        """Say something went wrong, in the message bar."""

    def show_message(self, text: str, milliseconds: int = 8000) -> None:
        """Say something was done, in the status bar."""

    def flush(self) -> bool:
        """Write pending edits to the file now; False when the write failed (already reported)."""

    def dialog_parent(self) -> QWidget:
        """The widget that owns the collaborator's dialogs, actions and background tasks."""


@runtime_checkable
class PlanHost(WindowContext, Protocol):
    """A window that can also let go of its plan and show another one (the File menu needs this)."""

    @property
    def lock(self) -> PlanLock | None:
        """The open plan's lock, when this window holds one."""

    def release_session(self) -> bool:
        """Save and close the open plan and free its lock; False when the user keeps it open."""

    def show_session(self, session: PlanSession, lock: PlanLock | None) -> None:
        """Switch to another open plan (the caller flushed and released the old one)."""

    def close(self) -> bool:
        """Close the window (asking first when something would be lost)."""
