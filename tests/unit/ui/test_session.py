"""The open export's session: one opening at a time, replaced rather than queued."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from tests.helpers.archives import write_zip
from tests.helpers.audio import wav_bytes
from viewer.archive import Export
from viewer.ui.session import ExportSession
from viewer.ui.tasks import TaskRunner


def exports(tmp_path: Path, *names: str) -> list[Path]:
    return [write_zip(tmp_path / name, {"2024-01-01_10-00-00.wav": wav_bytes(0.1)})
            for name in names]


def test_a_late_opening_is_closed_not_shown(qtbot: QtBot, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    first, second = exports(tmp_path, "first.zip", "second.zip")
    discarded: list[Export] = []
    discard = ExportSession._discard
    monkeypatch.setattr(ExportSession, "_discard", lambda self, result: (
        discarded.append(result[0]), discard(self, result)))
    runner = TaskRunner()
    session = ExportSession(runner)
    opened: list[Export] = []
    said: list[str] = []
    session.opened.connect(lambda export, *_: opened.append(export))
    session.cancelled.connect(lambda: said.append("cancelled"))
    session.failed.connect(said.append)
    session.open([first])
    runner.wait_all()  # the first has opened in its worker; its result waits to be heard
    with qtbot.waitSignal(session.opened, timeout=10_000):
        session.open([second])
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    try:
        assert [Path(export.sources[0].path).name for export in opened] == ["second.zip"]
        assert session.export is opened[0] and not session.export.closed
        assert said == []  # replaced, neither cancelled nor failed
        assert [Path(export.sources[0].path).name for export in discarded] == ["first.zip"]
        assert discarded[0].closed
    finally:
        session.close()


def test_cancel_says_so_once_the_files_are_released(qtbot: QtBot, tmp_path: Path) -> None:
    (export,) = exports(tmp_path, "export.zip")
    runner = TaskRunner()
    session = ExportSession(runner)
    opened: list[Export] = []
    session.opened.connect(lambda export, *_: opened.append(export))
    session.open([export])
    assert session.is_opening
    with qtbot.waitSignal(session.cancelled, timeout=10_000):
        session.cancel()
        assert not session.is_opening
    qtbot.waitUntil(lambda: not runner.busy, timeout=10_000)
    assert opened == [] and session.export is None
