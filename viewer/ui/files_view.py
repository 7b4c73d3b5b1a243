"""The Files view: every member of the export as a tree, and a preview of the selected one.

It composes the member tree model and its filter (``files_model``, over the plain lists of
``member_tree``) with the preview pane (``preview_pane``, which reads members in the
background through the Qt-free loaders of ``viewer.preview``).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from viewer.archive import Export, MemberKind
from viewer.model import ExportContents
from viewer.ui.files_model import Column, MemberFilterProxy, MemberTreeModel, Role, Status
from viewer.ui.i18n import format_size, locale_number
from viewer.ui.preview_pane import MemberPreview
from viewer.ui.tasks import TaskRunner

#: Above this many members the filter waits for a pause in typing before it runs.
_DEBOUNCE_MEMBERS = 5_000
_DEBOUNCE_MS = 200
#: A filter expands everything it shows when it matches at most this many files.
_EXPAND_ALL_MATCHES = 2_000
#: An export with at most this many top-level rows opens with them expanded.
_EXPAND_TOP_LEVEL_ROWS = 12


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
                count=locale_number(flagged))
        if self.proxy.filtering:
            text += " · " + self.tr("{count} matching").format(
                count=locale_number(self.proxy.match_count))
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
