"""The stall probe of `planner bench ui`: gaps of the GUI thread by phase, with where it was."""

from __future__ import annotations

import time

from PySide6.QtCore import QEventLoop, QTimer

from planner.ui.stall_probe import StallProbe


def turn_event_loop(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def block_the_gui_thread_sleeping(seconds: float) -> None:
    time.sleep(seconds)


def block_the_gui_thread_working(cpu_seconds: float) -> None:
    end = time.thread_time() + cpu_seconds
    while time.thread_time() < end:
        pass


def test_a_blocked_gui_thread_is_a_stall_of_its_phase_named_with_where_it_was(qapp):
    probe = StallProbe()
    probe.start("quiet")
    turn_event_loop(50)
    probe.phase("sleeping")
    turn_event_loop(20)
    block_the_gui_thread_sleeping(0.12)
    turn_event_loop(20)
    probe.phase("working")
    block_the_gui_thread_working(0.08)
    turn_event_loop(20)
    probe.phase(None)  # not counted
    block_the_gui_thread_sleeping(0.2)
    turn_event_loop(20)
    probe.stop()
    assert probe.by_phase["sleeping"] >= 0.12 and probe.busy_by_phase["working"] >= 0.08
    assert probe.busy_by_phase["sleeping"] < probe.by_phase["sleeping"]  # asleep is not busy
    assert set(probe.by_phase) == {"quiet", "sleeping", "working"}  # the last sleep counted for none
    # on a busy machine the event loop's own waits can be long gaps too: the sleep is among them
    assert any("block_the_gui_thread_sleeping" in stall.where() for stall in probe.stalls if stall.phase == "sleeping")
    assert {stall["phase"] for stall in probe.report()} >= {"sleeping", "working"}
