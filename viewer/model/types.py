"""Small frozen dataclasses for recordings, transcripts, devices and accounts.

Every fact keeps where it came from (a ``SourceRef``: member path plus row, record, line or
page), because a person must be able to check each claim the app makes against the export.
All times are timezone-aware UTC; a time that the export gives without a zone is marked so.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where in the export something was read: ``Intent-1-1.csv`` row 12, page 2 line 4..."""

    path: str
    #: "row 12", "record 3", "line 7", "page 2, line 4"; empty for the whole file.
    locator: str = ""

    def __str__(self) -> str:
        return f"{self.path} ({self.locator})" if self.locator else self.path


@dataclass(frozen=True, slots=True)
class Fact:
    """One named fact with its provenance, e.g. ``device_locale = en-US`` from a CSV row."""

    key: str
    value: str
    source: SourceRef


class LinkMethod(StrEnum):
    EXPLICIT = "explicit"  # the transcript names the file (or an id both share)
    TIME = "time"  # nearest in time, within a tolerance
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Recording:
    """One audio member of the export."""

    path: str
    #: Importer that recognised it: "amazon-alexa", "google-takeout", "generic", ...
    format: str
    start: datetime | None = None
    #: How ``start`` was learned: "file name", "transcript", "chat line", "audio metadata"...
    time_source: str = ""
    #: How precise ``start`` is, in seconds (0.001 for ms timestamps, 60 for chat minutes).
    time_precision_s: float | None = None
    #: True when the export gave a local time without a zone and UTC was assumed.
    time_zone_assumed: bool = False
    duration_s: float | None = None
    sample_rate: int | None = None
    channels: int | None = None
    codec: str | None = None
    #: Why the audio cannot be decoded, when it cannot.
    audio_problem: str | None = None
    #: Key into ``ExportContents.devices`` (a serial number or device name).
    device: str | None = None
    #: Key into ``ExportContents.accounts``.
    account: str | None = None
    #: Who sent it (chat exports): a display name.
    sender: str | None = None
    sha256: str | None = None
    facts: tuple[Fact, ...] = ()

    def fact(self, key: str) -> str | None:
        return next((fact.value for fact in self.facts if fact.key == key), None)


@dataclass(frozen=True, slots=True)
class TranscriptEntry:
    """What was said (or, for chats, the message around a voice note)."""

    #: Unique within an export: ``<member path>#<locator>``.
    id: str
    source: SourceRef
    format: str
    time: datetime | None = None
    text: str = ""
    #: The assistant's answer, when the export has it.
    reply: str | None = None
    #: The audio file name this entry names, when it names one (explicit linking).
    audio_name: str | None = None
    speaker: str | None = None
    time_zone_assumed: bool = False
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    recording: str  # Recording.path
    transcript: str | None  # TranscriptEntry.id
    method: LinkMethod
    #: Seconds between the recording and the transcript time (time links).
    gap_s: float | None = None
    #: 0..1: 1.0 for explicit links; lower as the time gap grows or is ambiguous.
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Device:
    """A device the export mentions. ``key`` is the serial when known, else the name."""

    key: str
    serial: str | None = None
    name: str | None = None
    model: str | None = None
    device_type: str | None = None
    locale: str | None = None
    marketplace: str | None = None
    account: str | None = None
    registered: datetime | None = None
    last_registered: datetime | None = None
    deregistered: datetime | None = None
    #: True when the registration table wrote these three times without a zone (or with one
    #: that names several zones) and UTC was assumed: a check must allow them the same slack
    #: as any other assumed time.
    registration_zone_assumed: bool = False
    time_offset: str | None = None
    #: True when the export's own registration table lists it.
    registered_in_export: bool = False
    sources: tuple[SourceRef, ...] = ()
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class Account:
    """An account or person the export says it belongs to (or mentions)."""

    key: str
    kind: str  # "amazon-account", "telegram-user", "chat-participant", "google-account"...
    name: str | None = None
    sources: tuple[SourceRef, ...] = ()
    facts: tuple[Fact, ...] = ()


@dataclass(frozen=True, slots=True)
class Unplaced:
    """A member no importer could place: kept visible, never dropped."""

    path: str
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """Something an importer could not read: a broken row, a table that failed to parse."""

    source: SourceRef
    message: str


@dataclass(frozen=True, slots=True)
class ExportContents:
    """Everything the importers understood about one export."""

    formats: tuple[str, ...] = ()
    recordings: tuple[Recording, ...] = ()
    transcripts: tuple[TranscriptEntry, ...] = ()
    links: tuple[Link, ...] = ()
    devices: tuple[Device, ...] = ()
    accounts: tuple[Account, ...] = ()
    not_understood: tuple[Unplaced, ...] = ()
    problems: tuple[ImportProblem, ...] = ()
    # Lookups by key, built once: a 10,000-recording export is looked up constantly.
    _links: dict[str, Link] = field(init=False, compare=False, repr=False)
    _transcripts: dict[str, TranscriptEntry] = field(init=False, compare=False, repr=False)
    _devices: dict[str, Device] = field(init=False, compare=False, repr=False)
    _recordings: dict[str, Recording] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        # The instance is frozen; these are derived from its fields, once.
        object.__setattr__(self, "_links", {link.recording: link for link in self.links})
        object.__setattr__(self, "_transcripts",
                           {entry.id: entry for entry in self.transcripts})
        object.__setattr__(self, "_devices", {device.key: device for device in self.devices})
        object.__setattr__(self, "_recordings",
                           {recording.path: recording for recording in self.recordings})

    def link_for(self, recording_path: str) -> Link | None:
        return self._links.get(recording_path)

    def transcript(self, transcript_id: str | None) -> TranscriptEntry | None:
        return None if transcript_id is None else self._transcripts.get(transcript_id)

    def transcript_for(self, recording_path: str) -> TranscriptEntry | None:
        link = self.link_for(recording_path)
        return self.transcript(link.transcript) if link else None

    def recording(self, path: str) -> Recording | None:
        return self._recordings.get(path)

    def device(self, key: str | None) -> Device | None:
        return None if key is None else self._devices.get(key)

    def transcripts_without_audio(self) -> tuple[TranscriptEntry, ...]:
        linked = {link.transcript for link in self.links if link.transcript}
        return tuple(entry for entry in self.transcripts if entry.id not in linked)
