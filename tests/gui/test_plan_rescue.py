"""A plan that cannot be opened is never a dead end: the rescue dialog restores one of its backups
(newest first, with dates), opens another plan, creates a new one, or quits."""

from __future__ import annotations

import os
import time
from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings

from planner.app import gui
from planner.app.paths import default_plan_path
from planner.services.commands import SetRecordField
from planner.services.plan_files import create_plan, read_plan
from planner.services.plan_session import PlanSession
from planner.storage.backup import rotating_backup
from planner.storage.errors import DamagedPlanError, NewerPlanError, PlanFileError
from planner.ui import asking
from planner.ui.plan_rescue_dialog import PlanRescueDialog

DAMAGE = b"\0" * 4096


def damaged_plan_with_two_backups(path):
    """Backups with savings 2,800 (older) and 3,100 (newer); then the plan itself is wrecked."""
    create_plan(path, demo=True).close()
    older = rotating_backup(path)
    made = time.time() - 60  # a minute before the newer one: they are listed, and dated, by their times
    os.utime(older, (made, made))
    session = PlanSession.open(path)
    session.execute(SetRecordField("household", "monthly_savings", Decimal("3100")))
    session.save()
    session.close()
    rotating_backup(path)
    path.write_bytes(DAMAGE)
    return path


def answer_with(monkeypatch, act):
    """Make the rescue dialog's exec() press a button instead of waiting for a person."""
    monkeypatch.setattr(asking, "can_ask", lambda: True)

    def exec_(dialog):
        act(dialog)
        return dialog.result()
    monkeypatch.setattr(PlanRescueDialog, "exec", exec_)


def no_recent_plans(folder):
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def opened_plan(opening):
    try:
        return opening.session.path, opening.session.plan
    finally:
        opening.session.close()
        if opening.lock is not None:
            opening.lock.release()


def test_the_dialog_lists_backups_newest_first_with_dates(qtbot, tmp_path):
    plan = damaged_plan_with_two_backups(tmp_path / "mine.plan")
    dialog = PlanRescueDialog(plan, DamagedPlanError("mine.plan: the plan file is damaged"))
    qtbot.addWidget(dialog)
    labels = [dialog.backup_list.item(row).text() for row in range(dialog.backup_list.count())]
    assert len(labels) == 2 and labels == sorted(labels, reverse=True) and labels[0][:2] == "20"
    assert dialog.backup_list.currentRow() == 0 and dialog.restore_button.isDefault()
    dialog.backup_list.setCurrentRow(1)
    dialog.restore_button.click()
    assert dialog.chosen == plan and "kept as mine.plan.not-a-plan-" in dialog.message
    assert read_plan(plan).household.monthly_savings == 2800  # the older one, as chosen
    assert DAMAGE in [p.read_bytes() for p in tmp_path.iterdir() if ".not-a-plan-" in p.name]


def test_a_damaged_default_plan_is_restored_from_its_newest_backup(qtbot, monkeypatch, tmp_path):
    plan = damaged_plan_with_two_backups(default_plan_path())
    answer_with(monkeypatch, lambda dialog: dialog.restore_button.click())
    opening = gui.open_first_plan(None, no_recent_plans(tmp_path))
    path, restored = opened_plan(opening)
    assert path == plan and restored.household.monthly_savings == 3100
    assert "Restored the backup of" in opening.message


def test_a_damaged_plan_named_on_the_command_line_can_open_another_instead(qtbot, monkeypatch, tmp_path):
    broken = tmp_path / "broken.plan"
    broken.write_text("not a plan")
    other = tmp_path / "other.plan"
    create_plan(other, demo=True).close()

    def open_other(dialog):
        assert not dialog.restore_button.isEnabled()  # no backups to restore
        dialog.ask_open_path = lambda: str(other)
        dialog.open_button.click()
    answer_with(monkeypatch, open_other)
    path, _ = opened_plan(gui.open_first_plan(broken, no_recent_plans(tmp_path)))
    assert path == other and broken.read_text() == "not a plan"


def test_create_a_new_plan_from_the_dialog(qtbot, monkeypatch, tmp_path):
    broken = tmp_path / "broken.plan"
    broken.write_text("not a plan")

    def create(dialog):
        dialog.ask_new_path = lambda: str(tmp_path / "fresh")
        dialog.new_button.click()
    answer_with(monkeypatch, create)
    path, plan = opened_plan(gui.open_first_plan(broken, no_recent_plans(tmp_path)))
    assert path == tmp_path / "fresh.plan" and len(plan.streams) == 0


def test_a_backup_that_fails_keeps_the_dialog_open_with_the_reason(qtbot, tmp_path):
    plan = damaged_plan_with_two_backups(tmp_path / "mine.plan")
    dialog = PlanRescueDialog(plan, DamagedPlanError("mine.plan: the plan file is damaged"))
    qtbot.addWidget(dialog)
    dialog.backups[0].path.write_bytes(b"wrecked too")
    dialog.restore_button.click()
    assert dialog.chosen is None and "Could not restore that backup" in dialog.problem.text()
    assert plan.read_bytes() == DAMAGE  # put back where it was
    dialog.backup_list.setCurrentRow(1)
    dialog.restore_button.click()
    assert dialog.chosen == plan and read_plan(plan).household.monthly_savings == 2800


def test_quit_ends_with_the_one_line_error(qtbot, monkeypatch, tmp_path):
    broken = tmp_path / "broken.plan"
    broken.write_text("not a plan")
    answer_with(monkeypatch, lambda dialog: dialog.quit_button.click())
    with pytest.raises(PlanFileError, match="not a Passive Income Planner plan"):
        gui.open_first_plan(broken, no_recent_plans(tmp_path))


def test_a_newer_plan_is_not_restored_over_by_default_and_a_locked_one_not_at_all(qtbot, tmp_path):
    from planner.ui.plan_lock import PlanLock

    plan = damaged_plan_with_two_backups(tmp_path / "mine.plan")
    newer = PlanRescueDialog(plan, NewerPlanError("mine.plan: written by a newer version"))
    qtbot.addWidget(newer)
    assert newer.open_button.isDefault() and not newer.restore_button.isDefault()
    dialog = PlanRescueDialog(plan, DamagedPlanError("mine.plan: damaged"))
    qtbot.addWidget(dialog)
    other_window = PlanLock(plan)
    other_window.acquire()
    try:
        dialog.restore_button.click()
    finally:
        other_window.release()
    assert dialog.chosen is None and "Cannot restore now" in dialog.problem.text()
    assert plan.read_bytes() == DAMAGE


def test_opening_a_damaged_plan_from_the_window_offers_the_rescue(demo_window, monkeypatch, tmp_path):
    plan = damaged_plan_with_two_backups(tmp_path / "other.plan")
    answer_with(monkeypatch, lambda dialog: dialog.restore_button.click())
    shown = []
    monkeypatch.setattr(PlanRescueDialog, "__init__", _recording(PlanRescueDialog.__init__, shown))
    assert demo_window.files.open_path(plan)
    assert shown == ["Cancel"]  # the window keeps its plan if the user backs out: Cancel, not Quit
    assert demo_window.session.path == plan and demo_window.session.plan.household.monthly_savings == 3100


def _recording(init, shown):
    def record(dialog, plan, error, parent=None, leave_text="&Quit"):
        shown.append(leave_text)
        init(dialog, plan, error, parent, leave_text)
    return record
