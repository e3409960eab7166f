"""The What-if window: every tab runs in the background and shows its answer; answers can be put
into the plan (undoable) or saved as a scenario."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from planner.engine.inputs import snapshot
from planner.engine.sensitivity import moves
from planner.services.whatif.comparison import BASE_NAME
from planner.ui.whatif.dialog import PANELS
from tests.gui.conftest import demo_to_65
from tests.helpers import saved_plan

WAIT_MS = 120_000


@pytest.fixture
def window(demo_window):
    """The demo window with few paths per run over a shorter life (to 65), so each tab's work takes
    seconds; the answers' figures are checked by the engine's and the CLI's tests."""
    demo_to_65(demo_window, paths=100)
    return demo_window


def run(qtbot, panel):
    panel.start()
    qtbot.waitUntil(lambda: panel.task is not None and panel.task.done, timeout=WAIT_MS)
    assert not panel.status.text().startswith("Could not run"), panel.status.text()


def test_menu_opens_each_tab(window):
    titles = [a.text() for a in window.menuBar().actions()]
    assert "&What-if" in titles
    for index in range(len(PANELS)):
        panel = window.open_whatif(index)
        assert window.whatif.tabs.currentWidget() is panel
    assert window.whatif.isVisible()


@pytest.mark.slow
def test_compare_shows_the_scenarios_side_by_side_with_differences(qtbot, window):
    panel = window.open_whatif(0)
    names = [BASE_NAME, "Barbell", "Dividend snowball", "4 % rule"]
    assert [panel.choices.item(i).text() for i in range(panel.choices.count())] == names
    run(qtbot, panel)
    table = panel.view.table
    assert table.columnCount() == 4
    assert [table.horizontalHeaderItem(i).text() for i in range(4)] == names
    assert "months" in panel.view.cell_text(0, 1) or "not reachable" in panel.view.cell_text(0, 1)
    assert "pts" in panel.view.cell_text(1, 2)  # success stopping at 55
    assert len(panel.view.chart.names) == 4 and panel.view.chart.lines[2][1].isVisible()


def test_compare_needs_two(qtbot, window):
    panel = window.open_whatif(0)
    for i in range(1, panel.choices.count()):
        panel.choices.item(i).setCheckState(panel.choices.item(0).checkState().Unchecked)
    panel.start()
    assert panel.task is None and "at least two" in panel.status.text()
    assert "Scenarios tab" in panel.status.text()  # and how to make another


@pytest.mark.slow
def test_stress_runs_beside_the_unstressed_plan(qtbot, window):
    panel = window.open_whatif(1)
    panel.preset.setCurrentIndex(panel.preset.findData("creator-shock"))
    assert "halved" in panel.claim.text()
    run(qtbot, panel)
    assert panel.view.table.horizontalHeaderItem(1).text() == "Creator-platform shock"
    assert "Hiking gear blog" in panel.status.text() and "Stock photos" in panel.status.text()


@pytest.mark.slow
def test_goal_seek_answer_can_be_used_and_undone(qtbot, window):
    assert window.edit_field("household", "saving_from_income", False, "saving from income") is None
    panel = window.open_whatif(2)
    panel.age.setValue(50)
    panel.paths.setValue(250)  # one chunk of the engine's
    run(qtbot, panel)
    answer = panel.result.answer
    assert answer.value is not None and answer.achieved >= 0.9 > answer.step_beyond  # the plan's confidence
    assert panel.answer.text().startswith("Save ")
    assert panel.use_button.isVisible()
    panel.use_button.click()
    assert saved_plan(window).household.monthly_savings == answer.value
    window.editor.stack.undo()
    assert saved_plan(window).household.monthly_savings == 2800


@pytest.mark.slow
def test_fi_age_goal_has_no_age_and_no_use_button(qtbot, window):
    panel = window.open_whatif(2)
    panel.goal.setCurrentIndex(panel.goal.findData("fi-age"))
    assert not panel.age.isEnabled()
    panel.paths.setValue(250)  # one chunk of the engine's
    run(qtbot, panel)
    assert panel.answer.text().startswith("With the plan as it is") and not panel.use_button.isVisible()


@pytest.mark.slow
def test_allocation_suggestion_saves_as_a_scenario(qtbot, window):
    # each mix runs its stop-month search: a stream or two per sleeve and the plan to 65 keep it short
    from planner.services.commands import RemoveStream

    kept = ("Emergency fund", "Bond fund", "Total-market index fund", "Dividend ETF", "ETH staking")
    for stream in window.session.plan.streams:
        if stream.name not in kept:
            assert window.perform(RemoveStream(stream.uid)) is None
    panel = window.open_whatif(3)
    panel.floor.setValue(1000)
    panel.step.setCurrentIndex(panel.step.findData(25))
    panel.paths.setValue(100)
    run(qtbot, panel)
    assert panel.suggestion.best is not None and panel.suggestion.best.downside >= 1000
    assert "Suggested:" in panel.answer.text()
    assert len(panel.chart.mixes.data) == len(panel.suggestion.sleeve_mixes)
    panel.save_button.click()
    scenario = saved_plan(window).scenario("Suggested allocation")
    assert ("strategy", "preset") in {(o.target, o.field) for o in scenario.overrides}
    window.open_whatif(0)
    choices = window.whatif.panels[0].choices
    names = [choices.item(i).text() for i in range(choices.count())]
    assert names[-1] == "Suggested allocation"
    assert choices.item(choices.count() - 1).checkState() == Qt.CheckState.Checked  # ready to compare


@pytest.mark.slow
def test_sensitivity_draws_the_tornado_and_lists_every_input(qtbot, window):
    # each input moved down and up is a run with its stop-month search: four streams (12 inputs, as
    # many as the chart shows) and the plan to 60 on the fewest paths keep them to seconds
    from planner.services.commands import RemoveStream

    assert window.edit_fields([("household", "plan_until_age", 60),
                               ("household", "partner_plan_until_age", 58)], "plan until age") is None
    for stream in window.session.plan.streams[4:]:
        assert window.perform(RemoveStream(stream.uid)) is None
    panel = window.open_whatif(4)
    panel.paths.setValue(panel.paths.minimum())
    run(qtbot, panel)
    assert panel.table.rowCount() == len(moves(snapshot(window.session.plan)))
    ticks = panel.chart.fi_plot.getAxis("left")._tickLevels[0]
    assert len(ticks) == 12 and "±" in ticks[-1][1]


def test_explain_lists_drivers_passivity_and_diversification(qtbot, window):
    panel = window.open_whatif(5)
    run(qtbot, panel)
    text = panel.text.toPlainText()
    assert "What drives the worst 10%" in text and "stock markets:" in text
    assert "Passivity" in text and "effective income sources" in text
