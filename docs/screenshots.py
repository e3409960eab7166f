"""Screenshots of the main window on the demo plan, as a user sees it on a given screen, for the
docs (docs/images/window-WIDTHxHEIGHT-THEME.png). Run under a virtual screen of that size:

    xvfb-run -a -s "-screen 0 1366x768x24" python docs/screenshots.py light
    xvfb-run -a -s "-screen 0 1920x1080x24" python docs/screenshots.py dark

Two views are named instead of a theme; they save the 1600x1000 window alone (any large screen,
e.g. export QT_QPA_PLATFORM=offscreen:configfile=tests/data/offscreen-1920x1080.json):

    python docs/screenshots.py editor-scenario   # Scenarios tab, a scenario's changes in bold
    python docs/screenshots.py income-dark       # the passive income chart in a dark theme
    python docs/screenshots.py editor-life       # the demo's partner, spending phases and the timeline
    python docs/screenshots.py editor-accounts   # the Accounts tab and the Plan panel's Tax section
    python docs/screenshots.py accounts-chart    # the Accounts and tax chart beside the summary

It waits for the confirmed Monte Carlo answer, then saves the whole screen (so a window running off it shows).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtGui import QColor, QPalette

from planner.app.gui import application
from planner.services.plan_files import create_plan
from planner.ui.main_window import MainWindow
from planner.ui.projection_runner import ProjectionRunner

IMAGES = Path(__file__).resolve().parent / "images"


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                         (QPalette.ColorRole.Base, "#1f1f1f"), (QPalette.ColorRole.AlternateBase, "#2f2f2f"),
                         (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#353535"),
                         (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#3d7fc4"),
                         (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.ToolTipBase, "#353535"),
                         (QPalette.ColorRole.ToolTipText, "#e6e6e6"), (QPalette.ColorRole.PlaceholderText, "#9a9a9a")):
        palette.setColor(role, QColor(colour))
    return palette


def show_scenario(window: MainWindow) -> None:
    """The Scenarios tab on the demo's dividend scenario, its reweighted stream in the editor."""
    window.left.setCurrentIndex(1)
    window.scenarios.select("Dividend snowball")
    for row in range(window.proxy.rowCount()):
        if window.proxy.index(row, 0).data() == "Dividend ETF":
            window.table.selectRow(row)


def show_income(window: MainWindow) -> None:
    """The passive income chart, by stream."""
    titles = [window.projection_view.tabs.tabText(index) for index in range(window.projection_view.tabs.count())]
    window.projection_view.tabs.setCurrentIndex(titles.index("Passive income"))


def show_life(window: MainWindow) -> None:
    """The Partner section, the spending phases beside their form, and the timeline."""
    window.plan_settings.ensureWidgetVisible(window.plan_settings.sections["Partner"], 0, 0)
    window.item_tabs.setCurrentWidget(window.phases)
    titles = [window.projection_view.tabs.tabText(index) for index in range(window.projection_view.tabs.count())]
    window.projection_view.tabs.setCurrentIndex(titles.index("Timeline"))


def show_accounts(window: MainWindow) -> None:
    """The Accounts tab on the 401(k), and the Plan panel's Tax section unfolded with its tables."""
    for title, section in window.plan_settings.sections.items():
        section.set_expanded(title == "Tax")
    window.plan_settings.ensureWidgetVisible(window.plan_settings.sections["Tax"], 0, 0)
    window.item_tabs.setCurrentWidget(window.accounts)
    window.accounts.select("k401")
    window.editor_projection.setSizes([420, 580])


def show_accounts_chart(window: MainWindow) -> None:
    """The Accounts and tax chart: capital by account type, tax paid, the penalty-free months."""
    titles = [window.projection_view.tabs.tabText(index) for index in range(window.projection_view.tabs.count())]
    window.projection_view.tabs.setCurrentIndex(titles.index("Accounts and tax"))


VIEWS = {"editor-scenario": show_scenario, "income-dark": show_income, "editor-life": show_life,
         "editor-accounts": show_accounts, "accounts-chart": show_accounts_chart}
IMAGE_NAMES = {"editor-scenario": "editor-scenario.png", "income-dark": "projection-income-dark.png",
               "editor-life": "editor-life.png", "editor-accounts": "editor-accounts.png",
               "accounts-chart": "projection-accounts.png"}


def answered(state) -> bool:
    """Every path done and the confident month confirmed: the headline a user reads in the end (until
    then it is the searched paths' estimate, with their wider sampling error)."""
    result = state.montecarlo
    return state.complete and result is not None and (result.confident is None or result.confident.confirmed)


def main(theme: str) -> None:
    app = application()
    app.setStyle("Fusion")
    view = VIEWS.get(theme)
    if theme.endswith("dark"):
        app.setPalette(dark_palette())
    session = create_plan(Path(tempfile.mkdtemp()) / "demo.plan", demo=True)
    window = MainWindow(session, runner=ProjectionRunner(isolated=False))
    if view:
        window.resize(1600, 1000)
    window.show()
    if view:
        view(window)
    deadline = time.time() + 300
    while time.time() < deadline and not answered(window.runner.state):
        app.processEvents()
        time.sleep(0.05)
    for _ in range(20):
        app.processEvents()
    if view:
        target = IMAGES / IMAGE_NAMES[theme]
        window.grab().save(str(target))
    else:
        screen = app.primaryScreen()
        size = screen.size()
        target = IMAGES / f"window-{size.width()}x{size.height()}-{theme}.png"
        screen.grabWindow(0).save(str(target))
    print(target)
    window.close()
    window.dispose()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "light")
