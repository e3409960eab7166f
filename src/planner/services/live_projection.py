"""Live projection runs, as a stream of messages, in this process or in a child process.

A run sends the expected path first, then Monte Carlo partial results, then "ended". By default
runs go to a child process: the engine's Python loops then never compete with the window for the
GIL, so drawing and typing stay smooth while it works. The message stream is the same either way:
the dataclasses of services/live_messages.py, handed on unchanged to the window.
A run stops at its next check once ``current`` (shared memory) no longer holds its run id.
"""

from __future__ import annotations

import atexit
import multiprocessing
import multiprocessing.util  # registers its exit hook first, so the one below runs before it
import os
import traceback
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from planner.domain.plan import Plan
from planner.engine.inputs import snapshot
from planner.engine.projection import DETERMINISTIC, ProjectionError, RunOptions, run, worker_ready
from planner.engine.workers import warm as warm_workers
from planner.services.errors import SimulationError
from planner.services.history import history_for
from planner.services.live_messages import ExpectedPath, LiveMessage, MonteCarloSoFar, RunEnded, RunFailed
from planner.services.projection import stop_engine_workers

#: How long closing waits for the child to leave before it is terminated.
CHILD_EXIT_SECONDS = 2.0
#: Scheduling priority of the child process (Unix niceness; higher is lower priority).
CHILD_NICENESS = 10
LOST_CHILD = "the projection process stopped unexpectedly; it starts again at the next edit"


@dataclass(frozen=True)
class LiveJob:
    """One run: the plan as it stood at the edit, with the shown scenario's changes applied."""

    run_id: int
    plan: Plan
    paths: int | None = None  # None: the plan's own setting
    monte_carlo: bool = True  # False: the expected path only (tests of the editor, which never read the rest)


def live_messages(job: LiveJob, should_stop: Callable[[], bool]) -> Iterator[LiveMessage]:
    """The run's messages; errors become a ``RunFailed`` message, and ``RunEnded`` always comes last."""
    try:
        if not should_stop():
            yield from _results(job, should_stop)
    except ProjectionError as error:
        yield RunFailed(job.run_id, str(error))
    except Exception as error:  # a bug: relayed with its traceback; the next run starts afresh
        yield RunFailed(job.run_id, f"the projection failed unexpectedly ({type(error).__name__}: {error})",
                        traceback.format_exc())
    yield RunEnded(job.run_id)


def _results(job: LiveJob, should_stop: Callable[[], bool]) -> Iterator[LiveMessage]:
    snap = snapshot(job.plan)
    # the expected path at once: its projection only (Monte Carlo brings the headline and the FI test)
    for partial in run(snap, RunOptions(mode=DETERMINISTIC, rule=False), should_stop):
        yield ExpectedPath(job.run_id, partial.projection())
    if should_stop() or not job.monte_carlo:
        return
    try:
        history = history_for(job.plan, snap.return_model)  # the plan's own table, or the built-in one
    except SimulationError as error:
        raise ProjectionError(str(error)) from None
    for partial in run(snap, RunOptions(paths=job.paths, history=history, search=True), should_stop):
        result = partial.projection()  # summarized here, so the window only draws
        if should_stop():
            return
        yield MonteCarloSoFar(job.run_id, result)


class InProcessEngine:
    """Runs in the calling thread (tests, and where a child process cannot be started)."""

    def __init__(self) -> None:
        self.current = multiprocessing.RawValue("q", 0)

    def messages(self, job: LiveJob) -> Iterator[LiveMessage]:
        return live_messages(job, lambda: self.current.value != job.run_id)

    def end_child(self) -> None:
        """Nothing to end."""

    def close(self) -> None:
        """Nothing to release."""


class ChildProcessEngine:
    """Runs in a child process started on first use (and again if it dies)."""

    def __init__(self) -> None:
        self._context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt threads
        self.current = self._context.RawValue("q", 0)
        self._process: Any = None
        self._jobs: Connection | None = None
        self._results: Connection | None = None
        _ENGINES.add(self)

    def messages(self, job: LiveJob) -> Iterator[LiveMessage]:
        if self._process is None or not self._process.is_alive():
            self._start()
        assert self._jobs is not None and self._results is not None
        try:
            self._jobs.send(job)
            while True:
                message = self._results.recv()
                if message.run_id != job.run_id:
                    continue  # the tail of an earlier run
                yield message
                if isinstance(message, RunEnded):
                    return
        except (EOFError, OSError):
            self.end_child()
            yield RunFailed(job.run_id, LOST_CHILD)
            yield RunEnded(job.run_id)

    def _start(self) -> None:
        self.close()  # a dead child's pipes
        jobs_parent, jobs_child = self._context.Pipe()
        results_child, results_parent = self._context.Pipe()
        self._process = self._context.Process(target=serve, args=(jobs_child, results_parent, self.current),
                                              name="planner-projection", daemon=False)
        self._process.start()
        jobs_child.close()
        results_parent.close()
        self._jobs, self._results = jobs_parent, results_child

    def end_child(self) -> None:
        """Ask the child to leave, and make sure it has (a reader blocked on it then sees the end)."""
        process, self._process = self._process, None
        if process is None:
            return
        self.current.value = -1
        try:
            if self._jobs is not None:
                self._jobs.send(None)
        except OSError:
            pass
        process.join(CHILD_EXIT_SECONDS)
        if process.is_alive():
            process.terminate()
            process.join(CHILD_EXIT_SECONDS)

    def close(self) -> None:
        """End the child and release the pipes (only once no thread reads them)."""
        self.end_child()
        for end in (self._jobs, self._results):
            if end is not None:
                end.close()
        self._jobs = self._results = None


#: Every child engine of this process, ended at its exit: the child is not a daemon (it has worker
#: processes of its own), and multiprocessing's exit hook would otherwise wait for it for ever when a
#: window was never closed (an error on the way out).
_ENGINES: weakref.WeakSet[ChildProcessEngine] = weakref.WeakSet()


@atexit.register
def _end_children() -> None:
    for engine in list(_ENGINES):
        engine.end_child()


def serve(jobs: Connection, results: Connection, current: Any) -> None:
    """The child process: run each job sent, send its messages back; None means leave."""
    _lower_priority()
    warm_workers(worker_ready)  # the Monte Carlo chunks' worker processes start while the first job is awaited
    try:
        _serve_jobs(jobs, results, current)
    finally:
        # A child process joins its own children as it ends, before the pool would tell its idle
        # workers to leave: stop them first, or the child (and the window closing) waits for them.
        stop_engine_workers()


def _serve_jobs(jobs: Connection, results: Connection, current: Any) -> None:
    while True:
        try:
            job = jobs.recv()
        except EOFError:  # the window's process is gone
            return
        if job is None:
            return
        try:
            for message in live_messages(job, lambda job=job: current.value != job.run_id):
                results.send(message)
        except (BrokenPipeError, ConnectionResetError):  # the window was killed mid-run: leave quietly
            return


def _lower_priority() -> None:
    """Background work yields the CPU to the window: on a two-core machine the engine's threads
    would otherwise take both cores from the GUI thread while it draws."""
    if hasattr(os, "nice"):
        try:
            os.nice(CHILD_NICENESS)
        except OSError:
            pass
