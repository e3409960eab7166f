"""The About box: what the app is, that it stays offline, and where its built-in data comes from."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QMessageBox, QWidget

from planner import __version__
from planner.services.history import BUILT_IN_SOURCE


def about_text() -> str:
    """Rich text of the About box (the built-in history's source and licence, as its licence asks)."""
    return (f"<h3>Passive Income Planner {escape(__version__)}</h3>"
            "<p>Projects the passive income of savings, investments and side businesses, month by month and "
            "by Monte Carlo. Everything stays on this computer; the app never uses the network.</p>"
            f"<p><b>Built-in history.</b> {escape(BUILT_IN_SOURCE)} Credit: Robert Shiller.</p>"
            "<p>Past returns do not predict future returns.</p>")


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Information, "About Passive Income Planner", about_text(),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("aboutBox")
    box.open()
    return box
