"""The editor through its widgets: typed values saved or refused inline, streams added, duplicated and
deleted, scenarios managed with their overrides shown, weights saved together, every model tested."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from planner.domain.enums import Sleeve
from planner.storage.errors import PlanFileError
from planner.ui.catalogue_picker import CatalogueModel
from tests.gui.keyboard import answer_dialog, choose, shortcut, type_in
from tests.helpers import saved_plan


@pytest.fixture
def window(demo_window):
    return demo_window


def select(window, uid):
    window._select_uid(uid)
    assert window.selected_uid() == uid


def press_yes(qtbot):
    def yes(box):
        box.button(QMessageBox.StandardButton.Yes).click()
    answer_dialog(qtbot, yes)


def test_a_bad_value_typed_into_a_field_is_refused_inline_and_nothing_is_saved(window, qtbot):
    before = saved_plan(window)
    expenses = window.plan_settings.editor("household", "monthly_expenses")
    type_in(qtbot, window, expenses.input, "-50")
    assert "between 0 and" in expenses.problem
    assert expenses.input.text() == "-50"  # kept for the user to correct
    type_in(qtbot, window, expenses.input, "lots")
    assert expenses.problem
    assert saved_plan(window) == before and window.editor.stack.count() == 0
    type_in(qtbot, window, expenses.input, "5,100.50")
    assert not expenses.problem
    assert saved_plan(window).household.monthly_expenses == Decimal("5100.50")
    assert window.undo_action.text() == "&Undo Change monthly expenses"


def test_a_value_the_plan_refuses_is_explained_under_the_field(window, qtbot):
    select(window, "flatb")
    end = window.stream_editor.editor("end")
    type_in(qtbot, window, end.input, "2020-01")  # before the stream starts
    assert "before the start month" in end.problem
    type_in(qtbot, window, end.input, "march")
    assert "YYYY-MM" in end.problem
    assert saved_plan(window).stream("flatb").end is None


def test_stream_parameters_are_edited_with_readable_undo_texts(window, qtbot):
    select(window, "flatb")
    rent = window.stream_editor.editor("params.monthly_rent")
    assert "Source:" in rent.input.toolTip() and rent.unit_label.text() == "$/month"
    type_in(qtbot, window, rent.input, "2,150")
    assert saved_plan(window).stream("flatb").param("monthly_rent") == Decimal("2150")
    assert window.undo_action.text() == "&Undo Change rent of Flat B"
    choose(qtbot, window, window.stream_editor.editor("sleeve").input, "Speculative")
    assert saved_plan(window).stream("flatb").sleeve is Sleeve.SPECULATIVE
    shortcut(qtbot, window, "Ctrl+Z")
    shortcut(qtbot, window, "Ctrl+Z")
    assert saved_plan(window).stream("flatb") == window.session.plan.stream("flatb")
    assert window.session.plan.stream("flatb").sleeve is Sleeve.CORE
    assert window.stream_editor.editor("params.monthly_rent").input.text() != "2,150.00"


def test_add_from_the_catalogue_duplicate_and_delete_with_confirmation(window, qtbot):
    count = len(window.session.plan.streams)

    def pick(dialog):
        qtbot.keyClicks(dialog.search, "saas")
        assert dialog.list.currentIndex().data() == "Micro-SaaS"
        assert "Risks simulated" in dialog.details.text() and "Where the default comes from" in dialog.details.text()
        assert dialog.name.text() == "Micro-SaaS"
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_dialog(qtbot, pick)
    shortcut(qtbot, window, "Ctrl+Shift+A")
    added = saved_plan(window).streams[-1]
    assert added.kind == "micro_saas" and len(saved_plan(window).streams) == count + 1
    assert window.focusWidget() is window.stream_editor.editor("starting_amount").input

    shortcut(qtbot, window, "Ctrl+D")
    copy = saved_plan(window).streams[-1]
    assert copy.name == "Micro-SaaS (copy)" and copy.uid != added.uid and copy.params == added.params

    press_yes(qtbot)
    shortcut(qtbot, window, "Ctrl+Del")
    assert [s.uid for s in saved_plan(window).streams] == [s.uid for s in window.session.plan.streams]
    assert copy.uid not in {s.uid for s in saved_plan(window).streams}
    shortcut(qtbot, window, "Ctrl+Z")
    assert copy.uid in {s.uid for s in saved_plan(window).streams}


def test_declining_the_delete_confirmation_keeps_the_stream(window, qtbot):
    select(window, "emergency")
    answer_dialog(qtbot, lambda box: box.button(QMessageBox.StandardButton.No).click())
    window.delete_stream()
    assert "emergency" in {s.uid for s in saved_plan(window).streams}


def test_picker_refuses_a_name_already_taken(window, qtbot):
    seen = {}

    def pick(dialog):
        dialog.name.setText("Flat B")
        dialog.accept()
        seen["message"] = dialog.message.text()
        dialog.reject()

    answer_dialog(qtbot, pick)
    window.add_stream()
    assert "already named" in seen["message"]
    assert len(saved_plan(window).streams) == len(window.session.plan.streams) == 16


def test_sleeve_filter_shows_one_sleeve(window):
    window.sleeve_filter.setCurrentIndex(1)
    names = {window.proxy.index(r, 2).data() for r in range(window.proxy.rowCount())}
    assert names == {"Safe"} and window.proxy.rowCount() == 5  # three safe holdings and two pensions
    window.sleeve_filter.setCurrentIndex(0)
    assert window.proxy.rowCount() == 16


def test_weights_are_saved_only_once_they_add_up_to_100(window, qtbot):
    settings = window.plan_settings
    safe, core = settings.editor("strategy", "safe_weight"), settings.editor("strategy", "core_weight")
    type_in(qtbot, window, safe.input, "40")
    assert "add up to 110" in safe.problem
    assert saved_plan(window).strategy.safe_weight == 30
    type_in(qtbot, window, core.input, "50")
    strategy = saved_plan(window).strategy
    assert (strategy.safe_weight, strategy.core_weight, strategy.preset.value) == (40, 50, "custom")
    assert window.editor.stack.count() == 1
    choose(qtbot, window, settings.editor("strategy", "preset").input, "Barbell")
    assert saved_plan(window).strategy.safe_weight == 85


def test_scenarios_are_created_renamed_cloned_and_deleted(window, qtbot, monkeypatch):
    answers = iter(["Early retirement", "Retire at 50", "Retire at 50 (copy)"])
    monkeypatch.setattr(window.scenarios, "_ask", lambda *_: next(answers))
    window.scenarios.new()
    assert window.scenario == "Early retirement"
    expenses = window.plan_settings.editor("household", "monthly_expenses")
    type_in(qtbot, window, expenses.input, "3,000")
    assert expenses.input.styleSheet() and expenses.reset_button.isVisible()
    assert "base plan has 3400" in expenses.input.toolTip()
    assert window.plan_settings.editor("plan", "name").input.isEnabled() is False
    plan = saved_plan(window)
    assert plan.household.monthly_expenses == Decimal("3400.00")
    assert [(o.field, o.value) for o in plan.scenario("Early retirement").overrides] == [("monthly_expenses", "3000")]
    rows = [[window.scenarios.overrides.index(r, c).data() for c in range(3)]
            for r in range(window.scenarios.overrides.rowCount())]
    assert rows == [["Monthly expenses (household)", "3400", "3000"]]

    window.scenarios.rename()
    assert window.scenario == "Retire at 50"
    window.scenarios.clone()
    assert window.scenario == "Retire at 50 (copy)"
    assert saved_plan(window).scenario("Retire at 50 (copy)").overrides == plan.scenario("Early retirement").overrides
    press_yes(qtbot)
    window.scenarios.delete()
    assert window.scenario is None
    assert [s.name for s in saved_plan(window).scenarios] == ["Barbell", "Dividend snowball", "4 % rule",
                                                              "Retire at 50"]

    window.scenarios.select("Retire at 50")
    reset = window.plan_settings.editor("household", "monthly_expenses").reset_button
    qtbot.mouseClick(reset, Qt.MouseButton.LeftButton)
    assert saved_plan(window).scenario("Retire at 50").overrides == ()


def test_leaving_a_stream_out_of_a_scenario_greys_it_in_the_table(window, qtbot):
    window.scenarios.select("Barbell")
    select(window, "staking")
    included = window.stream_editor.editor("included")
    qtbot.mouseClick(included.input, Qt.MouseButton.LeftButton)
    row = window.stream_model.row_of("staking")
    assert "leaves ETH staking out" in window.stream_model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert window.stream_model.index(row, 0).data(Qt.ItemDataRole.ForegroundRole) is not None
    assert "left out" in window.stream_editor.title.text()
    assert window.stream_editor.editor("name").input.isEnabled() is False


def test_a_failed_save_is_reported_with_retry_and_nothing_is_lost(window, qtbot, monkeypatch):
    store = window.session._store
    real_save = store.save
    monkeypatch.setattr(store, "save", lambda plan: (_ for _ in ()).throw(PlanFileError("disk full")))
    type_in(qtbot, window, window.plan_settings.editor("household", "monthly_expenses").input, "2,222")
    qtbot.waitUntil(lambda: window.messages.isVisible(), timeout=3000)
    assert "disk full" in window.messages.text.text() and window.messages.action.text() == "Retry"
    assert window.isWindowModified() and window.session.plan.household.monthly_expenses == Decimal("2222")
    monkeypatch.setattr(store, "save", real_save)
    window.messages.action.click()
    assert not window.session.unsaved
    assert saved_plan(window).household.monthly_expenses == Decimal("2222")


def test_the_item_models_pass_the_model_tester(window, qtmodeltester):
    qtmodeltester.check(CatalogueModel())
    qtmodeltester.check(window.scenarios.model)
    window.scenarios.select("Dividend snowball")
    qtmodeltester.check(window.scenarios.overrides)
    assert window.scenarios.overrides.rowCount() == 6
    qtmodeltester.check(window.stream_model)


def test_screenshots_of_the_editor_and_the_picker(window, qtbot, tmp_path):
    window.scenarios.select("Dividend snowball")
    select(window, "divetf")
    image = window.grab()
    assert image.save(str(tmp_path / "editor.png")) and image.width() >= 1200
    shots = {}

    def shoot(dialog):
        qtbot.keyClicks(dialog.search, "rent")
        shots["picker"] = dialog.grab()
        dialog.reject()

    answer_dialog(qtbot, shoot)
    window.add_stream()
    assert shots["picker"].save(str(tmp_path / "picker.png"))


def test_a_cell_is_edited_by_keyboard_in_the_locale_with_its_unit(window, qtbot):
    from PySide6.QtWidgets import QApplication, QLineEdit

    shortcut(qtbot, window, "Ctrl+2")
    row = window.proxy.mapFromSource(window.stream_model.index(window.stream_model.row_of("emergency"), 3))
    window.table.setCurrentIndex(row)
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "18,000.00"
    assert editor.placeholderText() == "$" and "Source:" in editor.toolTip()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "19,250.75")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits on the next turn of the event loop
    qtbot.waitUntil(lambda: window.session.plan.stream("emergency").starting_amount == Decimal("19250.75"))
    assert saved_plan(window).stream("emergency").starting_amount == Decimal("19250.75")


def test_switching_scenario_keeps_the_editors_built_and_shows_the_included_box_only_in_a_scenario(window):
    """Rebuilding the stream editor and the three item editors on every switch of scenario held the
    GUI thread for about 120 ms; the same widgets now show the other view."""
    select(window, "flatb")
    window.phases.select(window.session.plan.phases[0].uid)
    name, phase_name = window.stream_editor.editor("name"), window.phases.editor.editor("name")
    included = window.stream_editor.editor("included")
    assert included.isHidden() and included.input not in window.stream_editor.input_widgets()
    phase_box = window.phases.editor.editor("included").input
    assert phase_box.text() == "Included in the plan"
    window.scenarios.select("Barbell")
    assert window.stream_editor.editor("name") is name and window.phases.editor.editor("name") is phase_name
    assert not included.isHidden() and window.stream_editor.input_widgets()[0] is included.input
    assert included.input.isChecked() and phase_box.text() == "Included in this scenario"
    window.scenarios.select(None)
    assert window.stream_editor.editor("name") is name and included.isHidden()
    assert phase_box.text() == "Included in the plan"
