"""Draw the discrepancy report as an A4 PDF with Qt (QTextDocument + QPdfWriter).

The body is the Qt-free HTML of ``viewer.report.html``; this module only lays it out and
paints it page by page, so each page gets a footer with "Page N of M" (``QTextDocument.
print_`` cannot say "of M"). The table of files repeats its header row on every page (its
``<thead>``). Fonts: DejaVu Sans and DejaVu Sans Mono (full Unicode; fonts-dejavu-core).

Usable without a window: ``ensure_gui_application`` creates an offscreen QApplication
when none exists (the ``report`` command).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSizeF
from PySide6.QtGui import (
    QFont,
    QPdfWriter,
    QTextDocument,
    QTextOption,
    QTextTable,
)
from PySide6.QtWidgets import QApplication

from viewer import APP_NAME
from viewer.report.data import ReportData
from viewer.report.html import SANS, report_html
from viewer.report.texts import say
from viewer.ui.pdf_pages import PageFrame, a4_writer, paint_pages, without_ligatures

#: Page margins in millimetres; the footer sits in the bottom margin.
MARGIN_MM = 12.0
FOOTER_MM = 8.0

_app: QApplication | None = None


def ensure_gui_application() -> None:
    """Create an application object (offscreen, unless a platform is set) if none exists.

    A QApplication rather than a bare QGuiApplication: one process may later want widgets
    (the test suite does), and Qt allows only one application object per process.
    """
    global _app
    if QApplication.instance() is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        _app = QApplication([APP_NAME])


def render_pdf(data: ReportData, target: Path) -> None:
    """Write ``data`` as a PDF to ``target``."""
    ensure_gui_application()
    writer = a4_writer(target, title=say(data.language, "title"),
                       creator=f"{APP_NAME} {data.tool_version}")
    frame = PageFrame.of(writer, margin_mm=MARGIN_MM, footer_mm=FOOTER_MM)
    body = frame.body
    breaks: frozenset[int] = frozenset()
    for _attempt in range(6):
        document = _layout(report_html(data, breaks=breaks), writer, body)
        more = _rows_to_move(document, body.height())
        if not more:
            break
        breaks |= more
    paint_pages(writer, document, frame, target,
                footer_left=f"{APP_NAME} · SHA-256 {data.archive_sha256[:16]}…",
                footer_right=lambda page, pages: say(data.language, "page", page=page,
                                                     pages=pages))


def _layout(html: str, writer: QPdfWriter, body: QSizeF) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(without_ligatures(QFont(SANS, 9)))
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    document.setDefaultTextOption(option)
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setPageSize(body)
    return document


def _file_rows(document: QTextDocument) -> list[tuple[float, float]]:
    """(top, bottom) of every row of the table(s) of not-mine files, in order; the first
    table's header row first. A row ends where the next begins (the last: its table's end);
    measuring one cell per row keeps this fast for thousands of rows."""
    layout = document.documentLayout()
    tables = [frame for frame in document.rootFrame().childFrames()
              if isinstance(frame, QTextTable)
              and frame.cellAt(0, 0).firstCursorPosition().block().text() == "#"]
    rows: list[tuple[float, float]] = []
    for number, table in enumerate(tables):
        first_row = 0 if number == 0 else 1  # later tables: their header is a repeat
        tops = [layout.blockBoundingRect(table.cellAt(row, 0).firstCursorPosition().block())
                .top() for row in range(first_row, table.rows())]
        if number == len(tables) - 1:
            end = layout.frameBoundingRect(table).bottom()
        else:  # a page break follows: only the last table's end can cross one
            end = tops[-1] + (tops[-1] - tops[-2] if len(tops) > 1 else 0.0)
        rows.extend(zip(tops, [*tops[1:], end], strict=True))
    return rows


def _rows_to_move(document: QTextDocument, page_height: float) -> frozenset[int]:
    """Rows that the layout split across a page break: each must start a new page.

    Only the first such row is certain (moving it shifts the ones after it), but the shift
    is known: the row moves to the top of the next page below a repeated header. Rows after
    it are checked with that shift applied, so one or two passes settle the whole table.
    """
    allowance = 4.0  # cell padding and borders, in device dots
    rows = _file_rows(document)
    if len(rows) < 2:
        return frozenset()
    header = rows[1][0] - rows[0][0]  # the repeated header row, with its borders
    shift = 0.0
    moved = set()
    for index, (top, bottom) in enumerate(rows[1:]):
        top, bottom = top + shift - allowance, bottom + shift + allowance
        if int(top // page_height) != int(bottom // page_height):
            moved.add(index)
            shift += (top // page_height + 1) * page_height - top + header + 2 * allowance
    return frozenset(moved)


__all__ = ["ensure_gui_application", "render_pdf"]
