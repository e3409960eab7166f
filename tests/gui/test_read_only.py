"""Read-only plans: a plan another window has is offered read-only, a file that cannot be written
opens read-only, and both show a banner and refuse every change without touching the file."""

from __future__ import annotations

from decimal import Decimal

import pytest

from planner.services.plan_files import create_plan
from planner.services.plan_session import PlanSession
from planner.ui.main_window import MainWindow
from planner.ui.plan_lock import PlanLock, PlanLockedError, open_for_window
from tests.gui.conftest import small_runner


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "demo.plan"
    create_plan(path, demo=True).close()
    return path


def window_on(qtbot, session, lock=None):
    window = MainWindow(session, lock, runner=small_runner())
    qtbot.addWidget(window)
    window.show()
    return window


def test_a_second_window_is_offered_the_plan_read_only(qtbot, plan_file, us_locale):
    from planner.ui.file_commands import open_locked

    first_session, first_lock = open_locked(plan_file)
    first = window_on(qtbot, first_session, first_lock)
    before = plan_file.read_bytes()
    session, lock = open_locked(plan_file)  # offscreen: the offer is taken
    assert lock is None and session.read_only
    second = window_on(qtbot, session)
    assert second.read_only_banner.isVisible()
    assert "another window has it open" in second.read_only_banner.text()
    assert "read-only" in second.status_label.text()
    problem = second.edit_field("household", "monthly_savings", Decimal("9999"), "monthly saving")
    assert problem is not None and "read-only" in problem
    assert second.session.plan.household.monthly_savings == 2800
    assert second.editor.flush()
    second.close()
    assert plan_file.read_bytes() == before
    assert not first.read_only_banner.isVisible()
    assert first.edit_field("household", "monthly_savings", Decimal("2100"), "monthly saving") is None
    first.close()


def test_declining_the_offer_leaves_the_plan_closed(plan_file, qapp):
    lock = PlanLock(plan_file)
    lock.acquire()
    try:
        with pytest.raises(PlanLockedError):
            open_for_window(plan_file, lambda read_only: PlanSession.open(plan_file, read_only), lambda _why: False)
    finally:
        lock.release()


def test_a_file_that_cannot_be_written_opens_read_only_with_a_banner(qtbot, plan_file, monkeypatch, us_locale):
    # the tests may run as root, who can write any file: the check itself is what is replaced
    import planner.ui.plan_lock as plan_lock

    monkeypatch.setattr(plan_lock, "writable", lambda _path: False)
    before = plan_file.read_bytes()
    session, lock = open_for_window(plan_file, lambda read_only: PlanSession.open(plan_file, read_only),
                                    lambda _why: pytest.fail("nobody else has the plan"))
    assert lock is None and session.read_only
    window = window_on(qtbot, session)
    assert "the file cannot be written" in window.read_only_banner.text()
    assert window.edit_field("household", "monthly_expenses", Decimal("1"), "monthly expenses") is not None
    window.close()
    assert plan_file.read_bytes() == before


def test_a_plan_in_a_folder_that_does_not_exist_is_told_so(tmp_path, qapp):
    from planner.storage.errors import PlanFileError

    with pytest.raises(PlanFileError, match="no such folder"):
        PlanLock(tmp_path / "gone" / "my.plan").acquire()
