"""The live projection's child process when the window it serves is gone."""
from __future__ import annotations

import multiprocessing
from types import SimpleNamespace

from planner.services import live_projection


def test_a_killed_window_lets_the_child_leave_quietly(monkeypatch, capsys):
    """A window killed mid-run closes its end of the results pipe: the child must end without a
    traceback on the terminal (it used to print BrokenPipeError)."""
    sent = []

    def messages(job, cancelled):
        for number in range(3):
            sent.append(number)
            yield ("chunk", number)

    monkeypatch.setattr(live_projection, "live_messages", messages)
    monkeypatch.setattr(live_projection, "_lower_priority", lambda: None)
    jobs_reader, jobs_writer = multiprocessing.Pipe(duplex=False)
    results_reader, results_writer = multiprocessing.Pipe(duplex=False)
    results_reader.close()  # the window has gone
    jobs_writer.send(SimpleNamespace(run_id=1))
    live_projection.serve(jobs_reader, results_writer, SimpleNamespace(value=1))
    assert sent == [0]  # it stopped at the first message nobody could read
    assert capsys.readouterr().err == ""
