"""File > Restore Backup in the window."""

from __future__ import annotations

from decimal import Decimal

from planner.services.plan_files import create_plan
from planner.services.plan_session import available_backups


def test_window_restores_a_backup_from_the_file_menu(qtbot, tmp_path, us_locale):
    from planner.ui.file_commands import open_locked
    from planner.ui.main_window import MainWindow
    from tests.gui.conftest import small_runner

    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    session, lock = open_locked(path)
    window = MainWindow(session, lock, runner=small_runner())
    qtbot.addWidget(window)
    session.backup_after_open()
    assert window.edit_field("household", "monthly_savings", Decimal("2500"), "monthly saving") is None
    assert "Restore &Backup…" in [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert window.files.restore(available_backups(path)[-1])
    assert window.session.plan.household.monthly_savings == 2800
    assert window.statusBar().currentMessage().startswith("Restored ")
    window.close()
