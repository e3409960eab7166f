"""File > Import Returns Table and the Assumptions' History table field in the window: a checked
CSV joins the plan as one undoable edit and is chosen; a bad file changes nothing and names its
line; an imported table can be removed again."""

from __future__ import annotations

from planner.services.plan_files import read_plan
from tests.helpers import returns_csv


def _history(window):
    return window.plan_settings.editor("assumptions", "history_table")


def test_a_table_is_imported_chosen_saved_and_undone_in_one_step(demo_window, tmp_path):
    window = demo_window
    source = tmp_path / "japan.csv"
    source.write_text(returns_csv(48, 1989), encoding="utf-8")
    action = next(a for a in window.menuBar().actions()[0].menu().actions() if "Returns Table" in a.text())
    assert action.isEnabled()
    assert window.exchange.returns_tables.import_file(source) == "japan"
    plan = window.session.plan
    assert [t.name for t in plan.returns_tables] == ["japan"] and plan.assumptions.history_table == "japan"
    assert plan.returns_tables[0].text == returns_csv(48, 1989)
    combo = _history(window).input
    assert [combo.itemData(i) for i in range(combo.count())] == ["built-in", "japan"]
    assert combo.currentData() == "japan" and _history(window).remove_button.isEnabled()
    assert window.flush() and read_plan(window.session.path).returns_tables == plan.returns_tables
    window.undo_action.trigger()
    assert window.session.plan.returns_tables == () and window.session.plan.assumptions.history_table == "built-in"
    assert combo.count() == 1 and not _history(window).remove_button.isEnabled()
    window.redo_action.trigger()
    assert window.session.plan.assumptions.history_table == "japan"


def test_a_bad_file_changes_nothing_and_names_the_line(demo_window, tmp_path):
    window = demo_window
    before = window.session.plan
    source = tmp_path / "broken.csv"
    source.write_text(returns_csv().replace("1990-05,", "1990-05,x"), encoding="utf-8")
    assert window.exchange.returns_tables.import_file(source) is None
    assert window.session.plan == before
    text = window.messages.text.text()
    assert "not imported" in text and "broken.csv: line 6, equities" in text


def test_choosing_and_removing_a_table_in_the_assumptions(demo_window, tmp_path):
    window = demo_window
    for name in ("one", "two"):
        (tmp_path / f"{name}.csv").write_text(returns_csv(), encoding="utf-8")
        window.exchange.returns_tables.import_file(tmp_path / f"{name}.csv")
    editor = _history(window)
    editor.input.activated.emit(0)  # the built-in history, picked in the list
    assert window.session.plan.assumptions.history_table == "built-in"
    assert not editor.remove_button.isEnabled()
    editor.input.activated.emit(1)
    assert window.session.plan.assumptions.history_table == "one" and editor.remove_button.isEnabled()
    editor.remove_button.click()
    plan = window.session.plan
    assert [t.name for t in plan.returns_tables] == ["two"] and plan.assumptions.history_table == "built-in"
    assert editor.input.currentData() == "built-in"
    window.undo_action.trigger()
    assert window.session.plan.assumptions.history_table == "one" and editor.input.currentData() == "one"


def test_the_report_names_the_history_the_plan_replays():
    from planner.ui.report.sections import household_section
    from tests.helpers import demo, history_plan

    assert "History table</td><td" in household_section(history_plan()).replace("\n", "")
    assert "Japan 1989" in household_section(history_plan())
    assert "Built-in US history" in household_section(demo())
