"""Runs the ownership check in the background and hands its result to the window.

The check is the same engine as ``export-viewer check``; the window only shows it. A new
run (after the profile changes) cancels the one before.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from viewer.analysis.check import CheckResult, check_steps
from viewer.analysis.profile import ProfileError, profile_from_dict
from viewer.archive import Export
from viewer.model import ExportContents
from viewer.ui.i18n import tr
from viewer.ui.tasks import SingleJob, TaskRunner
from viewer.voice import voice_evidence

log = logging.getLogger("viewer.ui.analysis")


class AnalysisController(QObject):
    started = Signal()
    progress = Signal(object)  # OpenProgress
    finished = Signal(object)  # CheckResult
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None, *,
                 use_voice: bool = True) -> None:
        super().__init__(parent)
        self._job = SingleJob(runner, "check", self)
        self._job.progress.connect(self.progress)
        self._job.finished.connect(self._on_finished)
        self._job.failed.connect(self._on_failed)
        self.use_voice = use_voice
        self.result: CheckResult | None = None

    @property
    def running(self) -> bool:
        return self._job.running

    def start(self, export: Export, contents: ExportContents,
              profile_document: dict[str, Any] | None, store: Any | None = None) -> None:
        self.cancel()
        self.result = None
        try:
            # The app saves absolute paths; a relative one means the user's home folder.
            profile = (profile_from_dict(profile_document, Path.home())
                       if profile_document else None)
        except ProfileError as error:
            self.failed.emit(tr("Your profile has a problem, so the check ran without it: "
                                "{reason}").format(reason=error))
            profile = None
        use_voice = self.use_voice

        def job() -> Any:
            voice = voice_evidence(export, contents, profile, store) if use_voice else None
            return (yield from check_steps(export, contents, profile, voice=voice,
                                           cache=store))

        self.started.emit()
        self._job.start(job)

    def cancel(self) -> None:
        self._job.cancel()

    def _on_finished(self, result: CheckResult) -> None:
        self.result = result
        self.finished.emit(result)

    def _on_failed(self, error: BaseException) -> None:
        log.error("the check failed", exc_info=error)
        self.failed.emit(tr("The check could not finish: {reason}").format(reason=error))

