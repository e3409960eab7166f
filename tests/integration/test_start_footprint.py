"""The window starts without what its first frame does not need: Alembic (a plan at head is
checked from the migration scripts' own lines), the PDF report, the import dialog, and the charts of
the tabs not open. Checked in fresh processes, where nothing else has imported them yet."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from planner.storage import migrate
from planner.ui.charts.registry import PROJECTION_CHARTS
from planner.ui.projection_view import ProjectionView

#: Loaded on first use only (File > Export, File > Import Holdings, a plan to create or migrate).
DEFERRED = ("alembic", "mako", "planner.ui.report.plan_report", "planner.services.report",
            "planner.export.pdf_document", "planner.ui.holdings_import_dialog")


def loaded_after(code: str, tmp_path) -> set[str]:
    """The modules of DEFERRED that a fresh Python has loaded after running code."""
    script = f"{code}\nimport json, sys\nprint(json.dumps([m for m in {DEFERRED!r} if m in sys.modules]))"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120,
                          check=True)
    return set(json.loads(done.stdout.strip().splitlines()[-1]))


def test_the_window_opens_a_plan_without_the_deferred_modules(tmp_path):
    plan = tmp_path / "demo.plan"
    assert "alembic" in loaded_after(f"from planner.services.plan_files import create_plan\n"
                                     f"create_plan({str(plan)!r}, demo=True).close()", tmp_path)  # creating needs it
    opened = loaded_after(
        "from pathlib import Path\n"
        "from planner.app.gui import application, open_session\n"
        "from planner.ui.main_window import MainWindow\n"
        "app = application()\n"
        f"window = MainWindow(open_session(Path({str(plan)!r})))\n"
        "window.show()\n"
        "app.processEvents()\n"
        "window.dispose()\n", tmp_path)
    assert opened == set()


def test_the_revisions_read_from_the_scripts_are_alembics():
    scripts = migrate.script_directory()
    assert migrate.known_revisions() == {script.revision for script in scripts.walk_revisions()}
    assert migrate.head_revision() == scripts.get_current_head()
    assert {script.revision: script.down_revision for script in scripts.walk_revisions()} == migrate.revision_chain()


def test_a_chart_is_made_when_its_tab_is_first_opened(qtbot):
    view = ProjectionView()
    qtbot.addWidget(view)
    made = [chart is not None for chart in view._charts]
    assert made == [True] + [False] * (len(PROJECTION_CHARTS) - 1)
    view.tabs.setCurrentIndex(2)
    assert view.current_chart is view.chart(2) and isinstance(view.chart(2), PROJECTION_CHARTS[2])
    assert view.chart(2).parent() is view.tabs.widget(2) and view.chart(2).isVisible() == view.isVisible()
    assert [chart is not None for chart in view._charts].count(True) == 2
    assert [type(chart) for chart in view.charts] == list(PROJECTION_CHARTS)


@pytest.mark.slow
def test_the_start_benchmark_reports_the_window_ready(tmp_path):
    from planner.app.start_bench import bench_start

    figures = bench_start(runs=1)
    assert figures["start_build"] == "source" and figures["start_runs"] == 1
    assert 0 < figures["start_cpu_ms_median"] and 0 < figures["start_to_window_idle_ms_median"]
    assert figures["start_to_window_idle_ms_min"] <= figures["start_to_window_idle_ms_max"]
