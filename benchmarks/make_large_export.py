"""Deterministic Amazon-style export with many recordings of real speech, for the benchmarks.

Shaped like the 2018 case and like the demo export, at scale: one owner household (A) with
two registered Echo devices and its transcripts in the NLU table, and a stranger household
(B) mixed in — its own device in the activity tables only, its transcripts only in an
unsorted PDF. Everything sits in a ZIP inside the download ZIP (a nested archive).

Audio is real read speech at 16 kHz mono 16-bit, cut into voice-command lengths: 1-8 s,
log-normal around 2.4 s (mean 2.6 s), from a random place in one utterance, with 10 ms fades.
The speech is the 251 LibriSpeech train-clean-100 utterances in
``/work/shared/speech/librispeech_train-clean-100`` (one per speaker, 12.5 s on average; set
``BENCH_SPEECH_DIR`` or ``--speech`` when they are elsewhere; without them ``build`` stops with
``SpeechMissingError`` naming the folder). Each household keeps its two voices: the men are
dealt to the first voice of A and of B, the women to the second, so a "voice" is a group of
about 63 speakers, one of whom says each clip (all chosen by the seed). 1,700 clips come to
~140 MB, close to the 2018 export's ~100 MB of ~1,700 WAVs.

LibriSpeech: V. Panayotov, G. Chen, D. Povey, S. Khudanpur, "LibriSpeech: an ASR corpus
based on public domain audio books", ICASSP 2015; www.openslr.org/12; licence CC BY 4.0. The
generated exports hold cut copies of it: they are for measuring, not for publishing.

    .venv/bin/python benchmarks/make_large_export.py --count 1700
    .venv/bin/python benchmarks/make_large_export.py --count 10000
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import random
import sys
import wave
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.helpers.minipdf import pdf_bytes

RATE = 16_000
FIXED = (2024, 11, 5, 8, 0, 0)
#: The LibriSpeech utterances; ``BENCH_SPEECH_DIR`` in the environment or ``--speech``
#: overrides it.
SPEECH_DIR = Path(os.environ.get("BENCH_SPEECH_DIR",
                                  "/work/shared/speech/librispeech_train-clean-100"))
# (household, speakers' sex in LibriSpeech's SPEAKERS.TXT, device serial)
VOICES = (("A", "M", "G090LF1187654321"), ("A", "F", "G0911W0612345678"),
          ("B", "M", "G2A0US9876543210"), ("B", "F", "G2A0US9876543210"))
DEVICES = {"G090LF1187654321": ("Echo Dot", "de-DE", "amazon.de"),
           "G0911W0612345678": ("Echo Show 8", "de-DE", "amazon.de"),
           "G2A0US9876543210": ("Echo (4th Gen)", "en-US", "amazon.com")}
COMMANDS = {"A": ("alexa wie wird das wetter", "alexa stell einen timer auf zehn minuten",
                  "alexa spiel deutschlandfunk", "alexa mach das licht aus"),
            "B": ("alexa what's the weather in boston", "alexa set an alarm for six thirty",
                  "alexa play npr news", "alexa turn off the lights")}
#: Clip lengths: log-normal (median, sigma), clipped to 1-8 s.
CLIP_MEDIAN_S, CLIP_SIGMA, CLIP_MIN_S, CLIP_MAX_S = 2.4, 0.45, 1.0, 8.0
_FADE = RATE // 100  # 10 ms in and out, so a cut mid-word does not click


class SpeechMissingError(FileNotFoundError):
    """The LibriSpeech folder is not there. ``str(error)`` says where it was looked for."""


def load_speech(folder: Path = SPEECH_DIR) -> dict[str, tuple[str, np.ndarray]]:
    """``{speaker: (sex, int16 samples)}`` of every ``SPEAKER-CHAPTER-UTTERANCE.flac``."""
    import soundfile

    files = sorted(folder.glob("*.flac")) if folder.is_dir() else []
    sexes = _speaker_sexes(folder / "SPEAKERS.TXT")
    if not files or not sexes:
        raise SpeechMissingError(
            f"the benchmark export needs real speech: no LibriSpeech FLAC files and "
            f"SPEAKERS.TXT in {folder} (251 train-clean-100 utterances, 16 kHz mono; set "
            f"BENCH_SPEECH_DIR or --speech to where they are)")
    speech = {}
    for path in files:
        samples, rate = soundfile.read(path, dtype="int16")
        if rate != RATE or samples.ndim != 1:
            raise SpeechMissingError(f"{path} is not 16 kHz mono ({rate} Hz, shape "
                                     f"{samples.shape}): the benchmark needs LibriSpeech's")
        speaker = path.name.split("-")[0]
        speech[speaker] = (sexes[speaker], samples)
    return speech


def _speaker_sexes(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    sexes = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = [field.strip() for field in line.split("|")]
        if not line.startswith(";") and len(fields) >= 2:
            sexes[fields[0]] = fields[1]
    return sexes


def deal_speakers(speech: dict[str, tuple[str, np.ndarray]], seed: int,
                  ) -> list[list[np.ndarray]]:
    """For each of ``VOICES``, its speakers' utterances: each sex shuffled and dealt in turn."""
    shuffle = random.Random(seed)
    groups: list[list[np.ndarray]] = [[] for _ in VOICES]
    for sex in sorted({sex for _, sex, _ in VOICES}):
        slots = [index for index, (_, voice_sex, _) in enumerate(VOICES) if voice_sex == sex]
        speakers = sorted(speaker for speaker, (s, _) in speech.items() if s == sex)
        shuffle.shuffle(speakers)
        for number, speaker in enumerate(speakers):
            groups[slots[number % len(slots)]].append(speech[speaker][1])
    if not all(groups):
        raise SpeechMissingError("the speech folder has too few speakers of each sex")
    return groups


def clip(generator: np.random.Generator, utterances: list[np.ndarray]) -> bytes:
    """A WAV of one voice-command-long cut from one of ``utterances``."""
    utterance = utterances[int(generator.integers(len(utterances)))]
    seconds = float(np.clip(generator.lognormal(np.log(CLIP_MEDIAN_S), CLIP_SIGMA),
                            CLIP_MIN_S, CLIP_MAX_S))
    # At least half a second of choice for the start, so short utterances give distinct clips.
    frames = max(1, min(len(utterance) - RATE // 2, int(seconds * RATE)))
    start = int(generator.integers(0, len(utterance) - frames + 1))
    signal = utterance[start:start + frames].astype(np.float32)
    ramp = np.linspace(0.0, 1.0, min(_FADE, frames // 2), dtype=np.float32)
    if len(ramp):
        signal[:len(ramp)] *= ramp
        signal[len(signal) - len(ramp):] *= ramp[::-1]
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(RATE)
        writer.writeframes(np.round(signal).astype("<i2").tobytes())
    return buffer.getvalue()


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return text.getvalue().encode()


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def build(count: int, out: Path, seed: int = 2018, speech_dir: Path = SPEECH_DIR) -> Path:
    """Write the export of ``count`` recordings to ``out``; the same bytes for the same seed.

    Raises ``SpeechMissingError`` when ``speech_dir`` holds no LibriSpeech utterances.
    """
    voices = deal_speakers(load_speech(speech_dir), seed)
    generator = np.random.default_rng(seed)
    speech_generator = np.random.default_rng([seed, 1])
    shuffle = random.Random(seed)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    audio: dict[str, bytes] = {}
    audio_seen: set[bytes] = set()
    intents: list[list[str]] = []
    geolocation: list[list[str]] = []
    sessions: list[list[str]] = []
    pdf_lines: list[str] = []
    for number in range(count):
        household, _, serial = VOICES[number % len(VOICES)]
        said = start + timedelta(minutes=number * 37 + int(generator.integers(0, 30)),
                                 seconds=float(generator.uniform(0, 59)))
        began = said - timedelta(seconds=float(generator.uniform(0.3, 1.2)))
        name = f"Alexa/Audio/utterance_{began:%Y%m%dT%H%M%S}Z.wav"
        recording = clip(speech_generator, voices[number % len(VOICES)])
        while recording in audio_seen:  # rare: the same cut twice; an export has no twins
            recording = clip(speech_generator, voices[number % len(VOICES)])
        audio_seen.add(recording)
        audio[name] = recording
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


def describe_audio(path: Path) -> str:
    """What the recordings of an export made by ``build`` are, from their WAV headers."""
    seconds, rates = [], set()
    with (zipfile.ZipFile(path) as outer, outer.open("Alexa_1.zip") as stored,
          zipfile.ZipFile(stored) as inner):
        for name in inner.namelist():
            if name.endswith(".wav"):
                with inner.open(name) as member, wave.open(member) as reader:
                    seconds.append(reader.getnframes() / reader.getframerate())
                    rates.add(reader.getframerate())
    return (f"{len(seconds)} WAV clips of real speech (LibriSpeech), "
            f"{'/'.join(f'{rate / 1000:g}' for rate in sorted(rates))} kHz, "
            f"{min(seconds):.1f}-{max(seconds):.1f} s, mean {np.mean(seconds):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1700)
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--speech", type=Path, default=SPEECH_DIR,
                        help=f"the LibriSpeech FLAC folder (default: {SPEECH_DIR})")
    args = parser.parse_args()
    out = args.out or Path(__file__).parent / "out" / f"large-{args.count}.zip"
    try:
        path = build(args.count, out, speech_dir=args.speech)
    except SpeechMissingError as error:
        raise SystemExit(f"make_large_export: {error}") from None
    print(f"{path}: {args.count} recordings, {path.stat().st_size / 1e6:.1f} MB; "
          f"{describe_audio(path)}")


if __name__ == "__main__":
    main()
