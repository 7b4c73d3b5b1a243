"""The Files view's preview pane: one member's name and status above text, a table or a note.

Members are read in the background through ``TaskRunner`` by the Qt-free loaders of
``viewer.preview``; the pane only words their notes (translated) and shows their results.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPlainTextEdit,
    QSizePolicy,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.archive import Export, Member
from viewer.model import Recording
from viewer.preview import PdfPreview, Preview, PreviewNote, TablePreview, preview_job
from viewer.ui.i18n import format_size, locale_number
from viewer.ui.tasks import Task, TaskRunner

_Index = QModelIndex | QPersistentModelIndex

#: Table columns are sized to fit this many rows (sizing all 2,000 would be slow).
_FIT_ROWS = 60
#: "Loading…" appears only if a preview takes longer than this (no flicker when browsing).
_LOADING_DELAY_MS = 120


class RowsTableModel(QAbstractTableModel):
    """Rows of a previewed table; short rows are shown padded."""

    def __init__(self, header: Sequence[str] = (), rows: Sequence[Sequence[str]] = (),
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._header = tuple(header)
        self._rows = tuple(rows)
        self._columns = max([len(self._header), *(len(row) for row in self._rows)], default=0)

    def set_rows(self, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
        self.beginResetModel()
        self._header = tuple(header)
        self._rows = tuple(rows)
        self._columns = max([len(self._header), *(len(row) for row in self._rows)], default=0)
        self.endResetModel()

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._rows[index.row()]
        return row[index.column()] if index.column() < len(row) else ""

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < self._columns:
                return self._header[section] if section < len(self._header) else ""
            return None
        return str(section + 1) if 0 <= section < len(self._rows) else None


class MemberPreview(QWidget):
    """Shows one member: its name and status above text, a table, or a short message."""

    def __init__(self, tasks: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks
        self._task: Task | None = None
        self._request = 0
        self._base_note = ""
        self.setAccessibleName(self.tr("Preview"))

        self.title = QLabel()
        title_font = self.title.font()
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        self.title.setFont(title_font)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setWordWrap(True)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setForegroundRole(self.details.palette().ColorRole.PlaceholderText)
        self.details.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.title.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.note.setAccessibleName(self.tr("Preview note"))
        self.note.hide()

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.setContentsMargins(4, 8, 4, 4)
        self.message.setAccessibleName(self.tr("Preview message"))
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Preview text"))
        self.table = QTableView()
        self.table_model = RowsTableModel(parent=self)
        self.table.setModel(self.table_model)
        self.table.setAccessibleName(self.tr("Preview table"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(
            self.table.fontMetrics().height() + 6)
        self.table.horizontalHeader().setDefaultSectionSize(140)
        self.stack = QStackedWidget()
        for page in (self.message, self.text, self.table):
            self.stack.addWidget(page)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.title)
        layout.addWidget(self.details)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)

        self._loading_timer = QTimer(self)
        self._loading_timer.setSingleShot(True)
        self._loading_timer.setInterval(_LOADING_DELAY_MS)
        self._loading_timer.timeout.connect(self._show_loading)
        self.show_message(self.tr("Select a file to see what it holds."))

    # -- state ----------------------------------------------------------------------------
    @property
    def loading(self) -> bool:
        return self._task is not None

    def current_text(self) -> str:
        """What the visible page shows as text (for tests and accessibility checks)."""
        page = self.stack.currentWidget()
        if page is self.text:
            return self.text.toPlainText()
        if page is self.message:
            return self.message.text()
        return ""

    def clear(self) -> None:
        self._cancel()
        self.title.clear()
        self.details.clear()
        self._set_note("")
        self.show_message(self.tr("Select a file to see what it holds."))

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.stack.setCurrentWidget(self.message)

    def _set_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def _header(self, title: str, details: str, note: str = "") -> None:
        self._cancel()
        self.title.setText(title)
        self.details.setText(details)
        self._set_note(note)

    def _cancel(self) -> None:
        self._request += 1
        self._loading_timer.stop()
        if self._task is not None:
            self._task.cancel()
            self._task = None

    # -- what is shown --------------------------------------------------------------------
    def show_folder(self, title: str, details: str, summary: dict[str, Any], note: str = "",
                    *, archive: bool = False) -> None:
        self._header(title, details, note)
        files = summary["files"]
        lines = [
            (self.tr("This archive holds {files} ({size}).") if archive
             else self.tr("This folder holds {files} ({size}).")).format(
                files=self._count_files(files), size=format_size(summary["bytes"]))
        ]
        if summary["folders"]:
            lines.append(self.tr("Folders inside: {count}").format(
                count=locale_number(summary["folders"])))
        kinds = sorted(summary["kinds"].items(), key=lambda pair: -pair[1])
        for kind, count in kinds:
            lines.append(f"    {locale_number(count)} × {self._kind_name(kind)}")
        if summary["flagged"]:
            lines.append(self.tr("{count} not understood or with problems: turn on “Only not "
                                 "understood or with problems” to list them.").format(
                count=locale_number(summary["flagged"])))
        self.show_message("\n".join(lines))

    def show_problems(self, title: str, details: str, problems: Iterable[str]) -> None:
        self._header(title, details)
        listed = "\n".join(f"• {problem}" for problem in problems)
        self.show_message(self.tr("This file was not opened:") + "\n" + listed)

    def show_recording(self, title: str, details: str, recording: Recording | None,
                       note: str = "") -> None:
        self._header(title, details, note)
        if recording is None:
            self.show_message(self.tr("An audio file. It is not one of the recordings the "
                                      "importers found."))
            return
        lines = [self.tr("Recording — play it in the Recordings view.")]
        facts = []
        if recording.duration_s is not None:
            facts.append(self.tr("{seconds} s").format(
                seconds=QLocale().toString(recording.duration_s, "f", 1)))
        if recording.codec:
            facts.append(recording.codec)
        if recording.sample_rate:
            facts.append(self.tr("{rate} kHz").format(
                rate=QLocale().toString(recording.sample_rate / 1000, "g", 4)))
        if recording.channels:
            facts.append(self.tr("mono") if recording.channels == 1
                         else self.tr("{count} channels").format(count=recording.channels))
        if facts:
            lines.append(" · ".join(facts))
        if recording.audio_problem:
            lines.append(self.tr("It cannot be played: {reason}").format(
                reason=recording.audio_problem))
        lines.append(self.tr("Double-click it in the list to open it there."))
        self.show_message("\n".join(lines))

    def load(self, export: Export, member: Member, title: str, details: str,
             note: str = "") -> None:
        """Read the member in the background; "Loading…" shows if it takes a moment."""
        self._header(title, details, note)
        self._base_note = note
        request = self._request
        self._loading_timer.start()

        def finished(result: Preview) -> None:
            if shiboken6.isValid(self) and request == self._request:
                self._task = None
                self._loading_timer.stop()
                self._show_result(result)

        def failed(error: BaseException) -> None:
            if shiboken6.isValid(self) and request == self._request:
                self._task = None
                self._loading_timer.stop()
                self.show_message(self.tr("This file could not be shown: {error}").format(
                    error=_error_text(error)))

        task = self._tasks.start(lambda: preview_job(export, member), name="preview",
                                 on_finished=finished, on_failed=failed)
        if request == self._request and not task.done.is_set():
            self._task = task

    def _show_loading(self) -> None:
        if self._task is not None:
            self.show_message(self.tr("Loading…"))

    def _show_result(self, result: Preview) -> None:
        notes = [self._note_text(note) for note in result.notes]
        if self._base_note:
            notes.insert(0, self._base_note)
        self._set_note("\n".join(notes))
        if isinstance(result, TablePreview):
            self.table_model.set_rows(result.header, result.rows)
            self._fit_columns()
            self.table.scrollToTop()
            self.stack.setCurrentWidget(self.table)
            return
        if isinstance(result, PdfPreview):
            parts = []
            for number, page in enumerate(result.pages, start=1):
                parts.append(self.tr("— Page {number} of {count} —").format(
                    number=number, count=result.page_count))
                # pypdf puts tabs where it saw wide gaps between words; as text a space
                # reads right, where tab stops would run some words together.
                parts.append(re.sub(r"[ \t]*\t[ \t]*", "  ", page.strip()) + "\n")
            self._show_text("\n".join(parts), monospace=False, wrap=True)
            return
        self._show_text(result.text, monospace=result.monospace, wrap=result.wrap)

    def _fit_columns(self) -> None:
        """Columns as wide as the header and the first rows need, none wider than a third."""
        header = self.table.horizontalHeader()
        header.setResizeContentsPrecision(_FIT_ROWS)
        self.table.resizeColumnsToContents()
        widest = max(self.table.viewport().width() // 3, header.minimumSectionSize() * 4)
        for column in range(self.table_model.columnCount()):
            if header.sectionSize(column) > widest:
                header.resizeSection(column, widest)

    def _show_text(self, text: str, *, monospace: bool, wrap: bool) -> None:
        font = (QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont) if monospace
                else QFont(self.font()))
        self.text.setFont(font)
        # Narrow tab stops: pypdf separates words it found far apart with tabs, and Qt's
        # default 80 px stops turn a PDF line into a sparse grid.
        self.text.setTabStopDistance(QFontMetricsF(font).horizontalAdvance(" ") * 4)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth if wrap
                                  else QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setPlainText(text)
        self.stack.setCurrentWidget(self.text)

    def _note_text(self, note: PreviewNote) -> str:
        code, args = note.code, note.args
        if code == "truncated-bytes":
            return self.tr("Showing the first {shown} of {total}.").format(
                shown=format_size(args[0]), total=format_size(args[1]))
        if code == "truncated-formatted":
            return self.tr("Showing the first {shown} of the formatted JSON.").format(
                shown=format_size(args[0]))
        if code == "truncated-rows":
            return self.tr("Showing the first {count} rows; the file holds more.").format(
                count=locale_number(args[0]))
        if code == "invalid-json":
            return self.tr("Not valid JSON ({where}); shown as text.").format(where=args[0])
        if code == "too-large-to-format":
            return self.tr("Larger than {size}: shown as it is, not formatted.").format(
                size=format_size(args[0]))
        if code == "spreadsheet":
            return self.tr("An Excel workbook: open it in a spreadsheet program. Its first "
                           "bytes:")
        if code == "pdf-truncated":
            return self.tr("Showing the text of the first {shown} of {count} pages.").format(
                shown=locale_number(args[0]), count=locale_number(args[1]))
        if code == "pdf-page-failed":
            return self.tr("The text of page {number} could not be read ({error}).").format(
                number=args[0], error=args[1])
        if code == "pdf-no-text":
            return self.tr("This PDF holds no text that can be extracted (it may be scanned "
                           "images).")
        return code

    def _count_files(self, count: int) -> str:
        if count == 1:
            return self.tr("1 file")
        return self.tr("{count} files").format(count=locale_number(count))

    def _kind_name(self, kind: str) -> str:
        return {
            "audio": self.tr("audio"), "table": self.tr("table"), "json": self.tr("JSON"),
            "pdf": self.tr("PDF"), "html": self.tr("HTML"), "text": self.tr("text"),
            "archive": self.tr("archive"), "other": self.tr("other"),
        }.get(kind, kind)


def _error_text(error: BaseException) -> str:
    reason = getattr(error, "reason", None)  # MemberError says what went wrong on its own
    return str(reason) if reason else (str(error) or type(error).__name__)

