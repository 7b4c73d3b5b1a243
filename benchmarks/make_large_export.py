"""Deterministic Amazon-style export with many recordings, for the benchmarks.

The 2018 export held ~1,700 WAVs in ~100 MB, i.e. ~60 KB (about 1.9 s at 16 kHz) each. Clips
here last 0.8-3.2 s, so 1,700 of them come to ~100 MB like the real one. Audio is synthetic
(voiced-speech-like harmonics with a syllable envelope, two "speakers" per household) so that
generation takes seconds; the demo export is where real espeak-ng speech lives.

Layout (older Amazon vintage, a ZIP of ZIPs): ``Alexa_1.zip!/Audio and Transcription/``
with ``Transcriptions-1.csv`` / ``-2.csv`` naming each WAV, plus the outer ``Retail/`` data.

    .venv/bin/python benchmarks/make_large_export.py --count 1700
"""

from __future__ import annotations

import argparse
import csv
import io
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

RATE = 16_000
# Household A (the owner) and B (the stranger): two fundamental frequencies each.
SPEAKERS = (("A", 110.0), ("A", 210.0), ("B", 130.0), ("B", 190.0))
COMMANDS = ("alexa what's the weather", "alexa set a timer for ten minutes", "alexa play music",
            "alexa turn off the lights", "alexa what time is it", "alexa add milk to my list")


def clip(generator: np.random.Generator, seconds: float, pitch: float) -> bytes:
    frames = int(seconds * RATE)
    t = np.arange(frames) / RATE
    vibrato = pitch * (1 + 0.03 * np.sin(2 * np.pi * 5 * t))
    phase = 2 * np.pi * np.cumsum(vibrato) / RATE
    voice = sum(np.sin(k * phase) / k for k in range(1, 8))
    syllables = 0.5 * (1 + np.sin(2 * np.pi * 4 * t + generator.uniform(0, 6)))
    noise = generator.normal(0, 0.02, frames)
    signal = (0.25 * voice * syllables + noise).astype(np.float32)
    pcm = (np.clip(signal, -1, 1) * 32767).astype("<i2")
    buffer = io.BytesIO()
    import wave

    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(RATE)
        writer.writeframes(pcm.tobytes())
    return buffer.getvalue()


def build(count: int, out: Path, seed: int = 2018) -> Path:
    generator = np.random.default_rng(seed)
    start = datetime(2018, 1, 1, tzinfo=UTC)
    inner = io.BytesIO()
    rows: list[list[str]] = []
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_STORED) as alexa:
        for number in range(count):
            household, pitch = SPEAKERS[number % len(SPEAKERS)]
            moment = start + timedelta(minutes=int(number * 37 + generator.integers(0, 30)))
            name = f"{number + 1:04d}.wav"
            seconds = float(generator.uniform(0.8, 3.2))
            info = zipfile.ZipInfo(f"Audio and Transcription/{name}", (2018, 8, 1, 12, 0, 0))
            alexa.writestr(info, clip(generator, seconds, pitch))
            rows.append([moment.strftime("%Y-%m-%d %H:%M:%S"), COMMANDS[number % len(COMMANDS)],
                         name, "OK" if household == "A" else "Okay"])
        half = (len(rows) + 1) // 2
        for part, chunk in enumerate((rows[:half], rows[half:]), start=1):
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(["Date", "Request", "Audio file", "Response"])
            writer.writerows(chunk)
            info = zipfile.ZipInfo(f"Audio and Transcription/Transcriptions-{part}.csv",
                                   (2018, 8, 1, 12, 0, 0))
            alexa.writestr(info, text.getvalue(), compress_type=zipfile.ZIP_DEFLATED)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as outer:
        for name in ("Retail.OrderHistory.1.csv", "Retail.Searches.csv"):
            info = zipfile.ZipInfo(f"Retail/{name}", (2018, 8, 1, 12, 0, 0))
            outer.writestr(info, "Order ID,Date\n" + "1,2018-01-01\n" * 50)
        info = zipfile.ZipInfo("Alexa_1.zip", (2018, 8, 1, 12, 0, 0))
        outer.writestr(info, inner.getvalue(), compress_type=zipfile.ZIP_STORED)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1700)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    out = args.out or Path(__file__).parent / "out" / f"large-{args.count}.zip"
    path = build(args.count, out)
    print(f"{path}: {args.count} recordings, {path.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
