"""Fixtures shared by the widget tests."""

import pytest


@pytest.fixture
def us_locale():
    """Pin the locale so texts are predictable, and restore it for the tests that follow."""
    from PySide6.QtCore import QLocale

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


#: Monte Carlo paths for windows in tests: enough for bands and spread, quick enough for every test.
TEST_PATHS = 300


def small_runner():
    """A projection runner with few paths, in this process, so each test window's background run
    ends quickly and no child process is started (test_live_projection covers the child)."""
    from planner.ui.projection_runner import ProjectionRunner

    return ProjectionRunner(paths=TEST_PATHS, isolated=False)


@pytest.fixture
def demo_window(qtbot, tmp_path, us_locale):
    """The main window on a fresh demo plan file, shown and active so keys reach it."""
    from planner.services.plan_files import create_plan
    from planner.ui.main_window import MainWindow
    from tests.gui.keyboard import activate

    session = create_plan(tmp_path / "demo.plan", demo=True)
    window = MainWindow(session, runner=small_runner())
    qtbot.addWidget(window)
    activate(window)
    yield window
    window.close()
