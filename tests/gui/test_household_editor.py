"""The household's partner, work income and part-time sections: fields from their specs, the
partner's shown only with a partner, the fixed saving greyed while saving follows from income,
every edit saved, undoable and a scenario's own when a scenario is selected."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from planner.domain.record_fields import HOUSEHOLD_FIELDS
from planner.services.plan_session import PlanSession
from planner.ui.household_forms import FROM_INCOME, PARTNER_ONLY, SHOWN
from planner.ui.main_window import MainWindow
from tests.gui.conftest import small_runner
from tests.gui.keyboard import activate, shortcut, tab_to, type_in
from tests.helpers import classic_demo, saved_plan


@pytest.fixture
def single_window(qtbot, tmp_path, us_locale):
    """The main window on a one-adult plan (the demo's own partner cannot be taken away: a pension is theirs)."""
    window = MainWindow(PlanSession.create(tmp_path / "single.plan", classic_demo()), runner=small_runner())
    qtbot.addWidget(window)
    activate(window)
    yield window
    window.close()


def row_shown(window, key):
    editor = window.plan_settings.editor("household", key)
    return editor.isVisibleTo(window.plan_settings)


def tick(qtbot, window, key):
    box = window.plan_settings.editor("household", key).input
    tab_to(qtbot, window, box)
    qtbot.keyClick(box, Qt.Key.Key_Space)


def test_every_household_field_has_a_row():
    assert set(SHOWN) == {spec.key for spec in HOUSEHOLD_FIELDS} | {"partner", "saving_from_income"}


def test_the_partner_checkbox_shows_the_partners_fields_and_is_saved_and_undone(single_window, qtbot):
    window = single_window
    assert not window.session.plan.household.partner
    assert not any(row_shown(window, key) for key in PARTNER_ONLY)
    tick(qtbot, window, "partner")
    assert saved_plan(window).household.partner is True
    assert window.undo_action.text() == "&Undo Change partner"
    assert all(row_shown(window, key) for key in PARTNER_ONLY)
    type_in(qtbot, window, window.plan_settings.editor("household", "partner_monthly_salary").input, "3,000")
    assert saved_plan(window).household.partner_monthly_salary == Decimal("3000")
    stop = window.plan_settings.editor("household", "partner_target_fi_age")
    type_in(qtbot, window, stop.input, "99")  # past their plan-until age: the plan refuses it
    assert "partner's target stop age (99) must be below" in stop.problem
    assert saved_plan(window).household.partner_target_fi_age == 55
    type_in(qtbot, window, stop.input, "58")
    shortcut(qtbot, window, "Ctrl+Z")
    shortcut(qtbot, window, "Ctrl+Z")
    shortcut(qtbot, window, "Ctrl+Z")
    assert saved_plan(window).household == window.session.plan.household
    assert not window.session.plan.household.partner and not row_shown(window, "partner_birth_year")


def test_saving_from_income_greys_the_fixed_saving_with_a_note(demo_window, qtbot):
    window = demo_window
    start = saved_plan(window)
    savings = window.plan_settings.editor("household", "monthly_savings")
    assert start.household.saving_from_income  # the demo saves from its salaries
    assert not savings.input.isEnabled() and savings.hint.text() == FROM_INCOME
    tick(qtbot, window, "saving_from_income")  # off: the fixed saving counts again
    assert saved_plan(window).household.saving_from_income is False
    assert savings.input.isEnabled() and not savings.hint.isVisibleTo(window)
    type_in(qtbot, window, savings.input, "2,900")  # Tab reaches it again
    assert saved_plan(window).household.monthly_savings == Decimal("2900")
    tick(qtbot, window, "saving_from_income")
    assert saved_plan(window).household.saving_from_income is True
    assert not savings.input.isEnabled()
    assert savings.hint.text() == FROM_INCOME and "salaries less" in savings.input.toolTip()
    type_in(qtbot, window, window.plan_settings.editor("household", "monthly_salary").input, "6,200")
    type_in(qtbot, window, window.plan_settings.editor("household", "part_time_years").input, "4")
    household = saved_plan(window).household
    assert (household.monthly_salary, household.part_time_years) == (Decimal("6200"), 4)
    shortcut(qtbot, window, "Ctrl+Z")
    shortcut(qtbot, window, "Ctrl+Z")
    shortcut(qtbot, window, "Ctrl+Z")
    assert savings.input.isEnabled() and not savings.hint.text() and savings.input.text() == "2,900.00"
    shortcut(qtbot, window, "Ctrl+Z")
    shortcut(qtbot, window, "Ctrl+Z")
    assert saved_plan(window) == start and not window.editor.stack.canUndo()
    assert not savings.input.isEnabled() and savings.hint.text() == FROM_INCOME


def test_a_scenario_may_give_the_household_a_partner_of_its_own(single_window, qtbot):
    window = single_window
    window.scenarios.select("Barbell")
    box = window.plan_settings.editor("household", "partner")
    tick(qtbot, window, "partner")
    plan = saved_plan(window)
    assert not plan.household.partner
    overrides = plan.scenario("Barbell").overrides
    assert ("household", "partner", "true") in {(o.target, o.field, o.value) for o in overrides}
    assert box.reset_button.isVisible() and "bold" in box.input.styleSheet()
    assert row_shown(window, "partner_birth_year")
    window.scenarios.select(None)
    assert not row_shown(window, "partner_birth_year") and not box.reset_button.isVisible()
    window.scenarios.select("Barbell")
    box.reset_button.click()
    assert not any(o.field == "partner" for o in saved_plan(window).scenario("Barbell").overrides)
    assert not row_shown(window, "partner_birth_year")


def test_a_refused_value_is_said_in_red_and_a_note_in_italic_grey_without_style_sheets(demo_window, qtbot):
    """Each of the window's ~90 fields has a message line and a note line: styled by palette and
    font, not style sheets, which would put every field under Qt's far slower style-sheet engine."""
    from PySide6.QtGui import QPalette

    from planner.ui.field_editors import FieldEditor
    from planner.ui.text_looks import PROBLEM_COLOR

    window = demo_window
    savings = window.plan_settings.editor("household", "monthly_savings")  # the demo's note: saving follows income
    expenses = window.plan_settings.editor("household", "monthly_expenses")
    type_in(qtbot, window, expenses.input, "abc")
    assert expenses.problem == "Monthly expenses: 'abc' is not a number"
    assert expenses.message.palette().color(QPalette.ColorRole.WindowText) == PROBLEM_COLOR
    placeholder = window.palette().color(QPalette.ColorRole.PlaceholderText)
    assert savings.hint.isVisibleTo(window) and savings.hint.font().italic()
    assert savings.hint.palette().color(QPalette.ColorRole.WindowText) == placeholder
    editors = window.findChildren(FieldEditor)
    assert len(editors) > 80 and not any(e.message.styleSheet() or e.hint.styleSheet() for e in editors)
    expenses.input.setText("3,000")  # typed back: nothing refused when the window closes
    expenses.input.editingFinished.emit()
