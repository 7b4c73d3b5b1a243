"""The open export: opening it in the background, holding it, closing it.

The window never touches the archive layer directly; it asks the session, which runs the
opening (archive, then importers) as one cancellable background job and hands the result
to the GUI thread.
"""

from __future__ import annotations

import gc
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
        self._runner = runner
        runner.idle.connect(self.collect_closed)
        self._prepare = prepare
        #: An export was closed or replaced since the last full collection.
        self._closed_since_collection = False
        self._job = SingleJob(runner, "open export", self, discard=self._discard)
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
            self._closed_since_collection = True
        self.export = None
        self.contents = None
        self.closed.emit()

    def _on_opened(self, result: Any) -> None:
        export, contents, prepared = result
        if self.export is not None:
            self.export.close()
            self._closed_since_collection = True
        self.export, self.contents = export, contents
        self.opened.emit(export, contents, prepared)

    def _discard(self, result: Any) -> None:
        """An opening that ended after it was replaced or cancelled opened an export
        nobody shows: close it."""
        result[0].close()
        self._closed_since_collection = True

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, ArchiveError):
            self.failed.emit(str(error))
        else:
            log.error("opening failed", exc_info=error)
            self.failed.emit(tr("The export could not be opened because of an internal "
                                "error ({kind}: {error}).").format(
                kind=type(error).__name__, error=error))

    def freeze_open_export(self) -> None:
        """Once the open export is shown: its objects live as long as it is open, so take
        them out of the cyclic collector's scans, whose full passes over a large heap stop
        every thread (the GUI and the audio thread) for 100 ms and more."""
        gc.freeze()

    def collect_closed(self) -> None:
        """Free what a closed export left in reference cycles.

        The heap is frozen after each opening (``freeze_open_export``), and the cyclic
        collector never looks at frozen objects: without this pass, such leftovers of every
        export opened would stay for the whole session. One full pass: ~40 ms at 1,700
        recordings, run after the first frame of the new export (or on closing), and only
        once no background job runs: a job the opening cancelled holds the old export until
        its next step, and a pass before it lets go would leave the old export for good.
        """
        if self._runner.busy:
            return  # the runner's idle signal calls again
        if self._closed_since_collection:
            self._closed_since_collection = False
            gc.unfreeze()
            gc.collect()
            gc.freeze()
