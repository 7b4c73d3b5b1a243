"""German ships beside English, and stays complete: these fail when a string is added to the
UI without a translation, or when the compiled catalogue is older than its source."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from pytestqt.qtbot import QtBot

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "viewer" / "resources" / "translations" / "export_viewer_de.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


def messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(path).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is not None and translation.get("type") in ("vanished", "obsolete"):
                continue
            found[(name, message.findtext("source") or "")] = message
    return found


def test_catalogue_covers_every_string_in_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(path) for path in (ROOT / "viewer" / "ui").glob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(fresh)],
                   check=True, capture_output=True, timeout=120)
    missing = set(messages(fresh)) - set(messages(TS))
    assert not missing, f"run scripts/update-translations and translate: {sorted(missing)[:10]}"


def test_every_message_is_translated() -> None:
    unfinished = []
    for key, message in messages(TS).items():
        translation = message.find("translation")
        assert translation is not None
        forms = [form.text or "" for form in translation.iter("numerusform")]
        text = "".join(forms) if forms else (translation.text or "")
        if translation.get("type") == "unfinished" or not text.strip():
            unfinished.append(key)
    assert not unfinished, f"untranslated: {unfinished[:10]}"


def test_placeholders_survive_translation() -> None:
    import re

    placeholder = re.compile(r"\{[^}]*\}|%n|%p%")
    for (context, source), message in messages(TS).items():
        translation = message.find("translation")
        assert translation is not None
        forms = [form.text or "" for form in translation.iter("numerusform")] or [
            translation.text or ""]
        for form in forms:
            assert sorted(placeholder.findall(form)) == sorted(placeholder.findall(source)) or (
                "%n" in source and sorted(placeholder.findall(form.replace("%n", ""))) ==
                sorted(placeholder.findall(source.replace("%n", "")))), (context, source, form)


def test_compiled_catalogue_is_current(tmp_path: Path) -> None:
    compiled = tmp_path / "de.qm"
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS), "-qm", str(compiled)],
                   check=True, capture_output=True, timeout=120)
    assert compiled.read_bytes() == QM.read_bytes(), "run scripts/update-translations"


@pytest.fixture
def german(qtbot: QtBot) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(QM))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def test_the_window_speaks_german(qtbot: QtBot, german: None) -> None:
    from viewer.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus[0].replace("&", "") == "Datei"
    assert window.tabs.tabText(0) != "Recordings"
    assert window.filter_bar.search.placeholderText() != "Search transcripts…"
    rows = dict(window.help_overlay.rows())
    assert "Play / Pause" not in rows


def test_why_there_is_no_sound_is_said_in_german(qtbot: QtBot, german: None,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from viewer.audio import playback
    from viewer.ui.main_window import MainWindow

    # The audio layer gives a reason code (and PortAudio's English words, kept for the tooltip).
    monkeypatch.setattr(playback.PlaybackEngine, "check_output", lambda self: (
        playback.OutputCheck(playback.NoSound.NO_DEVICE, "Error querying device -1")))
    window = MainWindow(use_voice=False)
    qtbot.addWidget(window)
    assert window.transport.status.text() == (
        "Wiedergabe nicht verfügbar: kein Audioausgabegerät gefunden.")
    assert window.status.audio.text() == "Kein Ton"
    for problem in playback.NoSound:
        monkeypatch.setattr(window.player, "_output", playback.OutputCheck(problem))
        reason = window.player.unavailable_reason
        assert reason and "Sound" not in reason and "audio output" not in reason, problem
