"""A bar above the work area for problems the user or the machine caused (a refused value, a locked
or damaged file, a full disk): one line, an optional action such as Retry, and a close button.
Nothing behind it is blocked, so the app stays usable while the message is read."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QWidget

STYLES = {
    "warning": "QFrame#messageBar { background: #fff3cd; border: 1px solid #e0c36b; } QLabel { color: #5c4400; }",
    "error": "QFrame#messageBar { background: #f8d7da; border: 1px solid #d9939a; } QLabel { color: #6b1a21; }",
    "info": "QFrame#messageBar { background: #d9ecf7; border: 1px solid #8cbcd9; } QLabel { color: #123a52; }",
}


class MessageBar(QFrame):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("messageBar")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.action = QPushButton()
        self.action.setVisible(False)
        self.action.clicked.connect(self._act)
        close = QToolButton()
        close.setText("✕")
        close.setToolTip("Dismiss")
        close.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.action)
        layout.addWidget(close)
        self._callback: Callable[[], None] | None = None
        self.hide()

    def show_message(self, text: str, level: str = "warning", action: str = "",
                     callback: Callable[[], None] | None = None) -> None:
        self.setStyleSheet(STYLES[level])
        self.text.setText(text)
        self._callback = callback
        self.action.setText(action)
        self.action.setVisible(bool(action and callback))
        self.show()

    def _act(self) -> None:
        callback, self._callback = self._callback, None
        self.hide()
        if callback is not None:
            callback()
