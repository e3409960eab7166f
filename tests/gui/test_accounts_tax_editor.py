"""The Accounts tab, a stream's Account field and the Tax section, through the window by keyboard:
a preset fills an account's settings as one undo step and typing one of them makes it custom; an
account is deleted with the streams in it put back to none; a property refused in a Roth IRA with
the plan's message; a tax preset is one step; brackets are edited in their table, bad ones refused
under it with what was typed kept; a scenario changes an account and the withdrawal order of its own.
What is checked is what the plan file holds once the autosave has written it."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.domain.enums import AccountPreset, AccountType, TaxCategory, WithdrawalOrder
from planner.domain.field_refs import FieldRef
from planner.domain.tax_presets import TAX_PRESETS
from planner.services.edits import scenario_view
from planner.services.plan_session import PlanSession
from planner.ui.main_window import MainWindow
from tests.gui.conftest import small_runner
from tests.gui.keyboard import (
    activate,
    answer_dialog,
    choose,
    shortcut,
    tab_to,
    type_here,
    type_in,
    undo_all_then_redo_all,
)
from tests.helpers import demo, saved_plan


@pytest.fixture
def window(qtbot, tmp_path, us_locale):
    """The main window on the demo plan, with its three accounts and US 2025 brackets."""
    window = MainWindow(PlanSession.create(tmp_path / "accounts.plan", demo()), runner=small_runner())
    qtbot.addWidget(window)
    activate(window)
    yield window
    window.close()


def now(window):
    return saved_plan(window)


def press(qtbot, window, widget):
    tab_to(qtbot, window, widget)
    qtbot.keyClick(widget, Qt.Key.Key_Space)


def test_an_account_is_added_with_a_preset_made_custom_and_undone_to_the_start(window, qtbot):
    start = now(window)
    shortcut(qtbot, window, "Ctrl+8")
    pane = window.accounts
    assert window.item_tabs.currentWidget() is pane and QApplication.focusWidget() is pane.table
    assert [pane.model.index(0, c).data() for c in range(9)] == [
        "401(k)", "Tax-deferred", "401(k)", "$23,500.00", "60", "You", "1", "1", "Yes"]
    press(qtbot, window, pane.add_button)
    assert QApplication.focusWidget() is pane.editor.editor("name").input
    type_here(qtbot, "ISA")
    choose(qtbot, window, pane.editor.editor("preset").input, "ISA")
    isa = now(window).accounts[-1]
    assert (isa.name, isa.preset, isa.account_type, isa.yearly_limit, isa.access_age, isa.fill_order) == (
        "ISA", AccountPreset.UK_ISA, AccountType.TAX_FREE, Decimal(20000), 0, 4)
    assert window.undo_action.text() == "&Undo Use the ISA preset for ISA"  # arrowing there: one step
    steps = window.editor.stack.index()
    type_in(qtbot, window, pane.editor.editor("yearly_limit").input, "15,000")
    isa = now(window).accounts[-1]
    assert (isa.yearly_limit, isa.preset) == (Decimal(15000), AccountPreset.CUSTOM)
    assert window.editor.stack.index() == steps + 1 and pane.editor.editor("preset").input.currentText() == "Custom"
    choose(qtbot, window, pane.editor.editor("owner").input, "Partner")
    assert now(window).accounts[-1].owner == 2
    assert pane.model.index(3, 5).data() == "Partner"
    assert undo_all_then_redo_all(qtbot, window) == start
    assert now(window).accounts[-1].owner == 2


def test_deleting_an_account_puts_its_streams_back_to_none_in_one_undo_step(window, qtbot):
    start = now(window)
    shortcut(qtbot, window, "Ctrl+8")
    pane = window.accounts
    pane.select("brokerage")
    assert pane.model.index(2, 7).data() == "2"
    texts = []
    answer_dialog(qtbot, lambda box: (texts.append(box.text()),
                                      box.button(QMessageBox.StandardButton.Yes).click()))
    press(qtbot, window, pane.delete_button)
    assert "Bond fund, Dividend ETF will sit in no account" in texts[0]
    plan = now(window)
    assert [a.uid for a in plan.accounts] == ["k401", "roth"]
    assert plan.stream("treasuries").account == plan.stream("divetf").account == ""
    shortcut(qtbot, window, "Ctrl+Z")
    assert now(window) == start


def select_stream(window, name):
    for row in range(window.proxy.rowCount()):
        if window.proxy.index(row, 0).data() == name:
            window.table.setCurrentIndex(window.proxy.index(row, 0))
            return
    raise AssertionError(name)


def test_a_streams_account_is_chosen_and_a_property_in_a_roth_is_refused_with_the_plans_message(window, qtbot):
    shortcut(qtbot, window, "Ctrl+2")
    select_stream(window, "Flat B")
    account = window.stream_editor.editor("account")
    combo = account.input
    assert [combo.itemText(i) for i in range(combo.count())] == ["None", "401(k)", "Roth IRA (partner)", "Brokerage"]
    before, steps = now(window), window.editor.stack.count()
    choose(qtbot, window, combo, "Roth IRA (partner)")
    assert "'Flat B' cannot sit in 'Roth IRA (partner)'" in account.problem
    assert now(window) == before and window.editor.stack.count() == steps
    assert combo.currentText() == "Roth IRA (partner)"  # what was chosen stays, to be corrected
    choose(qtbot, window, combo, "Brokerage")
    assert now(window).stream("flatb").account == "brokerage" and not account.problem
    assert window.undo_action.text() == "&Undo Change account of Flat B"


def test_a_scenario_changes_an_account_and_a_streams_account_of_its_own(window, qtbot):
    base = now(window)
    window.scenarios.select("Barbell")
    shortcut(qtbot, window, "Ctrl+8")
    pane = window.accounts
    pane.select("k401")
    access = pane.editor.editor("access_age")
    type_in(qtbot, window, access.input, "55")
    plan = now(window)
    assert plan.accounts == base.accounts
    seen = scenario_view(plan, "Barbell").account("k401")
    assert (seen.access_age, seen.preset) == (55, AccountPreset.CUSTOM)
    assert "bold" in access.input.styleSheet() and not pane.editor.editor("name").input.isEnabled()
    shortcut(qtbot, window, "Ctrl+2")
    select_stream(window, "P2P loans")
    choose(qtbot, window, window.stream_editor.editor("account").input, "401(k)")
    plan = now(window)
    assert plan.stream("p2p").account == "" and scenario_view(plan, "Barbell").stream("p2p").account == "k401"
    table = window.scenarios.overrides
    rows = {table.index(r, 0).data(): (table.index(r, 1).data(), table.index(r, 2).data())
            for r in range(table.rowCount())}
    assert rows["Access age of 401(k)"] == ("60", "55") and rows["Account of P2P loans"] == ("None", "401(k)")
    assert "the base plan has None" in window.stream_editor.editor("account").input.toolTip()


def open_tax(window):
    section = window.plan_settings.sections["Tax"]
    section.set_expanded(True)
    return window.plan_settings.tax


def test_a_tax_preset_is_one_step_and_categories_choose_a_table_or_their_flat_rate(window, qtbot):
    start = now(window)
    tax = open_tax(window)
    assert [t.name.text() for t in tax.tables] == ["Ordinary income", "Qualified dividends and long-term gains",
                                                   "Business profit (with self-employment tax)"]
    choose(qtbot, window, tax.preset.input, "UK 2025/26 (England)")
    assert now(window).assumptions.tax_tables == TAX_PRESETS["uk_2025"].tables
    assert [t.name.text() for t in tax.tables] == ["Income tax", "Dividends", "Capital gains"]
    assert window.editor.stack.index() == 1  # every preset arrowed past: one step
    rental = tax.categories.editor("tax_rates", "rental")
    choose(qtbot, window, rental.table, "Flat rate")
    qtbot.keyClick(rental.table, Qt.Key.Key_Tab)  # Tab meets a category's table, then its rate
    assert QApplication.focusWidget() is rental.input
    assert now(window).assumptions.table_of(TaxCategory.RENTAL) is None
    type_in(qtbot, window, rental.input, "25")
    assert now(window).assumptions.tax_rate(TaxCategory.RENTAL) == Decimal(25)
    choose(qtbot, window, window.plan_settings.editor("assumptions", "withdrawal_order").input,
           "Fill the low brackets from deferred first")
    assert now(window).assumptions.withdrawal_order is WithdrawalOrder.LOW_BRACKET_FIRST
    type_in(qtbot, window, window.plan_settings.editor("assumptions", "pay_tax_rate").input, "32")
    assert now(window).assumptions.pay_tax_rate == Decimal(32)
    assert undo_all_then_redo_all(qtbot, window) == start


def edit_cell(qtbot, window, table, row, column, text):
    """Tab to the brackets' table, go to the cell, F2, type over it and press Enter."""
    tab_to(qtbot, window, table)
    table.setCurrentCell(row, column)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)  # the view commits it queued


def test_brackets_are_edited_in_their_table_and_bad_ones_are_refused_with_what_was_typed_kept(window, qtbot):
    tax = open_tax(window)
    ordinary = tax.tables[0]
    before, steps = now(window), window.editor.stack.count()
    edit_cell(qtbot, window, ordinary.brackets, 2, 0, "1,000")
    assert "each bracket must start above the one before it" in ordinary.problem
    assert ordinary.brackets.item(2, 0).text() == "1,000"
    edit_cell(qtbot, window, ordinary.brackets, 2, 0, "96,950")  # corrected: nothing to change
    assert not ordinary.problem
    edit_cell(qtbot, window, ordinary.brackets, 1, 1, "150")
    assert "a rate must be 0 to 100 %, got 150" in ordinary.problem
    edit_cell(qtbot, window, ordinary.brackets, 1, 1, "lots")
    assert "'lots' is not a number" in ordinary.problem
    assert now(window) == before and window.editor.stack.count() == steps
    edit_cell(qtbot, window, ordinary.brackets, 1, 1, "12.5")
    table = now(window).assumptions.tax_tables[0]
    assert table.brackets[1].rate == Decimal("12.5") and now(window).assumptions.tax_preset == "custom"
    assert not ordinary.problem and tax.preset.input.currentText() == "Custom (edited)"
    tab_to(qtbot, window, tax.tables[-1].remove_table)
    qtbot.keyClick(tax.tables[-1].remove_table, Qt.Key.Key_Tab)  # the tables, then Add table
    assert QApplication.focusWidget() is tax.add_table
    press(qtbot, window, ordinary.add_bracket)
    assert now(window).assumptions.tax_tables[0].brackets[-1].from_amount == Decimal(761600)
    type_in(qtbot, window, ordinary.allowance, "30,000")
    type_in(qtbot, window, ordinary.name, "Income")
    assessed = now(window).assumptions
    assert assessed.tax_tables[0].allowance == Decimal(30000)
    assert assessed.table_of(TaxCategory.INTEREST).name == "Income" and assessed.tax_tables[1].stacked_on == "Income"
    assert tax.categories.editor("tax_rates", "interest").table.currentText() == "Income"
    press(qtbot, window, tax.tables[1].remove_table)
    assert now(window).assumptions.table_of(TaxCategory.CAPITAL_GAIN) is None and len(tax.tables) == 2
    for _ in range(window.editor.stack.index()):
        shortcut(qtbot, window, "Ctrl+Z")
    assert now(window) == before and len(tax.tables) == 3


def test_in_a_scenario_the_tables_are_the_base_plans_and_the_withdrawal_order_its_own(window, qtbot):
    tax = open_tax(window)
    window.scenarios.select("Barbell")
    assert not tax.tables[0].brackets.isEnabled() and not tax.preset.input.isEnabled()
    assert not tax.add_table.isEnabled()
    order = window.plan_settings.editor("assumptions", "withdrawal_order")
    choose(qtbot, window, order.input, "Proportionally")
    plan = now(window)
    assert plan.assumptions.withdrawal_order is WithdrawalOrder.TAXABLE_FIRST
    assert scenario_view(plan, "Barbell").assumptions.withdrawal_order is WithdrawalOrder.PROPORTIONAL
    assert "1 changed in this scenario" in window.plan_settings.sections["Tax"].header.text()
    assert FieldRef.record("assumptions", "withdrawal_order").target == "assumptions"


def test_an_account_added_in_a_scenario_is_left_out_of_the_base_and_named_there(window, qtbot):
    before = now(window)
    window.scenarios.select("Barbell")
    shortcut(qtbot, window, "Ctrl+8")
    pane = window.accounts
    assert "added in this scenario" in pane.note.text()
    press(qtbot, window, pane.add_button)
    type_here(qtbot, "HSA")
    plan = now(window)
    (hsa,) = [a for a in plan.accounts if a.name == "HSA"]
    assert hsa.included is False and scenario_view(plan, "Barbell").account(hsa.uid).included
    assert pane.model.index(3, 8).data() == "Added here" and "added in this scenario" in pane.editor.title.text()
    shortcut(qtbot, window, "Ctrl+Z")  # the name
    shortcut(qtbot, window, "Ctrl+Z")  # the account and the scenario's change together
    assert now(window) == before


def test_without_a_partner_the_owner_cannot_be_the_partner(qtbot, tmp_path, us_locale):
    from dataclasses import replace

    plan = demo()
    plan = replace(plan, household=replace(plan.household, partner=False),
                   accounts=tuple(a for a in plan.accounts if a.uid != "roth"),
                   streams=tuple(replace(s, account="") if s.account == "roth" else s for s in plan.streams
                                 if s.uid != "pension2"))  # the partner's own pension goes with them
    window = MainWindow(PlanSession.create(tmp_path / "single.plan", plan), runner=small_runner())
    qtbot.addWidget(window)
    window.item_tabs.setCurrentWidget(window.accounts)
    window.accounts.select("k401")
    owner = window.accounts.editor.editor("owner")
    model = owner.input.model()
    assert model.item(0).isEnabled() and not model.item(1).isEnabled()
    window.close()
