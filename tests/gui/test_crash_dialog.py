"""A bug (not a user mistake) is written to the log with its traceback and shown in a dialog; the app goes on."""

import logging
import sys

from planner.app import crash


def test_a_bug_is_logged_with_its_traceback_and_shown(tmp_path, monkeypatch, qapp):
    shown = []
    monkeypatch.setattr(crash, "_show_dialog", lambda text, log_file: shown.append((text, log_file)))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    log_file = tmp_path / "planner.log"
    crash.install_excepthook(log_file)
    try:
        try:
            raise ZeroDivisionError("a bug in a slot")
        except ZeroDivisionError:
            sys.excepthook(*sys.exc_info())
    finally:
        for handler in list(logging.getLogger("planner").handlers):
            if isinstance(handler, logging.FileHandler) and handler.baseFilename == str(log_file):
                handler.close()
                logging.getLogger("planner").removeHandler(handler)
    text = log_file.read_text()
    assert "ZeroDivisionError: a bug in a slot" in text and "Traceback" in text
    assert shown and "a bug in a slot" in shown[0][0] and shown[0][1] == log_file
