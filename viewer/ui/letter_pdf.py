"""Draw a letter (a reminder, a complaint) as an A4 PDF with Qt, the way report_pdf draws
the report: a QTextDocument laid out on a QPdfWriter and painted page by page, each page
with a footer ("title · N / M"). The letter is plain text; long checksums wrap anywhere.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import (
    QFont,
    QTextDocument,
    QTextOption,
)

from viewer import APP_NAME, __version__
from viewer.report.html import SANS
from viewer.ui.pdf_pages import PageFrame, a4_writer, paint_pages, without_ligatures
from viewer.ui.report_pdf import ensure_gui_application

#: A letter's margins in millimetres (wider than the report's: it may be printed and posted).
MARGIN_MM = 20.0
FOOTER_MM = 8.0
#: Space the layout leaves at each page's edges, inside the margin (see render_letter_pdf).
GUTTER_MM = 1.5
FONT_POINTS = 10


def render_letter_pdf(text: str, target: Path, title: str) -> None:
    """Write ``text`` (paragraphs separated by blank lines) as a PDF to ``target``."""
    ensure_gui_application()
    writer = a4_writer(target, title=title, creator=f"{APP_NAME} {__version__}")
    # The layout keeps every line inside its page, but a glyph may overshoot its line (a
    # parenthesis below the descent): the gutter keeps that out of the next page's clip.
    frame = PageFrame.of(writer, margin_mm=MARGIN_MM, footer_mm=FOOTER_MM, gutter_mm=GUTTER_MM)
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(without_ligatures(QFont(SANS, FONT_POINTS)))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setDocumentMargin(frame.gutter)
    document.setPlainText(text)
    document.setPageSize(frame.body)
    paint_pages(writer, document, frame, target, footer_left=title,
                footer_right=lambda page, pages: f"{page} / {pages}")


__all__ = ["render_letter_pdf"]
