"""The selected case in the Cases view: its facts, the steps it can take now (buttons the
view connects), what the report flagged, its timeline and the check of a corrected export.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from html import escape

from PySide6.QtCore import QLocale, Qt, QTimer, QUrl
from PySide6.QtGui import QFontDatabase, QFontMetrics
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from viewer.cases.model import Case, CaseEvent, CaseState, Comparison
from viewer.ui.cases_model import OVERDUE_COLOUR, company_name, day_text, state_sentence
from viewer.ui.i18n import tr


def event_text(event: CaseEvent, case: Case) -> str:
    """A step of the timeline in the user's language (the store's own detail is English)."""
    kind = event.kind
    if kind == "report":
        return tr("Report written: %n recording(s) flagged as not yours", "",
                  len(case.flagged))
    if kind == "sent":
        return tr("Report sent to the company")
    if kind == "extended":
        return tr("The company extended the deadline by two months, to {day}").format(
            day=day_text(case.deadline))
    if kind == "answered":
        said = f": “{case.answer_note}”" if case.answer_note else ""
        return tr("The company answered") + said
    labels = {"compared": tr("Corrected export checked"), "reminder": tr("Reminder written"),
              "complaint": tr("Complaint written"), "closed": tr("Case closed")}
    return labels.get(kind, event.detail or kind)


def count_label(key: str) -> str:
    labels = {"members": tr("files in the export"), "recordings": tr("recordings"),
              "mine": tr("yours"), "unsure": tr("unsure"), "user_marked": tr("marked by you"),
              "withheld": tr("other files holding only the other person's data"),
              "mixed": tr("files mixing yours and theirs")}
    return labels.get(key, key.replace("_", " "))


def comparison_html(comparison: Comparison, flagged_total: int) -> str:
    """What the check of a corrected export found, in a few lines."""
    lines = [tr("Checked on {day}; corrected export SHA-256 {sha}").format(
        day=day_text(comparison.checked_on), sha=f"<code>{comparison.corrected_sha256}</code>")]
    still = comparison.flagged_still_there
    gone = tr("%n of the flagged files are gone.", "", comparison.flagged_gone)
    lines.append(gone if flagged_total else tr("No file was flagged."))
    if still:
        lines.append(_warning(tr("⚠ %n flagged file(s) still there:", "", len(still)),
                              [item.path for item in still]))
    withheld = comparison.withheld_still_there
    if withheld:
        lines.append(_warning(tr("⚠ %n file(s) with only the other person's data still "
                                 "there:", "", len(withheld)),
                              [item.path for item in withheld]))
    lines.append(tr("%n of your files kept.", "", comparison.own_kept))
    if comparison.own_missing:
        lines.append(_warning(tr("⚠ %n of your files missing:", "",
                                 len(comparison.own_missing)), comparison.own_missing))
    if comparison.not_verified:
        # Tables that mixed both people's rows change with a correction: hashes cannot tell.
        lines.append(escape(tr("Check by eye that these no longer hold the other person's "
                               "rows:")) + " " + _paths(comparison.not_verified))
    return "<br>".join(lines)


def _paths(paths: Sequence[str]) -> str:
    return escape(", ".join(paths[:5])) + (" …" if len(paths) > 5 else "")


def _warning(text: str, paths: Sequence[str]) -> str:
    return (f'<span style="color:{OVERDUE_COLOUR}"><b>' + escape(text) + "</b></span> "
            + _paths(paths))


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


class CaseDetail(QWidget):
    """The selected case: facts, steps, flagged evidence, timeline, comparison."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.state = QLabel()
        self.state.setAccessibleName(tr("State"))
        self.facts = QWidget()
        self.facts_form = QFormLayout(self.facts)
        self.facts_form.setContentsMargins(0, 0, 0, 0)
        self.facts_form.setVerticalSpacing(2)

        self.sent_button = QPushButton(tr("I Sent It On…"))
        self.extended_button = QPushButton(tr("The Company Extended the Deadline…"))
        self.answer_button = QPushButton(tr("Record the Answer…"))
        self.reminder_button = QPushButton(tr("Write a Reminder…"))
        self.complaint_button = QPushButton(tr("Write a Complaint…"))
        self.close_button = QPushButton(tr("Close the Case"))
        self.delete_button = QPushButton(tr("Delete"))
        self.sent_button.setToolTip(tr("The day you sent the report: the company has one month "
                                       "from then to answer (GDPR Art. 12(3))"))
        self.extended_button.setToolTip(tr("The company told you it needs longer: the deadline "
                                           "moves by two months"))
        self.reminder_button.setToolTip(tr("Possible once the deadline has passed"))
        self.complaint_button.setToolTip(tr("To the data protection authority of your country "
                                            "(GDPR Art. 77); possible once the deadline has "
                                            "passed or the company has answered"))
        buttons = QGridLayout()
        for number, button in enumerate((self.sent_button, self.extended_button,
                                         self.answer_button, self.reminder_button,
                                         self.complaint_button, self.close_button)):
            buttons.addWidget(button, number // 2, number % 2)
        delete_row = QHBoxLayout()
        delete_row.addStretch(1)
        delete_row.addWidget(self.delete_button)

        self.flagged = self._section()
        self.timeline = self._section()
        self.comparison = self._section()
        self.comparison_heading = _heading(tr("Corrected export"))

        self.progress = QProgressBar()
        self.progress.setAccessibleName(tr("Checking the corrected export"))
        self.cancel_button = QPushButton(tr("Cancel"))
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addWidget(self.title)
        layout.addWidget(self.state)
        layout.addWidget(self.facts)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        layout.addLayout(progress_row)
        layout.addSpacing(6)
        layout.addWidget(_heading(tr("What the report flagged")))
        layout.addWidget(self.flagged)
        layout.addWidget(_heading(tr("Timeline")))
        layout.addWidget(self.timeline)
        layout.addWidget(self.comparison_heading)
        layout.addWidget(self.comparison)
        layout.addStretch(1)
        layout.addLayout(delete_row)
        scroll = QScrollArea()
        self._scroll = scroll
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        fixed = QFontMetrics(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.setMinimumWidth(fixed.horizontalAdvance("0" * 64) + 48)
        scroll.setWidget(content)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.show_case(None, date.today())

    @staticmethod
    def _section() -> QLabel:
        label = QLabel()
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def show_case(self, case: Case | None, today: date) -> None:
        steps = (self.sent_button, self.extended_button, self.answer_button,
                 self.reminder_button, self.complaint_button, self.close_button,
                 self.delete_button)
        if case is None:
            self.title.setText(tr("No case selected"))
            self.state.setText("")
            self._show_facts(None)
            for widget in (self.flagged, self.timeline, self.comparison):
                widget.setText("")
            self.comparison_heading.hide()
            for button in steps:
                button.setEnabled(False)
            return
        state = case.state(today)
        self.title.setText(tr("Case {number}: {company}").format(
            number=case.id, company=company_name(case.controller)))
        self.state.setText(state_sentence(case, today))
        self.state.setStyleSheet(f"color: {OVERDUE_COLOUR}; font-weight: bold"
                                 if state is CaseState.OVERDUE else "")
        self._show_facts(case)
        self.flagged.setText(self._flagged_html(case))
        self.timeline.setText("<br>".join(
            f"{day_text(event.when)} — {escape(event_text(event, case))}"
            for event in sorted(case.events, key=lambda event: event.when)))
        self.comparison_heading.setVisible(case.comparison is not None)
        self.comparison.setVisible(case.comparison is not None)
        if case.comparison is not None:
            self.comparison.setText(comparison_html(case.comparison, len(case.flagged)))
        open_states = (CaseState.SENT, CaseState.OVERDUE)
        self.sent_button.setEnabled(state is CaseState.DRAFT)
        self.extended_button.setEnabled(state in open_states and case.extended_on is None)
        self.answer_button.setEnabled(state in (*open_states, CaseState.ANSWERED))
        self.reminder_button.setEnabled(state is CaseState.OVERDUE)
        # The complaint says the company did not deal with the report: not before the
        # deadline (the same rule as viewer.cases.letters.complaint_text).
        self.complaint_button.setEnabled(
            state in (CaseState.OVERDUE, CaseState.ANSWERED, CaseState.CLOSED))
        self.close_button.setEnabled(state is not CaseState.CLOSED)
        self.delete_button.setEnabled(True)
        # The rows of facts were replaced. Once they are laid out, the scroll area must size
        # its content again: alone it keeps the last case's height, squeezing a taller one.
        QTimer.singleShot(0, self, self._fit_content)

    def _fit_content(self) -> None:
        self._scroll.setWidgetResizable(True)  # recomputes the content's height

    def _show_facts(self, case: Case | None) -> None:
        while self.facts_form.rowCount():
            self.facts_form.removeRow(0)
        if case is None:
            self.facts_form.addRow(self._value(tr(
                "Each report you write starts a case here. Say when you sent it: the company "
                "then has one month to answer.")))
            return
        form = self.facts_form
        form.addRow(tr("Company"), self._value(escape(case.controller)))
        form.addRow(tr("Export"), self._value(escape(case.export_name)))
        # A SHA-256 is 64 characters: on a line of its own, under its name.
        for name, sha in ((tr("Export SHA-256"), case.export_sha256),
                          (tr("Report SHA-256"), case.report_sha256)):
            form.addRow(QLabel(name))
            code = self._value(sha)
            code.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
            code.setWordWrap(False)
            code.setIndent(12)
            form.addRow(code)
        form.addRow(tr("Report written"), self._value(day_text(case.report_written)))
        if case.report_folder:
            url = QUrl.fromLocalFile(case.report_folder).toString()
            form.addRow(tr("Report folder"), self._value(
                f'<a href="{escape(url)}">{escape(case.report_folder)}</a>'))
        form.addRow(tr("Sent"), self._value(day_text(case.sent_on)))
        deadline = day_text(case.deadline)
        if case.extended_on is not None:
            deadline += " " + escape(tr("(extended on {day})").format(
                day=day_text(case.extended_on)))
        form.addRow(tr("Deadline"), self._value(deadline))
        if case.answered_on is not None:
            form.addRow(tr("Answered"), self._value(day_text(case.answered_on)))
            if case.answer_note:
                form.addRow(tr("Their answer"), self._value(escape(case.answer_note)))
        if case.closed_on is not None:
            form.addRow(tr("Closed"), self._value(day_text(case.closed_on)))

    @staticmethod
    def _value(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        label.setOpenExternalLinks(True)
        return label

    def facts_text(self) -> str:
        """Every fact shown, one a line (what a screen reader or a test reads)."""
        return "\n".join(label.text() for label in self.facts.findChildren(QLabel))

    @staticmethod
    def _flagged_html(case: Case) -> str:
        locale = QLocale()
        lines = [escape(tr("%n file(s) flagged as not yours", "", len(case.flagged)))]
        counts = [f"{escape(count_label(key))}: {locale.toString(int(value))}"
                  for key, value in case.counts.items()
                  if key != "flagged" and not key.startswith("category.") and value]
        if counts:
            lines.append(" · ".join(counts))
        reasons = case.categories() or Counter(
            reason for item in case.flagged for reason in item.reasons).most_common()
        if reasons:
            lines.append(escape(tr("Evidence (recordings): {reasons}").format(
                reasons=", ".join(f"{code} ({locale.toString(number)})"
                                  for code, number in reasons))))
        return "<br>".join(lines)
