"""Regressions found by reviewing the editor: each of these failed before its fix."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from tests.gui.keyboard import answer_dialog, shortcut, type_in
from tests.helpers import saved_plan, stored_plan


@pytest.fixture
def window(demo_window):
    return demo_window


def test_a_new_stream_hidden_by_the_sleeve_filter_is_still_the_one_edited(window, qtbot):
    window.sleeve_filter.setCurrentIndex(1)  # Safe only

    def pick(dialog):
        qtbot.keyClicks(dialog.search, "Micro-SaaS")
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    answer_dialog(qtbot, pick)
    shortcut(qtbot, window, "Ctrl+Shift+A")
    new = window.session.plan.streams[-1]
    assert window.selected_uid() == new.uid and window.sleeve_filter.currentIndex() == 0
    type_in(qtbot, window, window.stream_editor.editor("starting_amount").input, "5,000")
    plan = saved_plan(window)
    assert plan.stream(new.uid).starting_amount == Decimal("5000.00")
    assert plan.stream("emergency").starting_amount == Decimal("18000.00")


def test_a_refused_scenario_name_is_explained(window, monkeypatch):
    monkeypatch.setattr(window.scenarios, "_ask", lambda *_: "Barbell")
    window.scenarios.new()
    assert not window.messages.isHidden() and "Barbell" in window.messages.text.text()
    assert [s.name for s in saved_plan(window).scenarios] == ["Barbell", "Dividend snowball", "4 % rule"]


def test_undoing_a_rename_keeps_the_scenario_selected(window, qtbot, monkeypatch):
    window.scenarios.select("Barbell")
    monkeypatch.setattr(window.scenarios, "_ask", lambda *_: "BB")
    window.scenarios.rename()
    assert window.scenario == "BB"
    shortcut(qtbot, window, "Ctrl+Z")
    assert window.scenario == "Barbell"
    shortcut(qtbot, window, "Ctrl+Y")
    assert window.scenario == "BB"
    type_in(qtbot, window, window.plan_settings.editor("household", "monthly_expenses").input, "2,700")
    plan = saved_plan(window)
    assert plan.household.monthly_expenses == Decimal("3400.00")
    assert ("household", "monthly_expenses") in {(o.target, o.field) for o in plan.scenario("BB").overrides}


def test_ctrl_z_in_a_field_undoes_the_plans_last_edit(window, qtbot):
    expenses = window.plan_settings.editor("household", "monthly_expenses").input
    type_in(qtbot, window, expenses, "2,600")
    assert window.session.plan.household.monthly_expenses == Decimal("2600")
    qtbot.keyClick(expenses, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.session.plan.household.monthly_expenses == Decimal("3400.00")
    assert expenses.text() == "3,400.00"


def test_a_held_back_weight_survives_another_edit(window, qtbot):
    settings = window.plan_settings
    type_in(qtbot, window, settings.editor("strategy", "safe_weight").input, "40")
    type_in(qtbot, window, settings.editor("household", "monthly_expenses").input, "4,300")
    type_in(qtbot, window, settings.editor("strategy", "core_weight").input, "50")
    strategy = saved_plan(window).strategy
    assert (strategy.safe_weight, strategy.core_weight, strategy.speculative_weight) == (40, 50, 10)


def test_closing_commits_the_value_being_typed_and_saves_it_before_the_lock_goes(window, qtbot, tmp_path):
    expenses = window.plan_settings.editor("household", "monthly_expenses").input
    shortcut(qtbot, window, "Ctrl+1")
    expenses.setFocus()
    qtbot.keyClick(expenses, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(expenses, "2900")  # no Enter: still being typed
    shortcut(qtbot, window, "Ctrl+W")
    assert stored_plan(tmp_path / "demo.plan").household.monthly_expenses == Decimal("2900.00")
    assert window.release_session()  # a second call (app exit) does nothing


def test_units_follow_the_plans_currency(window, qtbot):
    window._select_uid("flatb")
    type_in(qtbot, window, window.plan_settings.editor("plan", "currency").input, "EUR")
    assert window.plan_settings.editor("household", "monthly_expenses").unit_label.text() == "€/month"
    assert window.stream_editor.editor("params.monthly_rent").unit_label.text() == "€/month"


def test_closing_with_a_refused_value_asks_first(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    expenses = window.plan_settings.editor("household", "monthly_expenses")
    expenses.input.setFocus()
    qtbot.waitUntil(expenses.input.hasFocus)
    expenses.input.selectAll()
    qtbot.keyClicks(expenses.input, "2500x")  # still typing: not yet committed, nor refused
    assert not expenses.problem
    asked = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: asked.append(args[2])
                        or QMessageBox.StandardButton.Cancel)
    window.close()
    assert window.isVisible() and len(asked) == 1 and expenses.problem in asked[0]  # kept open, the value named
    monkeypatch.setattr(QMessageBox, "warning", lambda *args, **kwargs: QMessageBox.StandardButton.Discard)
    window.close()
    assert not window.isVisible()


def test_a_name_typed_after_one_tab_in_the_stream_picker_is_kept(window, qtbot):
    """Type a filter, Tab once, type the name, Enter: the stream is added under that name and kind."""
    from PySide6.QtWidgets import QApplication

    def pick(dialog):
        qtbot.keyClicks(dialog.search, "rental")
        kind = dialog.list.currentIndex().data()
        qtbot.keyClick(dialog.search, Qt.Key.Key_Tab)
        typed_into = QApplication.focusWidget()
        qtbot.keyClick(typed_into, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(typed_into, "Flat on Elm Street")
        assert dialog.list.currentIndex().data() == kind  # typing did not move the list
        qtbot.keyClick(typed_into, Qt.Key.Key_Return)

    answer_dialog(qtbot, pick)
    shortcut(qtbot, window, "Ctrl+Shift+A")
    new = saved_plan(window).streams[-1]
    assert new.name == "Flat on Elm Street" and new.kind == "rental_property"
