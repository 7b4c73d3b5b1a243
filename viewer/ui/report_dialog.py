""""Report Discrepancy…": a short dialog prefilled from the export, then the report folder
written in the background (``viewer.report``; the PDF by ``report_pdf``).

Everything is prefilled: the controller guessed from the export's format, the user's name
and contact from the profile, the receipt date from the export file's date, the language
from the app's. One click on "Write Report" gives the folder.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QEvent, QLocale, QObject, QStandardPaths, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.analysis.check import CheckResult
from viewer.analysis.findings import Verdict
from viewer.archive import Export
from viewer.report import (
    ReportData,
    ReportRequest,
    build_report_data,
    guess_controller,
    prepare_folder,
    received_date,
    write_report_steps,
)
from viewer.report.controllers import UNKNOWN_CONTROLLER
from viewer.ui.i18n import tr
from viewer.ui.report_pdf import render_pdf
from viewer.ui.tasks import SingleJob, TaskRunner

log = logging.getLogger("viewer.ui.report")

#: The earliest date the date fields offer; shown as "not given".
NOT_GIVEN = QDate(2000, 1, 1)


def _date_of(edit: QDateEdit) -> date | None:
    value = edit.date()
    return None if value == edit.minimumDate() else date(value.year(), value.month(),
                                                         value.day())


def default_folder(export: Export) -> Path:
    """A new folder in Documents (else home) named after the export."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    # Qt names ~/Documents even where it does not exist (a fresh or minimal home).
    base = Path(documents) if documents and Path(documents).is_dir() else Path.home()
    stem = Path(export.sources[0].path).stem if export.sources else "export"
    candidate = base / f"{stem} report"
    number = 2
    while candidate.exists():
        candidate = base / f"{stem} report {number}"
        number += 1
    return candidate


class _OpenAtToday(QObject):
    """Shows this month in the calendar of a date edit that holds no date yet."""

    def __init__(self, edit: QDateEdit) -> None:
        super().__init__(edit)
        self._edit = edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._edit.date() == NOT_GIVEN:
            today = QDate.currentDate()
            self._edit.calendarWidget().setCurrentPage(today.year(), today.month())
        return False


class ReportDialog(QDialog):
    def __init__(self, export: Export, result: CheckResult,
                 profile: dict[str, Any] | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Report Discrepancy"))
        self.setMinimumWidth(560)
        profile = profile or {}
        not_mine = result.count(Verdict.NOT_MINE)
        german = QLocale().language() == QLocale.Language.German

        intro = QLabel(tr("%n recording(s) are not yours. The report lists them with their "
                          "checksums and the evidence, and asks the company to act. It holds "
                          "no audio and no transcript of them.", "", not_mine))
        intro.setWordWrap(True)

        self._guess = (guess_controller(result.contents.formats)
                       or UNKNOWN_CONTROLLER["de" if german else "en"])
        self.controller = QLineEdit(self._guess)
        self.controller.setCursorPosition(0)  # show the name, not the end of the address
        self.controller.setAccessibleName(tr("Company"))
        self.user_name = QLineEdit(profile.get("name", ""))
        self.user_name.setPlaceholderText(tr("Your name, to sign the letter"))
        self.user_name.setAccessibleName(tr("Your name"))
        self.contact = QLineEdit(profile.get("contact", ""))
        self.contact.setPlaceholderText(tr("E-mail or postal address for the answer"))
        self.contact.setAccessibleName(tr("Contact"))

        self.requested = self._date_edit(None)
        self.requested.setAccessibleName(tr("Requested on"))
        self.received = self._date_edit(
            received_date(export.sources[0].path) if export.sources else None)
        self.received.setAccessibleName(tr("Received on"))

        self.language = QComboBox()
        self.language.addItem(tr("English"), "en")
        self.language.addItem(tr("German"), "de")
        self.language.setCurrentIndex(1 if german else 0)
        self.language.setAccessibleName(tr("Language of the report"))

        self.folder = QLineEdit(str(default_folder(export)))
        self.folder.setAccessibleName(tr("Folder"))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)

        self.excerpts = QCheckBox(tr("Add short excerpts of the transcripts, with names, "
                                     "numbers and places masked"))
        self.clean_copy = QCheckBox(tr("Also write a copy of the export without the files "
                                       "that are not yours"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)

        form = QFormLayout()
        form.addRow(tr("Company"), self.controller)
        form.addRow(tr("Your name"), self.user_name)
        form.addRow(tr("Contact"), self.contact)
        form.addRow(tr("Requested on"), self.requested)
        form.addRow(tr("Received on"), self.received)
        form.addRow(tr("Language"), self.language)
        form.addRow(tr("Folder"), folder_row)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.write_button = self.buttons.addButton(tr("Write Report"),
                                                   QDialogButtonBox.ButtonRole.AcceptRole)
        self.write_button.setDefault(True)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.excerpts)
        layout.addWidget(self.clean_copy)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def _date_edit(self, value: date | None) -> QDateEdit:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setMinimumDate(NOT_GIVEN)
        edit.setSpecialValueText(tr("not given"))
        edit.setDisplayFormat("yyyy-MM-dd")
        edit.setDate(QDate(value.year, value.month, value.day) if value else NOT_GIVEN)
        # "Not given" is the minimum date (2000): its calendar would open in January 2000.
        edit.calendarWidget().installEventFilter(_OpenAtToday(edit))
        return edit

    def _choose_folder(self) -> None:
        start = Path(self.folder.text()).parent
        while not start.is_dir() and start != start.parent:  # the dialog needs a real folder
            start = start.parent
        chosen = QFileDialog.getExistingDirectory(self, tr("Folder for the report"), str(start))
        if chosen:
            self.folder.setText(chosen)

    def request(self) -> ReportRequest:
        controller = self.controller.text().strip()
        return ReportRequest(
            # Left as guessed: the report says so (and words an unknown one in its language).
            controller="" if controller == self._guess else controller,
            user_name=self.user_name.text().strip(),
            contact=self.contact.text().strip(), requested=_date_of(self.requested),
            received=_date_of(self.received), language=self.language.currentData(),
            include_excerpts=self.excerpts.isChecked())

    def target(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def _accept(self) -> None:
        if not self.folder.text().strip():
            self.error.setText(tr("Choose a folder for the report."))
            return
        target = self.target()
        if target.is_dir() and any(target.iterdir()):
            self.error.setText(tr("The folder {folder} is not empty; choose a new or empty "
                                  "folder.").format(folder=target))
            return
        self.accept()


class ReportWriter(QObject):
    """Writes a report folder on the task runner; results arrive as signals."""

    progress = Signal(object)  # OpenProgress
    finished = Signal(object)  # list[Path]
    failed = Signal(str)
    #: Just before ``finished``: what ``after_writing`` returned (None without one).
    followed_up = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        #: Runs on the worker once the folder is written, so what follows a report (the
        #: case, which reads and hashes the user's own files) keeps off the GUI thread.
        self.after_writing: Callable[[ReportData, list[Path], Export], object] | None = None
        self._job = SingleJob(runner, "report", self)
        self._job.progress.connect(self.progress)
        self._job.finished.connect(self._on_finished)
        self._job.failed.connect(self._on_failed)

    @property
    def running(self) -> bool:
        return self._job.running

    def start(self, export: Export, result: CheckResult, request: ReportRequest,
              folder: Path, *, clean_copy: bool) -> None:
        after_writing = self.after_writing

        def job() -> Any:
            prepare_folder(folder)
            data = build_report_data(result, export, request)
            written = yield from write_report_steps(folder, data, export, render_pdf=render_pdf,
                                                    clean_copy=clean_copy, overwrite=True)
            followed = after_writing(data, written, export) if after_writing else None
            return written, followed

        self._job.start(job)

    def cancel(self) -> None:
        self._job.cancel()

    def _on_finished(self, outcome: tuple[list[Path], object]) -> None:
        written, followed = outcome
        self.followed_up.emit(followed)
        self.finished.emit(written)

    def _on_failed(self, error: BaseException) -> None:
        log.error("the report could not be written", exc_info=error)
        self.failed.emit(tr("The report could not be written: {reason}").format(reason=error))
