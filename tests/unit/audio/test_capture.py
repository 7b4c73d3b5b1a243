"""Recording the user's voice: the callback fills a fixed buffer; a real ALSA capture runs."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import soundfile

from viewer.audio.capture import RATE, VoiceRecorder, input_available, save_sample


class FakeInput:
    """Calls the callback with blocks of a tone when started, like an audio thread would."""

    def __init__(self, rate: int, channels: int, callback: Any, seconds: float = 3.0) -> None:
        self.callback = callback
        self.seconds = seconds

    def start(self) -> None:
        tone = (0.5 * np.sin(np.arange(int(self.seconds * RATE)) / 10)).astype(np.float32)
        for start in range(0, len(tone), 512):
            block = tone[start:start + 512, None]
            self.callback(block, len(block), None, None)

    def stop(self) -> None:
        pass

    def close(self) -> None:
        pass


def test_recorder_copies_frames_and_stops_when_full(tmp_path: Path) -> None:
    recorder = VoiceRecorder(2.0, stream_factory=lambda r, c, cb: FakeInput(r, c, cb, 3.0))
    recorder.start()
    assert recorder.full and recorder.frames_recorded == 2 * RATE  # never past the buffer
    samples = recorder.stop()
    assert samples.shape == (2 * RATE,)
    assert 0.45 < recorder.level() <= 0.5
    path = save_sample(samples, tmp_path / "voice")
    assert path.stat().st_mode & 0o077 == 0
    data, rate = soundfile.read(str(path))
    assert rate == RATE and len(data) == 2 * RATE


def test_real_capture_through_alsa() -> None:
    """The null device (~/.asoundrc in CI) records silence: frames arrive, counted not timed."""
    available, reason = input_available()
    if not available:
        pytest.skip(f"no audio input device: {reason}")
    recorder = VoiceRecorder(1.0)
    recorder.start()
    deadline = time.monotonic() + 10
    while recorder.frames_recorded < RATE // 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    samples = recorder.stop()
    assert len(samples) >= RATE // 4
