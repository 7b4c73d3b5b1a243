"""Record the user's voice from the microphone, for enrolment ("read this sentence aloud").

The callback only copies frames into a buffer allocated before recording starts and moves
a counter; the GUI reads ``frames_recorded`` with a timer. The recording is saved as a
16 kHz mono WAV in the user's private data folder, never anywhere else.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from viewer.userdirs import ensure_private_dir

RATE = 16_000
#: What a person reads aloud: varied sounds, about six seconds at a calm pace.
SENTENCES = (
    "The quick brown fox jumps over the lazy dog while the radio plays quietly.",
    "Der Zug nach Hamburg fährt heute um halb acht von Gleis sieben ab.",
)

InputStreamFactory = Callable[[int, int, Callable[..., None]], Any]


class CaptureError(Exception):
    """Recording is impossible here; the message says why, for a person."""


def input_available() -> tuple[bool, str]:
    """``(True, device name)`` when a microphone can be opened, else ``(False, reason)``."""
    try:
        import sounddevice

        info = sounddevice.query_devices(kind="input")
    except Exception as error:  # OSError without PortAudio, PortAudioError without a device
        return False, f"No microphone was found ({error})."
    if not info or int(info.get("max_input_channels", 0)) < 1:
        return False, "No microphone was found."
    return True, str(info.get("name", ""))


def _sounddevice_input(rate: int, channels: int, callback: Callable[..., None]) -> Any:
    import sounddevice

    return sounddevice.InputStream(samplerate=rate, channels=channels, dtype="float32",
                                   callback=callback)


class VoiceRecorder:
    """Records up to ``seconds`` of mono audio; ``stop()`` ends it early."""

    def __init__(self, seconds: float = 8.0, *,
                 stream_factory: InputStreamFactory | None = None) -> None:
        self._buffer = np.zeros(int(seconds * RATE), dtype=np.float32)
        self._frames = 0
        self._factory = stream_factory or _sounddevice_input
        self._stream: Any = None
        self._lock = threading.Lock()

    @property
    def frames_recorded(self) -> int:
        return self._frames

    @property
    def seconds_recorded(self) -> float:
        return self._frames / RATE

    @property
    def full(self) -> bool:
        return self._frames >= len(self._buffer)

    def level(self) -> float:
        """Peak level of the last 0.1 s, 0..1, for a meter."""
        end = self._frames
        return float(np.abs(self._buffer[max(0, end - RATE // 10):end]).max(initial=0.0))

    def _callback(self, indata: np.ndarray, frames: int, _time: Any, _status: Any) -> None:
        # Copy and count, nothing else: no allocation, no locks held, no Qt.
        start = self._frames
        count = min(frames, len(self._buffer) - start)
        if count > 0:
            self._buffer[start:start + count] = indata[:count, 0]
            self._frames = start + count

    def start(self) -> None:
        with self._lock:
            try:
                self._stream = self._factory(RATE, 1, self._callback)
                self._stream.start()
            except CaptureError:
                raise
            except Exception as error:
                self._stream = None
                raise CaptureError(f"The microphone could not be opened ({error}).") from error

    def stop(self) -> np.ndarray:
        """End recording; returns what was recorded (mono float32 at ``RATE``)."""
        with self._lock:
            if self._stream is not None:
                try:
                    self._stream.stop()
                    self._stream.close()
                finally:
                    self._stream = None
        return self._buffer[:self._frames].copy()


def save_sample(samples: np.ndarray, folder: Path) -> Path:
    """Write a voice sample as a WAV in ``folder`` (created private); returns its path."""
    import soundfile

    ensure_private_dir(folder)
    path = folder / f"voice-sample-{datetime.now():%Y%m%d-%H%M%S}.wav"
    # Created 0600 before a byte is written: a voice is as personal as data gets.
    with os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
        soundfile.write(out, samples, RATE, format="WAV", subtype="PCM_16")
    return path
