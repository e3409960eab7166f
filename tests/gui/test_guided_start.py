"""The guided start: a newcomer walks from the demo to a plan of their own by keyboard, and ends on
the main window with the new plan's answer running."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from planner.domain.defaults import new_plan
from planner.domain.demo import demo_plan
from planner.domain.enums import StrategyPreset
from planner.services.holdings_import import sample_file
from tests.gui.keyboard import answer_dialog, shortcut
from tests.helpers import saved_plan


def replace_text(qtbot, text: str) -> None:
    widget = QApplication.focusWidget()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)


def tab(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def enter(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)


def walk(qtbot, wizard) -> None:
    """Every page by keyboard only: type, Tab, Space on a button, arrows in a choice, Enter to go on."""
    assert QApplication.focusWidget() is wizard.plan_name
    replace_text(qtbot, "Our own plan")
    for text in ("1990", "50", "95"):
        tab(qtbot)
        replace_text(qtbot, text)
    enter(qtbot)
    assert wizard.currentPage() is wizard.spending and QApplication.focusWidget() is wizard.expenses
    replace_text(qtbot, "3,100")
    enter(qtbot)
    assert QApplication.focusWidget() is wizard.savings
    replace_text(qtbot, "2,250.50")
    enter(qtbot)
    page = wizard.holdings
    assert QApplication.focusWidget() is page.kind
    qtbot.keyClicks(page.kind, "Index")  # type-ahead in the kinds
    assert page.kind.currentText() == "Index fund"
    tab(qtbot)
    assert QApplication.focusWidget() is page.name and page.name.text() == "Index fund"
    tab(qtbot)
    replace_text(qtbot, "52,000")
    tab(qtbot)
    assert QApplication.focusWidget() is page.add_button
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    assert page.list.count() == 1 and "Index fund" in page.list.item(0).text()
    enter(qtbot)
    assert wizard.currentPage() is wizard.strategy
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down)  # Balanced -> Barbell
    enter(qtbot)
    assert wizard.currentPage() is wizard.target and wizard.path.text().endswith("Our own plan.plan")
    enter(qtbot)  # Finish


@pytest.mark.montecarlo
def test_a_plan_of_ones_own_by_keyboard_ends_on_the_main_window_with_its_answer(demo_window, qtbot):
    window = demo_window
    answer_dialog(qtbot, lambda wizard: walk(qtbot, wizard))
    shortcut(qtbot, window, "Ctrl+Shift+N")
    assert window.session.path.name == "Our own plan.plan"
    plan = saved_plan(window)
    household = plan.household
    assert (plan.name, household.birth_year, household.target_fi_age, household.plan_until_age) == (
        "Our own plan", 1990, 50, 95)
    assert (household.monthly_expenses, household.monthly_savings) == (Decimal("3100.00"), Decimal("2250.50"))
    assert [(s.kind, s.name, s.starting_amount) for s in plan.streams] == [("index_fund", "Index fund",
                                                                              Decimal("52000.00"))]
    assert plan.strategy.preset is StrategyPreset.BARBELL
    assert plan.fi_rule == demo_plan().fi_rule
    qtbot.waitUntil(lambda: window.runner.state.montecarlo is not None, timeout=60_000)
    assert window.runner.state.plan.name == "Our own plan"


def test_a_page_with_a_bad_answer_says_why_and_stays(qtbot, tmp_path, us_locale):
    from planner.ui.guided.wizard import GuidedStart

    wizard = GuidedStart(tmp_path)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.birth_year.setText("19x0")
    wizard.next()
    assert wizard.currentPage() is wizard.you and "Birth year" in wizard.you.problem.text()
    wizard.birth_year.setText("1990")
    wizard.target_age.setText("70")
    wizard.until_age.setText("65")
    wizard.next()
    assert wizard.currentPage() is wizard.you and "below the plan-until age" in wizard.you.problem.text()
    wizard.until_age.setText("95")
    wizard.next()
    assert wizard.currentPage() is wizard.spending and not wizard.you.problem.text()


def test_holdings_can_come_from_a_csv_file(qtbot, tmp_path, us_locale):
    from planner.ui.guided.wizard import GuidedStart

    wizard = GuidedStart(tmp_path)
    qtbot.addWidget(wizard)
    page = wizard.holdings
    page.ask_csv_path = lambda: str(sample_file())
    page.csv_button.click()
    assert page.list.count() >= 3 and not page.problem.text()
    bad = tmp_path / "bad.csv"
    bad.write_text("name,kind,amount\nMy thing,no such kind,100\n")
    page.ask_csv_path = lambda: str(bad)
    count = page.list.count()
    page.csv_button.click()
    assert page.list.count() == count and "line 2" in page.problem.text()


def test_the_first_start_offers_a_plan_of_ones_own_beside_the_demo(qtbot, tmp_path, us_locale):
    from planner.app import gui
    from planner.ui.main_window import MainWindow
    from tests.gui.conftest import small_runner

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    opening = gui.open_first_plan(None, settings)
    assert opening.first_start and len(opening.session.plan.streams) == len(demo_plan().streams)
    window = MainWindow(opening.session, opening.lock, settings, runner=small_runner())
    qtbot.addWidget(window)
    window.offer_guided_start()
    assert window.messages.isVisibleTo(window) and window.messages.action.text() == "Start my own plan…"
    window.close()
    assert not gui.open_first_plan(None, settings).first_start  # only the very first time


def test_new_plans_and_the_demo_share_the_fi_settings():
    assert new_plan("x").fi_rule == demo_plan().fi_rule


def test_a_holding_typed_but_not_added_is_kept_on_next(qtbot, tmp_path, us_locale):
    from planner.ui.guided.wizard import GuidedStart

    wizard = GuidedStart(tmp_path)
    qtbot.addWidget(wizard)
    wizard.show()
    for _ in range(3):
        wizard.next()
    page = wizard.holdings
    page.kind.setCurrentIndex(page.kind.findText("Index fund"))
    page.amount.setText("52,000")
    wizard.next()
    assert wizard.currentPage() is wizard.strategy
    assert [(s.kind, s.starting_amount) for s in page.holdings] == [("index_fund", Decimal("52000.00"))]


def test_the_plan_file_lands_where_the_user_means(qtbot, tmp_path, monkeypatch, us_locale):
    from planner.ui.guided.wizard import GuidedStart

    monkeypatch.chdir(tmp_path / "..")
    wizard = GuidedStart(tmp_path)
    qtbot.addWidget(wizard)
    assert wizard.chosen_path("relative name") == tmp_path / "relative name.plan"  # not the working folder
    (tmp_path / "plans").mkdir()
    assert wizard.chosen_path(str(tmp_path / "plans")) == tmp_path / "plans" / "My plan.plan"
    assert wizard.chosen_path("/elsewhere/ours.plan") == Path("/elsewhere/ours.plan")


def test_a_birth_year_after_the_first_year_is_refused(qtbot, tmp_path, us_locale):
    from planner.ui.guided.wizard import GuidedStart

    wizard = GuidedStart(tmp_path)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.birth_year.setText(str(wizard.plan_so_far().start.year + 1))
    wizard.next()
    assert wizard.currentPage() is wizard.you and "after the plan's first year" in wizard.you.problem.text()
