"""The report's child process leaves cleanly after using the engine's worker processes."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]  # the checkout: the script imports tests.helpers

SCRIPT = textwrap.dedent("""
    from dataclasses import replace
    from pathlib import Path
    import sys

    from planner.domain.demo import demo_plan
    from planner.ui.report.report_process import write_report_in_child
    from tests.helpers import until_age

    if __name__ == "__main__":
        plan = until_age(demo_plan(), 60)
        plan = replace(plan, scenarios=(), assumptions=replace(plan.assumptions, paths=300))
        pages = write_report_in_child(plan, Path(sys.argv[1]), "a4", lambda done, total: None)
        print("pages", pages, flush=True)
""")


def test_a_report_with_two_workers_leaves_no_semaphores_behind(tmp_path):
    """Ended the moment it answered, the child could not stop its workers, and multiprocessing
    warned at exit of "leaked semaphore objects" in the user's terminal."""
    environment = {**os.environ, "PLANNER_WORKERS": "2", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "report.pdf")], capture_output=True,
                          text=True, timeout=120, env=environment, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("pages ") and (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")
    assert "leaked" not in done.stderr, done.stderr
