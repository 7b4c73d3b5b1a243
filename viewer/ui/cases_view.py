"""The Cases view: every report the user wrote, followed until the company answers.

A table of cases (``cases_model``) beside the selected case (``cases_detail``): its facts,
timeline, what was flagged, the check of a corrected export, and the steps that can be taken
now. Each step is a public method taking plain values (the buttons ask for them in
``cases_dialogs``), so tests take the same steps without a dialog. The case logic itself is
``viewer.cases``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Generator, Sequence
from datetime import date
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QItemSelectionModel,
    QLocale,
    QModelIndex,
    QSortFilterProxyModel,
    Qt,
    QUrl,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from viewer.archive import ArchiveError, Export, open_export_steps
from viewer.cases.authorities import Authority, authorities, authority_table
from viewer.cases.compare import compare_export_steps
from viewer.cases.errors import CaseError
from viewer.cases.letters import complaint_text, reminder_text
from viewer.cases.model import Case, Comparison
from viewer.cases.store import CaseStore
from viewer.ui.cases_detail import CaseDetail
from viewer.ui.cases_dialogs import (
    AnswerChoice,
    AnswerDialog,
    ComplaintDialog,
    DayDialog,
    ReminderDialog,
    complaint_note,
    to_qdate,
)
from viewer.ui.cases_model import (
    CasesTableModel,
    Column,
    Role,
    company_name,
    day_text,
)
from viewer.ui.i18n import tr
from viewer.ui.letter_pdf import render_letter_pdf
from viewer.ui.tasks import Task, TaskRunner

log = logging.getLogger("viewer.ui.cases")

Today = Callable[[], date]


def _file_link(path: Path) -> str:
    url = QUrl.fromLocalFile(str(path)).toString()
    return f'<a href="{escape(url)}">{escape(str(path))}</a>'


def _compare_job(case: Case, paths: Sequence[str],
                 today: date) -> Generator[Any, None, Comparison]:
    """Open the corrected export, check it against the case, close it."""
    export: Export = yield from open_export_steps(list(paths))
    try:
        return (yield from compare_export_steps(case, export, today))
    finally:
        export.close()


class CasesView(QWidget):
    """The table of cases and the selected case's detail, with every step a case can take."""

    #: A step changed a case (its id); the window's overdue bar listens.
    changed = Signal(int)
    #: A corrected export was checked (case id, Comparison) or could not be (a message).
    compared = Signal(int, object)
    compare_failed = Signal(str)

    def __init__(self, store: CaseStore, runner: TaskRunner, today: Today = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.runner = runner
        self.today = today
        self._compare_task: Task | None = None
        self.model = CasesTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(Role.SORT)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName(tr("Cases"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NUMBER, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.COMPANY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(36)
        for column, width in ((Column.NUMBER, 36), (Column.EXPORT, 130), (Column.STATE, 84),
                              (Column.SENT, 84), (Column.DEADLINE, 84),
                              (Column.DAYS_LEFT, 120)):
            self.table.setColumnWidth(column, width)

        self.detail = CaseDetail()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setOpenExternalLinks(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.message.setAccessibleName(tr("Message"))
        self.message.hide()

        intro = QLabel(tr("Each report you write starts a case. Say when you sent it: the "
                          "company has one month to answer, three if it says it needs "
                          "longer (GDPR Art. 12(3))."))
        intro.setWordWrap(True)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([740, 520])  # the table needs its columns, the detail a SHA-256
        self.splitter = splitter
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.message)

        self.table.selectionModel().currentRowChanged.connect(self._on_current_row)
        d = self.detail
        d.sent_button.clicked.connect(self.ask_sent)
        d.extended_button.clicked.connect(self.ask_extended)
        d.answer_button.clicked.connect(self.ask_answer)
        d.reminder_button.clicked.connect(self.ask_reminder)
        d.complaint_button.clicked.connect(self.ask_complaint)
        d.close_button.clicked.connect(self.ask_close)
        d.delete_button.clicked.connect(self.ask_delete)
        d.cancel_button.clicked.connect(self.cancel_comparison)
        self.refresh()

    # -- the list -------------------------------------------------------------------------
    def refresh(self, select: int | None = None) -> None:
        """Reload every case (states depend on today); keep or move the selection."""
        current = self.current_case()
        keep = select if select is not None else (current.id if current else None)
        self.model.set_cases(self.store.cases(), self.today())
        # The state and the days left are read in full ("38 Tage überfällig"); the company
        # column takes what is left.
        for column in (Column.NUMBER, Column.STATE, Column.SENT, Column.DEADLINE,
                       Column.DAYS_LEFT):
            self.table.resizeColumnToContents(column)
        self.select_case(keep)

    def select_case(self, case_id: int | None) -> None:
        row = self.model.row_of(case_id) if case_id is not None else None
        index = (self.proxy.mapFromSource(self.model.index(row, 0)) if row is not None
                 else self.proxy.index(0, 0))
        if index.isValid():
            self.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            self.table.scrollTo(index)
        self._show_current()

    def current_case(self) -> Case | None:
        index = self.table.currentIndex()
        return index.data(Role.CASE) if index.isValid() else None

    def _on_current_row(self, _current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_current()

    def _show_current(self) -> None:
        case = self.current_case()
        self.detail.show_case(case, self.today())
        busy = self._compare_task is not None
        self.detail.answer_button.setEnabled(self.detail.answer_button.isEnabled() and not busy)

    # -- messages -------------------------------------------------------------------------
    def say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b3261e" if error else "")
        self.message.setText(text)
        self.message.show()

    def _step(self, case_id: int, take: Callable[[], object], done: str) -> bool:
        """Take one step of the store; its refusal is shown, not raised."""
        try:
            take()
        except CaseError as error:
            self.say(str(error), error=True)
            return False
        self.refresh(select=case_id)
        self.say(done)
        self.changed.emit(case_id)
        return True

    # -- the steps, with plain values (the buttons ask for them) --------------------------
    def mark_sent(self, case_id: int, day: date) -> bool:
        done = self._step(case_id, lambda: self.store.mark_sent(case_id, day), "")
        if done:
            self.say(tr("Case {number}: sent on {day}. The company has until {deadline} to "
                        "answer.").format(number=case_id, day=day_text(day),
                                          deadline=day_text(self._deadline_of(case_id, day))))
        return done

    def _deadline_of(self, case_id: int, fallback: date) -> date:
        try:
            return self.store.case(case_id).deadline or fallback
        except CaseError:
            return fallback

    def mark_extended(self, case_id: int, day: date) -> bool:
        done = self._step(case_id, lambda: self.store.mark_extended(case_id, day), "")
        if done:
            self.say(tr("Case {number}: the deadline is now {deadline}.").format(
                number=case_id, deadline=day_text(self._deadline_of(case_id, day))))
        return done

    def record_answer(self, case_id: int, choice: AnswerChoice) -> bool:
        case = self.store.case(case_id)
        if case.answered_on is None and not self._step(
                case_id, lambda: self.store.record_answer(case_id, choice.day, choice.note),
                tr("Case {number}: the answer of {day} is recorded.").format(
                    number=case_id, day=day_text(choice.day))):
            return False
        if choice.corrected:
            self.start_comparison(case_id, choice.corrected)
        return True

    def start_comparison(self, case_id: int, paths: Sequence[str]) -> None:
        """Check a corrected export against the case, in the background."""
        if self._compare_task is not None:
            return
        case = self.store.case(case_id)
        self.detail.progress.setRange(0, 0)
        self.detail.progress.setFormat(tr("Checking the corrected export %p%"))
        self.detail.progress.show()
        self.detail.cancel_button.show()
        self.detail.answer_button.setEnabled(False)
        self._compare_task = self.runner.start(
            lambda: _compare_job(case, paths, self.today()), name="compare corrected export",
            on_progress=self._on_compare_progress,
            on_finished=lambda comparison: self._on_compared(case_id, comparison),
            on_failed=self._on_compare_failed, on_cancelled=self._end_comparison)

    def cancel_comparison(self) -> None:
        if self._compare_task is not None:
            self._compare_task.cancel()

    def _on_compare_progress(self, step: Any) -> None:
        done, total = getattr(step, "done", 0), getattr(step, "total", 0)
        if total > 1:
            self.detail.progress.setRange(0, 1000)
            self.detail.progress.setValue(int(1000 * done / total))

    def _end_comparison(self) -> None:
        self._compare_task = None
        self.detail.progress.hide()
        self.detail.cancel_button.hide()
        self._show_current()

    def _on_compared(self, case_id: int, comparison: Comparison) -> None:
        self._end_comparison()
        if self._step(case_id, lambda: self.store.attach_comparison(case_id, comparison),
                      tr("Case {number}: the corrected export is checked.").format(
                          number=case_id)):
            self.compared.emit(case_id, comparison)

    def _on_compare_failed(self, error: BaseException) -> None:
        self._end_comparison()
        if isinstance(error, ArchiveError | CaseError | OSError):
            message = tr("The corrected export could not be checked: {reason}").format(
                reason=error)
        else:
            log.error("comparing a corrected export failed", exc_info=error)
            message = tr("The corrected export could not be checked because of an internal "
                         "error ({kind}: {error}).").format(kind=type(error).__name__,
                                                            error=error)
        self.say(message, error=True)
        self.compare_failed.emit(message)

    def write_reminder(self, case_id: int, language: str, target: Path) -> bool:
        try:
            case = self.store.case(case_id)
            text = reminder_text(case, language, self.today())
        except CaseError as error:
            self.say(str(error), error=True)
            return False
        if not self._write_letter(text, target, tr("Reminder: {company}").format(
                company=company_name(case.controller))):
            return False
        self._step(case_id, lambda: self.store.record_letter(
            case_id, self.today(), "reminder", f"Reminder written to {target}"),
            tr("The reminder is in {file}.").format(file=_file_link(target)))
        return True

    def write_complaint(self, case_id: int, authority: Authority, language: str,
                        target: Path) -> bool:
        try:
            case = self.store.case(case_id)
            text = complaint_text(case, authority, language, self.today())
        except CaseError as error:
            self.say(str(error), error=True)
            return False
        if not self._write_letter(text, target, tr("Complaint: {company}").format(
                company=company_name(case.controller))):
            return False
        self._step(case_id, lambda: self.store.record_letter(
            case_id, self.today(), "complaint",
            f"Complaint to {authority.name} written to {target}"), "")
        if authority.web_form:
            link = f'<a href="{escape(authority.web_form)}">{escape(authority.web_form)}</a>'
            self.say(tr("The complaint is in {file}. Send it to {authority}, for example "
                        "with its complaint form: {url}").format(
                file=_file_link(target), authority=escape(authority.name), url=link))
        else:
            self.say(tr("The complaint is in {file}. Send it to {authority}.").format(
                file=_file_link(target), authority=escape(authority.name)))
        return True

    def _write_letter(self, text: str, target: Path, title: str) -> bool:
        try:
            render_letter_pdf(text, target, title)
        except (OSError, RuntimeError) as error:
            self.say(tr("The letter could not be written: {reason}").format(reason=error),
                     error=True)
            return False
        return True

    def close_case(self, case_id: int, day: date) -> bool:
        return self._step(case_id, lambda: self.store.close(case_id, day),
                          tr("Case {number} is closed.").format(number=case_id))

    def delete_case(self, case_id: int) -> bool:
        try:
            self.store.delete(case_id)
        except CaseError as error:
            self.say(str(error), error=True)
            return False
        self.refresh()
        self.say(tr("Case {number} is deleted.").format(number=case_id))
        self.changed.emit(case_id)
        return True

    # -- the buttons: ask, then take the step ---------------------------------------------
    def ask_sent(self) -> None:
        case = self.current_case()
        if case is None:
            return
        dialog = DayDialog(tr("I Sent It On"), tr(
            "When did you send the report to {company}? The company has one month from "
            "then to answer.").format(company=company_name(case.controller)), self.today(),
            case.report_written, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.mark_sent(case.id, dialog.chosen_day())

    def ask_extended(self) -> None:
        case = self.current_case()
        if case is None:
            return
        dialog = DayDialog(tr("The Company Extended the Deadline"), tr(
            "When did {company} tell you it needs longer? The deadline moves by two "
            "months (GDPR Art. 12(3)).").format(company=company_name(case.controller)),
            self.today(), case.sent_on, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.mark_extended(case.id, dialog.chosen_day())

    def ask_answer(self) -> None:
        case = self.current_case()
        if case is None:
            return
        dialog = AnswerDialog(case, self.today(), self)
        if case.answered_on is not None:  # answered: only a corrected export can be added
            dialog.day.setDate(to_qdate(case.answered_on))
            dialog.day.setEnabled(False)
            dialog.note.setPlainText(case.answer_note)
            dialog.note.setReadOnly(True)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.record_answer(case.id, dialog.choice())

    def ask_reminder(self) -> None:
        case = self.current_case()
        if case is None:
            return
        dialog = ReminderDialog(case, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.write_reminder(case.id, dialog.chosen_language(), dialog.chosen_target())

    def ask_complaint(self) -> None:
        case = self.current_case()
        if case is None:
            return
        try:
            table = authority_table()
        except CaseError as error:  # the installation lacks its table
            self.say(str(error), error=True)
            return
        note = complaint_note(table.retrieved)
        country = QLocale().name().partition("_")[2]
        dialog = ComplaintDialog(case, authorities(), note, country, self)
        authority = dialog.chosen_authority() if dialog.exec() else None
        if authority is not None:  # accepted: the dialog does not accept without one
            self.write_complaint(case.id, authority, dialog.chosen_language(),
                                 dialog.chosen_target())

    def ask_close(self) -> None:
        case = self.current_case()
        if case is not None and self._confirm(tr("Close the Case"), tr(
                "Close case {number}? It stays in the list, marked closed.").format(
                number=case.id)):
            self.close_case(case.id, self.today())

    def ask_delete(self) -> None:
        case = self.current_case()
        if case is not None and self._confirm(tr("Delete the Case"), tr(
                "Delete case {number} and its timeline? The report folder is not "
                "touched. This cannot be undone.").format(number=case.id)):
            self.delete_case(case.id)

    def _confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self, title, text, QMessageBox.StandardButton.Yes
                                      | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes


class CasesWindow(QDialog):
    """The Cases view in its own window: it is about every report, not the open export."""

    def __init__(self, store: CaseStore, runner: TaskRunner, today: Today = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Cases"))
        self.setObjectName("casesWindow")
        self.resize(1180, 660)
        self.view = CasesView(store, runner, today, self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addWidget(buttons)

    def closeEvent(self, event: Any) -> None:
        self.view.cancel_comparison()
        super().closeEvent(event)
