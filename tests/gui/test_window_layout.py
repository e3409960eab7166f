"""The window fits the screen it opens on, comes back as it was left (size, place, splitters, folded
sections), and the Plan panel scrolls up and down, never sideways."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from PySide6.QtCore import QRect, QSettings, QSize

from planner.domain.enums import FIRuleKind
from planner.services.plan_files import create_plan
from planner.ui.main_window import MainWindow
from planner.ui.window_layout import first_geometry, fitted
from tests.gui.conftest import small_runner

LAPTOP = QRect(0, 0, 1366, 768)


def test_a_first_window_fits_a_small_screen_and_keeps_its_size_on_a_large_one():
    small = first_geometry(QRect(0, 0, 1366, 728))  # a taskbar takes 40 px
    assert QRect(0, 0, 1366, 728).contains(small) and small.width() <= 1366 and small.height() <= 728
    large = first_geometry(QRect(0, 0, 1920, 1040))
    assert large.size() == QSize(1440, 900) and large.center() == QRect(0, 0, 1920, 1040).center()


def test_a_remembered_frame_is_brought_back_onto_a_smaller_screen():
    frame = fitted(QRect(600, 400, 1440, 900), LAPTOP)
    assert LAPTOP.contains(frame) and frame.size() == QSize(1366, 768)
    assert fitted(QRect(100, 50, 800, 600), LAPTOP) == QRect(100, 50, 800, 600)  # already on screen
    assert fitted(QRect(-300, -20, 800, 600), LAPTOP).topLeft().x() == 0


def open_window(qtbot, path, settings):
    window = MainWindow(create_plan(path, demo=True) if not path.exists() else _open(path), settings=settings,
                        runner=small_runner())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def _open(path):
    from planner.services.plan_session import PlanSession

    return PlanSession.open(path)


def test_splitters_and_folded_sections_come_back_after_a_restart(qtbot, tmp_path, us_locale):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    window = open_window(qtbot, tmp_path / "demo.plan", settings)
    assert window.plan_settings.folded() == ["Assumptions", "Tax"]  # a first start
    window.plan_settings.sections["Household"].header.click()
    window.plan_settings.sections["Tax"].header.click()
    window.plan_split.setSizes([520, 900])
    sizes = window.plan_split.sizes()
    window.close()
    again = open_window(qtbot, tmp_path / "demo.plan", settings)
    assert again.plan_settings.folded() == ["Household", "Assumptions"]
    assert not again.plan_settings.editor("household", "birth_year").input.isVisible()
    assert again.plan_split.sizes() == sizes
    again.close()


def test_a_section_says_when_a_scenario_changes_something_folded_in_it(demo_window):
    demo_window.scenarios.select("Barbell")
    header = demo_window.plan_settings.sections["Strategy"].header.text()
    assert "changed in this scenario" in header
    demo_window.scenarios.select(None)
    assert demo_window.plan_settings.sections["Strategy"].header.text() == "Strategy"


@pytest.mark.parametrize("rule", list(FIRuleKind))
def test_the_plan_panel_never_scrolls_sideways(demo_window, qtbot, rule):
    """At its narrowest, with every section open and either FI test chosen, every row fits."""
    panel = demo_window.plan_settings
    panel.set_folded([])
    assert demo_window.edit_field("fi_rule", "kind", rule, "FI test") is None
    demo_window.plan_split.setSizes([0, 5000])  # as narrow as the splitter allows
    qtbot.wait(50)
    body = panel.widget()
    assert panel.horizontalScrollBar().maximum() == 0
    assert body.width() <= panel.viewport().width()
    for widget in panel.input_widgets():
        if widget.isVisible():
            panel.ensureWidgetVisible(widget)  # what focusing a field does
    assert panel.horizontalScrollBar().value() == 0


SCRIPT = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
from planner.app.gui import application
from planner.services.plan_files import create_plan
from planner.services.plan_session import PlanSession
from planner.ui.main_window import MainWindow
from planner.ui.projection_runner import ProjectionRunner
from pathlib import Path

app = application()
plan, ini = Path(sys.argv[1]), sys.argv[2]
session = PlanSession.open(plan) if plan.exists() else create_plan(plan, demo=True)
window = MainWindow(session, settings=QSettings(ini, QSettings.Format.IniFormat),
                    runner=ProjectionRunner(paths=50, isolated=False, monte_carlo=False))
window.show()
for _ in range(100):
    app.processEvents()
screen = app.primaryScreen().availableGeometry()
def on_screen(widget):
    rect = widget.rect().translated(widget.mapToGlobal(widget.rect().topLeft()))
    return screen.contains(rect)
parts = {"window": window.frameGeometry(), "status bar": window.statusBar(), "stream editor": window.stream_editor,
         "charts": window.projection_view, "plan panel": window.left, "streams": window.table}
whatif = window.open_whatif(4)
for _ in range(50):
    app.processEvents()
parts["what-if window"] = whatif.window().frameGeometry()
for name, part in parts.items():
    inside = screen.contains(part) if hasattr(part, "contains") else on_screen(part)
    print(name, "on screen" if inside else "OFF SCREEN")
window.whatif.close()
if len(sys.argv) > 3:
    window.move(40, 30)
    window.resize(1000, 600)
    for _ in range(20):
        app.processEvents()
print("geometry", window.geometry().x(), window.geometry().y(), window.width(), window.height())
window.close()
window.dispose()
"""


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("xvfb-run") is None, reason="xvfb-run is not installed (.ci/run installs it)")
def test_on_a_1366x768_screen_everything_is_reachable_and_the_window_comes_back(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb"}
    plan, ini = str(tmp_path / "demo.plan"), str(tmp_path / "settings.ini")

    def run(*extra):
        done = subprocess.run(["xvfb-run", "-a", "-s", "-screen 0 1366x768x24", sys.executable, "-c", SCRIPT,
                               plan, ini, *extra], env=env, capture_output=True, text=True, timeout=180)
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    first = run("move")
    assert "OFF SCREEN" not in first and first.count("on screen") == 7, first
    second = run()
    assert "geometry 40 30 1000 600" in second, second
