"""Deterministic Amazon-style export with many recordings, for the benchmarks.

Shaped like the 2018 case and like the demo export, at scale: one owner household (A) with
two registered Echo devices and its transcripts in the NLU table, and a stranger household
(B) mixed in — its own device in the activity tables only, its transcripts only in an
unsorted PDF. Everything sits in a ZIP inside the download ZIP (a nested archive).

Clips last 1-8 s (uniform) at 8 kHz mono 16-bit: 1,700 of them come to ~120 MB, close to the
2018 export's ~100 MB of ~1,700 WAVs (at 16 kHz the same lengths would be ~250 MB). Audio is
synthetic speech-like sound (harmonics with a syllable envelope) in four voices, two per
household, so generation takes seconds; real espeak-ng speech lives in the demo export.

    .venv/bin/python benchmarks/make_large_export.py --count 1700
    .venv/bin/python benchmarks/make_large_export.py --count 10000
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
import wave
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers.minipdf import pdf_bytes

RATE = 8_000
FIXED = (2024, 11, 5, 8, 0, 0)
# (household, fundamental Hz, device serial)
VOICES = (("A", 110.0, "G090LF1187654321"), ("A", 210.0, "G0911W0612345678"),
          ("B", 130.0, "G2A0US9876543210"), ("B", 190.0, "G2A0US9876543210"))
DEVICES = {"G090LF1187654321": ("Echo Dot", "de-DE", "amazon.de"),
           "G0911W0612345678": ("Echo Show 8", "de-DE", "amazon.de"),
           "G2A0US9876543210": ("Echo (4th Gen)", "en-US", "amazon.com")}
COMMANDS = {"A": ("alexa wie wird das wetter", "alexa stell einen timer auf zehn minuten",
                  "alexa spiel deutschlandfunk", "alexa mach das licht aus"),
            "B": ("alexa what's the weather in boston", "alexa set an alarm for six thirty",
                  "alexa play npr news", "alexa turn off the lights")}


def clip(generator: np.random.Generator, seconds: float, pitch: float) -> bytes:
    frames = int(seconds * RATE)
    t = np.arange(frames) / RATE
    vibrato = pitch * (1 + 0.03 * np.sin(2 * np.pi * 5 * t))
    phase = 2 * np.pi * np.cumsum(vibrato) / RATE
    voice = sum(np.sin(k * phase) / k for k in range(1, 8))
    syllables = 0.5 * (1 + np.sin(2 * np.pi * 4 * t + generator.uniform(0, 6)))
    noise = generator.normal(0, 0.02, frames)
    signal = np.clip(0.25 * voice * syllables + noise, -1, 1)
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(RATE)
        writer.writeframes((signal * 32767).astype("<i2").tobytes())
    return buffer.getvalue()


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode()


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def build(count: int, out: Path, seed: int = 2018) -> Path:
    generator = np.random.default_rng(seed)
    shuffle = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    audio: dict[str, bytes] = {}
    intents: list[list[str]] = []
    geolocation: list[list[str]] = []
    sessions: list[list[str]] = []
    pdf_lines: list[str] = []
    for number in range(count):
        household, pitch, serial = VOICES[number % len(VOICES)]
        said = start + timedelta(minutes=number * 37 + int(generator.integers(0, 30)),
                                 seconds=float(generator.uniform(0, 59)))
        began = said - timedelta(seconds=float(generator.uniform(0.3, 1.2)))
        name = f"Alexa/Audio/utterance_{began:%Y%m%dT%H%M%S}Z.wav"
        audio[name] = clip(generator, float(generator.uniform(1.0, 8.0)), pitch)
        text = COMMANDS[household][number % 4]
        model, locale, marketplace = DEVICES[serial]
        geolocation.append(["DEVICE_ADDRESS", "13.40" if household == "A" else "-71.06", "25",
                            "52.52" if household == "A" else "42.36", _iso(said), serial])
        sessions.append([model, "Alexa", locale, marketplace, _iso(said)])
        if household == "A":
            intents.append(["Not Available", "Not Available", "Not Available", text, _iso(said)])
        else:
            pdf_lines.append(f"{said:%Y-%m-%d %H:%M:%S} UTC  {text}")
    shuffle.shuffle(pdf_lines)  # as in 2018: in no order
    pages = [["Alexa voice history", *pdf_lines[i:i + 45]] for i in range(0, len(pdf_lines), 45)]
    alexa = {
        **audio,
        "Alexa/NLU/Intent-1-1.csv": _csv(["Currently Playing Song", "Screen Contents",
                                          "Contact Name", "Utterance text",
                                          "Utterance Creation Date"], intents),
        "Alexa/Geolocation/Geolocation-1-1.csv": _csv(
            ["sourceOfLocation", "longitudeInDegrees", "coordinatesAccuracyInMeters",
             "latitudeInDegrees", "eventDate", "deviceSerialNumber"], geolocation),
        "Alexa and Echo Devices.Device_Session_Events/Device_Session_Events-1-1.csv": _csv(
            ["Device Type", "Device Application", "Device Locale", "Marketplace",
             "Event Creation Date"], sessions),
        "Alexa/Transcripts.pdf": pdf_bytes(pages, title="Alexa voice history"),
    }
    registration = _csv(
        ["Account Name", "Amazon Device Model Name", "Current Firmware Version",
         "Customer Login Pool", "Customer Type", "Device Account Role", "Device Model",
         "Device Pairing Details", "Device Serial Number", "First Time Registered",
         "IP Address", "Last Time Registered", "Local Time Offset", "State",
         "Time Deregistered"],
        [["Max Mustermann", model, "Not Available", "EU", "Not Available", "Not Available",
          "Not Available", "Not Available", serial, "2023-11-02T18:04:11Z", "Not Available",
          "2024-10-29T08:00:00Z", "+01:00", "REGISTERED", "Not Available"]
         for serial, (model, locale, _) in DEVICES.items() if locale == "de-DE"])
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w", zipfile.ZIP_STORED) as archive:
        for name in sorted(alexa):
            archive.writestr(zipfile.ZipInfo(f"Additional Data/{name}", FIXED), alexa[name])
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as outer:
        outer.writestr(zipfile.ZipInfo("Your Alexa & Echo Devices/Device Registration.csv",
                                       FIXED), registration)
        outer.writestr(zipfile.ZipInfo("Your Orders/Retail.OrderHistory.1.csv", FIXED),
                       "Order ID,Order Date\n" + "1,2024-01-01\n" * 50)
        outer.writestr(zipfile.ZipInfo("Alexa_1.zip", FIXED), inner.getvalue(),
                       compress_type=zipfile.ZIP_STORED)
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
