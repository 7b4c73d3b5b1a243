"""The open export: opening it in the background, holding it, closing it.

The window never touches the archive layer directly; it asks the session, which runs the
opening (archive, then importers) as one cancellable background job and hands the result
to the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from viewer.archive import ArchiveError, Export, OpenProgress, open_export_steps
from viewer.formats import import_steps
from viewer.model import ExportContents
from viewer.ui.i18n import tr
from viewer.ui.tasks import SingleJob, TaskRunner

log = logging.getLogger("viewer.ui.session")


def open_and_import(
    paths: Sequence[str], prepare: Callable[[ExportContents], Any] | None = None,
) -> Generator[OpenProgress, None, tuple[Export, ExportContents, Any]]:
    """The whole opening as one generator job: archive, importers, then ``prepare`` (what
    the window derives for display, built here so the GUI thread only shows it)."""
    export = yield from open_export_steps(list(paths), hash_sources="background")
    try:
        contents = yield from import_steps(export)
        prepared = prepare(contents) if prepare else None
        export.sha256  # noqa: B018  (waits for the background hash here, not on the GUI thread)
    except BaseException:  # cancelled (GeneratorExit) or failed: release the files
        export.close()
        raise
    return export, contents, prepared


class ExportSession(QObject):
    opening = Signal(list)  # the paths
    progress = Signal(object)  # OpenProgress
    opened = Signal(object, object, object)  # Export, ExportContents, what prepare made
    failed = Signal(str)  # a message for a person
    cancelled = Signal()
    closed = Signal()

    def __init__(self, runner: TaskRunner, parent: QObject | None = None,
                 prepare: Callable[[ExportContents], Any] | None = None) -> None:
        super().__init__(parent)
        self._prepare = prepare
        # An opening that ends after it was replaced or cancelled opened an export nobody
        # shows: close it.
        self._job = SingleJob(runner, "open export", self,
                              discard=lambda result: result[0].close())
        self._job.progress.connect(self.progress)
        self._job.finished.connect(self._on_opened)
        self._job.failed.connect(self._on_failed)
        self._job.cancelled.connect(self.cancelled)
        self.export: Export | None = None
        self.contents: ExportContents | None = None
        self.paths: list[str] = []

    @property
    def is_opening(self) -> bool:
        return self._job.running

    def open(self, paths: Sequence[str]) -> None:
        """Open ``paths`` in the background, replacing an opening still under way."""
        self.paths = [str(path) for path in paths]
        self.opening.emit(self.paths)
        paths, prepare = list(self.paths), self._prepare
        self._job.start(lambda: open_and_import(paths, prepare))

    def cancel(self) -> None:
        """Stop the opening; ``cancelled`` follows once its files are released."""
        self._job.cancel()

    def close(self) -> None:
        self.cancel()
        if self.export is not None:
            self.export.close()
        self.export = None
        self.contents = None
        self.closed.emit()

    def _on_opened(self, result: Any) -> None:
        export, contents, prepared = result
        if self.export is not None:
            self.export.close()
        self.export, self.contents = export, contents
        self.opened.emit(export, contents, prepared)

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, ArchiveError):
            self.failed.emit(str(error))
        else:
            log.error("opening failed", exc_info=error)
            self.failed.emit(tr("The export could not be opened because of an internal "
                                "error ({kind}: {error}).").format(
                kind=type(error).__name__, error=error))
