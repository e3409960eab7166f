"""Backups: one after each open for writing, a bounded number kept, nothing deleted that the app did
not make, and File > Restore Backup puts an older plan back (after backing up the current one)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from decimal import Decimal

from planner.services.commands import SetRecordField
from planner.services.plan_files import create_plan
from planner.services.plan_session import PlanSession, available_backups, restore_backup
from planner.storage.backup import KEEP_OPEN_BACKUPS, MANIFEST, backup_folder, rotating_backup


def open_and_back_up(path):
    session = PlanSession.open(path)
    session.backup_after_open()
    return session


def test_backups_are_bounded_and_only_the_apps_own_are_removed(tmp_path):
    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    folder = backup_folder(path)
    folder.mkdir()
    mine = folder / "demo-20200101-000000.plan"  # named like a backup, but the user's
    mine.write_bytes(b"the user's own file")
    for _ in range(KEEP_OPEN_BACKUPS + 4):
        rotating_backup(path)
    made = (folder / MANIFEST).read_text().split()
    assert len(made) == KEEP_OPEN_BACKUPS
    assert sorted(p.name for p in folder.glob("*.plan") if p != mine) == sorted(made)
    assert mine.read_bytes() == b"the user's own file"
    for name in made:
        with closing(sqlite3.connect(folder / name)) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_a_read_only_session_makes_no_backup(tmp_path):
    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    session = PlanSession.open(path, read_only=True)
    assert session.backup_after_open() is None
    session.close()
    assert not backup_folder(path).exists()


def test_restore_puts_the_backup_back_and_keeps_the_plan_as_it_was(tmp_path):
    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    session = open_and_back_up(path)
    session.execute(SetRecordField("household", "monthly_savings", Decimal("3333")))
    backup = available_backups(path)[0]
    restored, safety = restore_backup(session, backup)
    try:
        assert restored.plan.household.monthly_savings == 2800
        assert safety.name.startswith("demo.plan.before-restore-")
        assert safety in available_backups(path)
    finally:
        restored.close()
    kept = PlanSession.open(safety, read_only=True)
    assert kept.plan.household.monthly_savings == 3333
    kept.close()


def test_a_damaged_backup_is_refused_and_the_plan_left_as_it_was(tmp_path):
    import pytest

    from planner.storage.errors import PlanFileError

    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    session = PlanSession.open(path)
    session.execute(SetRecordField("household", "monthly_savings", Decimal("3333")))
    bad = tmp_path / "bad.plan"
    with closing(sqlite3.connect(bad)) as connection:
        connection.execute("CREATE TABLE unrelated (x)")
        connection.commit()
    with pytest.raises(PlanFileError):
        restore_backup(session, bad)
    session.close()
    again = PlanSession.open(path)
    assert again.plan.household.monthly_savings == 3333
    again.close()
