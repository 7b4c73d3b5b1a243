"""The cases list: a thin Qt model over ``viewer.cases`` with named roles.

A case's state and days left depend on the day, so the model is filled with the cases and
"today" together; every text is made once there (the table repaints often). Overdue is said
in words ("3 days overdue", "⚠ overdue") and in colour, never in colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from viewer.cases.model import Case, CaseState
from viewer.ui.i18n import tr
from viewer.ui.row_table import RowTableModel

_Index = QModelIndex | QPersistentModelIndex

#: Okabe–Ito vermilion, the colour the app already uses for "not mine": readable on light
#: and dark backgrounds, and apart from blue for the common colour-vision deficiencies.
OVERDUE_COLOUR = "#D55E00"
_OVERDUE_QCOLOR = QColor(OVERDUE_COLOUR)
#: Sorting by state: what needs the user first.
_STATE_ORDER = {CaseState.OVERDUE: 0, CaseState.DRAFT: 1, CaseState.SENT: 2,
                CaseState.ANSWERED: 3, CaseState.CLOSED: 4}


class Column(IntEnum):
    NUMBER = 0
    COMPANY = 1
    EXPORT = 2
    STATE = 3
    SENT = 4
    DEADLINE = 5
    DAYS_LEFT = 6


class Role(IntEnum):
    CASE_ID = Qt.ItemDataRole.UserRole + 1
    CASE = Qt.ItemDataRole.UserRole + 2
    STATE = Qt.ItemDataRole.UserRole + 3  # a CaseState
    DAYS_LEFT = Qt.ItemDataRole.UserRole + 4  # int (negative: overdue) or None
    SORT = Qt.ItemDataRole.UserRole + 5


def day_text(day: date | None) -> str:
    """A date as the report writes it: ISO, the same in every language."""
    return day.isoformat() if day else "—"


def company_name(controller: str) -> str:
    """The company without its address: "Amazon Europe Core S.à r.l." of the report's
    "Amazon Europe Core S.à r.l., 38 avenue John F. Kennedy, L-1855 Luxembourg"."""
    parts = controller.split(", ")
    name = parts[0]
    # "Example, Inc.": a legal form after the comma belongs to the name.
    if len(parts) > 1 and len(parts[1]) <= 6 and not parts[1][:1].isdigit():
        name += ", " + parts[1]
    return name


def state_label(state: CaseState) -> str:
    labels = {CaseState.DRAFT: tr("draft"), CaseState.SENT: tr("sent"),
              CaseState.ANSWERED: tr("answered"), CaseState.OVERDUE: tr("⚠ overdue"),
              CaseState.CLOSED: tr("closed")}
    return labels[state]


def days_left_text(case: Case, today: date) -> str:
    """What the deadline means today, in words (for the Days left column)."""
    state = case.state(today)
    if state is CaseState.DRAFT:
        return tr("not sent yet")
    if state in (CaseState.ANSWERED, CaseState.CLOSED):
        return "—"  # nothing is due any more; the State column says why
    days = case.days_left(today)
    if days is None:
        return "—"
    if days < 0:
        return tr("%n day(s) overdue", "", -days)
    if days == 0:
        return tr("due today")
    return tr("%n day(s) left", "", days)


def state_sentence(case: Case, today: date) -> str:
    """The case's state and what it means today, as one line for its detail."""
    state = case.state(today)
    days = case.days_left(today)
    if state is CaseState.DRAFT:
        return tr("Draft: the report is not sent yet")
    if state is CaseState.OVERDUE and days is not None:
        return tr("⚠ Overdue: no answer %n day(s) after the deadline", "", -days)
    if state is CaseState.SENT and days is not None:
        return (tr("Sent: the answer is due today") if days == 0 else
                tr("Sent: %n day(s) left to answer", "", days))
    if state is CaseState.ANSWERED:
        return tr("Answered on {day}").format(day=day_text(case.answered_on))
    return tr("Closed on {day}").format(day=day_text(case.closed_on))


def column_titles() -> tuple[str, ...]:
    return (tr("No."), tr("Company"), tr("Export"), tr("State"), tr("Sent"), tr("Deadline"),
            tr("Days left"))


@dataclass(frozen=True, slots=True)
class CaseRow:
    case: Case
    state: CaseState
    days_left: int | None
    texts: tuple[str, ...]


def build_row(case: Case, today: date) -> CaseRow:
    state = case.state(today)
    texts = (str(case.id), company_name(case.controller), case.export_name, state_label(state),
             day_text(case.sent_on), day_text(case.deadline), days_left_text(case, today))
    return CaseRow(case, state, case.days_left(today), texts)


class CasesTableModel(RowTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(Column, Role, column_titles, parent)
        self._rows: list[CaseRow] = []

    def set_cases(self, cases: Sequence[Case], today: date) -> None:
        self.beginResetModel()
        self._rows = [build_row(case, today) for case in cases]
        self.endResetModel()

    def row_of(self, case_id: int) -> int | None:
        return next((number for number, row in enumerate(self._rows)
                     if row.case.id == case_id), None)

    def case_at(self, row: int) -> Case:
        return self._rows[row].case

    # -- Qt interface ---------------------------------------------------------------------
    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        overdue = row.state is CaseState.OVERDUE
        if role == Qt.ItemDataRole.DisplayRole:
            return row.texts[column]
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.EXPORT:
            return tr("SHA-256 of the export: {sha}").format(sha=row.case.export_sha256)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.COMPANY:
            return row.case.controller
        if role == Qt.ItemDataRole.ForegroundRole and overdue \
                and column in (Column.STATE, Column.DAYS_LEFT):
            return _OVERDUE_QCOLOR
        if role == Qt.ItemDataRole.FontRole and overdue \
                and column in (Column.STATE, Column.DAYS_LEFT):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.SORT:
            return self._sort_key(row, column)
        if role == Role.CASE_ID:
            return row.case.id
        if role == Role.CASE:
            return row.case
        if role == Role.STATE:
            return row.state
        if role == Role.DAYS_LEFT:
            return row.days_left
        return None

    def _sort_key(self, row: CaseRow, column: int) -> Any:
        if column == Column.NUMBER:
            return row.case.id
        if column == Column.STATE:
            return _STATE_ORDER[row.state]
        if column == Column.SENT:
            return (row.case.sent_on or date.max).toordinal()
        if column == Column.DEADLINE:
            return (row.case.deadline or date.max).toordinal()
        if column == Column.DAYS_LEFT:
            # Open cases by days left (overdue first); answered, closed and drafts after.
            return row.days_left if row.days_left is not None else 1_000_000
        return row.texts[column].casefold()
