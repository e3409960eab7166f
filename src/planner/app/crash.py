"""Bugs (not user mistakes) end up here: logged with the traceback, shown in a dialog, app kept alive."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

log = logging.getLogger("planner")


def install_excepthook(log_file: Path) -> None:
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, error, trace))
        log.error("unexpected error\n%s", text)
        print(text, file=sys.stderr)
        _show_dialog(text, log_file)

    sys.excepthook = hook


def _show_dialog(text: str, log_file: Path) -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    if QApplication.instance() is None:
        return
    box = QMessageBox(QMessageBox.Icon.Critical, "Unexpected error",
                      "Something went wrong inside Passive Income Planner. Your plan is saved after every "
                      f"change. The details were written to {log_file}.")
    box.setDetailedText(text)
    box.exec()
