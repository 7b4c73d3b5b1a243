"""The small dialogs of the Cases view: a day, an answer, a reminder, a complaint.

Each only asks; the view does the step (``viewer.cases``) with what was chosen, so tests can
take the same steps without a dialog.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.cases.authorities import Authority
from viewer.cases.model import Case
from viewer.ui.i18n import tr


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def day_edit(value: date, earliest: date | None, latest: date) -> QDateEdit:
    """A date field that offers only days that make sense (never the future)."""
    edit = QDateEdit(to_qdate(value))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    if earliest is not None:
        edit.setMinimumDate(to_qdate(earliest))
    edit.setMaximumDate(to_qdate(latest))
    return edit


def letter_folder(case: Case) -> Path:
    """Where a letter goes by default: beside the report, else in Documents."""
    folder = Path(case.report_folder) if case.report_folder else None
    if folder is not None and folder.is_dir():
        return folder
    return Path(QStandardPaths.writableLocation(
        QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class DayDialog(QDialog):
    """One question answered by a day: "I sent it on…", "The company extended on…"."""

    def __init__(self, title: str, question: str, today: date, earliest: date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        label = QLabel(question)
        label.setWordWrap(True)
        self.day = day_edit(today, earliest, today)
        self.day.setAccessibleName(title)
        self.buttons = _buttons(self, tr("Save"))
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.day)
        layout.addWidget(self.buttons)

    def chosen_day(self) -> date:
        return from_qdate(self.day.date())


@dataclass(frozen=True, slots=True)
class AnswerChoice:
    day: date
    note: str
    #: The corrected export (a ZIP, its split parts or a folder); empty: none came.
    corrected: tuple[str, ...]


class AnswerDialog(QDialog):
    """The company's answer: when, what it said, and the corrected export if one came."""

    def __init__(self, case: Case, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Record the Answer"))
        self.setMinimumWidth(520)
        self.day = day_edit(today, case.sent_on, today)
        self.day.setAccessibleName(tr("Answered on"))
        self.note = QPlainTextEdit()
        self.note.setPlaceholderText(tr("What the company wrote, in your words (kept only on "
                                        "this computer)"))
        self.note.setAccessibleName(tr("Note"))
        self.note.setFixedHeight(90)
        self.corrected = QLineEdit()
        self.corrected.setPlaceholderText(tr("Optional: the corrected export they sent"))
        self.corrected.setAccessibleName(tr("Corrected export"))
        choose_file = QPushButton(tr("File…"))
        choose_file.clicked.connect(self._choose_files)
        choose_folder = QPushButton(tr("Folder…"))
        choose_folder.clicked.connect(self._choose_folder)
        row = QHBoxLayout()
        row.addWidget(self.corrected, 1)
        row.addWidget(choose_file)
        row.addWidget(choose_folder)
        hint = QLabel(tr("A corrected export is checked against the first one: are the files "
                         "that were not yours gone, and are yours still there?"))
        hint.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Answered on"), self.day)
        form.addRow(tr("Note"), self.note)
        form.addRow(tr("Corrected export"), row)
        self.buttons = _buttons(self, tr("Save"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self._paths: tuple[str, ...] = ()
        self._folder = letter_folder(case)

    def _choose_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("The Corrected Export"), str(self._folder),
            tr("Export archives (*.zip *.ZIP);;All files (*)"))
        if paths:
            self._paths = tuple(paths)
            self.corrected.setText("; ".join(paths))

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("The Corrected Export"),
                                                  str(self._folder))
        if folder:
            self._paths = (folder,)
            self.corrected.setText(folder)

    def choice(self) -> AnswerChoice:
        typed = self.corrected.text().strip()
        if typed != "; ".join(self._paths):  # typed or pasted by hand
            self._paths = tuple(part.strip() for part in typed.split(";") if part.strip())
        return AnswerChoice(from_qdate(self.day.date()), self.note.toPlainText().strip(),
                            self._paths)


class _LetterDialog(QDialog):
    """Language and file of a letter; the PDF is written by the view."""

    def __init__(self, case: Case, file_stem: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(560)
        self.language = QComboBox()
        self.language.addItem(tr("English"), "en")
        self.language.addItem(tr("German"), "de")
        self.language.setCurrentIndex(max(0, self.language.findData(case.language)))
        self.language.setAccessibleName(tr("Language of the letter"))
        self.target = QLineEdit(str(letter_folder(case) / f"{file_stem}.pdf"))
        self.target.setAccessibleName(tr("File"))
        browse = QPushButton(tr("Choose…"))
        browse.clicked.connect(self._choose_target)
        self.target_row = QHBoxLayout()
        self.target_row.addWidget(self.target, 1)
        self.target_row.addWidget(browse)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b3261e")
        self.error.setWordWrap(True)
        self.buttons = _buttons(self, tr("Write PDF"))
        self.buttons.accepted.disconnect(self.accept)
        self.buttons.accepted.connect(self._accept)

    def _choose_target(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, tr("Save the Letter"), self.target.text(),
                                                tr("PDF (*.pdf)"))
        if chosen:
            self.target.setText(chosen)

    def chosen_target(self) -> Path:
        path = Path(self.target.text().strip()).expanduser()
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def chosen_language(self) -> str:
        return str(self.language.currentData())

    def _accept(self) -> None:
        if not self.target.text().strip():
            self.error.setText(tr("Choose a file for the letter."))
            return
        if not self.chosen_target().parent.is_dir():
            self.error.setText(tr("The folder {folder} does not exist.").format(
                folder=self.chosen_target().parent))
            return
        self.accept()


class ReminderDialog(_LetterDialog):
    def __init__(self, case: Case, parent: QWidget | None = None) -> None:
        super().__init__(case, f"reminder-case-{case.id}", parent)
        self.setWindowTitle(tr("Write a Reminder"))
        intro = QLabel(tr("The company has not answered in time. The reminder refers to your "
                          "report of {day} by its SHA-256 and repeats what you asked for.")
                       .format(day=case.report_written.isoformat()))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Language"), self.language)
        form.addRow(tr("File"), self.target_row)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)


def _wrapped(text: str, width: int = 90) -> str:
    """Escaped, with line breaks: the label is not word-wrapped (a wrapped label in a form
    is given the height of a narrow one, leaving gaps above and below)."""
    return "<br>".join(escape(line) for line in textwrap.wrap(text, width))


def authority_html(authority: Authority) -> str:
    """Name, address and the ways to reach an authority, for a rich-text label."""
    lines = [f"<b>{escape(authority.name)}</b>"]
    if authority.local_name and authority.local_name != authority.name:
        lines.append(escape(authority.local_name))
    lines.append(escape(authority.address).replace("\n", "<br>"))
    if authority.scope:
        lines.append(f"<i>{_wrapped(authority.scope)}</i>")
    for label, url in ((tr("Complaint form"), authority.web_form),
                       (tr("How to complain"), authority.complaint_page),
                       (tr("Website"), authority.website)):
        if url:
            lines.append(f'{escape(label)}: <a href="{escape(url)}">{escape(url)}</a>')
    if authority.email:
        email = tr("E-mail")
        lines.append(f"{escape(email)}: {escape(authority.email)}")
    lines.extend(_wrapped(comment) for comment in authority.comments)
    # Where each field was read (a record of a public database) stays in the table and the
    # README: a person choosing whom to write to needs the address, not our sources.
    return "<br>".join(line for line in lines if line)


def _authority_order(authority: Authority) -> tuple[str, str]:
    """By country code, the national entry first, then the Länder by name."""
    return authority.country, authority.region_name if authority.region else ""


def authority_label(authority: Authority) -> str:
    """"DE · Berlin: Berliner Beauftragte …" (the Länder beside the federal one)."""
    place = (f"{authority.country} · {authority.region_name or authority.region}"
             if authority.region else authority.country)
    return f"{place}: {authority.name}"


def complaint_note(retrieved: str) -> str:
    """What to know before sending a complaint, below the dialog's authority."""
    return tr("Addresses and forms change: check the authority's website before you "
              "send. In Germany a complaint about a company goes to the authority of the "
              "Land where the company is established, or where you live; the federal "
              "BfDI handles telecommunications and postal companies. Addresses as of {day}, "
              "from the Datenanfragen.de records and the authorities' own pages.").format(
                  day=retrieved)


class ComplaintDialog(_LetterDialog):
    """Art. 77: the user's country picks the supervisory authority."""

    def __init__(self, case: Case, table: Sequence[Authority], table_note: str,
                 country: str = "", parent: QWidget | None = None) -> None:
        super().__init__(case, f"complaint-case-{case.id}", parent)
        self.setWindowTitle(tr("Write a Complaint"))
        self._table = list(table)
        intro = QLabel(tr("A complaint to a data protection authority (GDPR Art. 77). It "
                          "carries the same evidence as your report (checksums, counts, "
                          "reasons; nothing of the other person's) and the timeline of the "
                          "case."))
        intro.setWordWrap(True)
        self.country = QComboBox()
        self.country.setAccessibleName(tr("Authority"))
        # Nothing is preselected unless the system says where the user lives: a wrong
        # default (the first country of the list) would be sent without a second look.
        self.country.addItem(tr("Choose your country or German Land…"), None)
        for number, authority in sorted(enumerate(self._table),
                                        key=lambda item: _authority_order(item[1])):
            self.country.addItem(authority_label(authority), number)
        national = next((row for row in range(1, self.country.count())
                         if self._table[int(self.country.itemData(row))].country == country
                         and not self._table[int(self.country.itemData(row))].region), 0)
        # Germany's own entry is the federal BfDI (telecoms and post only): let the user pick
        # the Land instead of preselecting it.
        self.country.setCurrentIndex(0 if country == "DE" else national)
        self.details = QLabel()
        self.details.setOpenExternalLinks(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.details.setAccessibleName(tr("The authority"))
        note = QLabel(table_note)
        note.setWordWrap(True)
        font = note.font()
        font.setItalic(True)
        note.setFont(font)
        self.country.currentIndexChanged.connect(self._show_authority)
        self.country.currentIndexChanged.connect(self._rename_target)
        form = QFormLayout()
        form.addRow(tr("Authority"), self.country)
        form.addRow("", self.details)
        form.addRow(tr("Language"), self.language)
        form.addRow(tr("File"), self.target_row)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._case_id = case.id
        self._show_authority()
        self._rename_target()

    def chosen_authority(self) -> Authority | None:
        number = self.country.currentData()
        return None if number is None else self._table[int(number)]

    def _accept(self) -> None:
        if self.chosen_authority() is None:
            self.error.setText(tr("Choose the authority of your country (or German Land)."))
            return
        super()._accept()

    def choose(self, code: str) -> None:
        """Pick the authority of a country ("LU") or region ("DE-BE")."""
        for row in range(1, self.country.count()):
            if self._table[int(self.country.itemData(row))].code == code.upper():
                self.country.setCurrentIndex(row)
                return

    def _show_authority(self) -> None:
        authority = self.chosen_authority()
        self.details.setText("" if authority is None else authority_html(authority))
        self.details.setVisible(authority is not None)

    def _rename_target(self) -> None:
        authority = self.chosen_authority()
        if authority is None:
            return
        current = Path(self.target.text())
        if current.name.startswith(f"complaint-case-{self._case_id}"):
            code = authority.code.lower()
            self.target.setText(str(current.with_name(
                f"complaint-case-{self._case_id}-{code}.pdf")))
