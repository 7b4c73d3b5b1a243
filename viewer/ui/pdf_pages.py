"""A4 PDFs drawn with Qt, page by page: the report and the letters share this.

``QTextDocument.print_`` cannot write "page N of M" or repeat our footer, so the document is
laid out on a ``QPdfWriter`` and each page painted through a clip, with a footer line below.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from viewer.report.html import SANS

RESOLUTION = 300
_DOTS_PER_MM = RESOLUTION / 25.4


def a4_writer(target: Path, *, title: str, creator: str) -> QPdfWriter:
    """A writer for an A4 portrait PDF at ``RESOLUTION`` dpi with no printer margins."""
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator(creator)
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    return writer


def without_ligatures(font: QFont) -> QFont:
    """``font`` with its ligatures off, so every word reads back (and copies) as typed.

    DejaVu Sans joins "ff", "fi", "ffl" into one glyph, which a PDF reader extracts as U+FB00
    and its neighbours: a checksum "…9ff3…" or the word "offline" would no longer match.
    """
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


@dataclass(frozen=True)
class PageFrame:
    """Where the body and the footer go on each page, in the writer's dots."""

    page_width: float
    page_height: float
    margin: float
    footer: float
    #: Space the layout keeps inside the margin on every page (its document margin), so a
    #: glyph that overshoots its line stays out of the next page's clip.
    gutter: float = 0.0

    @classmethod
    def of(cls, writer: QPdfWriter, *, margin_mm: float, footer_mm: float,
           gutter_mm: float = 0.0) -> PageFrame:
        return cls(writer.width(), writer.height(), margin_mm * _DOTS_PER_MM,
                   footer_mm * _DOTS_PER_MM, gutter_mm * _DOTS_PER_MM)

    @property
    def body(self) -> QSizeF:
        """The size one page of the document is laid out to."""
        return QSizeF(self.page_width - 2 * self.margin + 2 * self.gutter,
                      self.page_height - 2 * self.margin - self.footer + 2 * self.gutter)


def paint_pages(writer: QPdfWriter, document: QTextDocument, frame: PageFrame, target: Path,
                *, footer_left: str, footer_right: Callable[[int, int], str]) -> None:
    """Paint every page of ``document``; ``footer_right(page, pages)`` counts from 1."""
    body = frame.body
    pages = document.pageCount()
    footer_font = QFont(SANS, 7)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"the PDF {target} cannot be written")
    try:
        context = QAbstractTextDocumentLayout.PaintContext()
        for page in range(pages):
            if page:
                writer.newPage()
            painter.save()
            painter.translate(frame.margin - frame.gutter,
                              frame.margin - frame.gutter - page * body.height())
            clip = QRectF(QPointF(0, page * body.height()), body)
            painter.setClipRect(clip)
            context.clip = clip
            document.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.darkGray)
            line_y = frame.page_height - frame.margin - frame.footer * 0.55
            painter.drawLine(QPointF(frame.margin, line_y),
                             QPointF(frame.page_width - frame.margin, line_y))
            text_box = QRectF(frame.margin, line_y + frame.footer * 0.1,
                              frame.page_width - 2 * frame.margin, frame.footer * 0.6)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignLeft
                             | Qt.AlignmentFlag.AlignVCenter, footer_left)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, footer_right(page + 1, pages))
    finally:
        painter.end()
