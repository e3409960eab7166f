"""A paginated PDF of text blocks and vector drawings, written atomically.

Blocks are laid out top to bottom; a block that does not fit the rest of a page moves to the next
one, and a text block taller than a page is split between lines. Every page gets a footer with its
number ("Page 2 of 9"). Text stays text and drawings stay vectors: the painter is QPdfWriter's.
Only QtGui and QtCore are used here (no widgets), so the layout can be tested on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF, QSaveFile, QSizeF, Qt
from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter, QTextDocument

from planner.export.files import ExportFileError, check_target

PAGE_SIZES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}
MARGIN_MM = 18.0
#: Layout units per inch: the screen's 96, at which charts are laid out. pyqtgraph replays its axes from
#: QPictures, whose fonts scale by the ratio of DPIs; at 96 that ratio is 1. The output is vectors either way.
RESOLUTION = 96
BODY_POINTS = 9.5
GAP_POINTS = 8.0  # space between blocks
FOOTER_POINTS = 7.5

Draw = Callable[[QPainter, QRectF], None]


@dataclass(frozen=True)
class TextBlock:
    """Rich text (Qt's HTML subset: headings, paragraphs, tables with CSS borders)."""

    html: str


@dataclass(frozen=True)
class DrawingBlock:
    """A drawing as wide as the text, ``aspect`` (height / width) tall, kept on one page;
    ``keep_with_next``: on the same page as the block after it (a chart and its legend), when
    that block fits a page."""

    draw: Draw
    aspect: float
    keep_with_next: bool = False


@dataclass(frozen=True)
class PageBreak:
    """Start the next block on a new page."""


Block = TextBlock | DrawingBlock | PageBreak


@dataclass
class _Placed:
    block: TextBlock | DrawingBlock
    top: float  # device units from the top of the printable area
    height: float
    document: QTextDocument | None = None
    offset: float = 0.0  # for a split text block: where this page's part begins in the document


@dataclass
class _Page:
    items: list[_Placed] = field(default_factory=list)


@dataclass(frozen=True)
class DocumentInfo:
    title: str
    footer: str  # left part of every footer, e.g. the plan's name and the date
    page_size: str = "a4"  # a key of PAGE_SIZES


def write_pdf(path: str, info: DocumentInfo, blocks: Sequence[Block]) -> int:
    """Lay out and write the blocks; returns the page count. The file is written to a temporary
    file and renamed into place only when complete, so a failure leaves an earlier file untouched."""
    if info.page_size not in PAGE_SIZES:
        raise ExportFileError(f"page size must be one of {', '.join(PAGE_SIZES)}, not {info.page_size!r}")
    check_target(Path(path))
    target = QSaveFile(path)
    if not target.open(QSaveFile.OpenModeFlag.WriteOnly):
        raise ExportFileError(f"{path}: cannot be written ({target.errorString()})")
    writer = QPdfWriter(target)
    writer.setResolution(RESOLUTION)
    writer.setTitle(info.title)
    writer.setCreator("Passive Income Planner")
    writer.setPageLayout(QPageLayout(QPageSize(PAGE_SIZES[info.page_size]), QPageLayout.Orientation.Portrait,
                                     QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                                     QPageLayout.Unit.Millimeter))
    painter = QPainter()
    if not painter.begin(writer):
        target.cancelWriting()
        raise ExportFileError(f"{path}: the PDF could not be started")
    try:
        area = QRectF(writer.pageLayout().paintRectPixels(RESOLUTION))
        area = QRectF(0, 0, area.width(), area.height())
        footer_height = _points(FOOTER_POINTS) * 2.2
        pages = _layout(blocks, area.width(), area.height() - footer_height, writer)
        for number, page in enumerate(pages, start=1):
            if number > 1:
                writer.newPage()
            _paint_page(painter, page, area)
            _paint_footer(painter, area, info.footer, number, len(pages))
    except BaseException:
        painter.end()
        target.cancelWriting()
        raise
    painter.end()
    if not target.commit():
        raise ExportFileError(f"{path}: cannot be written ({target.errorString()})")
    return len(pages)


def _points(points: float) -> float:
    return points * RESOLUTION / 72.0


def _text_document(html: str, width: float, device: QPdfWriter) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)  # font point sizes measured at the PDF's resolution
    font = QFont()
    font.setPointSizeF(BODY_POINTS)
    document.setDefaultFont(font)
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setTextWidth(width)
    return document


def _layout(blocks: Sequence[Block], width: float, height: float, device: QPdfWriter) -> list[_Page]:
    pages = [_Page()]
    top = 0.0
    gap = _points(GAP_POINTS)

    def new_page() -> None:
        nonlocal top
        if pages[-1].items:
            pages.append(_Page())
        top = 0.0

    documents: dict[int, QTextDocument] = {}

    def document_of(index: int) -> QTextDocument:
        if index not in documents:
            block = blocks[index]
            assert isinstance(block, TextBlock)
            documents[index] = _text_document(block.html, width, device)
        return documents[index]

    def height_of(index: int) -> float:
        block = blocks[index]
        if isinstance(block, TextBlock):
            return document_of(index).size().height()
        return width * block.aspect if isinstance(block, DrawingBlock) else 0.0

    for index, block in enumerate(blocks):
        if isinstance(block, PageBreak):
            new_page()
            continue
        document = document_of(index) if isinstance(block, TextBlock) else None
        needed = height_of(index)
        together = needed
        if isinstance(block, DrawingBlock) and block.keep_with_next and index + 1 < len(blocks):
            following = needed + gap + height_of(index + 1)
            together = following if following <= height else needed
        if top + together > height and top > 0:
            new_page()
        if needed <= height or document is None:
            pages[-1].items.append(_Placed(block, top, min(needed, height), document))
            top += needed + gap
            continue
        # taller than a page: let the document break itself into page-high parts between lines
        document.setPageSize(QSizeF(width, height))
        for part in range(document.pageCount()):
            if part > 0:
                new_page()
            pages[-1].items.append(_Placed(block, 0.0, height, document, part * height))
        top = document.size().height() - (document.pageCount() - 1) * height + gap
    return pages


def _paint_page(painter: QPainter, page: _Page, area: QRectF) -> None:
    for item in page.items:
        painter.save()
        try:
            painter.translate(area.left(), area.top() + item.top)
            if item.document is not None:
                painter.translate(0, -item.offset)
                item.document.drawContents(painter, QRectF(0, item.offset, area.width(), item.height))
            else:
                assert isinstance(item.block, DrawingBlock)
                item.block.draw(painter, QRectF(0, 0, area.width(), item.height))
        finally:
            painter.restore()


def _paint_footer(painter: QPainter, area: QRectF, text: str, number: int, count: int) -> None:
    painter.save()
    font = QFont()
    font.setPointSizeF(FOOTER_POINTS)
    painter.setFont(font)
    painter.setPen(Qt.GlobalColor.darkGray)
    line_height = _points(FOOTER_POINTS) * 1.6
    rect = QRectF(area.left(), area.bottom() - line_height, area.width(), line_height)
    painter.drawLine(rect.topLeft(), rect.topRight())
    painter.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom, text)
    painter.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, f"Page {number} of {count}")
    painter.restore()
