"""One writer per plan: a QLockFile beside the plan, so a second window (or a second copy of the
app) cannot write the same file. A lock left by a crashed process is taken over."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QLockFile

from planner.services.errors import PlanFileError
from planner.services.plan_files import writable

Opened = TypeVar("Opened")


class PlanLockedError(PlanFileError):
    """Another running window (or copy of the app) has the plan open for writing."""


class PlanLock:
    def __init__(self, plan_path: Path):
        self.path = Path(str(plan_path) + ".lock")
        self._lock = QLockFile(str(self.path))
        self._lock.setStaleLockTime(0)  # only a dead owner's lock is stale, never a live one's

    def acquire(self) -> None:
        """Take the lock or raise PlanFileError naming who holds it."""
        if self._lock.tryLock(0):
            return
        if self._lock.error() == QLockFile.LockError.LockFailedError:
            info = self._lock.getLockInfo()  # (pid, host, app name); empty when unreadable
            holder = f" by {info[2] or 'another program'} (process {info[0]} on {info[1]})" if info else ""
            raise PlanLockedError(f"{self.path.with_suffix('').name}: is open{holder}; close it there first")
        if not self.path.parent.is_dir():
            raise PlanFileError(f"{self.path.parent}: no such folder")
        raise PlanFileError(f"{self.path.parent}: cannot create the lock file for this plan (no permission?)")

    def release(self) -> None:
        self._lock.unlock()


def open_with_lock(path: Path, open_plan: Callable[[], Opened]) -> tuple[Opened, PlanLock]:
    """Take the plan's lock, then open it; the lock is let go again if opening fails."""
    lock = PlanLock(path)
    lock.acquire()
    try:
        return open_plan(), lock
    except BaseException:
        lock.release()
        raise


def open_for_window(path: Path, open_plan: Callable[[bool], Opened],
                    ask_read_only: Callable[[str], bool]) -> tuple[Opened, PlanLock | None]:
    """Open a plan for a window: writable and locked when it can be; read-only (no lock) when the
    file cannot be written, or when another window has it and ``ask_read_only(reason)`` agrees.
    ``open_plan(read_only)`` opens the session; a read-only one is told why (``read_only_reason``)."""
    if Path(path).exists() and not writable(Path(path)):
        return _read_only(open_plan, "the file cannot be written"), None
    try:
        return open_with_lock(Path(path), lambda: open_plan(False))
    except PlanLockedError as error:
        if not ask_read_only(str(error)):
            raise
        return _read_only(open_plan, "another window has it open"), None


def _read_only(open_plan: Callable[[bool], Opened], reason: str) -> Opened:
    opened = open_plan(True)
    opened.read_only_reason = reason  # type: ignore[attr-defined]
    return opened
