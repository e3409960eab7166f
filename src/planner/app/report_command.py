"""`planner export PLAN --pdf OUT`: the plan report without a window. The charts are Qt widgets, so
a QApplication is made, on the offscreen platform unless the caller chose another."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

#: Said by the offscreen platform for every window it lays out; it changes nothing in the output.
HARMLESS = "This plugin does not support propagateSizeHints"


def _quiet(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    if HARMLESS not in message:
        print(message, file=sys.stderr)


def export_report(plan_path: Path, target: Path, page_size: str, paths: int | None, seed: int | None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from planner.export.files import check_target
    from planner.services.plan_files import read_plan
    from planner.services.report import gather_report
    from planner.ui.report.plan_report import write_plan_report

    check_target(Path(target))  # a wrong target is said before the projections run, not after
    previous = qInstallMessageHandler(_quiet)
    try:
        application = QApplication.instance() or QApplication(["planner"])  # noqa: F841 - alive while drawing
        data = gather_report(read_plan(plan_path), paths, seed)
        return write_plan_report(Path(target), data, page_size)
    finally:
        qInstallMessageHandler(previous)
