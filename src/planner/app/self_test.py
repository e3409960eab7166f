"""`planner --self-test`: an offscreen smoke test of the whole app, usable on a frozen build.

It creates the demo plan in a temporary folder, opens the main window on it, round-trips the
plan through JSON into a second file, and checks both exports are byte-identical.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    with tempfile.TemporaryDirectory(prefix="planner-self-test-") as folder:
        os.environ["PLANNER_HOME"] = folder
        from planner.app.gui import application, open_session
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
        }
        window.close()
        window.dispose()
        session.close()
        first = Path(folder) / "plan.json"
        text = export_json(session.path, first)
        import_json(Path(folder) / "copy.plan", first)
        checks["JSON round trip is lossless"] = export_json(Path(folder) / "copy.plan", None) == text
    failed = [name for name, ok in checks.items() if not ok]
    for name, ok in checks.items():
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
    if failed:
        print(f"planner: self-test failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    print("self-test passed")
    return 0
