"""A projection thread that outlives the window's stop is kept, never deleted while it runs
(deleting a running QThread aborts the whole process)."""

from __future__ import annotations

import gc
import threading
import time

from planner.domain.demo import demo_plan
from planner.services.live_messages import RunEnded
from planner.ui import projection_runner
from planner.ui.projection_runner import ProjectionRunner


class _Value:
    value = 0


class _StuckEngine:
    """An engine whose run ignores cancellation until ``release`` is set (a child slow to leave)."""

    def __init__(self) -> None:
        self.current = _Value()
        self.release = threading.Event()
        self.started = threading.Event()

    def messages(self, job):
        self.started.set()
        self.release.wait(10)
        yield RunEnded(job.run_id)

    def end_child(self) -> None:
        """Asked to leave: too late to matter."""

    def close(self) -> None:
        """Nothing to release."""


def test_a_thread_that_outlives_stop_is_kept_until_the_process_ends(qtbot, monkeypatch):
    monkeypatch.setattr(projection_runner, "JOIN_MS", 50)
    runner = ProjectionRunner(isolated=False)
    engine = runner.engine = _StuckEngine()
    runner.request(demo_plan(), None)
    assert engine.started.wait(10)
    assert runner.stop() is False  # it did not end in time
    thread = runner._thread
    del runner
    gc.collect()  # without the keeping, this deleted the running QThread and aborted the process
    assert any(kept[0] is thread for kept in projection_runner._LINGERING)
    engine.release.set()
    deadline = time.monotonic() + 10
    while thread.isRunning() and time.monotonic() < deadline:
        qtbot.wait(20)
    assert not thread.isRunning()
