"""The Cases view: every report followed until the company answers, and the window's bar that
says when one is overdue. Cases are made from a real report of the demo export."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QMessageBox
from pytestqt.qtbot import QtBot

import viewer
from tests.helpers.report import (
    DemoReport,
    flagged_transcripts,
    written_demo_report,
)
from viewer.cases import CaseState, CaseStore, compare_export
from viewer.cases.authorities import authorities
from viewer.cases.deadlines import response_deadline
from viewer.cases.model import Comparison, FlaggedEvidence
from viewer.cases.store import own_files
from viewer.resources import DEMO_EXPORT
from viewer.review import ReviewStore
from viewer.ui.cases_detail import comparison_html
from viewer.ui.cases_dialogs import AnswerChoice, AnswerDialog, ComplaintDialog, DayDialog
from viewer.ui.cases_model import (
    OVERDUE_COLOUR,
    CasesTableModel,
    Column,
    Role,
    company_name,
    days_left_text,
    state_sentence,
)
from viewer.ui.cases_view import CasesView, CasesWindow
from viewer.ui.main_window import MainWindow
from viewer.ui.report_dialog import ReportDialog
from viewer.ui.tasks import TaskRunner

TODAY = date.today()
#: Written long enough ago for a case sent then to be overdue now.
WRITTEN = datetime.combine(TODAY - timedelta(days=80), datetime.min.time(), tzinfo=UTC)


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoReport]:
    report = written_demo_report(tmp_path_factory.mktemp("report") / "out", WRITTEN)
    yield report
    report.export.close()


@pytest.fixture
def review(tmp_path: Path) -> Iterator[ReviewStore]:
    with ReviewStore(tmp_path / "review.sqlite3") as store:
        yield store


@pytest.fixture
def cases(review: ReviewStore) -> CaseStore:
    return CaseStore(review)


def new_case(cases: CaseStore, report: DemoReport, *, sent: int | None = None,
             answered: int | None = None, closed: bool = False) -> int:
    """A case of the demo report; ``sent``/``answered``: that many days ago."""
    case = cases.create_from_report(report.data, report.written, report.export)
    if sent is not None:
        cases.mark_sent(case.id, TODAY - timedelta(days=sent))
    if answered is not None:
        cases.record_answer(case.id, TODAY - timedelta(days=answered), "They deleted it")
    if closed:
        cases.close(case.id, TODAY)
    return case.id


@pytest.fixture
def view(qtbot: QtBot, cases: CaseStore) -> CasesView:
    widget = CasesView(cases, TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1100, 600)
    widget.show()
    return widget


def row_texts(view: CasesView, case_id: int) -> dict[Column, str]:
    row = view.model.row_of(case_id)
    assert row is not None
    return {column: view.model.index(row, column).data() for column in Column}


def pdf_text(path: Path) -> str:
    """The PDF's text with whitespace collapsed (pypdf gives gaps as tabs and newlines)."""
    return re.sub(r"\s+", " ", " ".join(page.extract_text() or ""
                                        for page in PdfReader(path).pages))


def test_model_passes_the_model_tester(qtmodeltester, cases: CaseStore,  # type: ignore[no-untyped-def]
                                       demo_report: DemoReport) -> None:
    new_case(cases, demo_report)
    new_case(cases, demo_report, sent=50)
    new_case(cases, demo_report, sent=3)
    model = CasesTableModel()
    model.set_cases(cases.cases(), TODAY)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert b"days_left" in model.roleNames().values()


def test_the_view_lists_every_case_newest_first(view: CasesView, cases: CaseStore,
                                                demo_report: DemoReport) -> None:
    first = new_case(cases, demo_report)
    second = new_case(cases, demo_report)
    view.refresh()
    assert view.model.rowCount() == 2
    top = view.proxy.index(0, Column.NUMBER)
    assert top.data(Role.CASE_ID) == second and view.proxy.index(1, 0).data(Role.CASE_ID) == first
    texts = row_texts(view, first)
    assert texts[Column.COMPANY].startswith("Amazon Europe Core")
    assert texts[Column.EXPORT] == demo_report.export.display_name
    assert texts[Column.STATE] == "draft" and texts[Column.SENT] == "—"
    assert texts[Column.DAYS_LEFT] == "not sent yet"
    # The newest is selected, and its detail says what it is and what was flagged.
    assert view.current_case() is not None and view.current_case().id == second  # type: ignore[union-attr]
    assert view.detail.title.text() == f"Case {second}: {texts[Column.COMPANY]}"
    assert "40 files flagged as not yours" in view.detail.flagged.text()
    assert demo_report.data.archive_sha256 in view.detail.facts_text()


def test_each_state_is_said_in_words_and_overdue_also_in_colour(
        view: CasesView, cases: CaseStore, demo_report: DemoReport) -> None:
    draft = new_case(cases, demo_report)
    sent = new_case(cases, demo_report, sent=3)
    overdue = new_case(cases, demo_report, sent=45)
    answered = new_case(cases, demo_report, sent=20, answered=2)
    closed = new_case(cases, demo_report, sent=20, closed=True)
    view.refresh()
    states = {case_id: view.proxy.index(row, 0).data(Role.STATE)
              for row in range(view.proxy.rowCount())
              for case_id in [view.proxy.index(row, 0).data(Role.CASE_ID)]}
    assert states == {draft: CaseState.DRAFT, sent: CaseState.SENT,
                      overdue: CaseState.OVERDUE, answered: CaseState.ANSWERED,
                      closed: CaseState.CLOSED}
    left = (response_deadline(TODAY - timedelta(days=3), extended=False) - TODAY).days
    assert row_texts(view, sent)[Column.DAYS_LEFT] == f"{left} days left"
    assert row_texts(view, sent)[Column.STATE] == "sent"
    late = (TODAY - response_deadline(TODAY - timedelta(days=45), extended=False)).days
    assert late > 1
    assert row_texts(view, overdue)[Column.DAYS_LEFT] == f"{late} days overdue"
    assert row_texts(view, overdue)[Column.STATE] == "⚠ overdue"
    assert row_texts(view, answered)[Column.DAYS_LEFT] == "—"
    assert row_texts(view, answered)[Column.STATE] == "answered"
    view.select_case(answered)
    assert view.detail.state.text() == (
        f"Answered on {(TODAY - timedelta(days=2)).isoformat()}")
    view.select_case(overdue)
    assert view.detail.state.text() == (
        f"⚠ Overdue: no answer {late} days after the deadline")
    assert row_texts(view, closed)[Column.STATE] == "closed"
    row = view.model.row_of(overdue)
    assert row is not None
    for column in (Column.STATE, Column.DAYS_LEFT):
        index = view.model.index(row, column)
        assert index.data(Qt.ItemDataRole.ForegroundRole).name().lower() == (
            OVERDUE_COLOUR.lower())
        assert index.data(Qt.ItemDataRole.FontRole).bold()
    assert view.model.index(view.model.row_of(sent) or 0, Column.DAYS_LEFT).data(
        Qt.ItemDataRole.ForegroundRole) is None
    # Sorting by days left puts the overdue case first.
    view.table.sortByColumn(Column.DAYS_LEFT, Qt.SortOrder.AscendingOrder)
    assert view.proxy.index(0, 0).data(Role.CASE_ID) == overdue


def test_marking_sent_changes_the_state_and_starts_the_deadline(
        qtbot: QtBot, view: CasesView, cases: CaseStore, demo_report: DemoReport,
        monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = new_case(cases, demo_report)
    view.refresh(select=case_id)
    assert view.detail.sent_button.isEnabled()
    assert not view.detail.reminder_button.isEnabled()
    assert not view.detail.answer_button.isEnabled()
    asked: list[date] = []

    def answer_today(dialog: DayDialog) -> int:
        asked.append(dialog.chosen_day())  # today is offered
        dialog.buttons.accepted.emit()
        return int(dialog.result())

    monkeypatch.setattr(DayDialog, "exec", answer_today)
    view.detail.sent_button.click()
    assert asked == [TODAY]
    case = cases.case(case_id)
    assert case.sent_on == TODAY and case.state(TODAY) is CaseState.SENT
    texts = row_texts(view, case_id)
    assert texts[Column.STATE] == "sent" and texts[Column.SENT] == TODAY.isoformat()
    assert texts[Column.DEADLINE] == response_deadline(TODAY, extended=False).isoformat()
    assert texts[Column.DAYS_LEFT].endswith("days left")
    assert response_deadline(TODAY, extended=False).isoformat() in view.message.text()
    assert "Report sent to the company" in view.detail.timeline.text()
    assert not view.detail.sent_button.isEnabled()
    assert view.detail.extended_button.isEnabled() and view.detail.answer_button.isEnabled()


def test_a_refused_step_is_shown_not_raised(view: CasesView, cases: CaseStore,
                                            demo_report: DemoReport) -> None:
    case_id = new_case(cases, demo_report)
    view.refresh(select=case_id)
    assert not view.mark_sent(case_id, TODAY + timedelta(days=1))
    assert "in the future" in view.message.text()
    assert cases.case(case_id).sent_on is None
    assert row_texts(view, case_id)[Column.STATE] == "draft"


def test_the_extension_moves_the_deadline_by_two_months(
        view: CasesView, cases: CaseStore, demo_report: DemoReport) -> None:
    case_id = new_case(cases, demo_report, sent=10)
    view.refresh(select=case_id)
    assert view.mark_extended(case_id, TODAY)
    sent = TODAY - timedelta(days=10)
    assert row_texts(view, case_id)[Column.DEADLINE] == \
        response_deadline(sent, extended=True).isoformat()
    assert "extended on" in view.detail.facts_text()
    assert not view.detail.extended_button.isEnabled()


def test_an_answer_with_the_corrected_export_is_checked_against_the_first(
        qtbot: QtBot, view: CasesView, cases: CaseStore, demo_report: DemoReport,
        monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = new_case(cases, demo_report, sent=10)
    view.refresh(select=case_id)

    def answer(dialog: AnswerDialog) -> int:
        dialog.note.setPlainText("They say it is fixed")
        dialog.corrected.setText(str(DEMO_EXPORT))  # the same export: nothing was removed
        dialog.buttons.accepted.emit()
        return int(dialog.result())

    monkeypatch.setattr(AnswerDialog, "exec", answer)
    with qtbot.waitSignal(view.compared, timeout=30_000) as compared:
        view.detail.answer_button.click()
    comparison = compared.args[1]
    assert comparison.flagged_gone == 0 and len(comparison.flagged_still_there) == 40
    assert not comparison.own_missing
    case = cases.case(case_id)
    assert case.state(TODAY) is CaseState.ANSWERED and case.answer_note == "They say it is fixed"
    assert case.comparison == comparison
    shown = view.detail.comparison.text()
    assert "40 flagged files still there" in shown and comparison.corrected_sha256 in shown
    assert "Corrected export checked" in view.detail.timeline.text()
    assert view.detail.progress.isHidden()


def test_a_corrected_export_that_cannot_be_opened_is_said(
        qtbot: QtBot, view: CasesView, cases: CaseStore, demo_report: DemoReport,
        tmp_path: Path) -> None:
    case_id = new_case(cases, demo_report, sent=10)
    view.refresh(select=case_id)
    with qtbot.waitSignal(view.compare_failed, timeout=10_000):
        view.record_answer(case_id, AnswerChoice(TODAY, "", (str(tmp_path / "gone.zip"),)))
    assert "could not be checked" in view.message.text()
    assert cases.case(case_id).answered_on == TODAY  # the answer itself is kept


def test_the_reminder_is_offered_once_overdue_and_written_as_pdf(
        view: CasesView, cases: CaseStore, demo_report: DemoReport, tmp_path: Path) -> None:
    case_id = new_case(cases, demo_report, sent=45)
    view.refresh(select=case_id)
    assert view.detail.reminder_button.isEnabled()
    target = tmp_path / "reminder.pdf"
    assert view.write_reminder(case_id, "de", target)
    text = pdf_text(target)
    assert cases.case(case_id).report_sha256 in re.sub(r"\s+", "", text)
    assert "Reminder written" in view.detail.timeline.text()
    assert "reminder.pdf" in view.message.text()


def test_the_complaint_names_the_authority_and_carries_the_hashes(
        qtbot: QtBot, view: CasesView, cases: CaseStore, demo_report: DemoReport,
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = new_case(cases, demo_report, sent=45)
    view.refresh(select=case_id)
    assert view.detail.complaint_button.isEnabled()
    table = authorities()
    authority = next(item for item in table if item.country == "LU")
    target = tmp_path / "complaint.pdf"
    shown: list[str] = []

    def pick_luxembourg(dialog: ComplaintDialog) -> int:
        dialog.choose("LU")
        shown.append(dialog.details.text())
        dialog.language.setCurrentIndex(dialog.language.findData("en"))
        dialog.target.setText(str(target))
        dialog.buttons.accepted.emit()
        return int(dialog.result())

    monkeypatch.setattr(ComplaintDialog, "exec", pick_luxembourg)
    view.detail.complaint_button.click()
    assert authority.name in shown[0]
    assert authority.web_form == "" or authority.web_form in shown[0]
    text = pdf_text(target)
    squeezed = re.sub(r"\s+", "", text)
    assert re.sub(r"\s+", "", authority.name) in squeezed
    assert demo_report.data.archive_sha256 in squeezed
    assert cases.case(case_id).report_sha256 in squeezed
    for transcript in flagged_transcripts(demo_report.result):
        assert transcript not in text
    assert "Complaint written" in view.detail.timeline.text()


@pytest.mark.parametrize("system_country", ["", "US", "DE"])
def test_the_complaint_dialog_waits_for_the_user_to_choose_an_authority(
        qtbot: QtBot, cases: CaseStore, demo_report: DemoReport,
        system_country: str) -> None:
    # No country of the list (or Germany, where the Land decides) preselects nothing: a
    # default of the list's first entry (Austria) would be sent without a second look.
    case = cases.case(new_case(cases, demo_report, sent=45))
    dialog = ComplaintDialog(case, authorities(), "note", system_country)
    qtbot.addWidget(dialog)
    assert dialog.chosen_authority() is None
    assert not dialog.details.text()
    dialog.buttons.accepted.emit()
    assert dialog.result() != ComplaintDialog.DialogCode.Accepted
    assert "Choose the authority" in dialog.error.text()
    dialog.choose("DE-BE")
    chosen = dialog.chosen_authority()
    assert chosen is not None and chosen.region == "DE-BE"
    assert chosen.name in dialog.details.text()


def test_the_complaint_dialog_preselects_the_system_country_and_sorts_the_laender(
        qtbot: QtBot, cases: CaseStore, demo_report: DemoReport) -> None:
    case = cases.case(new_case(cases, demo_report, sent=45))
    dialog = ComplaintDialog(case, authorities(), "note", "FR")
    qtbot.addWidget(dialog)
    chosen = dialog.chosen_authority()
    assert chosen is not None and chosen.country == "FR"
    labels = [dialog.country.itemText(row) for row in range(1, dialog.country.count())]
    laender = [label.removeprefix("DE · ").partition(":")[0] for label in labels
               if label.startswith("DE · ")]
    assert len(laender) == 16
    assert laender == sorted(laender, key=str.casefold)
    assert laender[:3] == ["Baden-Württemberg", "Bayern", "Berlin"]


def test_close_and_delete_ask_first(view: CasesView, cases: CaseStore,
                                    demo_report: DemoReport,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    case_id = new_case(cases, demo_report, sent=5)
    view.refresh(select=case_id)
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Yes,
               QMessageBox.StandardButton.Yes]
    monkeypatch.setattr("viewer.ui.cases_view.QMessageBox.question",
                        lambda *args, **kwargs: answers.pop(0))
    view.detail.close_button.click()
    assert cases.case(case_id).closed_on is None
    view.detail.close_button.click()
    assert cases.case(case_id).state(TODAY) is CaseState.CLOSED
    assert row_texts(view, case_id)[Column.STATE] == "closed"
    view.detail.delete_button.click()
    assert cases.cases() == [] and view.model.rowCount() == 0
    assert view.detail.title.text() == "No case selected"


def test_the_window_says_at_start_when_a_company_is_overdue(
        qtbot: QtBot, demo_report: DemoReport) -> None:
    with ReviewStore.open_default() as review:
        store = CaseStore(review)
        new_case(store, demo_report, sent=10)
        overdue = new_case(store, demo_report, sent=45)
    window = MainWindow(use_voice=False)
    qtbot.addWidget(window)
    window.show()
    bar = window.cases.bar
    assert window.cases.toolbar.isVisible()
    late = (TODAY - response_deadline(TODAY - timedelta(days=45), extended=False)).days
    assert "has not answered in time" in bar.text.text()
    assert f"case {overdue}" in bar.text.text() and f"{late} days overdue" in bar.text.text()
    assert bar.first_button.text() == "Open Cases"
    bar.first_button.click()
    shown = window.cases.cases_window
    assert shown is not None and shown.isVisible()
    assert shown.view.current_case() is not None
    assert shown.view.current_case().id == overdue  # type: ignore[union-attr]
    # Closing the overdue case takes the bar away.
    shown.view.close_case(overdue, TODAY)
    assert not window.cases.toolbar.isVisible()


def test_no_bar_without_an_overdue_case(qtbot: QtBot, demo_report: DemoReport) -> None:
    with ReviewStore.open_default() as review:
        new_case(CaseStore(review), demo_report, sent=10)
    window = MainWindow(use_voice=False)
    qtbot.addWidget(window)
    window.show()
    assert not window.cases.toolbar.isVisible()
    assert window.commands.cases.isEnabled()
    window.commands.cases.trigger()
    assert window.cases.cases_window is not None
    assert window.cases.cases_window.view.model.rowCount() == 1


def test_writing_a_report_in_the_window_starts_a_case(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with qtbot.waitSignal(window.analysis.finished, timeout=30_000):
        window.open_paths([DEMO_EXPORT])
    target = tmp_path / "report"

    def accept(dialog: ReportDialog) -> int:
        dialog.folder.setText(str(target))
        dialog.write_button.click()
        return int(dialog.result())

    questions: list[str] = []

    def no(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        questions.append(text)
        return QMessageBox.StandardButton.No

    # The case reads and hashes the user's own files: on the report's worker, not the GUI.
    hashed_on_gui_thread: list[bool] = []

    def own_files_off_the_gui(*args: object) -> object:
        hashed_on_gui_thread.append(threading.current_thread() is threading.main_thread())
        return own_files(*args)  # type: ignore[arg-type]

    monkeypatch.setattr("viewer.cases.store.own_files", own_files_off_the_gui)
    monkeypatch.setattr(ReportDialog, "exec", accept)
    monkeypatch.setattr("viewer.ui.report_controller.QMessageBox.question", no)
    with qtbot.waitSignal(window.reports.writer.finished, timeout=30_000):
        window.commands.report.trigger()
    assert hashed_on_gui_thread == [False]
    case = window.cases.last_case
    assert case is not None and case.state(TODAY) is CaseState.DRAFT
    assert case.export_sha256 == window.session.export.sha256  # type: ignore[union-attr]
    assert case.report_folder == str(target) and len(case.flagged) == 40
    assert f"Case {case.id} now follows it" in questions[0]
    assert questions[0].rstrip().endswith("Open the folder?")
    # The bar offers to say it was sent.
    assert window.cases.toolbar.isVisible()
    assert window.cases.bar.first_button.text() == "I Have Sent It…"

    def sent_today(dialog: DayDialog) -> int:
        dialog.buttons.accepted.emit()
        return int(dialog.result())

    monkeypatch.setattr(DayDialog, "exec", sent_today)
    window.cases.bar.first_button.click()
    assert window.cases.store is not None
    assert window.cases.store.case(case.id).state(TODAY) is CaseState.SENT
    assert not window.cases.toolbar.isVisible()


@pytest.fixture
def german(qtbot: QtBot) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(Path(viewer.__file__).parent / "resources" / "translations"
                               / "export_viewer_de.qm"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_the_cases_speak_german(german: None, view: CasesView, cases: CaseStore,
                                demo_report: DemoReport) -> None:
    overdue = new_case(cases, demo_report, sent=45)
    view.refresh()
    late = (TODAY - response_deadline(TODAY - timedelta(days=45), extended=False)).days
    assert row_texts(view, overdue)[Column.STATE] == "⚠ überfällig"
    assert row_texts(view, overdue)[Column.DAYS_LEFT] == f"{late} Tage überfällig"
    assert view.detail.reminder_button.text() == "Erinnerung schreiben…"


def test_days_left_words_on_the_last_day_and_the_day_before(
        qtbot: QtBot, cases: CaseStore, demo_report: DemoReport) -> None:
    case = cases.case(new_case(cases, demo_report, sent=10))
    deadline = case.deadline
    assert deadline is not None
    assert days_left_text(case, deadline) == "due today"
    assert state_sentence(case, deadline) == "Sent: the answer is due today"
    assert days_left_text(case, deadline - timedelta(days=1)) == "1 day left"
    assert days_left_text(case, deadline + timedelta(days=1)) == "1 day overdue"
    assert state_sentence(case, deadline + timedelta(days=1)) == (
        "⚠ Overdue: no answer 1 day after the deadline")


@pytest.mark.parametrize(("controller", "name"), [
    ("Amazon Europe Core S.à r.l., 38 avenue John F. Kennedy, L-1855 Luxembourg",
     "Amazon Europe Core S.à r.l."),
    ("Google Ireland Ltd., Gordon House, Barrow Street, Dublin 4, Ireland",
     "Google Ireland Ltd."),
    ("Example, Inc., 1 Main Street", "Example, Inc."),
    ("the company that sent the export", "the company that sent the export"),
])
def test_the_list_names_the_company_without_its_address(controller: str, name: str) -> None:
    assert company_name(controller) == name


def test_a_taller_case_after_a_short_one_is_not_squeezed(
        qtbot: QtBot, cases: CaseStore, demo_report: DemoReport) -> None:
    tall = new_case(cases, demo_report, sent=20, answered=2)
    cases.attach_comparison(tall, compare_export(cases.case(tall), demo_report.export, TODAY))
    new_case(cases, demo_report)  # the newest, shown first: a draft, short
    window = CasesWindow(cases, TaskRunner(synchronous=True))
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    qtbot.waitExposed(window)
    window.view.select_case(tall)
    facts = window.view.detail.facts.findChildren(QLabel)
    assert len(facts) > 12
    qtbot.wait(20)
    assert all(label.height() >= label.minimumSizeHint().height() for label in facts)


def test_forgetting_everything_takes_the_cases_and_the_bar_away(
        qtbot: QtBot, demo_report: DemoReport, monkeypatch: pytest.MonkeyPatch) -> None:
    with ReviewStore.open_default() as review:
        new_case(CaseStore(review), demo_report, sent=45)
    window = MainWindow(use_voice=False)
    qtbot.addWidget(window)
    window.show()
    assert window.cases.toolbar.isVisible()
    window.cases.show_cases()
    monkeypatch.setattr("viewer.ui.review_controller.QMessageBox.question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    window.commands.forget_everything.trigger()
    assert window.cases.store is not None and window.cases.store.cases() == []
    assert not window.cases.toolbar.isVisible()
    assert window.cases.cases_window is not None
    assert window.cases.cases_window.view.model.rowCount() == 0


def test_the_days_left_are_read_in_full(german: None, view: CasesView, cases: CaseStore,
                                        demo_report: DemoReport) -> None:
    overdue = new_case(cases, demo_report, sent=45)
    view.refresh()
    row = view.model.row_of(overdue)
    assert row is not None
    for column in (Column.STATE, Column.DAYS_LEFT):
        index = view.model.index(row, column)
        font = view.table.font()
        font.setBold(index.data(Qt.ItemDataRole.FontRole).bold())  # as the table draws it
        width = QFontMetrics(font).horizontalAdvance(index.data())
        assert view.table.columnWidth(column) > width, index.data()


def test_a_complaint_waits_for_the_deadline_or_an_answer(
        view: CasesView, cases: CaseStore, demo_report: DemoReport) -> None:
    waiting = new_case(cases, demo_report, sent=10)
    view.refresh(select=waiting)
    assert not view.detail.complaint_button.isEnabled()
    assert "once the deadline has passed" in view.detail.complaint_button.toolTip()
    answered = new_case(cases, demo_report, sent=10, answered=5)
    view.refresh(select=answered)
    assert view.detail.complaint_button.isEnabled()


def test_the_comparison_names_what_is_still_there_and_what_to_check_by_eye(
        qtbot: QtBot) -> None:
    pdf = FlaggedEvidence("Alexa/Transcripts.pdf", "a" * 64, 15_000, ())
    comparison = Comparison(TODAY, "b" * 64, flagged_gone=40, flagged_still_there=(),
                            own_kept=64, own_missing=(), withheld_gone=0,
                            withheld_still_there=(pdf,),
                            not_verified=("Alexa/Geolocation-1-1.csv",))
    html = comparison_html(comparison, 40)
    assert "40 of the flagged files are gone" in html
    assert "only the other person's data still there" in html.replace("&#x27;", "'")
    assert "Alexa/Transcripts.pdf" in html
    assert "Check by eye" in html and "Alexa/Geolocation-1-1.csv" in html
    assert not comparison.corrected
