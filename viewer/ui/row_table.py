"""The Qt side every flat table of rows shares: row and column counts, titles, role names.

A subclass keeps its rows in ``self._rows``, names its columns by an ``IntEnum`` and its
extra roles by another, and answers ``data`` itself; the titles are asked for when shown, so
a language switch needs no reset.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

_Index = QModelIndex | QPersistentModelIndex


class RowTableModel(QAbstractTableModel):
    def __init__(self, columns: type[IntEnum], roles: type[IntEnum],
                 titles: Callable[[], tuple[str, ...]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: Sequence[Any] = []
        self._column_count = len(columns)
        self._roles = roles
        self._titles = titles

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._column_count

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if (horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < self._column_count):
            return self._titles()[section]
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        names = dict(super().roleNames())
        names.update({role.value: QByteArray(role.name.lower().encode())
                      for role in self._roles})
        return names
