"""Report Discrepancy… in the window: prefilled dialog, folder written in the background."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QDate, QUrl
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from tests.helpers.report import checked_demo
from viewer.resources import DEMO_EXPORT
from viewer.ui.main_window import MainWindow
from viewer.ui.report_dialog import ReportDialog, default_folder


def test_the_action_writes_the_report_folder_and_offers_to_open_it(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    assert not window.commands.report.isEnabled()
    assert window.commands.report.shortcut().toString() == "Ctrl+R"
    window.review.store.save_profile({"name": "Max Mustermann", "contact": "max@example.de"})
    with qtbot.waitSignal(window.analysis.finished, timeout=30_000):
        window.open_paths([DEMO_EXPORT])
    assert window.commands.report.isEnabled()
    target = tmp_path / "report"
    seen: dict[str, object] = {}

    def fill_and_accept(dialog: ReportDialog) -> int:
        seen["controller"] = dialog.controller.text()
        seen["name"] = dialog.user_name.text()
        seen["contact"] = dialog.contact.text()
        seen["received"] = dialog.received.date()
        seen["excerpts"] = dialog.excerpts.isChecked()
        dialog.requested.setDate(QDate(2024, 10, 1))
        dialog.language.setCurrentIndex(dialog.language.findData("de"))
        dialog.clean_copy.setChecked(True)
        dialog.folder.setText(str(target))
        dialog.write_button.click()
        return int(dialog.result())

    opened: list[QUrl] = []
    monkeypatch.setattr(ReportDialog, "exec", fill_and_accept)
    monkeypatch.setattr("viewer.ui.report_controller.QMessageBox.question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr("viewer.ui.report_controller.QDesktopServices.openUrl",
                        lambda url: opened.append(url) or True)
    with qtbot.waitSignal(window.reports.writer.finished, timeout=30_000):
        window.commands.report.trigger()
    assert str(seen["controller"]).startswith("Amazon Europe Core S.à r.l.")
    assert seen["name"] == "Max Mustermann" and seen["contact"] == "max@example.de"
    assert seen["received"] != QDate(2000, 1, 1) and seen["excerpts"] is False
    names = sorted(path.name for path in target.iterdir())
    assert names == ["amazon-demo-export-cleaned.zip", "flagged-files.csv", "letter.txt",
                     "report.json", "report.pdf"]
    report = json.loads((target / "report.json").read_text(encoding="utf-8"))
    assert report["language"] == "de" and report["dates"]["requested"] == "2024-10-01"
    assert report["recordings"]["by_verdict"]["not-mine"] == 40
    assert "Sehr geehrte Damen und Herren," in (target / "letter.txt").read_text("utf-8")
    assert opened == [QUrl.fromLocalFile(str(target))]


def test_a_folder_no_file_manager_opens_is_named_instead(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with qtbot.waitSignal(window.analysis.finished, timeout=30_000):
        window.open_paths([DEMO_EXPORT])
    target = tmp_path / "report"

    def accept(dialog: ReportDialog) -> int:
        dialog.folder.setText(str(target))
        dialog.write_button.click()
        return int(dialog.result())

    told: list[str] = []
    monkeypatch.setattr(ReportDialog, "exec", accept)
    monkeypatch.setattr("viewer.ui.report_controller.QMessageBox.question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr("viewer.ui.report_controller.QDesktopServices.openUrl",
                        lambda url: False)
    monkeypatch.setattr("viewer.ui.report_controller.QMessageBox.information",
                        lambda parent, title, text: told.append(text))
    with qtbot.waitSignal(window.reports.writer.finished, timeout=30_000):
        window.commands.report.trigger()
    qtbot.waitUntil(lambda: bool(told))
    assert str(target) in told[0] and "No file manager" in told[0]


def test_marks_made_after_the_check_are_in_the_report(
        qtbot: QtBot, window: MainWindow, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    with qtbot.waitSignal(window.analysis.finished, timeout=30_000):
        window.open_paths([DEMO_EXPORT])
    mine = next(row.recording.path for row in window.model.rows()
                if window.model.verdict(row.recording.path) != "not-mine")
    window.review.mark_paths([mine], "not-mine")
    target = tmp_path / "r"

    def accept(dialog: ReportDialog) -> int:
        dialog.folder.setText(str(target))
        dialog.write_button.click()
        return int(dialog.result())

    monkeypatch.setattr(ReportDialog, "exec", accept)
    monkeypatch.setattr("viewer.ui.report_controller.QMessageBox.question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.No)
    with qtbot.waitSignal(window.reports.writer.finished, timeout=30_000):
        window.commands.report.trigger()
    report = json.loads((target / "report.json").read_text(encoding="utf-8"))
    assert mine in {item["path"] for item in report["not_mine"]}
    assert report["recordings"]["user_marked"] == 1


def test_an_unwritable_folder_shows_a_message(qtbot: QtBot, window: MainWindow,
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    with qtbot.waitSignal(window.analysis.finished, timeout=30_000):
        window.open_paths([DEMO_EXPORT])
    blocker = tmp_path / "file"
    blocker.write_text("x")

    def accept(dialog: ReportDialog) -> int:
        dialog.folder.setText(str(blocker / "report"))
        dialog.write_button.click()
        return int(dialog.result())

    monkeypatch.setattr(ReportDialog, "exec", accept)
    with qtbot.waitSignal(window.reports.writer.failed, timeout=30_000):
        window.commands.report.trigger()
    assert window.banner.isVisible() and "cannot write" in window.banner.text()


def test_the_dialog_refuses_a_non_empty_folder_and_keeps_the_guess_marked(
        qtbot: QtBot, tmp_path: Path) -> None:
    from tests.helpers.report import checked_demo

    export, result = checked_demo()
    try:
        dialog = ReportDialog(export, result, {"name": "Erika"})
        qtbot.addWidget(dialog)
        assert dialog.user_name.text() == "Erika" and not dialog.excerpts.isChecked()
        assert dialog.request().controller == ""  # guessed, so the report says so
        (tmp_path / "old.txt").write_text("x")
        dialog.folder.setText(str(tmp_path))
        dialog.write_button.click()
        assert dialog.result() != ReportDialog.DialogCode.Accepted
        assert "not empty" in dialog.error.text()
        dialog.controller.setText("Amazon EU S.à r.l.")
        assert dialog.request().controller == "Amazon EU S.à r.l."
    finally:
        export.close()


def test_the_dialog_opens_where_a_person_looks(qtbot: QtBot, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    export, result = checked_demo()
    try:
        missing = tmp_path / "Documents"  # Qt names it even where it does not exist
        monkeypatch.setattr("viewer.ui.report_dialog.QStandardPaths.writableLocation",
                            lambda location: str(missing))
        assert default_folder(export).parent == Path.home()
        dialog = ReportDialog(export, result, None)
        qtbot.addWidget(dialog)
        # The company's name, not the end of its address, is what shows.
        assert dialog.controller.cursorPosition() == 0
        # "Requested on" is not given: its calendar opens at this month, not January 2000.
        calendar = dialog.requested.calendarWidget()
        # What its popup sends it when a click on the arrow opens it (a real popup warns
        # on the offscreen platform).
        QCoreApplication.sendEvent(calendar, QShowEvent())
        today = QDate.currentDate()
        assert (calendar.yearShown(), calendar.monthShown()) == (today.year(), today.month())
    finally:
        export.close()
