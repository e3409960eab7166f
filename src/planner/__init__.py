"""Passive Income Planner: projects passive income from savings, investments and side businesses."""

import os

# Before numpy loads: the engine's arrays are small (streams x paths, one month at a time), so
# OpenBLAS's own thread pool never speeds a product up; its threads only spin beside the engine's
# worker processes. One thread each: `planner simulate` on the demo plan took 29 s instead of 33 s,
# and 50 s of CPU instead of 57 (benchmarks/README.md, "OpenBLAS threads"). A user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

__version__ = "0.1.0"
APP_NAME = "Passive Income Planner"
