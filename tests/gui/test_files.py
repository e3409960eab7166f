"""File menu and plan lock: New, Open, Open Recent, Save a Copy, Close; one writer per plan."""

from decimal import Decimal

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog

from planner.services.commands import SetRecordField
from planner.services.plan_files import create_plan
from planner.storage.errors import PlanFileError
from planner.ui.file_commands import open_locked
from planner.ui.main_window import MainWindow
from planner.ui.plan_lock import PlanLock
from tests.gui.conftest import small_runner
from tests.helpers import stored_plan


@pytest.fixture
def opened(qtbot, tmp_path, us_locale):
    create_plan(tmp_path / "a.plan", demo=True).close()
    session, lock = open_locked(tmp_path / "a.plan")
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, lock, settings, small_runner())
    qtbot.addWidget(window)
    yield window, settings
    window.close()


def test_a_plan_open_in_one_window_is_refused_to_a_second(opened, tmp_path):
    window, _ = opened
    with pytest.raises(PlanFileError, match="is open"):
        PlanLock(window.session.path).acquire()
    window.close()
    second = PlanLock(tmp_path / "a.plan")
    second.acquire()  # free again once the window closed
    second.release()


def test_new_plan_switches_the_window_and_flushes_the_old_one(opened, tmp_path, monkeypatch):
    window, settings = opened
    window.editor.perform(SetRecordField("household", "monthly_savings", Decimal("2100.00")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "fresh"), ""))
    window.files.new_plan()
    assert window.session.path == tmp_path / "fresh.plan"
    assert window.session.plan.streams == () and window.editor.stack.count() == 0
    assert stored_plan(tmp_path / "a.plan").household.monthly_savings == Decimal("2100.00")
    PlanLock(tmp_path / "a.plan").acquire()  # the old plan's lock was released
    recent = [p.name for p in window.files.recent.paths()]
    assert recent[:2] == ["fresh.plan", "a.plan"]
    assert settings.value("recent/plans")  # kept for the next start
    # the plan left behind is offered at once (a disabled menu could not refill itself when opened)
    assert window.files.recent_menu.isEnabled()
    assert [a.text().split()[1] for a in window.files.recent_menu.actions()] == ["a.plan"]


def test_open_recent_lists_other_plans_and_opens_them(opened, tmp_path):
    window, _ = opened
    create_plan(tmp_path / "b.plan").close()
    assert window.files.open_path(tmp_path / "b.plan")
    window.files._fill_recent()
    actions = window.files.recent_menu.actions()
    assert [a.text().split()[1] for a in actions] == ["a.plan"]
    actions[0].trigger()
    assert window.session.path.name == "a.plan" and len(window.session.plan.streams) == 16


def test_opening_a_file_that_is_not_a_plan_keeps_the_current_one(opened, tmp_path):
    window, _ = opened
    junk = tmp_path / "junk.plan"
    junk.write_text("not a database")
    assert not window.files.open_path(junk)
    assert not window.messages.isHidden() and "Could not open" in window.messages.text.text()
    assert window.session.path.name == "a.plan"
    window.editor.perform(SetRecordField("household", "monthly_savings", Decimal("2300.00")))
    assert window.editor.flush()


def test_save_a_copy_writes_a_consistent_copy(opened, tmp_path, monkeypatch):
    window, _ = opened
    window.editor.perform(SetRecordField("household", "monthly_savings", Decimal("2400.00")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "copy.plan"), ""))
    window.files.save_copy()
    assert stored_plan(tmp_path / "copy.plan").household.monthly_savings == Decimal("2400.00")
    window.files.save_copy()  # a second time: the file exists, refused with a message
    assert "already exists" in window.messages.text.text()


def test_the_window_reopens_the_plan_used_last(opened, tmp_path):
    from planner.app.gui import last_used_plan

    window, settings = opened
    create_plan(tmp_path / "b.plan").close()
    assert window.files.open_path(tmp_path / "b.plan")
    assert last_used_plan(settings) == (tmp_path / "b.plan").resolve()
    (tmp_path / "b.plan").unlink()  # a plan that is gone is skipped
    window.files.recent.add(tmp_path / "a.plan")
    assert last_used_plan(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)) == \
        (tmp_path / "a.plan").resolve()
    assert last_used_plan(QSettings(str(tmp_path / "empty.ini"), QSettings.Format.IniFormat)) is None
