"""OpenBLAS keeps to one thread in every planner process: on the engine's small arrays its pool
saves little time for more CPU, and beside the engine's worker processes it only competes with them."""

from __future__ import annotations

import os
import subprocess
import sys

THREADS = "import {modules}, os; print(len(os.listdir('/proc/self/task')), os.environ.get('OPENBLAS_NUM_THREADS'))"


def _threads_after_import(modules: str, **env: str) -> tuple[int, str]:
    clean = {key: value for key, value in os.environ.items() if key != "OPENBLAS_NUM_THREADS"}
    out = subprocess.run([sys.executable, "-c", THREADS.format(modules=modules)], env={**clean, **env},
                         capture_output=True, text=True, check=True, timeout=120).stdout.split()
    return int(out[0]), out[1]


def test_the_engine_loads_numpy_with_one_blas_thread():
    threads, setting = _threads_after_import("planner.engine.projection, numpy")
    assert (threads, setting) == (1, "1")
    if (os.cpu_count() or 1) > 1:  # the control: numpy alone starts a thread per core
        assert _threads_after_import("numpy")[0] > 1


def test_a_users_own_setting_is_kept():
    assert _threads_after_import("planner.engine.projection", OPENBLAS_NUM_THREADS="2")[1] == "2"
