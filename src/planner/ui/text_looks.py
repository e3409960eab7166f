"""The looks of the short texts under fields: a refused value's message (red) and a standing
hint (italic, in the placeholder colour).

Set through the label's palette and font, not a style sheet: a widget with a style sheet is
styled by Qt's style-sheet engine, whose polish on every show is far dearer than the platform
style's. The window holds two such labels for each of its ~90 fields; without their style sheets
a window's build and first show take about 8 % less CPU. Both looks are given as a label is first shown
(most never are), and giving one again costs a comparison.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel

PROBLEM_COLOR = QColor("#c0392b")


def problem_look(label: QLabel) -> None:
    """Red text: a value was refused and why."""
    _text_color(label, PROBLEM_COLOR)


def hint_look(label: QLabel) -> None:
    """Italic text in the placeholder colour: a note, not a problem."""
    if label.font().italic():
        return
    _text_color(label, label.palette().color(QPalette.ColorRole.PlaceholderText))
    font = label.font()
    font.setItalic(True)
    label.setFont(font)


def _text_color(label: QLabel, color: QColor) -> None:
    palette = label.palette()
    if palette.color(QPalette.ColorRole.WindowText) != color:
        palette.setColor(QPalette.ColorRole.WindowText, color)
        label.setPalette(palette)
