"""Fixtures shared by the widget tests."""

import pytest
from PySide6.QtWidgets import QMessageBox

#: Qt's own QMessageBox.warning, whatever a test patched it to.
_REAL_WARNING = QMessageBox.warning


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """Windows a test leaves open are closed by pytest-qt after it; one left holding a refused value
    would ask "Close anyway?" in a modal box nobody can answer offscreen, and the suite would hang.
    During teardown that question is answered Discard (tests of the question answer it themselves)."""
    QMessageBox.warning = staticmethod(lambda *_args, **_kwargs: QMessageBox.StandardButton.Discard)
    try:
        yield
    finally:
        QMessageBox.warning = _REAL_WARNING


@pytest.fixture
def us_locale():
    """Pin the locale so texts are predictable, and restore it for the tests that follow."""
    from PySide6.QtCore import QLocale

    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


#: Monte Carlo paths for windows in tests: enough for bands and spread, and each complete run (with
#: its stop-month search) quick enough to wait for many times in one test. One chunk: the tests of
#: partial results set their own count (test_live_projection, test_answer).
TEST_PATHS = 100


def small_runner(monte_carlo: bool = False):
    """A projection runner with few paths, in this process, so each test window's background run
    ends quickly and no child process is started (test_live_projection covers the child).
    ``monte_carlo`` False (the default): the expected path only, for tests that never read Monte Carlo
    results; True for those that do."""
    from planner.ui.projection_runner import ProjectionRunner

    return ProjectionRunner(paths=TEST_PATHS, isolated=False, monte_carlo=monte_carlo)


def idle_runner():
    """A projection runner that never projects: for a test of editing alone (building a whole plan by
    keyboard, undoing and redoing every step), where each edit's run would only redraw charts the
    test never reads. Runs after edits are the live projection's and charts' tests."""
    from planner.ui.projection_runner import ProjectionRunner

    class IdleRunner(ProjectionRunner):
        def request(self, plan, scenario) -> None:
            self.requests += 1

    runner = IdleRunner(paths=TEST_PATHS, isolated=False, monte_carlo=False)
    runner.requests = 0
    return runner


def demo_to_65(window, paths: int | None = None) -> None:
    """The demo window's plan run to 65 (the partner to 63) instead of 97, and with ``paths`` Monte
    Carlo paths when given, as one undo step: for tests of what a run's work does in the window, not
    of its figures, so that each run covers half the months."""
    items = [("household", "plan_until_age", 65), ("household", "partner_plan_until_age", 63)]
    if paths is not None:
        items.insert(0, ("assumptions", "paths", paths))
    assert window.edit_fields(items, "a shorter plan") is None


#: Marks a test that reads the window's Monte Carlo results: its ``demo_window`` runs them. Other
#: tests' windows project the expected path only, which is all they look at (and a sixth of the cost).
MONTE_CARLO_MARK = "montecarlo"


@pytest.fixture
def demo_window(qtbot, tmp_path, us_locale, request):
    """The main window on a fresh demo plan file, shown and active so keys reach it."""
    from planner.services.plan_session import PlanSession
    from planner.ui.main_window import MainWindow
    from tests.gui.keyboard import activate
    from tests.helpers import fresh_demo_file

    session = PlanSession.open(fresh_demo_file(tmp_path / "demo.plan"))
    window = MainWindow(session, runner=small_runner(monte_carlo=MONTE_CARLO_MARK in request.keywords))
    qtbot.addWidget(window)
    activate(window)
    yield window
    window.close()
