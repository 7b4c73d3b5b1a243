"""Opening an export: the file and folder dialogs, the demo, Open Recent and drops all end
in ``ExportSession.open``; this shows how the opening goes and why it failed."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from viewer.archive import OpenProgress
from viewer.resources import demo_export
from viewer.ui import settings
from viewer.ui.i18n import tr
from viewer.ui.session import ExportSession
from viewer.ui.status_area import StatusArea


def dropped_paths(data: QMimeData) -> list[str]:
    """The local files and folders in a drop (several parts of a split download at once)."""
    return [url.toLocalFile() for url in data.urls() if url.isLocalFile()]


class OpeningController(QObject):
    #: A message for a person, for the window's banner.
    error = Signal(str)

    def __init__(self, session: ExportSession, status: StatusArea, recent_menu: QMenu,
                 dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.session = session
        self._status = status
        self._recent_menu = recent_menu
        self._dialog_parent = dialog_parent
        status.cancel_button.clicked.connect(session.cancel)
        session.opening.connect(self._on_opening)
        session.progress.connect(self._on_progress)
        session.failed.connect(self._on_failed)
        session.cancelled.connect(self._on_cancelled)
        session.opened.connect(lambda *_: self.fill_recent_menu(
            settings.remember_recent(self.session.paths)))
        self.fill_recent_menu(settings.RECENT_EXPORTS.read(settings.store()))

    def open_paths(self, paths: Sequence[str | Path]) -> None:
        self.session.open([str(path) for path in paths])

    def choose_files(self) -> None:
        start = settings.LAST_FOLDER.read(settings.store())
        paths, _ = QFileDialog.getOpenFileNames(
            self._dialog_parent, tr("Open Export"), start,
            tr("Export archives (*.zip *.ZIP);;All files (*)"))
        if paths:
            settings.LAST_FOLDER.write(settings.store(), str(Path(paths[0]).parent))
            self.open_paths(paths)

    def choose_folder(self) -> None:
        start = settings.LAST_FOLDER.read(settings.store())
        folder = QFileDialog.getExistingDirectory(self._dialog_parent,
                                                  tr("Open Export Folder"), start)
        if folder:
            settings.LAST_FOLDER.write(settings.store(), str(Path(folder).parent))
            self.open_paths([folder])

    def open_demo(self) -> None:
        try:
            self.open_paths([demo_export()])
        except FileNotFoundError as error:
            self.error.emit(str(error))

    def forget_recent(self, paths: list[str] | None) -> None:
        """Take ``paths`` (None: every export) off Open Recent."""
        self.fill_recent_menu(settings.forget_recent(paths))

    def fill_recent_menu(self, recent: list[str]) -> None:
        self._recent_menu.clear()
        for entry in recent:
            paths = entry.split("\n")
            label = Path(paths[0]).name + (f" (+{len(paths) - 1})" if len(paths) > 1 else "")
            action = self._recent_menu.addAction(label)
            action.setToolTip("\n".join(paths))
            action.triggered.connect(lambda _=False, p=paths: self.open_paths(p))
        self._recent_menu.setEnabled(bool(recent))

    def _on_opening(self, paths: list[str]) -> None:
        self._status.begin_opening(tr("Opening {name}…").format(name=Path(paths[0]).name))

    def _on_progress(self, step: OpenProgress) -> None:
        self._status.show_opening_step(step)

    def _on_failed(self, message: str) -> None:
        self._status.end_progress()
        self.error.emit(tr("This export could not be opened: {reason}").format(reason=message))
        if self.session.export is None:
            self._status.show_text(tr("No export open"))

    def _on_cancelled(self) -> None:
        self._status.end_progress()
        self._status.show_text(tr("Opening cancelled"))
