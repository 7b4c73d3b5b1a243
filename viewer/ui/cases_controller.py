"""Cases in the main window: the "Cases…" command, a case for every report written, and a
bar that says when a company has not answered in time.

The window composes one ``CasesController``; it needs the review store (cases live in its
database), the task runner, the command and the report writer, and nothing else of the
window. The bar is a toolbar of its own at the top, so it shows above every page (the empty
window too) without the window laying it out.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import ClassVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QToolBar,
    QToolButton,
    QWidget,
)

from viewer.archive import Export
from viewer.cases.errors import CaseError
from viewer.cases.model import Case
from viewer.cases.store import CaseStore
from viewer.report import ReportData
from viewer.review import ReviewStore
from viewer.ui.cases_dialogs import DayDialog
from viewer.ui.cases_model import company_name
from viewer.ui.cases_view import CasesWindow
from viewer.ui.i18n import tr
from viewer.ui.report_dialog import ReportWriter
from viewer.ui.tasks import TaskRunner

log = logging.getLogger("viewer.ui.cases")


class CasesBar(QFrame):
    """One line of news about cases, with its buttons and a close button."""

    STYLES: ClassVar[dict[str, str]] = {
        # Overdue: the app's vermilion edge, dark text on a light tint (said in words too).
        # The bar keeps its light tint in the dark theme, so its text and ✕ keep dark ink.
        "overdue": "QFrame#casesBar { background: #fff1e6; border: 1px solid #D55E00;"
                   " border-radius: 4px; }"
                   " QFrame#casesBar QLabel, QFrame#casesBar QToolButton { color: #5a2000; }",
        "news": "QFrame#casesBar { background: #e8f1fb; border: 1px solid #0072B2;"
                " border-radius: 4px; }"
                " QFrame#casesBar QLabel, QFrame#casesBar QToolButton { color: #0b2f4a; }",
    }

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("casesBar")
        self.setAccessibleName(tr("Cases"))
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.first_button = QPushButton()
        self.second_button = QPushButton()
        close = QToolButton()
        close.setText("✕")
        close.setAutoRaise(True)
        close.setAccessibleName(tr("Dismiss message"))
        self.close_button = close
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 4, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.first_button)
        layout.addWidget(self.second_button)
        layout.addWidget(close)

    def show_message(self, kind: str, text: str, first: str, second: str = "") -> None:
        self.setStyleSheet(self.STYLES[kind])
        self.kind = kind
        self.text.setText(text)
        self.first_button.setText(first)
        self.second_button.setText(second)
        self.second_button.setVisible(bool(second))

    kind = ""


def overdue_message(overdue: Sequence[Case], today: date) -> str:
    """"The company has not answered in time: case 3, 12 days overdue"."""
    parts = []
    for case in overdue[:3]:
        days = -(case.days_left(today) or 0)
        parts.append(tr("case {number} ({company}), %n day(s) overdue", "", days).format(
            number=case.id, company=company_name(case.controller)))
    if len(overdue) > 3:
        parts.append(tr("%n more", "", len(overdue) - 3))
    if len(overdue) == 1:
        return tr("⚠ The company has not answered in time: {cases}.").format(cases=parts[0])
    return tr("⚠ Companies have not answered in time: {cases}.").format(
        cases="; ".join(parts))


class CasesController(QObject):
    def __init__(self, window: QMainWindow, review: ReviewStore | None, runner: TaskRunner,
                 command: QAction, report_writer: ReportWriter, *,
                 forget_everything: QAction | None = None,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__(window)
        self.window = window
        self.runner = runner
        self.command = command
        self.today = today
        self.store = CaseStore(review, today=today) if review is not None else None
        self.cases_window: CasesWindow | None = None
        #: The case the last report started (None: none yet, or it could not be kept).
        self.last_case: Case | None = None

        self.bar = CasesBar()
        self.bar.first_button.clicked.connect(self._first_clicked)
        self.bar.second_button.clicked.connect(lambda: self.show_cases())
        self.bar.close_button.clicked.connect(self.hide_bar)
        self.toolbar = QToolBar(tr("Cases"), window)
        self.toolbar.setObjectName("casesToolBar")
        self.toolbar.setMovable(False)
        self.toolbar.setFloatable(False)
        self.toolbar.toggleViewAction().setVisible(False)
        self.toolbar.addWidget(self.bar)
        window.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.toolbar.hide()

        command.triggered.connect(lambda: self.show_cases())
        command.setEnabled(self.store is not None)
        report_writer.after_writing = self._case_for_report
        report_writer.followed_up.connect(self._case_started)
        if forget_everything is not None:
            # Connected after the window's own handler, so this runs once it has forgotten
            # (or the user cancelled): either way the bar and the list show what is left.
            forget_everything.triggered.connect(self.reload)
        self.check_overdue()

    # -- the bar ----------------------------------------------------------------------------
    def check_overdue(self) -> bool:
        """Say so when a company has not answered in time; True if one has not."""
        if self.store is None:
            return False
        try:
            overdue = self.store.overdue(self.today())
        except CaseError as error:
            log.warning("cases could not be read: %s", error)
            return False
        if not overdue:
            if self.bar.kind == "overdue":
                self.hide_bar()
            return False
        self._bar_case = overdue[0].id
        self.bar.show_message("overdue", overdue_message(overdue, self.today()),
                              tr("Open Cases"))
        self.toolbar.show()
        return True

    _bar_case: int | None = None

    def reload(self) -> None:
        """Show the cases as they are now in the store (after "Forget Everything")."""
        if self.store is None:
            return
        if self.last_case is not None and not any(
                case.id == self.last_case.id for case in self.store.cases()):
            self.last_case = None
            if self.bar.kind == "news":
                self.hide_bar()
        self.check_overdue()
        if self.cases_window is not None:
            self.cases_window.view.refresh()

    def hide_bar(self) -> None:
        self.toolbar.hide()
        self.bar.kind = ""

    def _first_clicked(self) -> None:
        if self.bar.kind == "news" and self.last_case is not None:
            self.ask_sent(self.last_case.id)
        else:
            self.show_cases(self._bar_case)

    # -- a report was written: its case -----------------------------------------------------
    def _case_for_report(self, data: ReportData, written: list[Path],
                         export: Export) -> Case | None:
        """On the report's worker (a case reads and hashes the user's own files): the case
        the report starts, or None when none can be kept."""
        if self.store is None:
            return None
        try:
            return self.store.create_from_report(data, written, export)
        except (CaseError, OSError) as error:
            log.error("no case could be made for the report: %s", error)
            return None

    def _case_started(self, followed: object) -> None:
        case = followed if isinstance(followed, Case) else None
        self.last_case = case
        if case is None:
            return
        self.bar.show_message("news", tr(
            # No full stop right after the name: "S.à r.l." ends in one already.
            "Case {number} follows this report to {company}: when you have sent it, say so, "
            "and the company has one month from then to answer.").format(
            number=case.id, company=company_name(case.controller)), tr("I Have Sent It…"),
            tr("Open Cases"))
        self.toolbar.show()
        if self.cases_window is not None:
            self.cases_window.view.refresh(select=case.id)

    def report_note(self, text: str) -> str:
        """``text`` (the report's success message) with a line about its case, before its
        closing question."""
        if self.last_case is None:
            return text
        note = tr("Case {number} now follows it (Report ▸ Cases…): say there when you have "
                  "sent it.").format(number=self.last_case.id)
        body, _, question = text.rpartition("\n\n")
        return f"{body}\n\n{note}\n\n{question}" if body else f"{text}\n\n{note}"

    def ask_sent(self, case_id: int) -> None:
        if self.store is None:
            return
        case = self.store.case(case_id)
        dialog = DayDialog(tr("I Sent It On"), tr(
            "When did you send the report to {company}? The company has one month from "
            "then to answer.").format(company=company_name(case.controller)), self.today(),
            case.report_written, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.store.mark_sent(case_id, dialog.chosen_day())
        except CaseError as error:
            self.bar.show_message("overdue", str(error), tr("Open Cases"))
            return
        self.hide_bar()
        self.check_overdue()
        self.window.statusBar().showMessage(tr("Case {number}: sent on {day}.").format(
            number=case_id, day=dialog.chosen_day().isoformat()), 8000)
        if self.cases_window is not None:
            self.cases_window.view.refresh(select=case_id)

    # -- the Cases window -------------------------------------------------------------------
    def show_cases(self, case_id: int | None = None) -> CasesWindow | None:
        if self.store is None:
            return None
        if self.cases_window is None:
            self.cases_window = CasesWindow(self.store, self.runner, self.today, self.window)
            self.cases_window.view.changed.connect(lambda _case: self.check_overdue())
        self.cases_window.view.refresh(select=case_id)
        if self.cases_window.isVisible():  # behind the main window: bring it forward
            self.cases_window.raise_()
            self.cases_window.activateWindow()
        else:
            self.cases_window.show()
        return self.cases_window
