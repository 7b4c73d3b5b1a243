"""The guided first check in the window: questions from the export, answers into the profile,
the new count, and the report one click away."""

from __future__ import annotations

import csv
import dataclasses
import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.exports import SERIAL, amazon_2018_like
from viewer.analysis.findings import Verdict
from viewer.ui.main_window import MainWindow
from viewer.ui.report_dialog import ReportDialog

CHECK_TIMEOUT = 60_000


@pytest.fixture(scope="module")
def alexa_2018(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return amazon_2018_like(tmp_path_factory.mktemp("export") / "alexa-2018.zip")


def texts(widget: QWidget) -> str:
    return "\n".join(label.text() for label in widget.findChildren(QLabel))


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_checked(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.analysis.finished, timeout=CHECK_TIMEOUT):
        window.open_paths([path])


def test_one_answer_settles_a_2018_export_and_the_report_lists_all_36(
        qtbot: QtBot, window: MainWindow, alexa_2018: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Issue 11, done when: 36 strangers' recordings, no profile; one "No" makes them all
    not-mine, and the report names every one."""
    assert window.review.store is not None and window.review.store.load_profile() is None
    open_checked(qtbot, window, alexa_2018)
    panel = window.guided_panel
    assert window.guided.dock.isVisible()  # offered without being asked for
    assert window.analysis.result is not None
    assert window.analysis.result.count(Verdict.UNSURE) == 36
    assert "This export holds 36 Alexa recordings." in texts(panel)
    assert panel.count_label.text() == "36 of 36 recordings are unsure"
    assert not panel.report_button.isEnabled()  # nothing to report yet

    click(qtbot, panel.platform_rows["amazon-alexa"].button(False))
    # Checking again: no stale numbers meanwhile.
    assert panel.running and panel.busy.isVisibleTo(panel)
    assert "36" not in panel.count_label.text()
    assert not panel.report_button.isEnabled()
    with qtbot.waitSignal(window.analysis.finished, timeout=CHECK_TIMEOUT):
        pass

    assert window.review.store.load_profile() == {"voice_services": {"amazon-alexa": False}}
    assert window.analysis.result.count(Verdict.NOT_MINE) == 36
    assert {window.model.verdict(row.recording.path) for row in window.model.rows()} == {
        "not-mine"}
    assert panel.count_label.text() == "36 of 36 recordings are not yours"
    assert not panel.busy.isVisibleTo(panel)
    # The answer stays in sight, pressed; the question is not asked as if new.
    assert panel.platform_rows["amazon-alexa"].button(False).isChecked()
    assert panel.questions is not None and panel.questions.platforms == ()

    # The report: one click from the panel.
    assert panel.report_button.isEnabled()
    target = tmp_path / "report"

    def write(dialog: ReportDialog) -> int:
        dialog.folder.setText(str(target))
        dialog.write_button.click()
        return int(dialog.result())

    monkeypatch.setattr(ReportDialog, "exec", write)
    monkeypatch.setattr("viewer.ui.report_controller.QMessageBox.question",
                        lambda *args, **kwargs: QMessageBox.StandardButton.No)
    with qtbot.waitSignal(window.reports.writer.finished, timeout=CHECK_TIMEOUT):
        click(qtbot, panel.report_button)
    report = json.loads((target / "report.json").read_text(encoding="utf-8"))
    assert report["recordings"]["by_verdict"]["not-mine"] == 36
    with (target / "flagged-files.csv").open(encoding="utf-8", newline="") as table:
        rows = list(csv.DictReader(table))
    paths = {row.recording.path for row in window.model.rows()}
    flagged = {value for row in rows for value in row.values() if value in paths}
    assert flagged == paths


def test_device_name_and_voice_answers_go_into_the_profile(
        qtbot: QtBot, window: MainWindow, alexa_2018: Path) -> None:
    open_checked(qtbot, window, alexa_2018)
    panel = window.guided_panel
    assert window.review.store is not None
    (device_key,) = panel.device_rows
    assert device_key == SERIAL
    assert "serial number " + SERIAL in texts(panel)
    assert set(panel.name_rows) == {"Anna", "Lukas"}
    assert "Do you know Anna, Lukas?" in texts(panel)

    with qtbot.waitSignal(window.analysis.finished, timeout=CHECK_TIMEOUT):
        click(qtbot, panel.device_rows[SERIAL].button(False))
    saved = window.review.store.load_profile()
    assert saved is not None and [item["serial"] for item in saved["not_my_devices"]] == [
        SERIAL]
    assert window.analysis.result is not None
    assert window.analysis.result.count(Verdict.NOT_MINE) == 36
    assert panel.device_rows[SERIAL].button(False).isChecked()

    with qtbot.waitSignal(window.analysis.finished, timeout=CHECK_TIMEOUT):
        click(qtbot, panel.name_rows["Anna"].button(False))
    with qtbot.waitSignal(window.analysis.finished, timeout=CHECK_TIMEOUT):
        click(qtbot, panel.name_rows["Lukas"].button(True))
    saved = window.review.store.load_profile()
    assert saved is not None
    assert saved["unknown_people"] == ["Anna"] and saved["people"] == ["Lukas"]
    assert panel.name_rows["Anna"].button(False).isChecked()
    assert panel.name_rows["Lukas"].button(True).isChecked()

    # "Don't know" takes the device answer back, and stays pressed.
    with qtbot.waitSignal(window.analysis.finished, timeout=CHECK_TIMEOUT):
        click(qtbot, panel.device_rows[SERIAL].button(None))
    saved = window.review.store.load_profile()
    assert saved is not None and saved["not_my_devices"] == []
    assert panel.device_rows[SERIAL].button(None).isChecked()

    # Voices (the voice model is off in these tests: two voices as the model gives them).
    result = window.analysis.result
    assert result is not None
    paths = [row.recording.path for row in window.model.rows()]
    voices = ({"id": 0, "recordings": 20, "representative": paths[0], "members": paths[:20]},
              {"id": 1, "recordings": 16, "representative": paths[20],
               "members": paths[20:], "similarity_to_you": 0.41})
    window.analysis.result = dataclasses.replace(result, voices=voices)
    window.guided.refresh()
    assert [card.voice.recordings for card in panel.voice_cards] == [20, 16]
    second = panel.voice_cards[1]
    assert "Does not sound like you" in second.similarity.text()
    assert second.transcript.text().startswith("“alexa")
    assert len(second.strip._times) == 16
    assert second.buttons is not None
    with qtbot.waitSignal(window.analysis.finished, timeout=CHECK_TIMEOUT):
        click(qtbot, second.buttons.button("household"))
    saved = window.review.store.load_profile()
    assert saved is not None
    assert saved["voices"] == [{"answer": "household", "sha256": sorted(
        result.member_sha256[path] for path in paths[20:])}]
    # Earlier answers are kept.
    assert saved["unknown_people"] == ["Anna"]


def test_the_panel_can_be_skipped_and_opened_again(qtbot: QtBot, window: MainWindow,
                                                   alexa_2018: Path) -> None:
    assert window.commands.guided_check.shortcut().toString() == "Ctrl+G"
    assert not window.commands.guided_check.isEnabled()  # nothing open
    review_menu = next(action.menu() for action in window.menuBar().actions()
                       if action.text() == "&Review")
    assert window.commands.guided_check in review_menu.actions()
    toolbar = window.findChild(QWidget, "reportToolBar")
    assert window.commands.guided_check in toolbar.actions()  # beside Report Discrepancy

    open_checked(qtbot, window, alexa_2018)
    assert window.guided.dock.isVisible()
    assert window.table.isVisible()  # the recordings stay in sight beside it
    click(qtbot, window.guided_panel.skip_button)
    assert not window.guided.dock.isVisible()
    assert window.detail.isVisible()
    # Skipped: a new check of the same export does not push it back.
    with qtbot.waitSignal(window.analysis.finished, timeout=CHECK_TIMEOUT):
        window.start_check()
    assert not window.guided.dock.isVisible()

    window.commands.guided_check.trigger()
    assert window.guided.dock.isVisible()
    assert "This export holds 36 Alexa recordings." in texts(window.guided_panel)
    assert window.guided_panel.count_label.text() == "36 of 36 recordings are unsure"

    window.close_export()
    assert not window.guided.dock.isVisible()
    assert not window.commands.guided_check.isEnabled()


def test_an_export_with_nothing_unsure_is_not_interrupted(qtbot: QtBot,
                                                          window: MainWindow,
                                                          alexa_2018: Path) -> None:
    assert window.review.store is not None
    window.review.store.save_profile({"owns_voice_devices": False})
    open_checked(qtbot, window, alexa_2018)
    assert window.analysis.result is not None
    assert window.analysis.result.count(Verdict.NOT_MINE) == 36
    assert not window.guided.dock.isVisible()
    window.commands.guided_check.trigger()  # still there when asked for
    assert window.guided.dock.isVisible()
    assert window.guided_panel.count_label.text() == "36 of 36 recordings are not yours"
    assert window.guided_panel.report_button.isEnabled()
