"""The recordings list: a thin Qt model over ExportContents, the filter bar's proxy, and
the table that shows them.

Display strings are computed once when an export loads (a 10,000-row table is repainted
constantly while scrolling); sorting uses raw values through ``SortRole``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from viewer.model import ExportContents, Link, LinkMethod, Recording, TranscriptEntry
from viewer.ui.i18n import percent, seconds, tr
from viewer.ui.row_table import RowTableModel

_Index = QModelIndex | QPersistentModelIndex



class Column(IntEnum):
    TIME = 0
    DURATION = 1
    DEVICE = 2
    TRANSCRIPT = 3
    LINK = 4
    VERDICT = 5


class Role(IntEnum):
    PATH = Qt.ItemDataRole.UserRole + 1
    SORT = Qt.ItemDataRole.UserRole + 2
    RECORDING = Qt.ItemDataRole.UserRole + 3
    START = Qt.ItemDataRole.UserRole + 4  # POSIX seconds or None
    DEVICE_KEY = Qt.ItemDataRole.UserRole + 5
    LINKED = Qt.ItemDataRole.UserRole + 6
    VERDICT = Qt.ItemDataRole.UserRole + 7
    SEARCH_TEXT = Qt.ItemDataRole.UserRole + 8


@dataclass(frozen=True, slots=True)
class RecordingRow:
    """One row, with everything the table shows already turned into text."""

    recording: Recording
    transcript: TranscriptEntry | None
    link: Link | None
    start: float | None
    time_text: str
    duration_text: str
    device_key: str | None
    device_text: str
    transcript_text: str
    link_text: str
    search_text: str


def device_label(contents: ExportContents, recording: Recording) -> str:
    """A short device name a person recognises: model and serial tail, or chat sender."""
    device = contents.device(recording.device)
    if device is not None:
        name = device.name or device.model or device.device_type or ""
        tail = f"…{device.serial[-4:]}" if device.serial and len(device.serial) > 4 else ""
        return " ".join(part for part in (name, tail) if part) or device.key
    if recording.device:
        return recording.device
    return recording.sender or ""


def link_label(link: Link | None) -> str:
    if link is None or link.method is LinkMethod.NONE:
        return tr("none")
    if link.method is LinkMethod.EXPLICIT:
        return tr("by name")
    gap = abs(link.gap_s or 0.0)
    return tr("by time ({gap})").format(gap=seconds(gap))


def format_local(moment: datetime | None) -> str:
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S") if moment else "—"


def build_rows(contents: ExportContents) -> list[RecordingRow]:
    rows = []
    for recording in contents.recordings:
        link = contents.link_for(recording.path)
        transcript = contents.transcript(link.transcript) if link else None
        text = transcript.text if transcript else ""
        reply = transcript.reply if transcript and transcript.reply else ""
        device_text = device_label(contents, recording)
        rows.append(RecordingRow(
            recording=recording, transcript=transcript, link=link,
            start=recording.start.timestamp() if recording.start else None,
            time_text=format_local(recording.start),
            duration_text=(seconds(recording.duration_s) if recording.duration_s is not None
                           else "—"),
            device_key=recording.device or recording.sender,
            device_text=device_text,
            transcript_text=" ".join(text.split())[:160],
            link_text=link_label(link),
            search_text=" ".join((text, reply, recording.path, device_text)).casefold(),
        ))
    return rows


#: Vermilion against blue (Okabe–Ito: apart for the common colour-vision deficiencies);
#: "unsure" and "not checked" stay grey so that the two verdicts that matter stand out.
VERDICT_COLOURS = {"not-mine": "#D55E00", "mine": "#0072B2", "unsure": "#8a8a8a",
                   "unchecked": "#c4c4c4"}
#: Made once: the table asks for a colour for every visible verdict cell on every paint.
_VERDICT_QCOLORS = {verdict: QColor(colour) for verdict, colour in VERDICT_COLOURS.items()}
#: Sorting by verdict: strongest first.
_VERDICT_ORDER = {"not-mine": 0, "unsure": 1, "unchecked": 2, "mine": 3}


def verdict_label(verdict: str) -> str:
    labels = {"unchecked": "—", "mine": tr("mine"), "not-mine": tr("not mine"),
              "unsure": tr("unsure")}
    return labels.get(verdict, verdict)


def column_titles() -> tuple[str, ...]:
    return (tr("Time"), tr("Length"), tr("Device"), tr("Transcript"), tr("Link"), tr("Verdict"))


class RecordingTableModel(RowTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(Column, Role, column_titles, parent)
        self._rows: list[RecordingRow] = []
        self._row_of: dict[str, int] = {}
        #: The analysis's verdicts, and the user's own marks, which always win.
        self._analysis: dict[str, str] = {}
        self._marks: dict[str, str] = {}

    # -- content --------------------------------------------------------------------------
    def set_rows(self, rows: Sequence[RecordingRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._row_of = {row.recording.path: number for number, row in enumerate(self._rows)}
        self.endResetModel()

    def verdict(self, path: str) -> str:
        return self._marks.get(path) or self._analysis.get(path) or "unchecked"

    def verdicts(self) -> dict[str, str]:
        """Every recording's verdict as shown, by member path."""
        return {row.recording.path: self.verdict(row.recording.path) for row in self._rows}

    def is_marked(self, path: str) -> bool:
        return path in self._marks

    def set_analysis(self, verdicts: dict[str, str]) -> None:
        self._analysis = dict(verdicts)
        self._verdicts_changed()

    def set_marks(self, marks: dict[str, str]) -> None:
        self._marks = dict(marks)
        self._verdicts_changed()

    def _verdicts_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, Column.VERDICT),
                                  self.index(len(self._rows) - 1, Column.VERDICT))

    def row_for(self, path: str) -> int | None:
        return self._row_of.get(path)

    def recording_row(self, row: int) -> RecordingRow:
        return self._rows[row]

    def rows(self) -> list[RecordingRow]:
        return list(self._rows)

    # -- Qt interface ---------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.TRANSCRIPT and row.transcript:
                reply = f"\n→ {row.transcript.reply}" if row.transcript.reply else ""
                return f"{row.transcript.text}{reply}"
            if column == Column.LINK and row.link and row.link.method is LinkMethod.TIME:
                return tr("Paired by time; confidence {value}").format(
                    value=percent(row.link.confidence))
            if column == Column.TIME:
                return row.recording.path
            if column == Column.VERDICT and row.recording.path in self._marks:
                return tr("Marked by you")
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.VERDICT:
            return _VERDICT_QCOLORS.get(self.verdict(row.recording.path))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.DURATION:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.SORT:
            return self._sort_key(row, column)
        if role == Role.PATH:
            return row.recording.path
        if role == Role.RECORDING:
            return row.recording
        if role == Role.START:
            return row.start
        if role == Role.DEVICE_KEY:
            return row.device_key
        if role == Role.LINKED:
            return row.link is not None and row.link.method is not LinkMethod.NONE
        if role == Role.VERDICT:
            return self.verdict(row.recording.path)
        if role == Role.SEARCH_TEXT:
            return row.search_text
        return None

    def _display(self, row: RecordingRow, column: int) -> str | None:
        if column == Column.TIME:
            return row.time_text
        if column == Column.DURATION:
            return row.duration_text
        if column == Column.DEVICE:
            return row.device_text
        if column == Column.TRANSCRIPT:
            return row.transcript_text or tr("(no transcript)")
        if column == Column.LINK:
            return row.link_text
        if column == Column.VERDICT:
            path = row.recording.path
            label = verdict_label(self.verdict(path))
            return f"{label} ✓" if path in self._marks else label
        return None

    def _sort_key(self, row: RecordingRow, column: int) -> Any:
        if column == Column.TIME:
            return row.start if row.start is not None else float("inf")
        if column == Column.DURATION:
            return row.recording.duration_s or 0.0
        if column == Column.LINK:
            return row.link.confidence if row.link else 0.0
        if column == Column.VERDICT:
            return _VERDICT_ORDER.get(self.verdict(row.recording.path), 4)
        return self._display(row, column) or ""


def _comparable(value: Any) -> tuple[int, Any]:
    # Numbers before text, so a column mixing both never compares int with str.
    return (0, value) if isinstance(value, int | float) else (1, str(value).casefold())


class RecordingFilter(QSortFilterProxyModel):
    """The filter bar and the timeline selection, applied to the recordings table.

    Sorting is handed to the source model (see ``RecordingTableModel.sort``); this proxy only
    filters, keeping the source's order.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(Role.SORT)
        self.setDynamicSortFilter(False)
        self._text = ""
        self._device: str | None = None
        self._linked: bool | None = None
        self._verdict: str | None = None
        self._range: tuple[float, float] | None = None  # from the timeline
        self._dates: tuple[float, float] | None = None  # from the filter bar

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def _refilter(self) -> None:
        # Qt 6.10 replaced invalidateFilter() with begin/endFilterChange().
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.invalidateFilter()

    def set_text(self, text: str) -> None:
        self._text = text.strip().casefold()
        self._refilter()

    def set_device(self, device_key: str | None) -> None:
        self._device = device_key
        self._refilter()

    def set_linked(self, linked: bool | None) -> None:
        self._linked = linked
        self._refilter()

    def set_verdict(self, verdict: str | None) -> None:
        self._verdict = verdict
        self._refilter()

    def set_time_range(self, time_range: tuple[float, float] | None) -> None:
        self._range = time_range
        self._refilter()

    def set_date_range(self, date_range: tuple[float, float] | None) -> None:
        self._dates = date_range
        self._refilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        # Called once per row on every reset: with no filter set, answer before building an
        # index (a third of the time the window takes to show a large export).
        if not (self._text or self._range or self._dates) and (
                self._device is None and self._linked is None and self._verdict is None):
            return True
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self._text and self._text not in (model.data(index, Role.SEARCH_TEXT) or ""):
            return False
        if self._device is not None and model.data(index, Role.DEVICE_KEY) != self._device:
            return False
        if self._linked is not None and model.data(index, Role.LINKED) != self._linked:
            return False
        if self._verdict is not None and model.data(index, Role.VERDICT) != self._verdict:
            return False
        for window in (self._range, self._dates):
            if window is not None:
                start = model.data(index, Role.START)
                if start is None or not window[0] <= start <= window[1]:
                    return False
        return True


def recordings_table(proxy: RecordingFilter) -> QTableView:
    """The list of recordings: rows selected whole, sorted by time, one line each."""
    table = QTableView()
    table.setModel(proxy)
    table.setAccessibleName(tr("Recordings"))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    table.setSortingEnabled(True)
    table.sortByColumn(Column.TIME, Qt.SortOrder.AscendingOrder)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 8)
    table.setWordWrap(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setSectionResizeMode(Column.TRANSCRIPT, QHeaderView.ResizeMode.Stretch)
    for column, width in ((Column.TIME, 150), (Column.DURATION, 60), (Column.DEVICE, 150),
                          (Column.LINK, 110), (Column.VERDICT, 80)):
        table.setColumnWidth(column, width)
    return table
