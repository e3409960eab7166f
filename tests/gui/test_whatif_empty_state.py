"""Before a run every What-if tab says what to do instead of showing an empty (black) chart; Compare
says how to make a scenario, and a new scenario arrives ticked."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette

from planner.domain.plan import Scenario
from planner.services.commands import AddScenario, RemoveScenario, UpdateScenario
from planner.services.whatif.comparison import BASE_NAME
from planner.ui.charts.base import ChartBase
from planner.ui.whatif.dialog import PANELS
from tests.gui.conftest import demo_to_65, small_runner

WAIT_MS = 120_000


@pytest.fixture
def window(demo_window):
    assert demo_window.edit_field("assumptions", "paths", 100, "paths") is None  # the fewest: a compare run searches
    return demo_window


@pytest.fixture
def empty_window(qtbot, tmp_path, us_locale):
    """The main window on a new plan: no scenarios."""
    from planner.services.plan_files import create_plan
    from planner.ui.main_window import MainWindow

    window = MainWindow(create_plan(tmp_path / "new.plan"), runner=small_runner())
    qtbot.addWidget(window)
    window.show()
    yield window
    window.close()


def ticks(panel) -> dict[str, bool]:
    items = [panel.choices.item(i) for i in range(panel.choices.count())]
    return {item.text(): item.checkState() == Qt.CheckState.Checked for item in items}


def untick(panel, name: str) -> None:
    panel.choices.findItems(name, Qt.MatchFlag.MatchExactly)[0].setCheckState(Qt.CheckState.Unchecked)


def plain(text: str) -> str:
    return text.replace("&", "")


def test_before_a_run_each_tab_says_what_to_do_and_shows_no_chart(window):
    for index in range(len(PANELS)):
        panel = window.open_whatif(index)
        area = panel.result_area
        assert area is not None and area.empty
        assert area.message.isVisible() and not area.results.isVisible()
        assert f"press {panel.run_text}".lower() in area.message.text().lower()  # names the button to press
        for chart in area.results.findChildren(ChartBase):
            assert not chart.isVisible()
            # drawn in the palette's colours even before data, never pyqtgraph's black
            assert chart.canvas.backgroundBrush().color() == chart.palette().color(QPalette.ColorRole.Base)


@pytest.mark.slow
def test_after_a_run_the_chart_replaces_the_message(qtbot, window):
    demo_to_65(window)  # each run searches
    panel = window.open_whatif(0)
    for name in ("Dividend snowball", "4 % rule"):
        untick(panel, name)
    panel.start()
    qtbot.waitUntil(lambda: panel.task is not None and panel.task.done, timeout=WAIT_MS)
    assert not panel.result_area.empty and not panel.result_area.message.isVisible()
    assert panel.view.chart.isVisible() and panel.view.table.isVisible()
    assert panel.view.chart.names == [BASE_NAME, "Barbell"]
    assert panel.view.chart.canvas.width() > 300  # laid out at full size, not a hidden page's
    assert panel.status.text() == ""
    window.edit_field("household", "monthly_savings", Decimal("2500"), "monthly savings")
    assert panel.status.text() == panel.STALE  # the results shown are the old plan's now
    assert not window.open_whatif(1).status.text()  # a tab with nothing shown has nothing stale
    panel.start()
    window.edit_field("household", "monthly_savings", Decimal("2600"), "monthly savings")  # during the run
    qtbot.waitUntil(lambda: panel.task.done, timeout=WAIT_MS)
    assert panel.status.text() == panel.STALE


def test_compare_with_no_scenarios_says_how_to_make_one(empty_window):
    panel = empty_window.open_whatif(0)
    assert ticks(panel) == {BASE_NAME: True}
    assert "no scenarios yet" in panel.result_area.message.text()
    panel.start()
    assert panel.task is None
    status = panel.status.text()
    assert "no scenarios yet" in status and "Nothing to compare" in status
    # it names the place scenarios are made, as the main window spells it
    left = empty_window.left
    assert "Scenarios" in [plain(left.tabText(i)) for i in range(left.count())]
    assert f"{plain(empty_window.scenarios.new_button.text())} or {plain(empty_window.scenarios.clone_button.text())}" \
        in status
    view = next(a for a in empty_window.menuBar().actions() if plain(a.text()) == "View").menu()
    scenarios = next(a for a in view.actions() if plain(a.text()) == "Scenarios")
    assert f"View > Scenarios, {scenarios.shortcut().toString()}" in status
    assert "Scenarios tab" in status


def test_compare_with_one_ticked_says_how_many_and_how_to_make_more(window):
    panel = window.open_whatif(0)
    for name in ("Barbell", "Dividend snowball", "4 % rule"):
        untick(panel, name)
    panel.start()
    assert panel.task is None
    assert "Tick at least two" in panel.status.text() and "1 ticked" in panel.status.text()
    assert "press New or Clone" in panel.status.text()


def test_a_scenario_made_while_the_window_is_open_comes_ticked(window, monkeypatch):
    panel = window.open_whatif(0)
    untick(panel, "Barbell")
    monkeypatch.setattr(window.scenarios, "_ask", lambda *_: "Retire at 50")
    window.scenarios.new_button.click()
    assert window.whatif.isVisible()
    assert ticks(panel) == {BASE_NAME: True, "Barbell": False, "Dividend snowball": True, "4 % rule": True,
                            "Retire at 50": True}
    assert panel.chosen()[-1] == "Retire at 50"


def test_ticks_follow_renames_deletions_and_undo(window):
    panel = window.open_whatif(0)
    untick(panel, "Barbell")
    assert window.perform(UpdateScenario("Barbell", new_name="Barbell 85/15")) is None
    assert window.perform(UpdateScenario("4 % rule", new_name="Four percent")) is None
    assert ticks(panel)["Barbell 85/15"] is False and ticks(panel)["Four percent"] is True
    assert window.perform(RemoveScenario("Barbell 85/15")) is None
    assert "Barbell 85/15" not in ticks(panel)
    window.editor.stack.undo()  # the deleted scenario comes back as it was: unticked
    assert ticks(panel)["Barbell 85/15"] is False
    assert window.perform(AddScenario(Scenario("Side business", ""))) is None
    assert ticks(panel)["Side business"] is True

