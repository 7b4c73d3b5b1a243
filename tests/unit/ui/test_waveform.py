"""WaveformWidget: seeking by mouse and keyboard, playhead, and real rendering."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from viewer.audio.peaks import compute_peaks
from viewer.ui.waveform import WaveformWidget, format_time

DURATION = 8.0


@pytest.fixture
def waveform(qtbot: QtBot) -> WaveformWidget:
    widget = WaveformWidget()
    qtbot.addWidget(widget)
    widget.resize(400, 100)
    samples = np.sin(np.arange(16_000 * 8) / 5.0).astype(np.float32) * 0.5
    widget.set_duration(DURATION)
    widget.set_peaks(compute_peaks(samples, 2_000))
    return widget


def test_click_at_a_quarter_seeks_to_a_quarter(qtbot: QtBot, waveform: WaveformWidget) -> None:
    requests: list[float] = []
    waveform.seek_requested.connect(requests.append)
    with qtbot.waitSignal(waveform.scrub_finished) as finished:
        qtbot.mouseClick(waveform, Qt.MouseButton.LeftButton, pos=QPoint(100, 50))
    assert requests == [pytest.approx(DURATION / 4)]  # one seek per click, not two
    assert finished.args == [pytest.approx(DURATION / 4)]
    assert waveform.position_s == pytest.approx(DURATION / 4)


def test_drag_scrubs_continuously(qtbot: QtBot, waveform: WaveformWidget) -> None:
    requests: list[float] = []
    finished: list[float] = []
    waveform.seek_requested.connect(requests.append)
    waveform.scrub_finished.connect(finished.append)
    qtbot.mousePress(waveform, Qt.MouseButton.LeftButton, pos=QPoint(40, 50))
    for x in (80, 160, 240):
        qtbot.mouseMove(waveform, QPoint(x, 50))
    waveform.set_position(0.1)  # the player's timer must not yank the playhead mid-drag
    qtbot.mouseRelease(waveform, Qt.MouseButton.LeftButton, pos=QPoint(300, 50))
    assert requests == pytest.approx([0.8, 1.6, 3.2, 4.8, 6.0])
    assert finished == [pytest.approx(6.0)]
    assert waveform.position_s == pytest.approx(6.0)


def test_keys_nudge_by_a_second(qtbot: QtBot, waveform: WaveformWidget) -> None:
    waveform.set_position(3.0)
    requests: list[float] = []
    waveform.seek_requested.connect(requests.append)
    qtbot.keyClick(waveform, Qt.Key.Key_Right)
    qtbot.keyClick(waveform, Qt.Key.Key_Right)
    qtbot.keyClick(waveform, Qt.Key.Key_Left)
    qtbot.keyClick(waveform, Qt.Key.Key_Home)
    qtbot.keyClick(waveform, Qt.Key.Key_Left)  # clamped at the start
    qtbot.keyClick(waveform, Qt.Key.Key_End)
    assert requests == [4.0, 5.0, 4.0, 0.0, 0.0, DURATION]


def test_no_duration_means_no_seeking(qtbot: QtBot) -> None:
    widget = WaveformWidget()
    qtbot.addWidget(widget)
    widget.resize(200, 80)
    with qtbot.assertNotEmitted(widget.seek_requested):
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(50, 40))
        qtbot.keyClick(widget, Qt.Key.Key_Right)


def test_set_position_clamps_and_repaints(waveform: WaveformWidget) -> None:
    waveform.set_position(2.0)
    assert waveform.position_s == 2.0
    waveform.set_position(99)
    assert waveform.position_s == DURATION
    waveform.set_position(-1)
    assert waveform.position_s == 0.0


def _pixel(widget: WaveformWidget, x: int, y: int) -> QColor:
    image = widget.grab().toImage()
    ratio = image.devicePixelRatio()
    return image.pixelColor(int(x * ratio), int(y * ratio))


def test_grab_renders_played_part_tinted(waveform: WaveformWidget) -> None:
    waveform.set_position(DURATION / 2)
    image = waveform.grab().toImage()
    assert not image.isNull() and image.width() >= 400
    colours = {image.pixelColor(x, y).rgb() for x in range(0, image.width(), 7)
               for y in range(0, image.height(), 5)}
    assert len(colours) > 8  # ruler, waveform, tint, playhead: not a blank rectangle
    base = waveform.palette().color(QPalette.ColorRole.Base)
    # Near the bottom edge, below the waveform: plain base after the playhead, tinted before.
    assert _pixel(waveform, 390, 98) == base
    assert _pixel(waveform, 10, 98) != base


def test_dark_palette_is_followed(waveform: WaveformWidget) -> None:
    palette = waveform.palette()
    palette.setColor(QPalette.ColorRole.Base, QColor(20, 20, 24))
    palette.setColor(QPalette.ColorRole.Text, QColor(230, 230, 230))
    waveform.setPalette(palette)
    waveform.set_position(0.0)
    assert _pixel(waveform, 390, 98) == QColor(20, 20, 24)


def test_message_replaces_the_waveform(waveform: WaveformWidget) -> None:
    with_peaks = waveform.grab().toImage()
    waveform.set_message("Decoding…")
    assert waveform.message == "Decoding…"
    assert waveform.grab().toImage() != with_peaks
    waveform.set_peaks(np.zeros((10, 2), dtype=np.float32))
    assert waveform.message == ""
    waveform.clear()
    assert waveform.duration_s == 0 and waveform.position_s == 0


def test_accessible_and_focusable(waveform: WaveformWidget) -> None:
    assert waveform.accessibleName()
    assert "Left" in waveform.accessibleDescription()
    assert waveform.focusPolicy() == Qt.FocusPolicy.StrongFocus


@pytest.mark.parametrize(("seconds", "step", "text"), [
    (0, 1, "0:00"), (65.4, 1, "1:05"), (3_725, 60, "1:02:05"), (1.5, 0.5, "0:01.5"),
    (61.25, 0.1, "1:01.2"),
])
def test_format_time(seconds: float, step: float, text: str) -> None:
    assert format_time(seconds, step) == text
