"""Spending phases and one-off events through the window, by keyboard: added, edited (months typed
as YYYY-MM or "age 50"), deleted, undone to the start and redone; bad input refused under its field
with nothing saved; a scenario's own values in bold with Reset, "Included in this scenario", and a
phase "added in this scenario"."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from planner.domain.calendar import YearMonth
from planner.services.plan_session import PlanSession
from planner.ui.main_window import MainWindow
from tests.gui.conftest import small_runner
from tests.gui.keyboard import activate, answer_dialog, shortcut, tab_to, type_here, type_in, undo_all_then_redo_all
from tests.helpers import life_plan, saved_plan


@pytest.fixture
def life_window(qtbot, tmp_path, us_locale):
    """The main window on a plan with a partner, phases, events and the scenario "Bigger life"."""
    window = MainWindow(PlanSession.create(tmp_path / "life.plan", life_plan()), runner=small_runner())
    qtbot.addWidget(window)
    activate(window)
    yield window
    window.close()


def press(qtbot, window, widget):
    """Tab to a button or check box and press Space."""
    tab_to(qtbot, window, widget)
    qtbot.keyClick(widget, Qt.Key.Key_Space)


def press_yes(qtbot):
    answer_dialog(qtbot, lambda box: box.button(QMessageBox.StandardButton.Yes).click())


def test_a_phase_is_added_edited_and_deleted_by_keyboard_and_undone_to_the_start(demo_window, qtbot):
    window = demo_window
    start = saved_plan(window)
    born, partner_born = start.household.birth_year, start.household.partner_birth_year
    assert len(start.phases) == 2  # the demo's children at home and health cover
    shortcut(qtbot, window, "Ctrl+6")
    pane = window.phases
    assert window.item_tabs.currentWidget() is pane and QApplication.focusWidget() is pane.table
    press(qtbot, window, pane.add_button)
    assert QApplication.focusWidget() is pane.editor.editor("name").input  # typing names it
    type_here(qtbot, "Gap year")
    type_in(qtbot, window, pane.editor.editor("monthly_amount").input, "1,200")
    start_month = pane.editor.editor("start")
    type_in(qtbot, window, start_month.input, "age 40")
    assert start_month.input.text() == f"{born + 40}-01"
    assert start_month.unit_label.text() == f"you 40 / partner {born + 40 - partner_born}"
    type_in(qtbot, window, pane.editor.editor("end").input, "2045-06")
    *kept, phase = saved_plan(window).phases
    assert kept == list(start.phases)
    assert (phase.name, phase.monthly_amount, phase.start, phase.end) == (
        "Gap year", Decimal("1200"), YearMonth(born + 40, 1), YearMonth(2045, 6))
    assert [pane.model.index(2, c).data() for c in range(5)] == [  # the table: the first adult's age
        "Gap year", "$1,200.00", f"{born + 40}-01 (age 40)", f"2045-06 (age {2045 - born})", "Yes"]
    assert window.undo_action.text() == "&Undo Change until of Gap year"
    press_yes(qtbot)
    press(qtbot, window, pane.delete_button)
    assert saved_plan(window).phases == start.phases
    assert undo_all_then_redo_all(qtbot, window) == start
    assert saved_plan(window).phases == start.phases and window.editor.stack.index() == 6


def test_an_event_is_added_edited_and_deleted_by_keyboard_and_undone_to_the_start(demo_window, qtbot):
    window = demo_window
    start = saved_plan(window)
    shortcut(qtbot, window, "Ctrl+7")
    pane = window.events
    press(qtbot, window, pane.add_button)
    type_here(qtbot, "Inheritance")
    type_in(qtbot, window, pane.editor.editor("amount").input, "150,000")
    press(qtbot, window, pane.editor.editor("windfall").input)
    type_in(qtbot, window, pane.editor.editor("month").input, "2052-01")
    type_in(qtbot, window, pane.editor.editor("probability").input, "60")
    press(qtbot, window, pane.duplicate_button)
    type_here(qtbot, "Car")
    press(qtbot, window, pane.editor.editor("windfall").input)
    type_in(qtbot, window, pane.editor.editor("every_years").input, "8")
    type_in(qtbot, window, pane.editor.editor("times").input, "3")
    *kept, gift, car = saved_plan(window).events
    assert kept == list(start.events)  # the demo's car and roof
    assert (gift.name, gift.amount, gift.windfall, gift.month, gift.probability) == (
        "Inheritance", Decimal("150000"), True, YearMonth(2052, 1), Decimal("60"))
    assert (car.name, car.windfall, car.every_years, car.times, car.amount) == ("Car", False, 8, 3, gift.amount)
    assert [pane.model.index(3, c).data() for c in range(6)] == [
        "Car", "Cost $150,000.00", f"2052-01 (age {2052 - start.household.birth_year})", "3 times, every 8 years",
        "60 %", "Yes"]
    press_yes(qtbot)
    press(qtbot, window, pane.delete_button)
    assert [e.name for e in saved_plan(window).events] == [*(e.name for e in start.events), "Inheritance"]
    assert pane.selected_uid() == gift.uid
    assert undo_all_then_redo_all(qtbot, window) == start


def test_bad_input_is_refused_under_its_field_and_nothing_is_saved(life_window, qtbot):
    window = life_window
    shortcut(qtbot, window, "Ctrl+6")
    before, steps = saved_plan(window), window.editor.stack.count()
    editor = window.phases.editor
    amount, end = editor.editor("monthly_amount"), editor.editor("end")
    type_in(qtbot, window, amount.input, "lots")
    assert amount.problem and amount.input.text() == "lots"
    type_in(qtbot, window, end.input, "june")
    assert "YYYY-MM" in end.problem and "age 50" in end.problem and end.input.text() == "june"
    type_in(qtbot, window, end.input, "2020-01")  # before the phase starts: the plan refuses it
    assert "before the start month" in end.problem and end.input.text() == "2020-01"
    shortcut(qtbot, window, "Ctrl+7")
    window.events.select("roof")
    times = window.events.editor.editor("times")
    type_in(qtbot, window, times.input, "3")  # repeats need the years between them
    assert "years between occurrences" in times.problem
    name = window.events.editor.editor("name")
    type_in(qtbot, window, name.input, "New car")
    assert "already named" in name.problem
    assert saved_plan(window) == before and window.editor.stack.count() == steps
    assert len(window.refused_fields()) >= 4


def test_a_scenario_changes_phases_and_events_of_its_own(life_window, qtbot):
    window = life_window
    window.scenarios.select("Bigger life")
    shortcut(qtbot, window, "Ctrl+6")
    pane = window.phases
    pane.select("kids")
    amount = pane.editor.editor("monthly_amount")
    assert amount.input.text() == "1,800.00" and "bold" in amount.input.styleSheet()
    assert amount.reset_button.isVisible() and "base plan has 1200" in amount.input.toolTip()
    assert not pane.editor.editor("name").input.isEnabled() and not pane.editor.editor("notes").input.isEnabled()
    amount.reset_button.click()
    assert ("phase:kids", "monthly_amount") not in keys(saved_plan(window))
    assert amount.input.text() == "1,200.00" and not amount.reset_button.isVisible()
    type_in(qtbot, window, amount.input, "2,000")
    plan = saved_plan(window)
    assert plan.phase("kids").monthly_amount == Decimal("1200.00") and ("phase:kids", "monthly_amount") in keys(plan)
    assert window.undo_action.text() == "&Undo Change amount a month of Children at home in scenario Bigger life"
    pane.select("late")
    press(qtbot, window, pane.editor.editor("included").input)  # "Included in this scenario", unticked
    plan = saved_plan(window)
    assert plan.phase("late").included and ("phase:late", "included") in keys(plan)
    assert pane.model.index(1, 4).data() == "No" and "left out of this scenario" in pane.editor.title.text()
    rows = [window.scenarios.overrides.index(r, 0).data() for r in range(window.scenarios.overrides.rowCount())]
    assert "Children at home included" not in rows and "Quieter late life included" in rows
    assert "Amount a month of Children at home" in rows


def test_a_phase_added_in_a_scenario_is_left_out_of_the_base_and_undone_in_one_step(life_window, qtbot):
    window = life_window
    before = saved_plan(window)
    window.scenarios.select("Bigger life")
    shortcut(qtbot, window, "Ctrl+6")
    pane = window.phases
    assert "added in this scenario" in pane.note.text() and pane.add_button.text().endswith("to this scenario")
    press(qtbot, window, pane.add_button)
    type_here(qtbot, "Gap year")
    plan = saved_plan(window)
    (gap,) = [p for p in plan.phases if p.name == "Gap year"]
    assert gap.included is False and (f"phase:{gap.uid}", "included") in keys(plan)
    assert pane.model.index(3, 4).data() == "Added here" and "added in this scenario" in pane.editor.title.text()
    window.scenarios.select(None)
    assert pane.model.index(3, 4).data() == "No" and "left out of the plan" in pane.editor.title.text()
    assert "Spending added" in pane.note.text()
    shortcut(qtbot, window, "Ctrl+Z")  # the name
    shortcut(qtbot, window, "Ctrl+Z")  # the phase and its override together
    assert saved_plan(window) == before


def test_deleting_a_phase_drops_the_scenario_changes_that_name_it_and_undo_brings_both_back(life_window, qtbot):
    window = life_window
    before = saved_plan(window)
    shortcut(qtbot, window, "Ctrl+6")
    window.phases.select("kids")
    press_yes(qtbot)
    press(qtbot, window, window.phases.delete_button)
    plan = saved_plan(window)
    assert "kids" not in {p.uid for p in plan.phases}
    assert not any(target == "phase:kids" for target, _ in keys(plan))
    shortcut(qtbot, window, "Ctrl+Z")
    assert saved_plan(window) == before


def test_an_age_typed_in_a_month_shows_both_adults_ages(life_window, qtbot):
    window = life_window
    shortcut(qtbot, window, "Ctrl+7")
    window.events.select("roof")
    month = window.events.editor.editor("month")
    type_in(qtbot, window, month.input, "age 50")
    assert saved_plan(window).event("roof").month == YearMonth(2039, 1)
    assert month.input.text() == "2039-01" and month.unit_label.text() == "you 50 / partner 47"
    type_in(qtbot, window, month.input, "age 50")  # the month it already is: nothing to save, shown as a month
    assert month.input.text() == "2039-01" and not month.problem


def keys(plan):
    return {(o.target, o.field) for o in plan.scenario("Bigger life").overrides}


def test_the_scenario_table_lists_phase_changes_in_words(life_window):
    window = life_window
    window.scenarios.select("Bigger life")
    table = window.scenarios.overrides
    rows = {table.index(r, 0).data(): (table.index(r, 1).data(), table.index(r, 2).data())
            for r in range(table.rowCount())}
    assert rows["End month of Children at home"] == ("2041-06", "2045-06")
    assert rows["Inheritance included"] == ("yes", "no") and rows["Sailing boat included"] == ("no", "yes")
    assert window.edit_field("phase:late", "end", YearMonth(2080, 12), "end month") is None
    table = window.scenarios.overrides
    rows = {table.index(r, 0).data(): table.index(r, 1).data() for r in range(table.rowCount())}
    assert rows["End month of Quieter late life"] == "none"
