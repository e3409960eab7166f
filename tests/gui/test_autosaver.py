"""The autosaver writes off the GUI thread, one writer thread in order, a burst of edits as one write."""

import threading
from decimal import Decimal

import pytest

from planner.services.commands import SetRecordField
from planner.services.plan_files import create_plan
from planner.storage.errors import PlanFileError
from planner.ui.autosaver import SAVE_DELAY_MS, Autosaver
from tests.helpers import stored_plan


@pytest.fixture
def session(tmp_path):
    session = create_plan(tmp_path / "demo.plan", demo=True)
    yield session
    session.close()


@pytest.fixture
def autosaver(qtbot, session):
    saver = Autosaver(session)
    yield saver
    saver.stop()


def record_writes(session, monkeypatch):
    """Each write's thread and plan, in order, while still writing the file."""
    writes = []
    real_write = session.write

    def write(plan):
        writes.append((threading.current_thread(), plan))
        real_write(plan)

    monkeypatch.setattr(session, "write", write)
    return writes


def edit(session, autosaver, savings):
    session.execute(SetRecordField("household", "monthly_savings", Decimal(savings)), save=False)
    autosaver.schedule()


def test_a_burst_of_edits_is_one_write_on_a_thread_that_is_not_the_gui_thread(qtbot, session, autosaver, monkeypatch):
    writes = record_writes(session, monkeypatch)
    for savings in range(2000, 2010):
        edit(session, autosaver, savings)
    assert session.unsaved and not writes  # nothing is written while the edits keep coming
    with qtbot.waitSignal(autosaver.saved, timeout=SAVE_DELAY_MS * 10):
        pass
    assert len(writes) == 1
    thread, plan = writes[0]
    assert thread is not threading.main_thread()
    assert plan.household.monthly_savings == Decimal(2009)
    assert not session.unsaved
    assert stored_plan(session.path).household.monthly_savings == Decimal(2009)


def test_an_edit_made_while_a_write_runs_is_written_after_it_on_the_same_thread(qtbot, session, autosaver,
                                                                                monkeypatch):
    writes = record_writes(session, monkeypatch)
    release = threading.Event()
    real_write = session.write

    def slow_write(plan):
        release.wait(5)
        real_write(plan)

    monkeypatch.setattr(session, "write", slow_write)
    edit(session, autosaver, 2001)
    qtbot.waitUntil(lambda: autosaver.writing, timeout=SAVE_DELAY_MS * 10)
    edit(session, autosaver, 2002)  # the plan moves on while the first snapshot is being written
    release.set()
    qtbot.waitUntil(lambda: not session.unsaved and not autosaver.writing, timeout=SAVE_DELAY_MS * 20)
    assert [plan.household.monthly_savings for _thread, plan in writes] == [Decimal(2001), Decimal(2002)]
    assert len({thread for thread, _plan in writes}) == 1
    assert stored_plan(session.path).household.monthly_savings == Decimal(2002)


def test_flush_writes_at_once_and_waits_for_the_file(qtbot, session, autosaver, monkeypatch):
    writes = record_writes(session, monkeypatch)
    edit(session, autosaver, 2100)
    assert autosaver.flush()
    assert not session.unsaved and len(writes) == 1 and writes[0][0] is not threading.main_thread()
    assert stored_plan(session.path).household.monthly_savings == Decimal(2100)
    assert autosaver.flush() and len(writes) == 1  # nothing pending: nothing written
    qtbot.wait(SAVE_DELAY_MS * 2)
    assert len(writes) == 1  # the stopped timer does not write again


def test_a_refused_write_is_reported_and_the_change_kept(qtbot, session, autosaver, monkeypatch):
    def full_disk(_plan):
        raise PlanFileError("demo.plan: could not save (database or disk is full)")

    monkeypatch.setattr(session, "write", full_disk)
    edit(session, autosaver, 2200)
    with qtbot.waitSignal(autosaver.save_failed, timeout=SAVE_DELAY_MS * 10) as blocker:
        pass
    assert "Could not save the plan" in blocker.args[0] and "disk is full" in blocker.args[0]
    assert session.unsaved and session.plan.household.monthly_savings == Decimal(2200)
    with qtbot.waitSignal(autosaver.save_failed):
        assert not autosaver.flush()
    monkeypatch.undo()
    assert autosaver.flush() and not session.unsaved
    assert stored_plan(session.path).household.monthly_savings == Decimal(2200)


def test_the_windows_edits_undo_and_scenario_edits_are_written_only_off_the_gui_thread(demo_window, qtbot,
                                                                                      monkeypatch):
    """Every write of the plan file while the window is used goes through the store: none may run on
    the GUI thread (the 20-50 ms write was the longest stall of the window's live runs)."""
    window = demo_window
    store = window.session._store
    threads = []
    real_save = store.save

    def save(plan):
        threads.append(threading.get_ident())
        real_save(plan)

    monkeypatch.setattr(store, "save", save)
    gui = threading.get_ident()
    window.edit_field("household", "monthly_savings", Decimal(2100), "monthly savings")
    qtbot.waitUntil(lambda: not window.session.unsaved, timeout=SAVE_DELAY_MS * 20)
    window.undo_action.trigger()
    qtbot.waitUntil(lambda: not window.session.unsaved, timeout=SAVE_DELAY_MS * 20)
    window.scenarios.select("Barbell")
    window.edit_field("household", "monthly_expenses", Decimal(3100), "monthly expenses")
    qtbot.waitUntil(lambda: not window.session.unsaved, timeout=SAVE_DELAY_MS * 20)
    assert len(threads) >= 3 and gui not in threads


def test_the_writer_thread_runs_before_the_first_edit(qtbot, session):
    """Starting a thread waits for it to run; the first autosave must not make the GUI thread wait."""
    before = {thread for thread in threading.enumerate() if thread.name.startswith("plan-writer")}
    saver = Autosaver(session)
    try:
        qtbot.waitUntil(lambda: any(thread.name.startswith("plan-writer") and thread not in before
                                    for thread in threading.enumerate()), timeout=1000)
    finally:
        saver.stop()
