"""A tab's result area says what to do until its first answer: an empty pyqtgraph plot is a black
canvas with meaningless ticks ("$0 $0 $1 $1", "0.8 %"), which reads as a broken chart."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QStackedWidget, QVBoxLayout, QWidget

from planner.ui.charts.base import ChartBase


class ResultArea(QStackedWidget):
    """The results, or before there are any a message saying how to get them."""

    def __init__(self, results: QWidget, hint: str) -> None:
        super().__init__()
        self.message = QLabel(hint)
        self.message.setObjectName("emptyState")
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setFrameShape(QFrame.Shape.StyledPanel)
        self.message.setMargin(48)
        self.message.setStyleSheet("color: palette(placeholder-text); font-size: 12pt;")
        self.results = results
        self.addWidget(self.message)
        self.addWidget(results)
        for chart in [results, *results.findChildren(ChartBase)]:
            if isinstance(chart, ChartBase):
                chart.apply_theme()  # in the palette's colours even before it draws, never pyqtgraph's black

    @property
    def empty(self) -> bool:
        return self.currentWidget() is self.message

    def set_hint(self, text: str) -> None:
        self.message.setText(text)

    def show_results(self) -> None:
        self.setCurrentWidget(self.results)


def column(*widgets: QWidget) -> QWidget:
    """Widgets one above the other as one piece, the last taking the room left."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if index == len(widgets) - 1 else 0)
    return holder
