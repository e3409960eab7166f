"""`planner restore`: a plan's backups listed newest first, and one put back - on a plan that opens
(it is backed up first) and on a damaged one (it is moved aside, never deleted)."""

from __future__ import annotations

from decimal import Decimal

from planner.services.commands import SetRecordField
from planner.services.plan_files import create_plan, read_plan
from planner.services.plan_session import PlanSession
from planner.storage.backup import rotating_backup
from tests.helpers import run_cli as run


def demo_with_backup(tmp_path):
    """A demo plan, backed up, then changed: the backup has savings 2,800, the plan 3,333."""
    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    rotating_backup(path)
    session = PlanSession.open(path)
    session.execute(SetRecordField("household", "monthly_savings", Decimal("3333")))
    session.save()
    session.close()
    return path


def test_list_shows_backups_newest_first_with_dates(tmp_path, capsys):
    path = demo_with_backup(tmp_path)
    status, out, _ = run(capsys, "restore", str(path), "--list")
    lines = out.strip().splitlines()
    assert status == 0 and len(lines) == 1
    assert lines[0].startswith("20") and lines[0].endswith(".plan")


def test_latest_puts_the_backup_back_and_keeps_the_plan_as_it_was(tmp_path, capsys):
    path = demo_with_backup(tmp_path)
    status, out, _ = run(capsys, "restore", str(path), "--latest")
    assert status == 0 and "restored" in out and "before-restore" in out
    assert read_plan(path).household.monthly_savings == 2800
    kept = out.rsplit("kept as ", 1)[1].strip()
    assert read_plan(kept).household.monthly_savings == 3333


def test_a_damaged_plan_is_moved_aside_and_the_backup_takes_its_place(tmp_path, capsys):
    path = demo_with_backup(tmp_path)
    path.write_bytes(b"\0" * 4096)  # a plan wrecked on disk
    (tmp_path / "demo.plan-journal").write_bytes(b"stale journal")
    status, out, _ = run(capsys, "restore", str(path), "--latest")
    assert status == 0, out
    assert read_plan(path).household.monthly_savings == 2800
    aside = [p for p in tmp_path.iterdir() if ".not-a-plan-" in p.name]
    assert sorted(p.name.endswith("-journal") for p in aside) == [False, True]
    assert b"\0" * 4096 in [p.read_bytes() for p in aside]
    assert not (tmp_path / "demo.plan-journal").exists()


def test_a_named_backup_is_restored_and_a_wrong_name_lists_the_real_ones(tmp_path, capsys):
    path = demo_with_backup(tmp_path)
    _, listing, _ = run(capsys, "restore", str(path), "--list")
    name = listing.split()[-1]
    code, _, err = run(capsys, "restore", str(path), "--backup", "nope.plan")
    assert code == 1 and name in err and err.count("\n") == 1
    assert read_plan(path).household.monthly_savings == 3333
    assert run(capsys, "restore", str(path), "--backup", name)[0] == 0
    assert read_plan(path).household.monthly_savings == 2800


def test_no_backups_gives_one_line(tmp_path, capsys):
    path = tmp_path / "new.plan"
    create_plan(path).close()
    assert run(capsys, "restore", str(path), "--list")[1].strip().endswith("no backups")
    code, _, err = run(capsys, "restore", str(path), "--latest")
    assert code == 1 and "no backups" in err and err.count("\n") == 1


def test_a_bad_backup_leaves_the_damaged_plan_where_it_was(tmp_path, capsys):
    path = demo_with_backup(tmp_path)
    damaged = b"\0" * 4096
    path.write_bytes(damaged)
    _, listing, _ = run(capsys, "restore", str(path), "--list")
    backup = next((tmp_path).rglob(listing.split()[-1]))
    backup.write_bytes(b"also not a plan")
    code, _, err = run(capsys, "restore", str(path), "--latest")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
    assert path.read_bytes() == damaged
    assert not [p for p in tmp_path.iterdir() if ".not-a-plan-" in p.name]


def test_a_plan_open_in_a_window_is_not_restored_under_it(tmp_path, capsys):
    from planner.ui.plan_lock import PlanLock

    path = demo_with_backup(tmp_path)
    window = PlanLock(path)
    window.acquire()
    try:
        code, _, err = run(capsys, "restore", str(path), "--latest")
    finally:
        window.release()
    assert code == 1 and "close it there first" in err and err.count("\n") == 1
    assert read_plan(path).household.monthly_savings == 3333


def test_a_failed_restore_puts_the_plan_back_with_its_journal(tmp_path, capsys):
    path = demo_with_backup(tmp_path)
    path.write_bytes(b"\0" * 4096)
    (tmp_path / "demo.plan-journal").write_bytes(b"its journal")
    _, listing, _ = run(capsys, "restore", str(path), "--list")
    next(tmp_path.rglob(listing.split()[-1])).write_bytes(b"not a plan")
    code, _, err = run(capsys, "restore", str(path), "--latest")
    assert code == 1 and "is not a usable plan" in err
    assert (tmp_path / "demo.plan-journal").read_bytes() == b"its journal"
    assert not [p for p in tmp_path.iterdir() if ".not-a-plan-" in p.name]


def test_a_missing_plan_gets_its_backup_and_says_nothing_was_kept(tmp_path, capsys):
    path = demo_with_backup(tmp_path)
    path.unlink()
    status, out, _ = run(capsys, "restore", str(path), "--latest")
    assert status == 0 and "no plan file to keep" in out and "(16 streams)" in out
    assert read_plan(path).household.monthly_savings == 2800


def test_an_unlistable_backup_folder_gives_one_line(tmp_path, capsys):
    path = tmp_path / "a.plan"
    path.write_text("x")
    (tmp_path / "a.plan.backups").write_text("a file where the folder should be")
    code, _, err = run(capsys, "restore", str(path), "--list")
    assert code == 1 and err.count("\n") == 1 and "Traceback" not in err
