"""The main window shows the open plan; item models pass Qt's model tester."""

from pathlib import Path

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt

from planner.services.plan_files import open_or_create_default
from planner.services.plan_session import PlanSession
from planner.ui.main_window import MainWindow
from planner.ui.stream_table_model import SORT_ROLE, StreamTableModel
from tests.gui.conftest import small_runner
from tests.helpers import demo


@pytest.fixture
def window(qtbot, tmp_path, us_locale):
    session = PlanSession.create(tmp_path / "w.plan", demo())
    window = MainWindow(session, runner=small_runner())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    session.close()


def test_window_lists_every_stream_grouped_by_sleeve(window):
    table = window.table
    assert table.model().rowCount() == len(demo().streams)
    sleeves = [table.model().index(row, 2).data() for row in range(table.model().rowCount())]
    assert sleeves == sorted(sleeves, key=["Safe", "Core", "Speculative"].index)
    assert "Demo household" in window.windowTitle()


def test_plan_settings_show_the_household_in_the_locale(window):
    expenses = window.plan_settings.editor("household", "monthly_expenses")
    assert expenses.input.text() == "3,400.00" and expenses.unit_label.text() == "$/month"
    assert window.plan_settings.editor("household", "target_fi_age").input.text() == "55"
    model = window.scenarios.model
    assert [model.index(r).data() for r in range(model.rowCount())] == ["Base plan", "Barbell", "Dividend snowball",
                                                                             "4 % rule"]


def test_money_follows_the_users_locale():
    from decimal import Decimal

    from PySide6.QtCore import QLocale

    from planner.ui.formatting import money

    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert money(Decimal("4200.00"), "EUR", german).replace("\u00a0", " ") == "4.200,00 €"


def test_stream_model_passes_the_model_tester(qtmodeltester):
    model = StreamTableModel(demo())
    qtmodeltester.check(model)
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    proxy.sort(3, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(proxy)
    amounts = [model.stream_at(proxy.mapToSource(proxy.index(r, 0)).row()).starting_amount
               for r in range(proxy.rowCount())]
    assert amounts == sorted(amounts, reverse=True)


def test_first_start_creates_the_demo_plan_in_planner_home(qtbot, planner_home):
    from planner.app.paths import default_plan_path

    path = default_plan_path()
    assert Path(path).parent == planner_home and not path.exists()
    session = open_or_create_default(path)
    window = MainWindow(session, runner=small_runner())
    qtbot.addWidget(window)
    assert path.exists() and window.stream_model.rowCount() >= 12
    session.close()


def test_screenshot_of_the_main_window(window, tmp_path):
    image = window.grab()
    target = tmp_path / "main-window.png"
    assert image.save(str(target))
    assert image.width() > 800 and target.stat().st_size > 10_000


def test_the_status_bar_counts_in_words(qtbot, tmp_path, us_locale):
    from planner.domain.defaults import new_stream
    from planner.services.commands import AddStream
    from planner.services.plan_files import create_plan

    window = MainWindow(create_plan(tmp_path / "one.plan", name="One"), runner=small_runner())
    qtbot.addWidget(window)
    assert window.status_label.text().startswith("0 streams · 0 scenarios · ")
    window.editor.perform(AddStream(new_stream("index_fund", "Fund", window.session.plan.start)))
    assert window.status_label.text().startswith("1 stream · 0 scenarios · ")
