"""Every edit goes through the undo stack: applied, saved, undone and redone, refused edits never recorded."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from planner.services.commands import SetRecordField, SetStreamField
from planner.services.plan_files import create_plan
from planner.ui.main_window import MainWindow
from tests.gui.conftest import small_runner
from tests.helpers import saved_plan, stored_plan


@pytest.fixture
def window(qtbot, tmp_path, us_locale):
    session = create_plan(tmp_path / "demo.plan", demo=True)
    window = MainWindow(session, runner=small_runner())
    qtbot.addWidget(window)
    yield window
    session.close()


def test_an_edit_is_saved_and_can_be_undone_and_redone(window):
    editor = window.editor
    assert editor.perform(SetRecordField("household", "monthly_expenses", Decimal("5000.00"), "monthly expenses"))
    assert saved_plan(window).household.monthly_expenses == Decimal("5000.00")
    assert window.undo_action.text() == "&Undo Change monthly expenses"
    window.undo_action.trigger()
    assert saved_plan(window).household.monthly_expenses == Decimal("3400.00")
    window.redo_action.trigger()
    assert saved_plan(window).household.monthly_expenses == Decimal("5000.00")
    assert editor.stack.count() == 1


def test_views_follow_undo_and_redo(window):
    flat = window.session.plan.stream("flatb")
    window.editor.perform(SetStreamField("flatb", "name", "Flat C"))
    names = [window.stream_model.index(r, 0).data() for r in range(window.stream_model.rowCount())]
    assert "Flat C" in names and flat.name not in names
    window.undo_action.trigger()
    names = [window.stream_model.index(r, 0).data() for r in range(window.stream_model.rowCount())]
    assert flat.name in names and "Flat C" not in names


def test_a_refused_edit_is_not_recorded_and_nothing_is_saved(window):
    before = saved_plan(window)
    assert not window.editor.perform(SetRecordField("household", "monthly_expenses", Decimal("-1")))
    problem = window.editor.last_problem
    assert "monthly_expenses" in problem or "expenses" in problem.lower()
    assert window.editor.stack.count() == 0
    assert saved_plan(window) == before


def cell(window, uid, column):
    row = next(r for r in range(window.stream_model.rowCount()) if window.stream_model.stream_at(r).uid == uid)
    return window.stream_model.index(row, column)


def test_cells_are_edited_in_place_saved_and_undoable(window, qtmodeltester):
    model = window.stream_model
    qtmodeltester.check(model)
    amount = cell(window, "emergency", 3)
    assert model.flags(amount) & Qt.ItemFlag.ItemIsEditable
    assert not model.flags(cell(window, "emergency", 1)) & Qt.ItemFlag.ItemIsEditable  # kind is fixed
    assert amount.data(Qt.ItemDataRole.EditRole) == "18,000.00"  # edited as the locale writes it
    assert model.setData(amount, "20,500.50")
    assert saved_plan(window).stream("emergency").starting_amount == Decimal("20500.50")
    assert "20,500.50" in amount.data()
    window.undo_action.trigger()
    assert saved_plan(window).stream("emergency").starting_amount == Decimal("18000.00")


def test_bad_text_in_a_cell_is_refused_with_a_message(window, qtbot):
    model = window.stream_model
    before = saved_plan(window)
    with qtbot.waitSignal(model.edit_refused) as blocker:
        assert not model.setData(cell(window, "emergency", 3), "lots")
    assert "Emergency fund" in blocker.args[0]
    with qtbot.waitSignal(model.edit_refused) as blocker:  # bounds are checked before any command
        assert not model.setData(cell(window, "emergency", 6), "-5")  # below the minimum
    assert "Upkeep must be between 0 and 744" in blocker.args[0]
    assert not model.setData(cell(window, "emergency", 0), "")  # a stream needs a name
    assert saved_plan(window) == before and window.editor.stack.count() == 0


def test_edits_are_saved_automatically_shortly_after(window, qtbot):
    path = window.session.path
    assert window.editor.perform(SetRecordField("household", "monthly_savings", Decimal("2500.00")))
    assert window.isWindowModified()
    # the writer thread writes the file, then the window hears of it: wait for both
    qtbot.waitUntil(lambda: not window.session.unsaved and not window.isWindowModified(), timeout=3000)
    assert stored_plan(path).household.monthly_savings == Decimal("2500.00")


def test_a_refused_redo_is_reported_and_leaves_plan_and_history_as_they_were(window, qtbot):
    editor = window.editor
    expenses = SetRecordField("household", "monthly_expenses", Decimal("5000.00"), "monthly expenses")
    assert editor.perform(expenses)
    assert editor.perform(SetRecordField("household", "monthly_savings", Decimal("2500.00")))
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert editor.stack.index() == 0
    expenses.value = Decimal("-1")  # its re-apply is now refused by validation
    with qtbot.waitSignal(editor.refused) as blocker:
        window.redo_action.trigger()
    assert "could not be redone" in blocker.args[0] and "expenses" in blocker.args[0].lower()
    assert "could not be redone" in window.messages.text.text()
    assert window.session.plan.household.monthly_expenses == Decimal("3400.00")
    assert (editor.stack.index(), editor.stack.count()) == (0, 2)
    assert window.redo_action.isEnabled() and not window.undo_action.isEnabled()
    expenses.value = Decimal("5000.00")  # the history was kept: both steps redo once allowed again
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert editor.stack.index() == 2
    assert saved_plan(window).household.monthly_expenses == Decimal("5000.00")
    assert saved_plan(window).household.monthly_savings == Decimal("2500.00")


def test_a_merged_step_whose_redo_is_refused_midway_is_rolled_back_whole(window, qtbot):
    editor = window.editor
    first = SetRecordField("household", "monthly_savings", Decimal("2500.00"))
    second = SetRecordField("household", "monthly_savings", Decimal("2600.00"))
    assert editor.perform(first) and editor.perform(second)
    assert editor.stack.count() == 1  # one field edited quickly: one undo step
    window.undo_action.trigger()
    second.value = Decimal("-1")
    with qtbot.waitSignal(editor.refused):
        window.redo_action.trigger()
    assert window.session.plan.household.monthly_savings == Decimal("2800.00")  # the first edit is undone too
    assert editor.stack.index() == 0
    assert saved_plan(window).household.monthly_savings == Decimal("2800.00")


def test_a_refused_undo_leaves_the_step_done(window, qtbot):
    editor = window.editor
    command = SetRecordField("household", "monthly_expenses", Decimal("5000.00"))
    assert editor.perform(command)
    command._old = Decimal("-1")  # what undo would put back is now invalid
    with qtbot.waitSignal(editor.refused) as blocker:
        window.undo_action.trigger()
    assert "could not be undone" in blocker.args[0]
    assert window.session.plan.household.monthly_expenses == Decimal("5000.00")
    assert editor.stack.index() == 1 and window.undo_action.isEnabled()


def test_quick_edits_merge_per_field_and_per_scenario():
    from planner.domain.plan import Override
    from planner.services.commands import UpdateScenario
    from planner.ui.undo import merge_key

    rent = SetStreamField("flatb", "params.monthly_rent", Decimal(1))
    assert merge_key(rent) == merge_key(SetStreamField("flatb", "params.monthly_rent", Decimal(2)))
    assert merge_key(rent) != merge_key(SetStreamField("flatb", "params.insurance", Decimal(1)))
    assert merge_key(rent) != merge_key(SetStreamField("photos", "params.monthly_rent", Decimal(1)))
    savings = SetRecordField("household", "monthly_savings", Decimal(1))
    assert merge_key(savings) == merge_key(SetRecordField("household", "monthly_savings", Decimal(2)))
    in_scenario = UpdateScenario("Barbell", override=Override("stream:flatb", "params.monthly_rent", "1"))
    assert merge_key(in_scenario) == merge_key(
        UpdateScenario("Barbell", override=Override("stream:flatb", "params.monthly_rent", "2")))
    assert merge_key(in_scenario) not in (merge_key(rent), merge_key(
        UpdateScenario("Cautious", override=Override("stream:flatb", "params.monthly_rent", "1"))))
    assert merge_key(UpdateScenario("Barbell", new_name="B")) is None
