"""Start time as a user feels it: from the process's start to the window shown with its event loop
idle, measured from outside the process (interpreter start and every import included), offscreen.

``planner bench`` reports it; ``python -m planner.app.start_bench [--executable dist/planner/planner]``
prints it alone (the frozen app when an executable is given, else this Python's source install).
The first start is left out: it warms the file cache and, as an installed app has, compiles the
bytecode (the children run without PYTHONDONTWRITEBYTECODE). Besides the wall clock, the CPU time
the window's process used by then is reported: it moves much less with other load on the machine.
Figures only; budgets are compared by people reading them, never by timed assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

#: Set in the window's environment: it prints ``START_PROBE <wall clock>`` when idle, then quits.
START_PROBE = "PLANNER_START_PROBE"
RUNS = 5
SOURCE_COMMAND = ("-c", "import sys; from planner.app.main import main; sys.exit(main())")


def planner_command(executable: Path | None = None) -> list[str]:
    """The frozen app when given, else ``planner`` run by this Python (as the console script does)."""
    return [str(executable)] if executable is not None else [sys.executable, *SOURCE_COMMAND]


def bench_start(runs: int = RUNS, executable: Path | None = None) -> dict[str, Any]:
    """``runs`` starts of the window on the demo plan, after one left out: the median and range of the
    wall clock and of the window process's CPU time, in milliseconds."""
    import statistics

    command = planner_command(executable)
    with tempfile.TemporaryDirectory(prefix="planner-bench-start-") as folder:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PLANNER_HOME": folder, START_PROBE: "1"}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        plan = Path(folder) / "demo.plan"
        subprocess.run([*command, "new", str(plan), "--demo"], env=env, check=True, capture_output=True)
        starts = [_one_start(command, plan, env) for _ in range(runs + 1)][1:]
    figures: dict[str, Any] = {"start_build": "frozen" if executable is not None else "source", "start_runs": runs}
    for name, values in (("start_to_window_idle_ms", [s[0] for s in starts]),
                         ("start_cpu_ms", [s[1] for s in starts])):
        figures[f"{name}_median"] = round(statistics.median(values), 1)
        figures[f"{name}_min"] = round(min(values), 1)
        figures[f"{name}_max"] = round(max(values), 1)
    return figures


def _one_start(command: list[str], plan: Path, env: dict[str, str]) -> tuple[float, float]:
    """(wall clock from before the process starts to the window's idle loop, its CPU time), in ms."""
    started = time.time()
    done = subprocess.run([*command, str(plan)], env=env, capture_output=True, text=True, timeout=120)
    for line in done.stdout.splitlines():
        if line.startswith(START_PROBE + " "):
            _, wall, cpu = line.split()
            return (float(wall) - started) * 1000, float(cpu) * 1000
    raise RuntimeError(f"the window did not report its start (exit {done.returncode}): {done.stderr.strip()[-500:]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m planner.app.start_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--executable", type=Path, help="the frozen app (default: the source install)")
    parser.add_argument("--runs", type=int, default=RUNS)
    options = parser.parse_args(argv)
    print(json.dumps(bench_start(options.runs, options.executable), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
