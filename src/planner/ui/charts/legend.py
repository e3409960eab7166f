"""A chart's legend as a row of widgets under the plots, never over them.

A legend drawn inside a plot hides whatever data runs behind it and is cut off when its names are
long or many. Here every entry is a swatch and a wrapping label laid out in as many columns as the
width allows, so the legend grows downwards instead of covering the data or losing entries. An
entry names the chart items it explains (a band, a line, a marker) and draws its swatch from the
first one's current pen or brush, so it follows the theme without being told."""

from __future__ import annotations

from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QPainter, QPaintEvent, QPalette, QPen, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

SWATCH = QSize(26, 14)
COLUMN_GAP = 18
NARROWEST = 80  # pixels of text a legend keeps at the least
#: A column is never made wider than this for one long name: the name wraps instead, so a narrow
#: chart gets two columns (and half the legend's height) rather than one tall column.
WIDEST_COLUMN = 190


@dataclass(frozen=True)
class Style:
    """How a swatch is drawn: a line (pen only) or a filled box (brush, with an optional outline)."""

    pen: QPen | None
    brush: QBrush | None

    @property
    def is_line(self) -> bool:
        return self.brush is None


def _pen(value: object) -> QPen | None:
    return None if value is None else pg.mkPen(value)


def _brush(value: object) -> QBrush | None:
    return None if value is None else pg.mkBrush(value)


def item_style(item: object) -> Style:
    """The pen and fill of a pyqtgraph item as it is drawn now."""
    if isinstance(item, pg.InfiniteLine):
        return Style(QPen(item.pen), None)
    if isinstance(item, pg.FillBetweenItem):
        return Style(None, QBrush(item.brush()))
    options = getattr(item, "opts", {})
    if isinstance(item, pg.PlotDataItem) and options.get("fillLevel") is None and options.get("symbol") is None:
        return Style(_pen(options.get("pen")), None)
    brush = options.get("fillBrush") or options.get("brush") or options.get("symbolBrush")
    if brush is None:
        return Style(_pen(options.get("pen")), None)
    return Style(None, _brush(brush))


class Swatch(QWidget):
    """A sample of an entry's line or fill."""

    def __init__(self, entry: LegendEntry) -> None:
        super().__init__()
        self.entry = entry
        self.setFixedSize(SWATCH)

    def paintEvent(self, event: QPaintEvent) -> None:
        style = self.entry.style()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if style.is_line and style.pen is not None:
            pen = QPen(style.pen)
            pen.setCosmetic(True)
            pen.setWidthF(min(max(pen.widthF(), 1.0), 3.0))
            painter.setPen(pen)
            middle = self.height() / 2
            painter.drawLine(QPointF(1, middle), QPointF(self.width() - 1, middle))
        elif style.brush is not None:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(style.brush)
            painter.drawRect(QRectF(3, 1, self.width() - 6, self.height() - 2))
        painter.end()


class LegendEntry(QWidget):
    """One swatch and its name (plain text: a stream's name is shown as typed)."""

    def __init__(self, name: str, explains: tuple[object, ...], pen: object = None, brush: object = None) -> None:
        super().__init__()
        self.explains = explains  # the chart items this entry explains
        self._fixed = Style(_pen(pen), _brush(brush)) if pen is not None or brush is not None else None
        self.swatch = Swatch(self)
        self.label = QLabel(name)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setWordWrap(True)
        self.label.setForegroundRole(QPalette.ColorRole.Text)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(5)
        row.addWidget(self.swatch, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)

    @property
    def text(self) -> str:
        return self.label.text()

    def set_text(self, text: str) -> None:
        self.label.setText(text)

    def style(self) -> Style:
        if self._fixed is not None or not self.explains:
            return self._fixed or Style(None, None)
        return item_style(self.explains[0])

    def natural_width(self) -> int:
        """Width to show the name on one line."""
        return SWATCH.width() + 5 + self.label.fontMetrics().horizontalAdvance(self.text) + 4


class ChartLegend(QWidget):
    """Entries in columns under the chart, and an optional note below them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chartLegend")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)  # one surface with the plots above
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.items: list[LegendEntry] = []
        self._entries = QWidget()  # as wide as its columns need, so a few entries stay together at the left
        self._grid = QGridLayout(self._entries)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(COLUMN_GAP)
        self._grid.setVerticalSpacing(3)
        self.note = QLabel()
        self.note.setObjectName("chartNote")
        self.note.setWordWrap(True)
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setForegroundRole(QPalette.ColorRole.Text)
        self.note.hide()
        column = QVBoxLayout(self)
        column.setContentsMargins(10, 2, 10, 6)
        row = QHBoxLayout()
        row.addWidget(self._entries, 1)
        row.addStretch(0)
        column.addLayout(row)
        column.addWidget(self.note)
        self._columns = 0
        self.hide()  # until it has something to say

    def add_item(self, name: str, *explains: object, pen: object = None, brush: object = None) -> LegendEntry:
        """An entry for the items it explains; its swatch is drawn like the first of them unless
        a pen (a line) or a brush (a box) is given."""
        entry = LegendEntry(name, explains, pen, brush)
        self.items.append(entry)
        self._columns = 0  # lay out again
        self._arrange()
        self.setVisible(True)
        return entry

    def clear(self) -> None:
        for entry in self.items:
            self._grid.removeWidget(entry)
            entry.deleteLater()
        self.items = []
        self._columns = 0
        self.setVisible(bool(self.note.text()))

    def set_note(self, text: str) -> None:
        """A sentence under the entries (for example what the chart leaves out)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))
        self.setVisible(bool(text) or bool(self.items))

    def relayout(self) -> None:
        """Lay the entries out again, after their texts changed (columns fit the longest name)."""
        self._columns = 0
        self._arrange()

    def refresh(self) -> None:
        """Redraw the swatches (after the items they copy changed pen or brush)."""
        for entry in self.items:
            entry.swatch.update()

    def minimumSizeHint(self) -> QSize:
        """Narrow whatever the columns: at a smaller width the entries take fewer columns and wrap,
        so the legend never holds the chart (and the window) wider than the screen."""
        margins = self.layout().contentsMargins()
        return QSize(SWATCH.width() + NARROWEST + margins.left() + margins.right(), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange()

    def _room(self, width: int) -> int:
        margins = self.layout().contentsMargins()
        return max(width - margins.left() - margins.right(), 1)

    def column_count(self, width: int) -> int:
        """As many columns as fit entries at their natural width (at least one; a long name wraps)."""
        if not self.items:
            return 1
        widest = self._column_width()
        return max(1, min(len(self.items), (self._room(width) + COLUMN_GAP) // (widest + COLUMN_GAP)))

    def _column_width(self) -> int:
        return min(max((entry.natural_width() for entry in self.items), default=0), WIDEST_COLUMN)

    def _arrange(self) -> None:
        """Entries down the columns, as a list is read, in columns of equal width, no wider than
        the widest name needs; the rest of the row stays empty. Nothing here sets a minimum width:
        the legend never keeps the chart from shrinking, its names wrap instead."""
        columns = self.column_count(self.width())
        if columns != self._columns:
            self._columns = columns
            for entry in self.items:
                self._grid.removeWidget(entry)
            rows = -(-len(self.items) // columns) if self.items else 1
            for index, entry in enumerate(self.items):
                self._grid.addWidget(entry, index % rows, index // rows)
            for number in range(self._grid.columnCount()):
                self._grid.setColumnStretch(number, 1 if number < columns else 0)
        widest = max((entry.natural_width() for entry in self.items), default=0)
        width = widest if columns == 1 else self._column_width()
        self._entries.setMaximumWidth(max(columns * (width + COLUMN_GAP) - COLUMN_GAP, 1))
