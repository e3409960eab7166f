"""Tabs without a frame: a tab bar over a stacked widget. The window's streams, spending phases and
events share the space above the projection this way; a QTabWidget's frame would make the window
wider than the panes need (at 1366 x 768 every pixel of the minimum width counts)."""

from __future__ import annotations

from PySide6.QtWidgets import QStackedWidget, QTabBar, QVBoxLayout, QWidget


class TabStack(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = QTabBar()
        self.bar.setDocumentMode(True)
        self.bar.setExpanding(False)
        self.stack = QStackedWidget()
        self.bar.currentChanged.connect(self.stack.setCurrentIndex)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.bar)
        column.addWidget(self.stack, 1)
        self.setFocusProxy(self.bar)

    def add_tab(self, pane: QWidget, title: str) -> None:
        self.stack.addWidget(pane)
        self.bar.addTab(title)

    def currentWidget(self) -> QWidget:
        return self.stack.currentWidget()

    def setCurrentWidget(self, pane: QWidget) -> None:
        self.bar.setCurrentIndex(self.stack.indexOf(pane))

    def setCurrentIndex(self, index: int) -> None:
        self.bar.setCurrentIndex(index)
