"""`planner --self-test`: an offscreen smoke test of the whole app, usable on a frozen build.

It creates the demo plan in a temporary folder, opens the main window on it, waits for the live
projection's first result (its child process included) and draws every chart tab, writes the PDF
report (every chart, drawn again, through Qt's PDF writer) and the CSV, and round-trips the plan
through JSON into a second file, checking both exports are byte-identical. Each check stands for
parts of the bundle that packaging/planner.spec keeps: a left-out module or plugin the app needs
fails one of them.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

#: Paths of the report's Monte Carlo run: enough to draw every chart, few enough to take a second.
REPORT_PATHS = 20
#: How long the live projection may take to show its first result (a cold frozen child).
FIRST_RESULT_SECONDS = 60


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="planner-self-test-") as folder:
        os.environ["PLANNER_HOME"] = folder
        checks = _checks(Path(folder))
    failed = [name for name, ok in checks.items() if not ok]
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    if failed:
        print(f"planner: self-test failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print("self-test passed")
    return 0


def _checks(folder: Path) -> dict[str, bool]:
    from planner.app.gui import app_icon, application, open_session
    from planner.services.plan_files import export_json, import_json
    from planner.ui.main_window import MainWindow

    app = application()
    session = open_session(None)
    window = MainWindow(session)
    window.show()
    app.processEvents()
    checks = {
        "demo plan created": len(session.plan.streams) >= 12,
        "window shows every stream": window.stream_model.rowCount() == len(session.plan.streams),
        "SVG icon drawn": not app_icon().pixmap(64, 64).isNull(),
        "live projection's first result (child process)": _first_result(app, window),
    }
    checks["every chart tab drawn"] = _draw_tabs(window)
    window.close()
    window.dispose()
    session.close()
    checks.update(_exports(session.plan, folder))
    first = folder / "plan.json"
    text = export_json(session.path, first)
    import_json(folder / "copy.plan", first)
    checks["JSON round trip is lossless"] = export_json(folder / "copy.plan", None) == text
    return checks


def _first_result(app: Any, window: Any) -> bool:
    deadline = time.monotonic() + FIRST_RESULT_SECONDS
    while window.runner.drawn.best is None and not window.runner.drawn.error and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.01)
    return window.runner.drawn.best is not None


def _draw_tabs(window: Any) -> bool:
    """Each tab of the live view opened and painted with the run's result."""
    view = window.projection_view
    if view.state.best is None:
        return False
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        chart = view.chart(index)
        chart.grab()
        if chart.run_id != view.state.run_id:
            return False
    return True


def _exports(plan: Any, folder: Path) -> dict[str, bool]:
    """The PDF report (every chart, the scenario chart and the text pages) and the yearly CSV."""
    from datetime import date

    from planner.services.projection import SimulationRequest, projection_csv, simulate
    from planner.services.report import BASE_NAME, ReportData, ScenarioResult
    from planner.ui.report.plan_report import write_plan_report

    deterministic = simulate(plan, SimulationRequest(mode="deterministic", answer=False))
    montecarlo = simulate(plan, SimulationRequest(paths=REPORT_PATHS, answer=False))
    data = ReportData(plan, date.today(), deterministic, montecarlo,
                      (ScenarioResult(BASE_NAME, "The plan as entered.", montecarlo),))
    report = folder / "report.pdf"
    pages = write_plan_report(report, data)
    csv = projection_csv(deterministic, nominal=False, monthly=False, per_stream=True)
    return {
        "PDF report written": pages > 5 and report.read_bytes().startswith(b"%PDF"),
        "CSV written": csv.count("\n") > 10,
    }
