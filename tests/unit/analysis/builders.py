"""Small ExportContents built in code for the detector tests (no archive, no I/O)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from viewer.analysis.detectors import CheckContext
from viewer.model import (
    Device,
    ExportContents,
    Fact,
    Link,
    LinkMethod,
    Recording,
    SourceRef,
    TranscriptEntry,
)

GEO = "Additional Data/Alexa/Alexa/Geolocation/Geolocation-1-1.csv"
SESSIONS = ("Additional Data/Alexa and Echo Devices.Device_Session_Events/"
            "Device_Session_Events-1-1.csv")
REGISTRATION = "Your Alexa & Echo Devices/Device Registration.csv"
INTENTS = "Additional Data/Alexa/Alexa/NLU/Intent-1-1.csv"
PDF = "Additional Data/Alexa/Alexa/Transcripts.pdf"
T0 = datetime(2024, 8, 1, 12, 0, tzinfo=UTC)
NO_CONTEXT = CheckContext()


def recording(number: int, *, device: str | None = None, start: datetime | None = None,
              locale: str | None = None, marketplace: str | None = None,
              fmt: str = "amazon-alexa", extra: tuple[Fact, ...] = (),
              duration: float | None = 2.0) -> Recording:
    row = SourceRef(GEO, f"row {number + 1}")
    session = SourceRef(SESSIONS, f"row {number + 1}")
    facts: list[Fact] = []
    if device:
        facts.append(Fact("device_serial", device, row))
    if locale:
        facts.append(Fact("device_locale", locale, session))
    if marketplace:
        facts.append(Fact("marketplace", marketplace, session))
    return Recording(path=f"Audio/utterance_{number:04d}.wav", format=fmt,
                     start=start or T0 + timedelta(hours=number), time_precision_s=1.0,
                     duration_s=duration, device=device, facts=(*facts, *extra))


def registered(serial: str, row: int = 2, *, model: str = "Echo Dot",
               first: datetime | None = None, last: datetime | None = None,
               gone: datetime | None = None, offset: str | None = "+01:00",
               locale: str | None = "de-DE", marketplace: str | None = "amazon.de") -> Device:
    return Device(key=serial, serial=serial, model=model, registered=first,
                  last_registered=last, deregistered=gone, time_offset=offset, locale=locale,
                  marketplace=marketplace, registered_in_export=True,
                  sources=(SourceRef(REGISTRATION, f"row {row}"),))


def seen_only(serial: str, *, locale: str | None = "en-US",
              marketplace: str | None = "amazon.com") -> Device:
    return Device(key=serial, serial=serial, device_type="Echo (4th Gen)", locale=locale,
                  marketplace=marketplace, sources=(SourceRef(GEO),))


def transcribed(recordings: list[Recording], texts: list[str], *, fmt: str = "amazon-alexa",
                ) -> tuple[tuple[TranscriptEntry, ...], tuple[Link, ...]]:
    entries, links = [], []
    for number, (rec, text) in enumerate(zip(recordings, texts, strict=True), start=2):
        path = PDF if fmt == "transcript-pdf" else INTENTS
        locator = f"row {number}" if fmt != "transcript-pdf" else f"page 1, line {number}"
        entry = TranscriptEntry(id=f"{path}#{locator}", source=SourceRef(path, locator),
                                format=fmt, time=rec.start, text=text)
        entries.append(entry)
        links.append(Link(rec.path, entry.id, LinkMethod.TIME, 1.0, 0.9))
    return tuple(entries), tuple(links)


def contents(recordings: list[Recording], devices: tuple[Device, ...] = (),
             transcripts: tuple[TranscriptEntry, ...] = (),
             links: tuple[Link, ...] = ()) -> ExportContents:
    return ExportContents(formats=("amazon-alexa",), recordings=tuple(recordings),
                          devices=devices, transcripts=transcripts, links=links)
