"""The Files view: the member tree model, its filters, the preview pane, activation."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QLocale, QModelIndex, Qt
from PySide6.QtGui import QIcon

import viewer.formats.importers  # noqa: F401  (registers the importers' labels)
from tests.helpers import zipcraft
from tests.helpers.archives import zip_bytes
from tests.helpers.minipdf import pdf_bytes
from viewer.archive import Export, Member, MemberKind, open_export
from viewer.model import (
    ExportContents,
    ImportProblem,
    Recording,
    SourceRef,
    TranscriptEntry,
    Unplaced,
)
from viewer.preview import loaders
from viewer.ui.files_model import Column, MemberTreeModel, Role, Status
from viewer.ui.files_view import FilesView
from viewer.ui.i18n import format_size
from viewer.ui.tasks import Task, TaskRunner

WAV = "Alexa_1.zip!/Audio/utterance_20240801T184654Z.wav"
OTHER_WAV = "Alexa_1.zip!/Audio/utterance_20240802T094151Z.wav"
INTENT = "Alexa_1.zip!/NLU/Intent-1-1.csv"
ORDERS = "Your Orders/Retail.OrderHistory.1.csv"
INTENT_CSV = "Utterance Creation Date,Utterance\n" + "".join(
    f"2024-08-01T18:46:{second:02d}Z,hello {second}\n" for second in range(30))


@pytest.fixture(scope="module")
def export_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    nested = zip_bytes({
        "Audio/utterance_20240801T184654Z.wav": b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(40),
        "Audio/utterance_20240802T094151Z.wav": b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(80),
        "NLU/Intent-1-1.csv": INTENT_CSV,
    })
    entries = [
        zipcraft.stored("Alexa_1.zip", nested),
        zipcraft.deflated(ORDERS, b"Order ID,Total\n1,9.99\n2,5.00\n"),
        zipcraft.deflated("data.json", b'{"a": [1, 2], "name": "M\xc3\xbcller"}'),
        zipcraft.stored("Transcripts.pdf", pdf_bytes([["alexa what time is it"],
                                                      ["play some jazz"]])),
        zipcraft.stored("notes.txt", b"hello there"),
        zipcraft.stored("blob.bin", bytes(range(40))),
        zipcraft.stored("../../evil.sh", b"#!/bin/sh"),
        zipcraft.RawEntry(b"broken.csv", b"\xff\xff\xff\xff garbage", 0, 100, method=8),
    ]
    path = tmp_path_factory.mktemp("files") / "export.zip"
    return zipcraft.write(path, entries)


@pytest.fixture
def export(export_path: Path) -> Iterator[Export]:
    with open_export(export_path) as opened:
        yield opened


CONTENTS = ExportContents(
    formats=("amazon-alexa",),
    recordings=(
        Recording(path=WAV, format="amazon-alexa", duration_s=2.91, codec="WAV PCM 16-bit",
                  sample_rate=16_000, channels=1),
    ),
    transcripts=(
        TranscriptEntry(id=f"{INTENT}#row 2", source=SourceRef(INTENT, "row 2"),
                        format="amazon-alexa", text="hello"),
    ),
    not_understood=(
        Unplaced(ORDERS, "table", "no importer recognised this file"),
        Unplaced("blob.bin", "other", "no importer recognised this file"),
    ),
    problems=(ImportProblem(SourceRef("data.json"), "could not be read as amazon-alexa"),),
)


@pytest.fixture
def model(qapp, export: Export) -> MemberTreeModel:  # type: ignore[no-untyped-def]
    tree = MemberTreeModel()
    tree.set_export(export, CONTENTS)
    return tree


@pytest.fixture
def view(qtbot, export: Export) -> FilesView:  # type: ignore[no-untyped-def]
    widget = FilesView(TaskRunner(synchronous=True))
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.set_export(export, CONTENTS)
    return widget


def _names(model: MemberTreeModel, parent: QModelIndex) -> list[str]:
    return [model.index(row, 0, parent).data() for row in range(model.rowCount(parent))]


def _status(model: MemberTreeModel, path: str, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
    return model.index_for_path(path, Column.STATUS).data(role)


# -- the model ------------------------------------------------------------------------------
def test_model_passes_the_model_tester(qtmodeltester, model: MemberTreeModel) -> None:  # type: ignore[no-untyped-def]
    qtmodeltester.check(model)


def test_model_without_contents_and_empty_pass_the_model_tester(  # type: ignore[no-untyped-def]
        qapp, qtmodeltester, export: Export) -> None:
    tree = MemberTreeModel()
    tree.set_export(export, None)
    qtmodeltester.check(tree)
    assert _status(tree, ORDERS) == ""
    tree.clear()
    assert tree.rowCount() == 0
    qtmodeltester.check(tree)


def test_nested_archive_is_a_node_with_its_members(model: MemberTreeModel) -> None:
    top = _names(model, QModelIndex())
    # Folders and archives first, then files; "../../evil.sh" keeps the path it claimed.
    assert top == ["..", "Alexa_1.zip", "Your Orders", "blob.bin", "broken.csv", "data.json",
                   "notes.txt", "Transcripts.pdf"]
    archive = model.index_for_path("Alexa_1.zip")
    assert archive.data() == "Alexa_1.zip"
    assert archive.data(Role.KIND) == "archive"
    assert archive.data(Role.MEMBER_PATH) == "Alexa_1.zip"
    assert _names(model, archive) == ["Audio", "NLU"]
    audio = model.index(0, 0, archive)
    assert audio.data(Role.MEMBER_PATH) == "Alexa_1.zip!/Audio"
    assert audio.data(Role.KIND) == "folder"
    assert model.parent(audio) == archive
    wavs = [model.index(row, 0, audio).data(Role.MEMBER_PATH) for row in range(2)]
    assert wavs == [WAV, OTHER_WAV]
    assert model.index_for_path(WAV).parent().parent() == archive


def test_folder_rows_count_and_sum_what_they_hold(model: MemberTreeModel, export: Export) -> None:
    audio = model.index_for_path("Alexa_1.zip!/Audio")
    expected = export.member(WAV).size + export.member(OTHER_WAV).size
    assert audio.data(Role.SIZE_BYTES) == expected
    assert audio.data(Role.FILE_COUNT) == 2
    assert model.index_for_path("Alexa_1.zip!/Audio", Column.STATUS).data() == "2 files"
    assert model.index_for_path("Alexa_1.zip").data(Role.FILE_COUNT) == 3
    assert model.index_for_path(WAV, Column.SIZE).data(Role.SIZE_BYTES) == \
        export.member(WAV).size
    assert model.index_for_path(WAV, Column.KIND).data() == "Audio"
    # Size sorts by bytes, not by its text.
    assert model.index_for_path(WAV, Column.SIZE).data(Role.SORT) == export.member(WAV).size


def test_status_says_what_each_member_was_understood_as(model: MemberTreeModel) -> None:
    assert _status(model, WAV) == "Recording"
    assert _status(model, WAV, Role.STATUS) == Status.RECORDING
    assert model.index_for_path(WAV).data(Role.IS_RECORDING) is True
    assert model.index_for_path(OTHER_WAV).data(Role.IS_RECORDING) is False
    assert _status(model, INTENT) == "Amazon Alexa"
    assert _status(model, ORDERS) == "Not understood"
    assert _status(model, ORDERS, Qt.ItemDataRole.ToolTipRole) == \
        "no importer recognised this file"
    assert model.index_for_path(ORDERS).data(Role.FLAGGED) is True
    assert _status(model, "data.json") == "Read with problems"
    assert "could not be read as amazon-alexa" in _status(model, "data.json",
                                                          Qt.ItemDataRole.ToolTipRole)


def test_refused_and_damaged_members_show_a_warning_and_the_problem(
        model: MemberTreeModel, export: Export) -> None:
    refused = next(m.path for m in export.members if m.path.endswith("evil.sh"))
    assert _status(model, refused) == "Refused"
    assert _status(model, refused, Role.STATUS) == Status.PROBLEM
    assert "refused" in _status(model, refused, Qt.ItemDataRole.ToolTipRole)
    icon = _status(model, refused, Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon) and not icon.isNull()
    assert _status(model, ORDERS, Qt.ItemDataRole.DecorationRole) is None
    # The CRC/deflate damage is only found on reading: the member itself looks fine.
    assert _status(model, "broken.csv", Role.STATUS) != Status.PROBLEM


def test_a_hundred_thousand_members_sum_into_their_folders(qapp) -> None:  # type: ignore[no-untyped-def]
    # How long the build takes is measured by benchmarks/files_tree.py.
    members = [
        Member(path=f"Takeout/Folder {n % 300}/Sub {n % 7}/file-{n}.json", size=n,
               compressed_size=n, kind=MemberKind.JSON, modified=None, source="t.zip",
               depth=0)
        for n in range(100_000)
    ]
    tree = MemberTreeModel()
    tree.set_export(SimpleNamespace(members=members), None)  # type: ignore[arg-type]
    top = tree.index_for_path("Takeout")
    assert top.data(Role.FILE_COUNT) == 100_000
    assert top.data(Role.SIZE_BYTES) == sum(range(100_000))
    assert tree.rowCount(top) == 300


def test_sorting_reorders_every_folder(qtmodeltester, model: MemberTreeModel,  # type: ignore[no-untyped-def]
                                       export: Export) -> None:
    audio = model.index_for_path("Alexa_1.zip!/Audio")
    model.sort(Column.SIZE, Qt.SortOrder.DescendingOrder)
    assert [model.index(row, 0, audio).data(Role.MEMBER_PATH) for row in range(2)] == [
        OTHER_WAV, WAV]  # the larger first
    assert audio.isValid() and audio.data(Role.MEMBER_PATH) == "Alexa_1.zip!/Audio"
    model.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    top = _names(model, QModelIndex())
    assert top[:3] == ["Your Orders", "Alexa_1.zip", ".."]  # folders still first
    assert top[3:] == ["Transcripts.pdf", "notes.txt", "data.json", "broken.csv", "blob.bin"]
    qtmodeltester.check(model)
    model.sort(-1)
    assert _names(model, QModelIndex())[:2] == ["..", "Alexa_1.zip"]


# -- filtering ------------------------------------------------------------------------------
def _visible_paths(view: FilesView) -> set[str]:
    found: set[str] = set()
    stack = [QModelIndex()]
    while stack:
        parent = stack.pop()
        for row in range(view.proxy.rowCount(parent)):
            index = view.proxy.index(row, 0, parent)
            found.add(index.data(Role.MEMBER_PATH))
            stack.append(index)
    return found


def test_filter_keeps_the_ancestors_of_matches(view: FilesView, qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    view.filter_edit.setText("intent")
    assert _visible_paths(view) == {"Alexa_1.zip", "Alexa_1.zip!/NLU", INTENT}
    qtmodeltester.check(view.proxy)
    view.filter_edit.clear()
    assert WAV in _visible_paths(view)


def test_only_problems_toggle(view: FilesView) -> None:
    view.only_flagged.setChecked(True)
    visible = _visible_paths(view)
    refused = next(path for path in visible if path.endswith("evil.sh"))
    assert {ORDERS, "blob.bin", "data.json", refused} <= visible
    assert "Your Orders" in visible  # the ancestor of a flagged file
    assert not {WAV, INTENT, "notes.txt", "Alexa_1.zip"} & visible
    view.filter_edit.setText("orders")
    assert _visible_paths(view) == {"Your Orders", ORDERS}
    view.only_flagged.setChecked(False)
    view.filter_edit.clear()
    assert WAV in _visible_paths(view)


# -- previews -------------------------------------------------------------------------------
def test_csv_preview_shows_rows(view: FilesView) -> None:
    assert view.select_path(INTENT)
    preview = view.preview
    assert preview.stack.currentWidget() is preview.table
    table = preview.table_model
    assert table.rowCount() == 30
    assert table.headerData(1, Qt.Orientation.Horizontal) == "Utterance"
    assert table.index(0, 1).data() == "hello 0"
    assert not preview.note.isVisibleTo(preview) or "rows" not in preview.note.text()


def test_csv_preview_stops_at_the_row_limit(view: FilesView, qtmodeltester,  # type: ignore[no-untyped-def]
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "MAX_TABLE_ROWS", 10)
    view.select_path(INTENT)
    assert view.preview.table_model.rowCount() == 10
    assert "first 10 rows" in view.preview.note.text()
    qtmodeltester.check(view.preview.table_model)


def test_json_preview_is_pretty_printed(view: FilesView) -> None:
    view.select_path("data.json")
    text = view.preview.current_text()
    assert text == json.dumps({"a": [1, 2], "name": "Müller"}, indent=2, ensure_ascii=False)
    assert "could not be read as amazon-alexa" in view.preview.note.text()


def test_text_preview_is_capped(view: FilesView, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loaders, "MAX_TEXT_BYTES", 5)
    view.select_path("notes.txt")
    assert view.preview.current_text() == "hello"
    note = view.preview.note.text()
    assert "Showing the first" in note and format_size(11) in note


def test_pdf_preview_shows_the_text_of_each_page(view: FilesView) -> None:
    view.select_path("Transcripts.pdf")
    text = view.preview.current_text()
    assert "alexa what time is it" in text
    assert "play some jazz" in text
    assert text.index("Page 1 of 2") < text.index("alexa") < text.index("Page 2 of 2")


def test_damaged_member_shows_the_error(view: FilesView) -> None:
    view.select_path("broken.csv")
    preview = view.preview
    assert preview.stack.currentWidget() is preview.message
    assert "could not be shown" in preview.current_text()
    assert "damaged" in preview.current_text()
    assert not preview.loading


def test_refused_member_shows_its_problems(view: FilesView, export: Export) -> None:
    refused = next(m for m in export.members if m.path.endswith("evil.sh"))
    view.select_path(refused.path)
    assert "not opened" in view.preview.current_text()
    assert refused.problems[0] in view.preview.current_text()


def test_other_member_shows_a_hex_peek(view: FilesView) -> None:
    view.select_path("blob.bin")
    assert view.preview.current_text().startswith("00000000  00 01 02 03")
    assert "Not understood" in view.preview.note.text()


def test_audio_and_archive_previews(view: FilesView) -> None:
    view.select_path(WAV)
    text = view.preview.current_text()
    assert "Recordings view" in text and "WAV PCM 16-bit" in text
    assert f"{QLocale().toString(2.91, 'f', 1)} s" in text
    view.select_path("Alexa_1.zip")
    assert "holds 3 files" in view.preview.current_text()


def test_preview_is_read_on_a_worker_thread(qtbot, export: Export) -> None:  # type: ignore[no-untyped-def]
    runner = TaskRunner()
    widget = FilesView(runner)
    qtbot.addWidget(widget)
    widget.set_export(export, CONTENTS)
    widget.select_path("data.json")
    qtbot.waitUntil(lambda: widget.preview.current_text().startswith("{\n"), timeout=5000)
    widget.select_path("broken.csv")
    qtbot.waitUntil(lambda: "damaged" in widget.preview.current_text(), timeout=5000)
    runner.wait_all()


def test_header_click_sorts_through_the_proxy(view: FilesView) -> None:
    view.tree.sortByColumn(Column.SIZE, Qt.SortOrder.DescendingOrder)
    audio = view.proxy.mapFromSource(view.model.index_for_path("Alexa_1.zip!/Audio"))
    assert [view.proxy.index(row, 0, audio).data(Role.MEMBER_PATH) for row in range(2)] == [
        OTHER_WAV, WAV]
    view.tree.sortByColumn(Column.SIZE, Qt.SortOrder.AscendingOrder)
    audio = view.proxy.mapFromSource(view.model.index_for_path("Alexa_1.zip!/Audio"))
    assert view.proxy.index(0, 0, audio).data(Role.MEMBER_PATH) == WAV


def test_loading_message_while_a_preview_is_read(qtbot, export: Export) -> None:  # type: ignore[no-untyped-def]
    class HeldRunner(TaskRunner):
        """Never runs the job: the preview stays loading."""

        def start(self, job, **callbacks):  # type: ignore[no-untyped-def, override]
            return Task(job)

    widget = FilesView(HeldRunner())
    qtbot.addWidget(widget)
    widget.set_export(export, CONTENTS)
    widget.select_path("data.json")
    assert widget.preview.loading
    qtbot.waitUntil(lambda: widget.preview.current_text() == "Loading…", timeout=2000)


# -- activation -----------------------------------------------------------------------------
def _double_click(qtbot, view: FilesView, path: str) -> None:  # type: ignore[no-untyped-def]
    view.select_path(path)
    rect = view.tree.visualRect(view.tree.currentIndex())
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


# The offscreen platform warns that it cannot propagate size hints when a window is shown.
@pytest.mark.qt_log_ignore("does not support propagateSizeHints")
def test_double_click_on_a_recording_activates_it(qtbot, view: FilesView) -> None:  # type: ignore[no-untyped-def]
    view.show()
    qtbot.waitExposed(view)
    with qtbot.waitSignal(view.recording_activated, timeout=1000) as blocker:
        _double_click(qtbot, view, WAV)
    assert blocker.args == [WAV]
    with qtbot.assertNotEmitted(view.recording_activated):
        _double_click(qtbot, view, OTHER_WAV)  # audio, but not a recording
        _double_click(qtbot, view, INTENT)


def test_accessible_names(view: FilesView) -> None:
    assert view.tree.accessibleName()
    assert view.preview.accessibleName()
    assert view.filter_edit.accessibleName()
    assert view.preview.text.accessibleName()
