"""Worker processes for Monte Carlo chunks: both cores, spawned once and kept warm.

The household month holds the GIL between its many small numpy calls, so threads gained about a
fifth on two cores; separate processes gain nearly twice. A process keeps one pool for its life
(the window's projection child, a `planner` command, a test process) and every run shares it.

Chunks draw from their own seeded streams and are summarized in order, so results do not depend on
the number of workers. A run is cancelled through a small shared table: the run's slot holds its
id once cancelled, and the worker's ``should_stop`` reads it between months, as the in-process run
calls the consumer's ``should_stop``.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Any

#: Environment variable that sets the number of worker processes (1: everything in-process).
WORKERS_VARIABLE = "PLANNER_WORKERS"
#: Workers run at this niceness at least (Unix), so they yield the CPU to the window.
NICENESS = 5
#: How often a worker checks that the process that started it is still there (seconds).
PARENT_CHECK_SECONDS = 1.0
#: Cancellation slots: a run's slot is its id modulo this; more concurrent runs than this never happen.
SLOTS = 256

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_cancelled: Any = None  # multiprocessing RawArray("q", SLOTS), shared with the workers
_next_run = 0
_worker_cancelled: Any = None  # in a worker: the same table, from the pool's initializer


def worker_count() -> int:
    """Processes a run may use: ``PLANNER_WORKERS`` if set, else the cores this process may run on;
    1 in a daemonic process, which multiprocessing forbids to have children."""
    if multiprocessing.current_process().daemon:
        return 1
    text = os.environ.get(WORKERS_VARIABLE, "").strip()
    if text:
        try:
            return max(1, int(text))
        except ValueError:
            pass
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def shared_pool() -> ProcessPoolExecutor | None:
    """The process's pool of ``worker_count()`` workers, started on first use (None: one core)."""
    global _pool, _cancelled
    workers = worker_count()
    if workers <= 1:
        return None
    with _lock:
        if _pool is None:
            context = multiprocessing.get_context("spawn")  # never fork a process that may run Qt threads
            _cancelled = context.RawArray("q", SLOTS)
            _pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_start_worker,
                                        initargs=(_cancelled,))
        return _pool


def warm(task: Callable[[], None], wait: bool = False) -> None:
    """Start the workers now, each running ``task`` (a function of the module the runs need: taking
    it in imports that module), so the first run does not wait for them; ``wait``: until they have
    (a benchmark times runs, not the start)."""
    pool = shared_pool()
    if pool is not None:
        started = [pool.submit(task) for _ in range(worker_count())]
        for future in started if wait else ():
            future.result()


def new_run_id() -> int:
    """An id for one run's cancellation slot."""
    global _next_run
    with _lock:
        _next_run += 1
        return _next_run


def cancel(run_id: int) -> None:
    """Tell the workers to stop the run's chunks at their next month."""
    if _cancelled is not None:
        _cancelled[run_id % SLOTS] = run_id


def worker_should_stop(run_id: int) -> Callable[[], bool]:
    """In a worker: whether the run was cancelled."""
    table = _worker_cancelled
    return lambda: table is not None and table[run_id % SLOTS] == run_id


def reset_pool(abandon: bool = False) -> None:
    """Shut the pool down (a broken pool, a test that changes the worker count, a process leaving);
    ``abandon``: stop the workers at once rather than wait for their current chunk or start-up."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is None:
        return
    processes = list((getattr(pool, "_processes", None) or {}).values()) if abandon else []
    pool.shutdown(wait=not abandon, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join()


def _start_worker(cancelled: Any) -> None:
    global _worker_cancelled
    _worker_cancelled = cancelled
    if hasattr(os, "nice"):
        try:
            os.nice(max(0, NICENESS - os.nice(0)))
        except OSError:
            pass
    threading.Thread(target=_leave_with_parent, args=(os.getppid(),), daemon=True).start()


def _leave_with_parent(parent: int) -> None:
    """A worker whose parent died (killed, or ended without shutting its pool) would wait forever."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(0)


class LazyCall:
    """A Future-like call run in this process when its result is first asked for: with one core,
    chunks queued ahead cost nothing until they are wanted, so the first partial comes first."""

    def __init__(self, function: Callable[..., Any], *args: Any) -> None:
        self._call: Callable[[], Any] | None = lambda: function(*args)
        self._value: Any = None

    def result(self, timeout: float | None = None) -> Any:
        if self._call is not None:
            call, self._call = self._call, None
            self._value = call()
        return self._value

    def cancel(self) -> bool:
        self._call = None
        return True

