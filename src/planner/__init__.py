"""Passive Income Planner: projects passive income from savings, investments and side businesses."""

import os

# Before numpy loads: the engine's arrays are small (streams x paths, one month at a time), so
# OpenBLAS's thread pool barely shortens a run (2 % alone on an idle machine) and costs 4-6 % more CPU;
# beside the engine's worker processes, one per core, its threads only compete with them
# (benchmarks/README.md, "OpenBLAS threads"). A user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
APP_NAME = "Passive Income Planner"
