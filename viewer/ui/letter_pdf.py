"""Draw a letter (a reminder, a complaint) as an A4 PDF with Qt, the way report_pdf draws
the report: a QTextDocument laid out on a QPdfWriter and painted page by page, each page
with a footer ("title · N / M"). The letter is plain text; long checksums wrap anywhere.
"""

from __future__ import annotations

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
    QTextOption,
)

from viewer import APP_NAME, __version__
from viewer.report.html import SANS
from viewer.ui.report_pdf import ensure_gui_application

#: A letter's margins in millimetres (wider than the report's: it may be printed and posted).
MARGIN_MM = 20.0
FOOTER_MM = 8.0
#: Space the layout leaves at each page's edges, inside the margin (see render_letter_pdf).
GUTTER_MM = 1.5
RESOLUTION = 300
FONT_POINTS = 10


def render_letter_pdf(text: str, target: Path, title: str) -> None:
    """Write ``text`` (paragraphs separated by blank lines) as a PDF to ``target``."""
    ensure_gui_application()
    writer = QPdfWriter(str(target))
    writer.setResolution(RESOLUTION)
    writer.setTitle(title)
    writer.setCreator(f"{APP_NAME} {__version__}")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                     QPageLayout.Orientation.Portrait,
                                     QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter))
    dots_per_mm = RESOLUTION / 25.4
    page_width = writer.width()
    page_height = writer.height()
    margin = MARGIN_MM * dots_per_mm
    footer = FOOTER_MM * dots_per_mm
    # The layout keeps every line inside its page, but a glyph may overshoot its line (a
    # parenthesis below the descent): a margin the layout repeats on every page keeps that
    # overshoot out of the next page's clip.
    gutter = GUTTER_MM * dots_per_mm
    body = QSizeF(page_width - 2 * margin + 2 * gutter,
                  page_height - 2 * margin - footer + 2 * gutter)

    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(_without_ligatures(QFont(SANS, FONT_POINTS)))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setDocumentMargin(gutter)
    document.setPlainText(text)
    document.setPageSize(body)
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
            painter.translate(margin - gutter, margin - gutter - page * body.height())
            clip = QRectF(QPointF(0, page * body.height()), body)
            painter.setClipRect(clip)
            context.clip = clip
            document.documentLayout().draw(painter, context)
            painter.restore()
            painter.setFont(footer_font)
            painter.setPen(Qt.GlobalColor.darkGray)
            line_y = page_height - margin - footer * 0.55
            painter.drawLine(QPointF(margin, line_y), QPointF(page_width - margin, line_y))
            text_box = QRectF(margin, line_y + footer * 0.1, page_width - 2 * margin,
                              footer * 0.6)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignLeft
                             | Qt.AlignmentFlag.AlignVCenter, title)
            painter.drawText(text_box, Qt.AlignmentFlag.AlignRight
                             | Qt.AlignmentFlag.AlignVCenter, f"{page + 1} / {pages}")
    finally:
        painter.end()


def _without_ligatures(font: QFont) -> QFont:
    # A checksum must read back (and copy) as typed: DejaVu Sans joins "ff" and "fi" into one
    # glyph, which a PDF reader extracts as U+FB00 / U+FB01, so "…9ff3…" would not match.
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


__all__ = ["render_letter_pdf"]
