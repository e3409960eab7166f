"""Add a stream: pick its kind from the catalogue, read how it pays, its risks, how passive it is and
its defaults, name it. Keyboard first: type to filter, arrows to choose, Enter to add."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QVBoxLayout,
    QWidget,
)

from planner.domain.catalogue import ALL_KINDS, StreamKind
from planner.ui.field_editors import format_plain
from planner.ui.formatting import currency_symbol, label, money

Index = QModelIndex | QPersistentModelIndex
POLICY_WORDS = {"reinvest": "reinvested", "pool": "pooled for the allocator", "pay_out": "paid out"}
KEY_ROLE = Qt.ItemDataRole.UserRole + 1
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 2


class CatalogueModel(QAbstractListModel):
    """Every kind, capital-based first; the search role holds name, summary and income text."""

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(ALL_KINDS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(ALL_KINDS):
            return None
        kind = ALL_KINDS[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return kind.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return kind.summary
        if role == KEY_ROLE:
            return kind.key
        if role == SEARCH_ROLE:
            return f"{kind.name} {kind.summary} {kind.income}"
        return None


def describe_kind(kind: StreamKind, currency: str) -> str:
    """Rich text for the details pane: how it pays, risks, passivity and every default with its source."""
    rows = "".join(
        f"<tr><td>{escape(p.label)}</td><td align='right'>{escape(format_plain(p.default, p))}</td>"
        f"<td>{escape(currency_symbol(currency) + p.unit.suffix if p.unit.is_money else p.unit.suffix)}</td>"
        f"<td><small>{escape(p.source)}</small></td></tr>"
        for p in kind.params
    )
    return (
        f"<h3>{escape(kind.name)}</h3><p>{escape(kind.summary)}</p>"
        f"<p><b>How it pays:</b> {escape(kind.income)}</p>"
        f"<p><b>Risks simulated:</b> {escape(kind.risks)}</p>"
        f"<p><b>How passive:</b> {escape(kind.passivity)}</p>"
        f"<p><b>Starts with:</b> {escape(money(kind.starting_amount, currency))} in the "
        f"{escape(kind.sleeve.value)} sleeve, income {POLICY_WORDS[kind.income_policy.value]}, "
        f"taxed as {escape(label(kind.tax_category.value).lower())}, "
        f"{escape(format(kind.upkeep_hours.normalize(), 'f'))} h/month upkeep.</p>"
        f"<table cellspacing='4'><tr><th align='left'>Parameter</th><th>Default</th><th></th>"
        f"<th align='left'>Where the default comes from</th></tr>{rows}</table>"
        "<p><small>Defaults are assumptions to replace with your own numbers, not advice.</small></p>"
    )


class CataloguePicker(QDialog):
    """Returns the chosen kind key and name through ``chosen()`` after exec() is accepted."""

    def __init__(self, currency: str, taken_names: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Add stream")
        self._currency = currency
        self._taken = {n.casefold() for n in taken_names}
        self._name_edited = False
        self.model = CatalogueModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterRole(SEARCH_ROLE)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.search = QLineEdit()
        self.search.setObjectName("catalogueSearch")
        self.search.setPlaceholderText("Type to filter, e.g. rent, dividend, video")
        self.search.textChanged.connect(self._filter)
        self.list = QListView()
        self.list.setObjectName("catalogueList")
        self.list.setModel(self.proxy)
        self.list.selectionModel().currentChanged.connect(self._show_kind)
        self.details = QLabel()
        self.details.setObjectName("kindDetails")
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setMinimumWidth(460)
        self.name = QLineEdit()
        self.name.setObjectName("streamName")
        self.name.textEdited.connect(self._name_typed)
        self.message = QLabel()
        self.message.setStyleSheet("color: #c0392b;")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addWidget(self.search)
        left.addWidget(self.list, 1)
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addWidget(self.details, 2)
        form = QFormLayout()
        form.addRow("&Name", self.name)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.search.installEventFilter(self)
        self.list.setCurrentIndex(self.proxy.index(0, 0))
        # Tab from the search goes straight to the name (Up/Down choose from the search already): a
        # name typed after one Tab must land in the name, not in the list's type-ahead.
        self.setTabOrder(self.search, self.name)
        self.setTabOrder(self.name, self.list)
        self.resize(900, 560)
        self.search.setFocus()

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Up and Down in the search field move through the list, so typing and choosing need no Tab."""
        from PySide6.QtCore import QEvent

        if watched is self.search and event.type() == QEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = min(max(self.list.currentIndex().row() + step, 0), self.proxy.rowCount() - 1)
            self.list.setCurrentIndex(self.proxy.index(row, 0))
            return True
        return super().eventFilter(watched, event)

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())
        if self.proxy.rowCount() and not self.list.currentIndex().isValid():
            self.list.setCurrentIndex(self.proxy.index(0, 0))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.proxy.rowCount() > 0)

    def _name_typed(self, _text: str) -> None:
        self._name_edited = True
        self.message.clear()

    def _show_kind(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid():
            self.details.clear()
            return
        kind = next(k for k in ALL_KINDS if k.key == current.data(KEY_ROLE))
        self.details.setText(describe_kind(kind, self._currency))
        if not self._name_edited:
            self.name.setText(self._free_name(kind.name))

    def _free_name(self, base: str) -> str:
        if base.casefold() not in self._taken:
            return base
        return next(f"{base} {n}" for n in range(2, 1000) if f"{base} {n}".casefold() not in self._taken)

    def chosen(self) -> tuple[str, str] | None:
        index = self.list.currentIndex()
        if not index.isValid():
            return None
        return str(index.data(KEY_ROLE)), self.name.text().strip()

    def accept(self) -> None:
        choice = self.chosen()
        if choice is None:
            self.message.setText("Choose a kind first.")
            return
        if not choice[1]:
            self.message.setText("Give the stream a name.")
            self.name.setFocus()
            return
        if choice[1].casefold() in self._taken:
            self.message.setText(f"Another stream is already named {choice[1]!r}.")
            self.name.setFocus()
            return
        super().accept()
