"""The Files view: every member of the export as a tree, and a preview of the selected one.

The tree is built once from the member paths (nested archives first split on ``!/``, then
on ``/``) and is a thin adapter over plain ``_Node`` objects. Previews are read in the
background through ``TaskRunner`` by Qt-free loader functions that cap what they read; the
widget only turns their results into text, tables and notes.
"""

from __future__ import annotations

import csv
import gc
import io
import json
import logging
import re
from collections.abc import Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

import shiboken6
from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.archive import Export, Member, MemberKind
from viewer.formats.base import decode_text, registered_importers
from viewer.formats.pdf_text import PdfTextError, read_pdf_text
from viewer.model import ExportContents, Recording
from viewer.ui.tasks import Task, TaskRunner

log = logging.getLogger("viewer.ui.files")

_Index = QModelIndex | QPersistentModelIndex

#: Text, HTML and JSON: at most this much is shown (a person reads the start, not 80 MB).
MAX_TEXT_BYTES = 2_000_000
#: JSON up to this size is parsed and pretty-printed; larger files are shown as raw text.
MAX_JSON_PARSE_BYTES = 16_000_000
#: Tables: this many rows, read from at most this many bytes of the file.
MAX_TABLE_ROWS = 2_000
MAX_TABLE_BYTES = 8_000_000
#: PDFs are read into memory whole; larger ones are not previewed.
MAX_PDF_BYTES = 50_000_000
HEX_PEEK_BYTES = 256
#: Above this many members the filter waits for a pause in typing before it runs.
_DEBOUNCE_MEMBERS = 5_000
_DEBOUNCE_MS = 200
#: A filter expands everything it shows when it matches at most this many files.
_EXPAND_ALL_MATCHES = 2_000
#: An export with at most this many top-level rows opens with them expanded.
_EXPAND_TOP_LEVEL_ROWS = 12
#: Table columns are sized to fit this many rows (sizing all 2,000 would be slow).
_FIT_ROWS = 60
#: "Loading…" appears only if a preview takes longer than this (no flicker when browsing).
_LOADING_DELAY_MS = 120
_SPREADSHEET_SUFFIXES = (".xlsx", ".xls")


# -- the tree model ---------------------------------------------------------------------------
class Column(IntEnum):
    NAME = 0
    SIZE = 1
    KIND = 2
    STATUS = 3


class Role(IntEnum):
    #: The member's path (nested levels joined by ``!/``); folders: their path, no slash.
    MEMBER_PATH = Qt.ItemDataRole.UserRole + 1
    #: "folder", or the MemberKind value ("audio", "archive", ...).
    KIND = Qt.ItemDataRole.UserRole + 2
    #: Bytes as an int: the member's size, or the total of what a folder holds.
    SIZE_BYTES = Qt.ItemDataRole.UserRole + 3
    #: What the proxy sorts by: raw values, folders before files for the name column.
    SORT = Qt.ItemDataRole.UserRole + 4
    #: A Status value: "folder", "recording", "understood", "not-understood", "problem", "".
    STATUS = Qt.ItemDataRole.UserRole + 5
    #: True when this row itself is not understood or has problems.
    FLAGGED = Qt.ItemDataRole.UserRole + 6
    #: True for an audio member that is a Recording of the contents.
    IS_RECORDING = Qt.ItemDataRole.UserRole + 7
    #: Files (members that are not opened archives) below a folder or archive; 1 for a file.
    FILE_COUNT = Qt.ItemDataRole.UserRole + 8


MemberPathRole = Role.MEMBER_PATH
KindRole = Role.KIND
SizeBytesRole = Role.SIZE_BYTES
SortRole = Role.SORT
StatusRole = Role.STATUS
FlaggedRole = Role.FLAGGED
IsRecordingRole = Role.IS_RECORDING
FileCountRole = Role.FILE_COUNT


class Status:
    """Values of ``StatusRole``."""

    FOLDER = "folder"
    RECORDING = "recording"
    UNDERSTOOD = "understood"
    NOT_UNDERSTOOD = "not-understood"
    PROBLEM = "problem"
    UNKNOWN = ""  # no contents were given


_FOLDER, _ARCHIVE, _FILE = 0, 1, 2
_ROOT = 0
_NO_CHILDREN: list[int] = []


class _Tree:
    """Every row as parallel lists indexed by a node id; id 0 is the invisible root.

    Lists rather than one object per row: 100,000 members build in a fraction of a second,
    and a QModelIndex carries the id as its ``internalId``. Parents always have smaller ids
    than their children, so one reverse pass sums what folders hold.
    """

    __slots__ = ("by_path", "children", "files", "flagged", "flagged_below", "folded",
                 "member", "name", "parent", "path", "row", "size", "status", "type")

    def __init__(self) -> None:
        self.name: list[str] = [""]
        self.path: list[str] = [""]
        self.parent: list[int] = [-1]
        self.row: list[int] = [0]
        self.type = bytearray([_FOLDER])
        self.member: list[Member | None] = [None]
        self.size: list[int] = [0]
        #: Files below a folder or opened archive (an opened archive counts what it holds).
        self.files: list[int] = [0]
        #: 1 when the row itself is not understood or has problems.
        self.flagged = bytearray(1)
        self.flagged_below: list[int] = [0]
        #: Child ids of folders and opened archives, in display order.
        self.children: dict[int, list[int]] = {_ROOT: []}
        self.by_path: dict[str, int] = {}
        #: (status key, text, tooltip, warning), computed when a row is first shown.
        self.status: dict[int, tuple[str, str, str, bool]] = {}
        #: Casefolded paths, made when the filter is first used.
        self.folded: list[str] | None = None

    def kids(self, node: int) -> list[int]:
        return self.children.get(node, _NO_CHILDREN)


def _build_tree(members: Iterable[Member], flagged_paths: set[str] | frozenset[str]) -> _Tree:
    """The tree of ``members``: nesting split on ``!/`` first, then folders on ``/``.

    Members get ids 1..n in path order, built column by column; folders derived from the
    paths get the ids after them. Only the distinct folders go through a Python loop.
    """
    tree = _Tree()
    # Sorted, an archive member ("x.zip") comes before what it holds ("x.zip!/...").
    ordered = sorted(members, key=_member_path)
    paths = ["", *(member.path for member in ordered)]
    cuts = [path.rfind("/") + 1 for path in paths]
    names = [path[cut:] for path, cut in zip(paths, cuts, strict=True)]
    parent_keys = [path[:cut] for path, cut in zip(paths, cuts, strict=True)]
    owners: list[Member | None] = [None, *ordered]
    types = bytearray([_FOLDER]) + bytearray(
        _ARCHIVE if member.kind is MemberKind.ARCHIVE else _FILE for member in ordered)
    sizes = [0, *(member.size for member in ordered)]
    files = [0, *([1] * len(ordered))]
    flagged = bytearray([0]) + bytearray(
        1 if member.problems or member.path in flagged_paths else 0 for member in ordered)
    # The first of several members with one path keeps the lookup (the archive layer marks
    # the others unreadable); reversed, so that the first assignment is the one that stays.
    by_path = dict(zip(reversed(paths), range(len(paths) - 1, 0, -1), strict=False))
    by_path.pop("", None)

    # Container ids by the prefix their children's paths start with: "a/b/" for a folder,
    # "a/x.zip!/" for a nested archive (whose container is the archive member itself).
    containers: dict[str, int] = {"": _ROOT}
    folder_parents: list[int] = []

    def container(key: str) -> int:
        node = containers.get(key)
        if node is not None:
            return node
        if key.endswith("!/"):
            archive = by_path.get(key[:-2])
            if archive is not None and types[archive] == _ARCHIVE:
                files[archive] = 0  # an opened archive counts what it holds, not itself
                containers[key] = archive
                return archive
        path = key[:-1]
        parent_key = path[: path.rfind("/") + 1]
        parent = container(parent_key)
        node = len(names)
        names.append(path[len(parent_key):])
        paths.append(path)
        folder_parents.append(parent)
        types.append(_FOLDER)
        owners.append(None)
        sizes.append(0)
        files.append(0)
        flagged.append(0)
        containers[key] = node
        return node

    for key in dict.fromkeys(parent_keys):
        if key not in containers:
            container(key)
    parents = [-1, *(containers[key] for key in parent_keys[1:]), *folder_parents]

    # Display order: folders and archives first, then files, by name regardless of case.
    count = len(names)
    keys = [("1" if kind == _FILE else "0") + name.casefold()
            for kind, name in zip(types, names, strict=True)]
    children: dict[int, list[int]] = {node: [] for node in containers.values()}
    rows = [0] * count
    for node in sorted(range(1, count), key=keys.__getitem__):
        siblings = children[parents[node]]
        rows[node] = len(siblings)
        siblings.append(node)

    # Totals, children before parents: the reverse of a breadth-first walk.
    walk = [_ROOT]
    for node in walk:
        walk.extend(children.get(node, _NO_CHILDREN))
    flagged_below = [0] * count
    for node in reversed(walk):
        parent = parents[node]
        if parent < 0:
            continue
        files[parent] += files[node]
        flagged_below[parent] += flagged_below[node] + flagged[node]
        if types[parent] == _FOLDER:
            sizes[parent] += sizes[node]

    tree.name, tree.path, tree.parent, tree.row, tree.type = names, paths, parents, rows, types
    tree.member, tree.size, tree.files, tree.flagged = owners, sizes, files, flagged
    tree.flagged_below, tree.children, tree.by_path = flagged_below, children, by_path
    return tree


def _member_path(member: Member) -> str:
    return member.path


@dataclass(frozen=True, slots=True)
class _ContentsIndex:
    """Lookups by member path into ExportContents, built once per export."""

    recordings: dict[str, Recording]
    not_understood: dict[str, str]
    import_problems: dict[str, list[str]]
    #: Member path -> importer names that read something from it.
    read_by: dict[str, list[str]]
    labels: dict[str, str]
    #: Paths to flag: not understood, import problems, recordings that cannot be played.
    flagged: frozenset[str]

    @classmethod
    def build(cls, contents: ExportContents) -> _ContentsIndex:
        recordings = {recording.path: recording for recording in contents.recordings}
        not_understood = {item.path: item.reason for item in contents.not_understood}
        problems: dict[str, list[str]] = {}
        for problem in contents.problems:
            if problem.source.path:
                problems.setdefault(problem.source.path, []).append(problem.message)
        read_by: dict[str, dict[str, None]] = {}

        def note(path: str, fmt: str) -> None:
            read_by.setdefault(path, {})[fmt] = None

        by_device: dict[str, dict[str, None]] = {}
        by_account: dict[str, dict[str, None]] = {}
        for recording in contents.recordings:
            for fact in recording.facts:
                note(fact.source.path, recording.format)
            if recording.device:
                by_device.setdefault(recording.device, {})[recording.format] = None
            if recording.account:
                by_account.setdefault(recording.account, {})[recording.format] = None
        for entry in contents.transcripts:
            note(entry.source.path, entry.format)
        # Devices and accounts do not say which importer found them; the recordings made on
        # them do. With a single format the answer is that format.
        single = contents.formats[:1] if len(contents.formats) == 1 else ()
        for device in contents.devices:
            for source in device.sources:
                for fmt in by_device.get(device.key) or single:
                    note(source.path, fmt)
        for account in contents.accounts:
            for source in account.sources:
                for fmt in by_account.get(account.key) or single:
                    note(source.path, fmt)
        labels = {importer.name: importer.label for importer in registered_importers()}
        flagged = frozenset(not_understood).union(
            problems, (path for path, recording in recordings.items()
                       if recording.audio_problem))
        return cls(recordings, not_understood, problems,
                   {path: list(formats) for path, formats in read_by.items()}, labels, flagged)


def _locale_number(value: int) -> str:
    return QLocale().toString(value)


def format_size(count: int) -> str:
    """A size as a person reads it, in the user's locale: ``93.2 kB``."""
    return QLocale().formattedDataSize(count, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


class MemberTreeModel(QAbstractItemModel):
    """Every member of an export as a tree: Name, Size, Kind, Status.

    Build it with ``set_export(export, contents)``; ``contents`` (from the importers) adds
    what each file was understood as. Folder rows sum what they hold. Indexes carry node
    ids (``internalId``), never Python objects.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tree = _Tree()
        self._member_count = 0
        self._index: _ContentsIndex | None = None
        self._contents: ExportContents | None = None
        self._icons: dict[str, QIcon] = {}
        self._locale = QLocale()
        self._text = self._texts()

    # -- building -------------------------------------------------------------------------
    def set_export(self, export: Export | None, contents: ExportContents | None = None) -> None:
        members = export.members if export is not None else ()
        self.beginResetModel()
        # The build allocates ~10 list slots per member and frees nothing: the cyclic
        # collector would rescan every young object many times over for no gain.
        collecting = gc.isenabled()
        gc.disable()
        try:
            self._locale = QLocale()
            self._text = self._texts()
            self._contents = contents
            self._index = _ContentsIndex.build(contents) if contents is not None else None
            self._tree = _build_tree(members, self._index.flagged if self._index else set())
            self._member_count = len(members)
        finally:
            if collecting:
                gc.enable()
            self.endResetModel()

    def clear(self) -> None:
        self.set_export(None)

    # -- lookups --------------------------------------------------------------------------
    @property
    def member_count(self) -> int:
        return self._member_count

    @property
    def contents(self) -> ExportContents | None:
        return self._contents

    @property
    def totals(self) -> tuple[int, int, int]:
        """(files, bytes, not understood or with problems) of the whole export."""
        tree = self._tree
        return (tree.files[_ROOT], tree.size[_ROOT], tree.flagged_below[_ROOT])

    def index_for_path(self, path: str, column: int = 0) -> QModelIndex:
        """The index of a member, or of a folder by its path without the trailing slash."""
        tree = self._tree
        node = tree.by_path.get(path)
        if node is None:
            node = self._find_folder(path)
        if not node:
            return QModelIndex()
        return self.createIndex(tree.row[node], column, node)

    def _find_folder(self, path: str) -> int | None:
        tree = self._tree
        node = _ROOT
        for part in _split_path(path):
            node = next((child for child in tree.kids(node) if tree.name[child] == part), -1)
            if node < 0:
                return None
        return node

    def member(self, index: _Index) -> Member | None:
        node = self._node(index)
        return self._tree.member[node] if node is not None else None

    def recording(self, index: _Index) -> Recording | None:
        member = self.member(index)
        if member is None or self._index is None:
            return None
        return self._index.recordings.get(member.path)

    def summary(self, index: _Index) -> dict[str, Any]:
        """What a folder or archive holds: files, bytes, folders, flagged, files per kind."""
        tree = self._tree
        node = self._node(index)
        kinds: dict[str, int] = {}
        if node is None:
            return {"files": 0, "bytes": 0, "flagged": 0, "kinds": kinds, "folders": 0}
        folders = 0
        total = 0
        stack = list(tree.kids(node))
        while stack:
            child = stack.pop()
            grandchildren = tree.children.get(child)
            member = tree.member[child]
            if member is None:
                folders += 1
            elif grandchildren is None:  # a file (or an archive that was not opened)
                kinds[member.kind.value] = kinds.get(member.kind.value, 0) + 1
                total += member.size
            if grandchildren:
                stack.extend(grandchildren)
        return {"files": tree.files[node], "bytes": total, "flagged": tree.flagged_below[node],
                "kinds": kinds, "folders": folders}

    def status_details(self, index: _Index) -> tuple[str, str, str, bool]:
        """(status key, text, tooltip, warning) of a row."""
        node = self._node(index)
        if node is None:
            return (Status.UNKNOWN, "", "", False)
        return self._status(node)

    def child_node(self, row: int, parent: _Index) -> int:
        """The node id at ``row`` under ``parent``, without building an index."""
        return self._tree.kids(parent.internalId() if parent.isValid() else _ROOT)[row]

    def visible_nodes(self, text: str, only_flagged: bool) -> tuple[bytearray, int]:
        """Which nodes a filter shows: matches and their ancestors; and how many matched.

        ``text`` is matched (casefolded) as a substring of the path.
        """
        tree = self._tree
        if tree.folded is None:
            tree.folded = [path.casefold() for path in tree.path]
        text = text.casefold()
        folded, flagged, parents = tree.folded, tree.flagged, tree.parent
        if only_flagged:
            matches = [node for node in range(1, len(folded))
                       if flagged[node] and text in folded[node]]
        else:
            matches = [node for node in range(1, len(folded)) if text in folded[node]]
        visible = bytearray(len(folded))
        for node in matches:
            while node > 0 and not visible[node]:
                visible[node] = 1
                node = parents[node]
        return visible, len(matches)

    def _node(self, index: _Index) -> int | None:
        if not index.isValid() or index.model() is not self:
            return None
        return index.internalId()

    # -- QAbstractItemModel ---------------------------------------------------------------
    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            kids = self._tree.kids(parent.internalId())
        else:
            kids = self._tree.kids(_ROOT)
        if 0 <= row < len(kids) and 0 <= column < _COLUMN_COUNT:
            return self.createIndex(row, column, kids[row])
        return QModelIndex()

    def parent(self, child: _Index | None = None) -> QModelIndex:  # type: ignore[override]
        if child is None:
            return QObject.parent(self)  # type: ignore[return-value]
        if not child.isValid():
            return QModelIndex()
        tree = self._tree
        parent = tree.parent[child.internalId()]
        if parent <= _ROOT:
            return QModelIndex()
        return self.createIndex(tree.row[parent], 0, parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._tree.kids(_ROOT))
        if parent.column() != 0:
            return 0
        return len(self._tree.kids(parent.internalId()))

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return _COLUMN_COUNT

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if not self._tree.kids(index.internalId()):
            flags |= Qt.ItemFlag.ItemNeverHasChildren
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < _COLUMN_COUNT:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Name"), self.tr("Size"), self.tr("Kind"), self.tr("Status"))[section]
        if role == Qt.ItemDataRole.TextAlignmentRole and section == Column.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        tree = self._tree
        node = index.internalId()
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == Column.NAME:
                return tree.name[node]
            if column == Column.SIZE:
                return self._locale.formattedDataSize(
                    tree.size[node], 1, QLocale.DataSizeFormat.DataSizeSIFormat)
            if column == Column.KIND:
                return self._kind_text(node)
            return self._status(node)[1]
        if role == Qt.ItemDataRole.DecorationRole:
            if column == Column.NAME:
                return self._icon(self._icon_key(node))
            if column == Column.STATUS and self._status(node)[3]:
                return self._icon("warning")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == Column.STATUS:
                return self._status(node)[2] or None
            if column == Column.SIZE:
                return self.tr("{size} ({count} bytes)").format(
                    size=format_size(tree.size[node]), count=_locale_number(tree.size[node]))
            return tree.path[node]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Role.MEMBER_PATH:
            return tree.path[node]
        if role == Role.KIND:
            member = tree.member[node]
            return "folder" if member is None else member.kind.value
        if role == Role.SIZE_BYTES:
            return tree.size[node]
        if role == Role.SORT:
            if column == Column.NAME:
                return ("1" if tree.type[node] == _FILE else "0") + tree.name[node].casefold()
            if column == Column.SIZE:
                return tree.size[node]
            if column == Column.KIND:
                return self._kind_text(node)
            return self._status(node)[1]
        if role == Role.STATUS:
            return self._status(node)[0]
        if role == Role.FLAGGED:
            return bool(tree.flagged[node])
        if role == Role.IS_RECORDING:
            member = tree.member[node]
            return (member is not None and self._index is not None
                    and member.path in self._index.recordings)
        if role == Role.FILE_COUNT:
            return tree.files[node]
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Reorder every folder's rows by ``column``; -1 restores the natural order.

        Sorting here, on plain lists with one key per row, takes milliseconds; a proxy
        would ask ``data()`` through Python for every comparison (seconds for a folder of
        10,000 photos). Folders stay before files when sorting by name.
        """
        tree = self._tree
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        remembered = [(index.internalId(), index.column()) for index in persistent]
        descending = order == Qt.SortOrder.DescendingOrder and column >= 0
        name_keys = [name.casefold() for name in tree.name]
        keys: list[Any] | None = None
        if column == Column.SIZE:
            keys = tree.size
        elif column == Column.KIND:
            keys = [self._kind_text(node) for node in range(len(tree.name))]
        elif column == Column.STATUS:
            keys = [self._status(node)[1].casefold() for node in range(len(tree.name))]
        is_file = [kind == _FILE for kind in tree.type]
        rows = tree.row
        for kids in tree.children.values():
            kids.sort(key=name_keys.__getitem__, reverse=descending and keys is None)
            if keys is None:
                kids.sort(key=is_file.__getitem__)  # stable: folders first, names kept
            else:
                kids.sort(key=keys.__getitem__, reverse=descending)  # ties stay by name
            for row, node in enumerate(kids):
                rows[node] = row
        self.changePersistentIndexList(
            persistent, [self.createIndex(rows[node], column_, node)
                         for node, column_ in remembered])
        self.layoutChanged.emit()

    # -- presentation ---------------------------------------------------------------------
    def _texts(self) -> dict[str, str]:
        """Every fixed string a row shows, translated once per export (not once per row)."""
        return {
            MemberKind.AUDIO: self.tr("Audio"),
            MemberKind.TABLE: self.tr("Table"),
            MemberKind.JSON: self.tr("JSON"),
            MemberKind.PDF: self.tr("PDF"),
            MemberKind.HTML: self.tr("HTML"),
            MemberKind.TEXT: self.tr("Text"),
            MemberKind.ARCHIVE: self.tr("Archive"),
            MemberKind.OTHER: self.tr("Other"),
            "folder": self.tr("Folder"),
            "1 file": self.tr("1 file"),
            "files": self.tr("{count} files"),
            "flagged below": self.tr("{files}; {count} not understood or with problems"),
            "refused": self.tr("Refused"),
            "damaged": self.tr("Damaged"),
            "unreadable": self.tr("Cannot be read"),
            "not opened": self.tr("Not opened"),
            "has problems": self.tr("Has problems"),
            "recognised by": self.tr("A recording, recognised by {importer}"),
            "recording": self.tr("Recording"),
            "unplayable": self.tr("Recording (cannot be played)"),
            "not understood": self.tr("Not understood"),
            "read by": self.tr("Read by {importers}"),
            "understood": self.tr("Understood"),
            "understood tip": self.tr("An importer read this file"),
            "read with problems": self.tr("Read with problems"),
        }

    def _kind_text(self, node: int) -> str:
        member = self._tree.member[node]
        return self._text["folder" if member is None else member.kind]

    def files_text(self, count: int) -> str:
        if count == 1:
            return self._text["1 file"]
        return self._text["files"].format(count=self._locale.toString(count))

    def _status(self, node: int) -> tuple[str, str, str, bool]:
        status = self._tree.status.get(node)
        if status is None:
            status = self._tree.status[node] = self._compute_status(node)
        return status

    def _compute_status(self, node: int) -> tuple[str, str, str, bool]:
        tree, texts = self._tree, self._text
        member = tree.member[node]
        opened = node in tree.children
        if member is None or (opened and not member.problems):
            text = self.files_text(tree.files[node])
            tooltip = text
            if tree.flagged_below[node]:
                tooltip = texts["flagged below"].format(
                    files=text, count=self._locale.toString(tree.flagged_below[node]))
            return (Status.FOLDER, text, tooltip, False)
        if member.problems:
            problems = "\n".join(member.problems)
            if not member.readable:
                if any(problem.startswith("refused") for problem in member.problems):
                    text = texts["refused"]
                elif any("damaged" in problem for problem in member.problems):
                    text = texts["damaged"]
                else:
                    text = texts["unreadable"]
            elif any(problem.startswith("not opened") for problem in member.problems):
                text = texts["not opened"]
            else:
                text = texts["has problems"]
            return (Status.PROBLEM, text, problems, True)
        index = self._index
        if index is None:
            return (Status.UNKNOWN, "", "", False)
        path = member.path
        recording = index.recordings.get(path)
        if recording is not None:
            tooltip = texts["recognised by"].format(importer=self._label(recording.format))
            if recording.audio_problem:
                return (Status.PROBLEM, texts["unplayable"],
                        f"{tooltip}\n{recording.audio_problem}", True)
            return (Status.RECORDING, texts["recording"], tooltip, False)
        reason = index.not_understood.get(path)
        if reason is not None:
            return (Status.NOT_UNDERSTOOD, texts["not understood"], reason, False)
        formats = index.read_by.get(path)
        if formats:
            text = ", ".join(self._label(fmt) for fmt in formats)
            tooltip = texts["read by"].format(importers=text)
        else:
            text = texts["understood"]
            tooltip = texts["understood tip"]
        problems = index.import_problems.get(path)
        if problems:
            return (Status.PROBLEM, texts["read with problems"],
                    "\n".join([tooltip, *problems]), True)
        return (Status.UNDERSTOOD, text, tooltip, False)

    def _label(self, importer: str) -> str:
        return self._index.labels.get(importer, importer) if self._index else importer

    def _icon_key(self, node: int) -> str:
        kind = self._tree.type[node]
        if kind == _FOLDER:
            return "folder"
        if kind == _ARCHIVE:
            return "archive"
        member = self._tree.member[node]
        return "audio" if member is not None and member.kind is MemberKind.AUDIO else "file"

    def _icon(self, key: str) -> QIcon:
        icon = self._icons.get(key)
        if icon is None:
            pixmap = {
                "folder": QStyle.StandardPixmap.SP_DirIcon,
                "archive": QStyle.StandardPixmap.SP_DriveFDIcon,
                "audio": QStyle.StandardPixmap.SP_MediaVolume,
                "file": QStyle.StandardPixmap.SP_FileIcon,
                "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
            }[key]
            style = QApplication.style()
            icon = style.standardIcon(pixmap) if style is not None else QIcon()
            self._icons[key] = icon
        return icon


_COLUMN_COUNT = len(Column)


def _split_path(path: str) -> list[str]:
    """``a/x.zip!/b/c`` -> ``["a", "x.zip", "b", "c"]``: nesting first, then folders."""
    return [part for level in path.split("!/") for part in level.split("/") if part]


class MemberFilterProxy(QSortFilterProxyModel):
    """Path-substring filter and "only not understood or with problems", ancestors kept.

    Which rows match is worked out once per filter change over the model's plain lists
    (``visible_nodes``: matches plus their ancestors), so ``filterAcceptsRow`` is a lookup.
    Qt's own recursive filtering stays off: it would walk every rejected subtree through
    Python calls, seconds on a 100,000-file export, to find what is already known.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._only_flagged = False
        self._visible: bytearray | None = None
        self.match_count = 0

    @property
    def text(self) -> str:
        return self._text

    @property
    def only_flagged(self) -> bool:
        return self._only_flagged

    @property
    def filtering(self) -> bool:
        return bool(self._text or self._only_flagged)

    def setSourceModel(self, model: QAbstractItemModel) -> None:
        old = self.sourceModel()
        if old is not None:
            old.modelAboutToBeReset.disconnect(self._source_reset)
        super().setSourceModel(model)
        model.modelAboutToBeReset.connect(self._source_reset)

    def _source_reset(self) -> None:
        self._text, self._only_flagged, self._visible = "", False, None

    def set_filter(self, text: str, only_flagged: bool) -> bool:
        """Filter by path substring and/or flagged rows; False when nothing changed."""
        text = text.strip().casefold()
        if (text, only_flagged) == (self._text, self._only_flagged):
            return False
        self._text, self._only_flagged = text, only_flagged
        model: MemberTreeModel = self.sourceModel()  # type: ignore[assignment]
        if self.filtering:
            self._visible, self.match_count = model.visible_nodes(text, only_flagged)
        else:
            self._visible, self.match_count = None, 0
        # invalidate(), not invalidateFilter(): it drops the old mappings instead of
        # re-filtering every one of them; they are rebuilt for what the view shows.
        self.invalidate()
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (fast, on plain lists); the proxy keeps its order."""
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if self._visible is None:
            return True
        model: MemberTreeModel = self.sourceModel()  # type: ignore[assignment]
        return bool(self._visible[model.child_node(source_row, source_parent)])


# -- preview loading (Qt-free: runs on a worker thread) ---------------------------------------
@dataclass(frozen=True, slots=True)
class PreviewNote:
    """Something the preview must tell the reader; the widget words it (translated)."""

    code: str  # "truncated-bytes", "truncated-rows", "invalid-json", "too-large-to-format",
    #            "spreadsheet", "pdf-truncated", "pdf-page-failed", "pdf-no-text"
    args: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class TextPreview:
    text: str
    monospace: bool = False
    wrap: bool = True
    notes: tuple[PreviewNote, ...] = ()


@dataclass(frozen=True, slots=True)
class TablePreview:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[PreviewNote, ...] = ()


@dataclass(frozen=True, slots=True)
class PdfPreview:
    pages: tuple[str, ...]
    page_count: int
    notes: tuple[PreviewNote, ...] = ()


Preview = TextPreview | TablePreview | PdfPreview


def _read_head(export: Export, path: str, limit: int) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes of the member and whether there was more."""
    with export.open_member(path) as stream:
        data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


def _cut_note(member: Member, shown: int, truncated: bool) -> tuple[PreviewNote, ...]:
    return (PreviewNote("truncated-bytes", (shown, member.size)),) if truncated else ()


def load_text(export: Export, member: Member, monospace: bool = False) -> TextPreview:
    data, truncated = _read_head(export, member.path, MAX_TEXT_BYTES)
    return TextPreview(decode_text(data), monospace=monospace, wrap=True,
                       notes=_cut_note(member, len(data), truncated))


def _parse_json(text: str) -> Any:
    text = text.lstrip("\ufeff").strip()
    if text.startswith("window."):  # X/Twitter: window.YTD.x = [...]
        text = text.split("=", 1)[1].strip().rstrip(";")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            try:
                return [json.loads(line) for line in lines]  # JSON Lines
            except json.JSONDecodeError:
                pass
        raise


def load_json(export: Export, member: Member) -> TextPreview:
    if member.size > MAX_JSON_PARSE_BYTES:
        data, truncated = _read_head(export, member.path, MAX_TEXT_BYTES)
        notes = (PreviewNote("too-large-to-format", (MAX_JSON_PARSE_BYTES,)),
                 *_cut_note(member, len(data), truncated))
        return TextPreview(decode_text(data), monospace=True, wrap=False, notes=notes)
    data, _ = _read_head(export, member.path, MAX_JSON_PARSE_BYTES)
    text = decode_text(data)
    try:
        pretty = json.dumps(_parse_json(text), indent=2, ensure_ascii=False)
    except (json.JSONDecodeError, RecursionError, ValueError) as error:
        where = (f"line {error.lineno}: {error.msg}" if isinstance(error, json.JSONDecodeError)
                 else str(error))
        shown = text[:MAX_TEXT_BYTES]
        notes = [PreviewNote("invalid-json", (where,))]
        if len(shown) < len(text):
            notes.append(PreviewNote("truncated-bytes", (len(shown.encode()), member.size)))
        return TextPreview(shown, monospace=True, wrap=False, notes=tuple(notes))
    notes = ()
    if len(pretty) > MAX_TEXT_BYTES:
        pretty = pretty[:MAX_TEXT_BYTES]
        notes = (PreviewNote("truncated-formatted", (MAX_TEXT_BYTES,)),)
    return TextPreview(pretty, monospace=True, wrap=False, notes=notes)


def load_table(export: Export, member: Member) -> TablePreview:
    data, truncated = _read_head(export, member.path, MAX_TABLE_BYTES)
    text = decode_text(data).lstrip("\ufeff")
    if truncated:
        text = text[: text.rfind("\n") + 1] or text  # never show a cut-off last row
    if member.path.lower().endswith(".tsv"):
        dialect: Any = csv.excel_tab
    else:
        try:
            dialect = csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header: tuple[str, ...] | None = None
    rows: list[tuple[str, ...]] = []
    more = False
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = tuple(cell.strip() for cell in row)
                continue
            if len(rows) == MAX_TABLE_ROWS:
                more = True
                break
            rows.append(tuple(row))
    except csv.Error as error:
        raise ValueError(f"the table is malformed near line {reader.line_num} ({error})") \
            from error
    notes: tuple[PreviewNote, ...] = ()
    if more or truncated:
        notes = (PreviewNote("truncated-rows", (len(rows),)),)
    return TablePreview(header or (), tuple(rows), notes)


def load_pdf(export: Export, member: Member) -> PdfPreview:
    if member.size > MAX_PDF_BYTES:
        raise ValueError(f"the PDF is larger than {MAX_PDF_BYTES // 1_000_000} MB and is "
                         "not previewed")
    data = export.read_member(member.path, max_bytes=MAX_PDF_BYTES)
    try:
        read = read_pdf_text(data, max_chars=MAX_TEXT_BYTES)
    except PdfTextError as error:
        raise ValueError(str(error)) from error
    pages = list(read.pages)
    page_count = read.page_count
    notes = [PreviewNote("pdf-page-failed", (number, why)) for number, why in read.failed_pages]
    if read.truncated:
        notes.append(PreviewNote("pdf-truncated", (len(pages), page_count)))
    if not any(text.strip() for text in pages):
        notes.append(PreviewNote("pdf-no-text"))
    return PdfPreview(tuple(pages), page_count, tuple(notes))


def hex_peek(data: bytes) -> str:
    """``00000000  50 4b 03 04 ...  |PK..|`` lines, 16 bytes each."""
    lines = []
    for offset in range(0, len(data), 16):
        chunk = data[offset: offset + 16]
        hexes = " ".join(f"{byte:02x}" for byte in chunk)
        text = "".join(chr(byte) if 32 <= byte < 127 else "." for byte in chunk)
        lines.append(f"{offset:08x}  {hexes:<47}  |{text}|")
    return "\n".join(lines)


def load_hex(export: Export, member: Member, *notes: PreviewNote) -> TextPreview:
    data, _ = _read_head(export, member.path, HEX_PEEK_BYTES)
    return TextPreview(hex_peek(data), monospace=True, wrap=False, notes=notes)


def preview_loader(member: Member) -> Callable[[Export, Member], Preview]:
    """Which loader reads a readable member of this kind."""
    if member.kind is MemberKind.TABLE:
        if member.path.lower().endswith(_SPREADSHEET_SUFFIXES):
            return lambda export, member: load_hex(export, member, PreviewNote("spreadsheet"))
        return load_table
    if member.kind is MemberKind.JSON:
        return load_json
    if member.kind is MemberKind.PDF:
        return load_pdf
    if member.kind is MemberKind.HTML:
        return lambda export, member: load_text(export, member, monospace=True)
    if member.kind is MemberKind.TEXT:
        return load_text
    return load_hex


def _preview_job(export: Export, member: Member) -> Generator[None, None, Preview]:
    yield None  # a cancel point before any reading
    return preview_loader(member)(export, member)


# -- the preview pane -------------------------------------------------------------------------
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
                count=_locale_number(summary["folders"])))
        kinds = sorted(summary["kinds"].items(), key=lambda pair: -pair[1])
        for kind, count in kinds:
            lines.append(f"    {_locale_number(count)} × {self._kind_name(kind)}")
        if summary["flagged"]:
            lines.append(self.tr("{count} not understood or with problems: turn on “Only not "
                                 "understood or with problems” to list them.").format(
                count=_locale_number(summary["flagged"])))
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

        task = self._tasks.start(lambda: _preview_job(export, member), name="preview",
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
                count=_locale_number(args[0]))
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
                shown=_locale_number(args[0]), count=_locale_number(args[1]))
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
        return self.tr("{count} files").format(count=_locale_number(count))

    def _kind_name(self, kind: str) -> str:
        return {
            "audio": self.tr("audio"), "table": self.tr("table"), "json": self.tr("JSON"),
            "pdf": self.tr("PDF"), "html": self.tr("HTML"), "text": self.tr("text"),
            "archive": self.tr("archive"), "other": self.tr("other"),
        }.get(kind, kind)


def _error_text(error: BaseException) -> str:
    reason = getattr(error, "reason", None)  # MemberError says what went wrong on its own
    return str(reason) if reason else (str(error) or type(error).__name__)


# -- the view ---------------------------------------------------------------------------------
class FilesView(QWidget):
    """Filter, tree and preview of every member of the export.

    ``recording_activated(path)`` fires when the user double-clicks (or presses Enter on) an
    audio member that is a recording; the window switches to it in the Recordings view.
    """

    recording_activated = Signal(str)

    def __init__(self, tasks: TaskRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._tasks = tasks or TaskRunner(self)
        self._export: Export | None = None
        self.model = MemberTreeModel(self)
        self.proxy = MemberFilterProxy(self)
        self.proxy.setSourceModel(self.model)

        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter by path…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setAccessibleName(self.tr("Filter files by path"))
        self.only_flagged = QCheckBox(self.tr("Only not understood or with problems"))
        self.only_flagged.setAccessibleName(self.tr("Show only files not understood or with "
                                                    "problems"))
        self.summary = QLabel()
        self.summary.setForegroundRole(self.summary.palette().ColorRole.PlaceholderText)

        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName(self.tr("Files in the export"))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # the model's own order
        self.tree.setSortingEnabled(True)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(Column.NAME, QHeaderView.ResizeMode.Stretch)
        width = self.fontMetrics().horizontalAdvance("0")
        for column, chars in ((Column.SIZE, 10), (Column.KIND, 9), (Column.STATUS, 20)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width * chars + 24)
        header.setMinimumSectionSize(width * 6)

        self.preview = MemberPreview(self._tasks)

        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.filter_edit, 1)
        top.addWidget(self.only_flagged)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.setSpacing(4)
        left_layout.addLayout(top)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.summary)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.preview)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 440])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(_DEBOUNCE_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._filter_changed)
        self.only_flagged.toggled.connect(lambda _checked: self.apply_filter())
        self.tree.selectionModel().currentRowChanged.connect(self._current_changed)
        self.tree.activated.connect(self._activated)
        self._update_summary()

    # -- public ---------------------------------------------------------------------------
    def set_export(self, export: Export | None, contents: ExportContents | None = None) -> None:
        """Show ``export`` (None to show nothing); ``contents`` adds what was understood."""
        self.preview.clear()
        self._export = export
        self.model.set_export(export, contents)
        self.apply_filter(force=True)

    def select_path(self, path: str) -> bool:
        """Select a member (or folder) by path, expanding and scrolling to it."""
        source = self.model.index_for_path(path)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            return False
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        return True

    def current_path(self) -> str | None:
        index = self.tree.currentIndex()
        return index.data(Role.MEMBER_PATH) if index.isValid() else None

    def apply_filter(self, *, force: bool = False) -> None:
        """Apply the filter text and toggle now (typing applies them after a pause)."""
        self._filter_timer.stop()
        # Collapsed first: the proxy then rebuilds only what is shown, not every folder
        # that was ever expanded.
        self.tree.collapseAll()
        changed = self.proxy.set_filter(self.filter_edit.text(), self.only_flagged.isChecked())
        if changed or force:
            if self.proxy.filtering and self.proxy.match_count <= _EXPAND_ALL_MATCHES:
                self.tree.expandAll()  # what matched may sit deep in the tree
            elif self.proxy.rowCount() <= _EXPAND_TOP_LEVEL_ROWS:
                for row in range(self.proxy.rowCount()):
                    self.tree.expand(self.proxy.index(row, 0))
        current = self.tree.currentIndex()
        if current.isValid():
            self.tree.scrollTo(current)
        else:  # what was shown is filtered out (the view does not say so on its own)
            self.preview.clear()
        self._update_summary()

    # -- reactions ------------------------------------------------------------------------
    def _filter_changed(self) -> None:
        if self.model.member_count > _DEBOUNCE_MEMBERS:
            self._filter_timer.start()
        else:
            self.apply_filter()

    def _update_summary(self) -> None:
        if self._export is None:
            self.summary.setText(self.tr("No export is open."))
            return
        files, size, flagged = self.model.totals
        text = self.tr("{files}, {size}").format(files=self.model.files_text(files),
                                                 size=format_size(size))
        if flagged:
            text += " · " + self.tr("{count} not understood or with problems").format(
                count=_locale_number(flagged))
        if self.proxy.filtering:
            text += " · " + self.tr("{count} matching").format(
                count=_locale_number(self.proxy.match_count))
        self.summary.setText(text)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        source = self.proxy.mapToSource(current)
        if not source.isValid() or self._export is None:
            self.preview.clear()
            return
        model = self.model
        name = source.data(Qt.ItemDataRole.DisplayRole)
        path = source.data(Role.MEMBER_PATH)
        member = model.member(source)
        key, _text, status_tip, _warning = model.status_details(source)
        if member is None:
            self.preview.show_folder(name, path, model.summary(source))
            return
        details = " · ".join(part for part in (
            model.data(source.siblingAtColumn(Column.KIND)),
            format_size(member.size), path) if part)
        note = ""
        if key == Status.NOT_UNDERSTOOD:
            note = self.tr("Not understood: {reason}").format(reason=status_tip)
        elif key != Status.FOLDER and (key != Status.PROBLEM or member.readable):
            note = status_tip  # which importer read it, or what went wrong while reading
        if not member.readable:
            self.preview.show_problems(name, details, member.problems)
        elif member.kind is MemberKind.ARCHIVE:
            self.preview.show_folder(name, details, model.summary(source), note,
                                     archive=True)
        elif member.kind is MemberKind.AUDIO:
            self.preview.show_recording(name, details, model.recording(source), note)
        else:
            self.preview.load(self._export, member, name, details, note)

    def _activated(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        if source.data(Role.IS_RECORDING):
            self.recording_activated.emit(source.data(Role.MEMBER_PATH))
