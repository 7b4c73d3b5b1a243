""""Report Discrepancy…": the dialog, the report written in the background, and where it went.

The report takes the check's result with the user's marks made since (``with_marks``); the
writing itself is ``ReportWriter``'s (``viewer.report`` underneath).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QWidget

from viewer.analysis.findings import Verdict
from viewer.archive import OpenProgress
from viewer.report import with_marks
from viewer.ui.analysis_controller import AnalysisController
from viewer.ui.i18n import tr
from viewer.ui.report_dialog import ReportDialog, ReportWriter
from viewer.ui.review_controller import ReviewController
from viewer.ui.session import ExportSession
from viewer.ui.status_area import StatusArea
from viewer.ui.tasks import TaskRunner


class ReportController(QObject):
    #: A message for the banner.
    error = Signal(str)

    def __init__(self, runner: TaskRunner, session: ExportSession,
                 analysis: AnalysisController, review: ReviewController, status: StatusArea,
                 dialog_parent: QWidget) -> None:
        super().__init__(dialog_parent)
        self.writer = ReportWriter(runner, self)
        self._session = session
        self._analysis = analysis
        self._review = review
        self._status = status
        self._dialog_parent = dialog_parent
        self._folder: Path | None = None
        #: Adds to the success message what follows the report (the window's cases).
        self.success_note: Callable[[str], str] = lambda text: text
        self.writer.progress.connect(self._on_progress)
        self.writer.finished.connect(self._on_written)
        self.writer.failed.connect(self._on_failed)

    def report_discrepancy(self) -> None:
        export, result = self._session.export, self._analysis.result
        if export is None or result is None or self.writer.running:
            return
        marks: dict[str, Verdict] = {}
        profile: dict[str, Any] = {}
        store, sha = self._review.store, self._review.export_sha
        if store is not None and sha is not None:
            marks = store.marks(sha)  # made since the check ran, too
            profile = store.load_profile(sha) or {}
        result = with_marks(result, marks)
        dialog = ReportDialog(export, result, profile, self._dialog_parent)
        if dialog.exec() != ReportDialog.DialogCode.Accepted:
            return
        self._folder = dialog.target()
        self.writer.start(export, result, dialog.request(), self._folder,
                          clean_copy=dialog.clean_copy.isChecked())

    def cancel(self) -> None:
        """The export the report reads is about to be closed or replaced."""
        self.writer.cancel()

    def _on_progress(self, step: OpenProgress) -> None:
        self._status.show_progress(step, tr("Writing the report %p%"))

    def _on_written(self, written: list[Path]) -> None:
        self._status.end_progress()
        folder = self._folder
        if folder is None:
            return
        self._status.show_message(tr("Report written to {folder}").format(folder=folder),
                                  10_000)
        answer = QMessageBox.question(
            self._dialog_parent, tr("Report Written"), self.success_note(
                tr("The report is in {folder}:\n{files}\n\nOpen the folder?").format(
                    folder=folder, files="\n".join(path.name for path in written))))
        if (answer == QMessageBox.StandardButton.Yes
                and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))):
            # No file manager (a minimal desktop): say where it is rather than do nothing.
            QMessageBox.information(self._dialog_parent, tr("Report Written"), tr(
                "No file manager could open the folder. The report is in:\n{folder}").format(
                folder=folder))

    def _on_failed(self, message: str) -> None:
        self._status.end_progress()
        self.error.emit(message)
