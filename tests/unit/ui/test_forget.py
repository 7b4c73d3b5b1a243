"""Forget This Export / Forget Everything: voiceprints are biometric data, kept only as needed."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from viewer.resources import DEMO_EXPORT
from viewer.ui.main_window import MainWindow
from viewer.userdirs import user_data_dir


@pytest.fixture
def says_yes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def question(parent: object, title: str, text: str, *args: object) -> object:
        asked.append(title)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def open_demo_checked(qtbot: QtBot, window: MainWindow) -> str:
    with qtbot.waitSignal(window.analysis.finished, timeout=30_000):
        window.open_paths([DEMO_EXPORT])
    assert window.review.export_sha is not None and window.review.store is not None
    return window.review.export_sha


def test_forget_this_export_deletes_its_review_voiceprints_and_voice_answers(
        qtbot: QtBot, window: MainWindow, says_yes: list[str]) -> None:
    sha = open_demo_checked(qtbot, window)
    result = window.analysis.result
    assert result is not None
    review = window.review.store
    assert review is not None
    path, digest = next(iter(result.member_sha256.items()))
    review.set_mark(sha, path, "not-mine")
    review.put_embeddings("m", {digest: np.ones(4, np.float32)}, export=sha)
    review.save_profile({"people": ["Max"], "voices": [{"answer": "not-us",
                                                        "sha256": [digest]}]})
    assert window.commands.forget_export.isEnabled()
    window.commands.forget_export.trigger()
    assert says_yes == ["Forget This Export"]
    assert window.session.export is None  # closed first, so no check re-creates it
    assert review.marks(sha) == {}
    assert review.get_embeddings("m", [digest]) == {}
    assert review.get_cached(sha, "member-sha256", 1) is None
    # The user's own profile stays; only the answers about this export's voices go.
    assert review.load_profile() == {"people": ["Max"], "voices": []}
    assert not window.commands.forget_export.isEnabled()


def test_forget_everything_deletes_the_store_and_recorded_samples(
        qtbot: QtBot, window: MainWindow, says_yes: list[str]) -> None:
    sha = open_demo_checked(qtbot, window)
    review = window.review.store
    assert review is not None
    review.save_profile({"people": ["Max"]})
    samples = user_data_dir(create=True) / "voice"
    samples.mkdir()
    (samples / "sample-1.wav").write_bytes(b"RIFF")
    window.commands.forget_everything.trigger()
    assert says_yes == ["Forget Everything"]
    assert review.exports() == [] and review.load_profile() is None
    assert review.marks(sha) == {}
    assert not samples.exists()
    assert window.recent_menu.isEnabled() is False
