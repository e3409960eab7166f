"""A titled section whose body folds away under its header, so a long settings panel needs little
scrolling: the header is a keyboard-reachable button (Space folds and unfolds it)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QSizePolicy, QToolButton, QVBoxLayout, QWidget


class CollapsibleSection(QWidget):
    toggled = Signal(bool)  # True: unfolded

    def __init__(self, title: str, body: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.body = body
        self.header = QToolButton()
        self.header.setObjectName(f"section {title}")
        self.header.setCheckable(True)
        self.header.setChecked(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.header.setStyleSheet("QToolButton { border: none; font-weight: bold; text-align: left; }")
        self.header.toggled.connect(self.set_expanded)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(6, 4, 6, 4)
        inner.addWidget(body)
        self.frame = frame
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.header)
        column.addWidget(frame)
        self.note = ""
        self._show_header()

    def is_expanded(self) -> bool:
        return self.header.isChecked()

    def set_expanded(self, expanded: bool) -> None:
        if self.header.isChecked() != expanded:
            self.header.setChecked(expanded)  # comes back here through toggled
            return
        self.frame.setVisible(expanded)
        self._show_header()
        self.toggled.emit(expanded)

    def set_note(self, note: str) -> None:
        """A word in the header about what the folded body holds (e.g. values a scenario changes)."""
        self.note = note
        self._show_header()

    def _show_header(self) -> None:
        expanded = self.header.isChecked()
        self.header.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        self.header.setText(f"{self.title}  ({self.note})" if self.note else self.title)
        self.header.setToolTip(f"{'Fold' if expanded else 'Unfold'} {self.title} (Space)")
