"""What an edit costs the GUI thread: only what changed is handed to Qt again (every field's style
sheet and tooltip, every cell of the streams table, on every edit, made the window's stalls)."""

from __future__ import annotations

from decimal import Decimal

from planner.domain.record_fields import NUMERIC_FIELDS
from planner.ui.field_editors import NumberEditor


def test_a_field_shown_again_unchanged_sets_neither_its_style_sheet_nor_its_tooltip(qtbot):
    editor = NumberEditor(NUMERIC_FIELDS["household"]["monthly_expenses"], "USD")
    qtbot.addWidget(editor)
    calls = []
    editor.input.setStyleSheet = lambda sheet: calls.append(("style", sheet))
    editor.input.setToolTip = lambda tip: calls.append(("tip", tip))
    editor.set_value(Decimal(3000))
    editor.set_value(Decimal(3100))
    editor.set_locked("")
    assert calls == []
    editor.set_value(Decimal(3100), overridden=True, base_text="3,000.00")
    assert [kind for kind, _ in calls] == ["style", "tip"] and "base plan has 3,000.00" in calls[1][1]
    editor.set_locked("Only the base plan sets this")
    editor.set_value(Decimal(3100))
    assert [kind for kind, _ in calls] == ["style", "tip", "tip", "style", "tip"]


def test_an_edit_refreshes_only_its_own_row_of_the_streams_table(demo_window):
    window = demo_window
    model = window.stream_model
    refreshed = []
    model.dataChanged.connect(lambda top, bottom, *_: refreshed.append((top.row(), bottom.row())))
    window.edit_field("household", "monthly_savings", Decimal(2100), "monthly savings")
    assert refreshed == []
    window.edit_field("stream:flatb", "params.monthly_rent", Decimal(1400), "monthly rent")
    row = model.row_of("flatb")
    assert refreshed == [(row, row)]
    before = list(model._rows)
    window.scenarios.select("Dividend snowball")  # the rows it changes or leaves out, not all of them
    changed = [row for row, (now, was) in enumerate(zip(model._rows, before, strict=True))
               if now != was or not (now[1] and was[1])]
    assert 0 < len(changed) < model.rowCount()
    assert refreshed[-1] == (changed[0], changed[-1])
    outside = [row for row in range(model.rowCount()) if not changed[0] <= row <= changed[-1]]
    assert all(model._rows[row] == before[row] for row in outside)  # what the view kept is still true
    window.scenarios.select(None)
    assert refreshed[-1] == (changed[0], changed[-1])


def test_a_field_told_the_same_currency_again_changes_nothing_and_another_currency_its_unit(qtbot):
    editor = NumberEditor(NUMERIC_FIELDS["household"]["monthly_expenses"], "USD")
    qtbot.addWidget(editor)
    calls = []
    editor.unit_label.setText = lambda text: calls.append(text)
    editor.set_currency("USD")
    assert calls == []
    editor.set_currency("EUR")
    assert calls == ["€/month"] and "€" in editor.input.toolTip()
