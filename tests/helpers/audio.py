"""Small real audio for tests: tones via numpy + soundfile, speech via espeak-ng."""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np
import soundfile


def tone(seconds: float = 0.5, rate: int = 16_000, frequency: float = 440.0) -> np.ndarray:
    frames = int(seconds * rate)
    return (0.3 * np.sin(2 * np.pi * frequency * np.arange(frames) / rate)).astype(np.float32)


def audio_bytes(seconds: float = 0.5, rate: int = 16_000, *, format: str = "WAV",
                subtype: str | None = None, frequency: float = 440.0) -> bytes:
    """Encoded audio: format "WAV", "FLAC", "OGG" (subtype "VORBIS" or "OPUS"), "MP3"."""
    if format == "OGG" and subtype == "OPUS":
        rate = 48_000  # Opus runs at 48 kHz
    buffer = io.BytesIO()
    soundfile.write(buffer, tone(seconds, rate, frequency), rate, format=format, subtype=subtype)
    return buffer.getvalue()


def wav_bytes(seconds: float = 0.5, rate: int = 16_000, frequency: float = 440.0) -> bytes:
    return audio_bytes(seconds, rate, format="WAV", subtype="PCM_16", frequency=frequency)


def espeak_wav(text: str, voice: str = "en", rate: int = 16_000) -> bytes:
    """Speech from espeak-ng, resampled to ``rate`` mono 16-bit with sox."""
    if not shutil.which("espeak-ng") or not shutil.which("sox"):
        raise RuntimeError("espeak-ng and sox are needed (apt install espeak-ng sox)")
    with tempfile.TemporaryDirectory() as folder:
        raw, out = Path(folder) / "raw.wav", Path(folder) / "out.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-w", str(raw), text], check=True)
        subprocess.run(["sox", str(raw), "-r", str(rate), "-c", "1", "-b", "16", "-D", str(out)],
                       check=True)
        return out.read_bytes()
