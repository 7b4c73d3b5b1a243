"""The Files view's item models: the member tree (Name, Size, Kind, Status) and its filter.

``MemberTreeModel`` is a thin adapter over the plain lists of ``member_tree.MemberTree``:
indexes carry node ids, rows' texts are computed when first shown, sorting reorders the
lists. ``MemberFilterProxy`` filters by path and by "not understood or with problems".
"""

from __future__ import annotations

import gc
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from viewer.archive import Export, Member, MemberKind
from viewer.model import ExportContents, Recording
from viewer.ui.i18n import format_size, locale_number
from viewer.ui.member_tree import (
    ARCHIVE_NODE,
    FILE_NODE,
    FOLDER_NODE,
    ROOT,
    ContentsIndex,
    MemberTree,
    build_tree,
    split_path,
)

_Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    SIZE = 1
    KIND = 2
    STATUS = 3


_COLUMN_COUNT = len(Column)


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



class MemberTreeModel(QAbstractItemModel):
    """Every member of an export as a tree: Name, Size, Kind, Status.

    Build it with ``set_export(export, contents)``; ``contents`` (from the importers) adds
    what each file was understood as. Folder rows sum what they hold. Indexes carry node
    ids (``internalId``), never Python objects.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tree = MemberTree()
        self._member_count = 0
        self._index: ContentsIndex | None = None
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
            self._index = ContentsIndex.build(contents) if contents is not None else None
            self._tree = build_tree(members, self._index.flagged if self._index else set())
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
        return (tree.files[ROOT], tree.size[ROOT], tree.flagged_below[ROOT])

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
        node = ROOT
        for part in split_path(path):
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
        return self._tree.kids(parent.internalId() if parent.isValid() else ROOT)[row]

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
            kids = self._tree.kids(ROOT)
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
        if parent <= ROOT:
            return QModelIndex()
        return self.createIndex(tree.row[parent], 0, parent)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._tree.kids(ROOT))
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
                    size=format_size(tree.size[node]), count=locale_number(tree.size[node]))
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
                return ("1" if tree.type[node] == FILE_NODE else "0") + tree.name[node].casefold()
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
        is_file = [kind == FILE_NODE for kind in tree.type]
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
        import_problems = index.import_problems.get(path)
        if import_problems:
            return (Status.PROBLEM, texts["read with problems"],
                    "\n".join([tooltip, *import_problems]), True)
        return (Status.UNDERSTOOD, text, tooltip, False)

    def _label(self, importer: str) -> str:
        return self._index.labels.get(importer, importer) if self._index else importer

    def _icon_key(self, node: int) -> str:
        kind = self._tree.type[node]
        if kind == FOLDER_NODE:
            return "folder"
        if kind == ARCHIVE_NODE:
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

