"""`planner bench ui`: what a user feels in the editor, measured offscreen on the demo plan.

Figures only (JSON); budgets are compared by people reading them, never by timed assertions.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from planner.services.plan_files import create_plan
from planner.ui.main_window import MainWindow

EDITS = 40


def bench_ui() -> dict[str, Any]:
    """Window build, edit-to-refreshed-views (base plan and scenario), undo, and one autosave write."""
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory(prefix="planner-bench-ui-") as folder:
        started = time.perf_counter()
        session = create_plan(Path(folder) / "demo.plan", demo=True)
        window = MainWindow(session)
        window.show()
        app.processEvents()
        shown = time.perf_counter() - started
        window._select_uid("flatb")
        base = _edits(app, window, Decimal(2000))
        window.scenarios.select("Dividend snowball")
        scenario = _edits(app, window, Decimal(2500))
        undo = _timed(app, [window.undo_action.trigger] * 10)
        writes = []
        for step in range(10):
            window.edit_field("household", "monthly_savings", Decimal(2000 + step), "monthly savings")
            writes.append(_timed(app, [window.editor.flush])[0])
        window.close()
    return {
        "window_shown_ms": round(shown * 1000, 1),
        "edit_to_views_ms_median": _median(base),
        "edit_to_views_ms_max": round(max(base) * 1000, 1),
        "scenario_edit_to_views_ms_median": _median(scenario),
        "undo_to_views_ms_median": _median(undo),
        "autosave_write_ms_median": _median(writes),
        "edits_measured": EDITS,
    }


def _edits(app: Any, window: MainWindow, first: Decimal) -> list[float]:
    """Edits alternate between two fields, so none merge and each is its own undo step."""
    fields = ("params.monthly_rent", "params.insurance")
    steps = [lambda v=first + i, f=fields[i % 2]: window.edit_field("stream:flatb", f, v, f)
             for i in range(EDITS)]
    return _timed(app, steps)


def _timed(app: Any, steps: list[Any]) -> list[float]:
    times = []
    for step in steps:
        start = time.perf_counter()
        step()
        app.processEvents()
        times.append(time.perf_counter() - start)
    return times


def _median(seconds: list[float]) -> float:
    return round(statistics.median(seconds) * 1000, 2)
