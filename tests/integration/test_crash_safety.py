"""Crash safety: a plan survives SIGKILL during saves and during projection runs, a dead window's
lock is taken over, and a full disk keeps the edit and lets the save be retried."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from contextlib import closing
from pathlib import Path

import pytest

from planner.services.plan_files import create_plan
from planner.services.plan_session import PlanSession

KILLS = 6

EDIT_LOOP = """
import sys
from decimal import Decimal
from planner.services.commands import SetRecordField
from planner.services.plan_session import PlanSession
session = PlanSession.open(sys.argv[1])
{extra}
value = 100
while True:
    value += 1
    session.execute(SetRecordField("household", "monthly_savings", Decimal(value)))
    print(value, flush=True)  # committed: the save returned
"""

RUNS = """
import threading
from planner.engine.inputs import snapshot
from planner.engine.projection import RunOptions, project
def keep_projecting():
    while True:
        project(snapshot(session.plan), RunOptions(paths=500))
threading.Thread(target=keep_projecting, daemon=True).start()
"""


def integrity(path: Path) -> str:
    with closing(sqlite3.connect(path)) as connection:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]


def kill_during(script: str, path: Path, seconds: float) -> int:
    """Run the script on the plan, SIGKILL it ``seconds`` after its first commit (counted from then, not
    from the start, so a loaded machine's slow imports cannot use the time up); the last value it
    reported committed."""
    child = subprocess.Popen([sys.executable, "-c", script, str(path)], stdout=subprocess.PIPE, text=True)
    first = child.stdout.readline()
    time.sleep(seconds)
    child.send_signal(signal.SIGKILL)
    out, _ = child.communicate()
    lines = (first + out).split()
    return int(lines[-1]) if lines else 100


@pytest.mark.slow
@pytest.mark.parametrize("extra", ["", RUNS], ids=["saves", "saves-during-runs"])
def test_a_kill_never_loses_a_committed_change_or_damages_the_file(tmp_path, extra):
    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    rng = random.Random(7)
    script = EDIT_LOOP.format(extra=textwrap.dedent(extra))
    for _ in range(KILLS):
        committed = kill_during(script, path, rng.uniform(0.05, 0.6))  # after 3 to 40 saves, at any point of one
        assert committed > 100, "the child never got to save"
        assert integrity(path) == "ok"
        session = PlanSession.open(path)
        try:
            saved = session.plan.household.monthly_savings
        finally:
            session.close()
        assert saved >= committed  # killed after a commit and before its line: one more is fine
        assert saved <= committed + 1


def test_a_killed_windows_lock_is_taken_over(tmp_path, qapp):
    from planner.ui.plan_lock import PlanLock, PlanLockedError

    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent("""
        import sys, time
        from planner.ui.plan_lock import PlanLock
        lock = PlanLock(sys.argv[1])  # kept: a collected QLockFile lets go
        lock.acquire()
        print("locked", flush=True)
        time.sleep(60)
    """), str(path)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(PlanLockedError, match="is open by"):
        PlanLock(path).acquire()
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    lock = PlanLock(path)
    lock.acquire()  # the dead owner's lock is stale: taken over
    lock.release()


FULL_DISK = """
import resource, signal, sys
from dataclasses import replace
from planner.domain.defaults import new_stream
from planner.services.commands import AddStream
from planner.services.plan_session import PlanSession
from planner.storage.errors import PlanFileError
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead
session = PlanSession.open(sys.argv[1])
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
size = __import__("os").path.getsize(sys.argv[1])
resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))  # the disk is full: the file cannot grow
failed = None
for number in range(200):
    try:
        session.execute(AddStream(new_stream("index_fund", f"Fund {number}", session.plan.start)))
    except PlanFileError as error:
        failed = (number, str(error))
        break
print("failed", failed[0], flush=True)
print("message", failed[1], flush=True)
print("kept", any(s.name == f"Fund {failed[0]}" for s in session.plan.streams), session.unsaved, flush=True)
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # space again
session.save()
print("retried", len(session.plan.streams), flush=True)
session.close()
"""


def test_a_full_disk_keeps_the_edit_with_a_clear_message_and_the_save_can_be_retried(tmp_path):
    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    before = path.stat().st_size
    result = subprocess.run([sys.executable, "-c", FULL_DISK, str(path)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    message = lines["message"]
    assert any(words in message for words in ("could not save", "cannot be written", "full")), message
    assert str(path.name) in lines["message"]
    assert lines["kept"] == "True True"
    assert integrity(path) == "ok"
    session = PlanSession.open(path)
    try:
        assert len(session.plan.streams) == int(lines["retried"]) > 14
    finally:
        session.close()
    assert path.stat().st_size > before


def test_a_read_only_session_refuses_changes_and_never_writes(tmp_path):
    from decimal import Decimal

    from planner.domain.problems import PlanProblems
    from planner.services.commands import SetRecordField

    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    before = path.read_bytes()
    session = PlanSession.open(path, read_only=True)
    try:
        assert session.read_only
        with pytest.raises(PlanProblems, match="read-only"):
            session.execute(SetRecordField("household", "monthly_savings", Decimal(5)))
        assert session.plan.household.monthly_savings == 2800 and not session.unsaved
        session.save()
    finally:
        session.close()
    assert path.read_bytes() == before
    assert not Path(str(path) + "-journal").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write any file, so a read-only file is not read-only")
def test_a_file_without_write_permission_is_not_writable(tmp_path):
    from planner.storage.connection import writable

    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    path.chmod(0o444)
    assert not writable(path)


WINDOW_LOOP = """
import os, sys
from decimal import Decimal
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QTimer
from planner.app.gui import application
from planner.ui.file_commands import open_locked
from planner.ui.main_window import MainWindow
app = application()
session, lock = open_locked(sys.argv[1])
window = MainWindow(session, lock)  # the real window: live projection in its own process, autosave
window.show()
state = {"value": 100}
def edit():
    state["value"] += 1
    window.edit_field("household", "monthly_savings", Decimal(state["value"]), "monthly saving")
    if state["value"] % 3 == 0 and window.editor.flush():  # the rest wait for the 300 ms autosave
        print(state["value"], flush=True)
    window.request_projection()
timer = QTimer()
timer.timeout.connect(edit)
timer.start(20)
app.exec()
"""


@pytest.mark.slow
def test_killing_the_window_while_it_edits_and_projects_loses_nothing_saved(tmp_path):
    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    rng = random.Random(3)
    for _ in range(3):
        committed = kill_during(WINDOW_LOOP, path, rng.uniform(1.0, 3.0))  # its lock is left behind: taken over
        assert committed > 100, "the window never saved"
        assert integrity(path) == "ok"
        session = PlanSession.open(path)
        try:
            assert session.plan.household.monthly_savings >= committed  # later autosaves may have landed
        finally:
            session.close()
