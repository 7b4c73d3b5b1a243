"""Which rows of the export's tables are the other person's, as far as the check's model says.

The cleaned copy must not keep a stranger's row just because the table it sits in also holds
the user's rows. This module reads only the model (no member is opened): it names the rows
that belong to a not-mine recording, the devices that are not the user's, and the moments of
the other person's requests. ``viewer.report.tables`` then finds those rows, and the rows tied
to them, in the members themselves.

A row belongs to the other person when

* it is a not-mine recording's transcript, or the source of one of its facts (the
  geolocation and session rows of that request), or a row the check's evidence for it points
  at that is not one of the user's rows;
* it names a device established as not the user's: every recording from it is not-mine, or
  the profile says so (``not_my_devices``);
* it is a transcript without a recording stamped at the moment of a not-mine request and at
  no moment of the user's.

The user's rows (the sources of their recordings' facts and transcripts, their devices'
registration rows) are protected from the inferred rules; a row the importer tied to a
not-mine recording goes even if it is also tied to one of the user's (privacy first).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime

from viewer.analysis.check import CheckResult
from viewer.analysis.findings import Verdict
from viewer.model import Device, ExportContents, Recording, SourceRef, TranscriptEntry

#: Rows of one request share its second (Amazon's geolocation and session rows): within this
#: many seconds of a request's time, a row is taken to be about that request.
SAME_EVENT_S = 2.0
#: A recording's start is up to ~1.5 s before its utterance and events are stamped at the
#: utterance: the window after a start in which a row is about that recording (as the
#: Amazon importer matches events).
START_BEFORE_S = 1.0
START_AFTER_S = 5.0
#: Starts vaguer than this (archive entry times) are no anchor for anything.
MAX_ANCHOR_PRECISION_S = 2.0

#: Facts about the export's file list, not about the request: their rows are not the
#: recording's data (FileDescriptions.csv's "Audio files (*.wav)" row lists everyone's).
STRUCTURE_FACTS = frozenset({"listed_in_file_descriptions", "named_in_export", "named_in_chat",
                             "named_by_message"})
#: Fact values that identify a device or state a platform's own label; the report may name
#: these as evidence. Every other value of a removed row (words, places, coordinates, names,
#: chat titles) is content and is withheld wherever the report would quote it.
IDENTIFIER_FACTS = frozenset({
    "device_serial", "device_name", "device_type", "device_application", "device_locale",
    "marketplace", "location_source", "activity_status", "utterance_type", "utterance_id",
    "device_kind", "platform_unrecognized_speaker", "product", "activity_header", "detail",
    "media_type", "mime_type", "duration_seconds_declared", "sender_is_account_owner",
    "creation_timestamp", "file_name_time", "date_order", "date_order_evidence",
    *STRUCTURE_FACTS})
#: Device attributes that, together, tell one device's session rows from another's.
SIGNATURE_ATTRIBUTES = ("device_type", "locale", "marketplace")
#: Values shorter than this are not searched for (a "25" would match anything).
MIN_SECRET_LENGTH = 4


class RowWhy:
    """Why a row goes (codes; the manifest words them)."""

    TRANSCRIPT = "transcript"
    EVENT = "event"
    DEVICE = "device"
    DEVICE_SESSION = "device-session"
    SAME_TIME = "same-time"

    #: When several apply, the first in this order is given.
    ORDER = (TRANSCRIPT, EVENT, DEVICE, DEVICE_SESSION, SAME_TIME)


@dataclass(frozen=True, slots=True)
class RowMark:
    """One row (CSV), record (JSON) or line (text, PDF) that is the other person's."""

    path: str
    #: As the importer wrote it: "row 12", "record 3", "message 7, audio 2", "page 2, line 4".
    locator: str
    why: str
    #: The not-mine recording it belongs to, when it belongs to one.
    recording: str | None = None
    #: Words the row must hold: a check that the row found is the row the importer meant.
    #: A transcript's text always; a fact's value only from a CSV cell (importers of JSON
    #: derive some values, such as "yes" for a flag).
    expect: tuple[str, ...] = ()
    #: The importer that read it ("amazon-alexa", "google-takeout", ...): how records count.
    format: str = ""


@dataclass(frozen=True, slots=True)
class DeviceSignature:
    """A not-mine device's type, locale and marketplace, where no device of the user's shares
    them: rows of its tables that carry all of them are that device's sessions."""

    serial: str
    paths: frozenset[str]
    values: tuple[str, ...]


class TimeWindows:
    """Moments as (from, to) seconds since the epoch; ``covers`` answers in O(log n)."""

    def __init__(self, windows: Iterable[tuple[float, float]] = ()) -> None:
        self._windows = sorted(windows)
        self._starts = [low for low, _ in self._windows]
        self._widest = max((high - low for low, high in self._windows), default=0.0)

    def __bool__(self) -> bool:
        return bool(self._windows)

    def covers(self, moment: float) -> bool:
        first = bisect.bisect_left(self._starts, moment - self._widest)
        last = bisect.bisect_right(self._starts, moment)
        return any(self._windows[i][1] >= moment for i in range(first, last))

    def plus(self, windows: Iterable[tuple[float, float]]) -> TimeWindows:
        return TimeWindows((*self._windows, *windows))


@dataclass(frozen=True, slots=True)
class StrangerRows:
    """What the model says about the other person's rows (see the module docstring)."""

    marks: tuple[RowMark, ...] = ()
    #: (path, locator) of rows that are the user's; the inferred rules never remove them.
    protected: frozenset[tuple[str, str]] = frozenset()
    #: Serial numbers of devices that are not the user's.
    serials: tuple[str, ...] = ()
    signatures: tuple[DeviceSignature, ...] = ()
    #: When the other person's requests happened, and when the user's did.
    stranger_times: TimeWindows = field(default_factory=TimeWindows)
    user_times: TimeWindows = field(default_factory=TimeWindows)
    #: Tables whose rows are per request (they hold any recording's facts or transcripts):
    #: where rows tied by time are looked for.
    activity_paths: frozenset[str] = frozenset()
    #: Text and values of the other person's rows that must never be written in the report.
    secrets: tuple[str, ...] = ()

    def marked_paths(self) -> set[str]:
        return {mark.path for mark in self.marks}

    def is_empty(self) -> bool:
        """Nothing of the other person's is known: no table needs to be read."""
        return not self.marks and not self.serials and not self.stranger_times


def stranger_window(moment: datetime) -> tuple[float, float]:
    stamp = moment.timestamp()
    return stamp - SAME_EVENT_S, stamp + SAME_EVENT_S


def find_stranger_rows(result: CheckResult) -> StrangerRows:
    """The other person's rows in ``result`` (its verdicts, with the user's marks applied)."""
    contents = result.contents
    not_mine = {verdict.path for verdict in result.verdicts
                if verdict.verdict is Verdict.NOT_MINE}
    recordings = contents.recordings
    theirs = [recording for recording in recordings if recording.path in not_mine]
    ours = [recording for recording in recordings if recording.path not in not_mine]

    serials = _stranger_serials(result, not_mine)
    stranger_devices = [device for device in contents.devices
                        if device.serial and device.serial.casefold() in serials]
    their_keys = {device.key for device in stranger_devices}
    protected = _protected_rows(contents.devices, ours, their_keys, contents)

    marks: list[RowMark] = []
    secrets: set[str] = set()
    for recording in theirs:
        entry = contents.transcript_for(recording.path)
        if entry is not None:
            marks.extend(_transcript_marks(entry, RowWhy.TRANSCRIPT, recording.path))
            secrets.update(_entry_secrets(entry))
        for fact in recording.facts:
            if fact.key in STRUCTURE_FACTS or not fact.source.locator:
                continue
            literal = fact.source.locator.startswith("row ")
            marks.append(RowMark(fact.source.path, fact.source.locator, RowWhy.EVENT,
                                 recording.path, (fact.value,) if literal else (),
                                 recording.format))
            if fact.key not in IDENTIFIER_FACTS:
                secrets.add(fact.value)
    marks.extend(_evidence_marks(result, not_mine, protected, contents))
    for device in stranger_devices:
        for source in _device_rows(device):
            marks.append(RowMark(source.path, source.locator, RowWhy.DEVICE,
                                 expect=(device.serial or "",)))

    stranger_times = TimeWindows(window for recording in theirs
                                 for window in _recording_windows(recording, contents))
    user_times = TimeWindows(window for recording in ours
                             for window in _recording_windows(recording, contents))
    for entry in contents.transcripts_without_audio():
        why = _unlinked_why(entry, serials, stranger_times, user_times)
        if why is not None:
            marks.extend(_transcript_marks(entry, why, None))
            secrets.update(_entry_secrets(entry))

    activity = {fact.source.path for recording in recordings for fact in recording.facts
                if fact.key not in STRUCTURE_FACTS and fact.source.locator}
    activity.update(entry.source.path for entry in contents.transcripts if entry.source.locator)
    return StrangerRows(
        marks=tuple(_unique_marks(marks)),
        protected=frozenset(protected),
        serials=tuple(sorted(serials)),
        signatures=tuple(_signatures(stranger_devices, contents.devices, their_keys)),
        stranger_times=stranger_times,
        user_times=user_times,
        activity_paths=frozenset(activity),
        secrets=tuple(sorted({secret.strip() for secret in secrets
                              if len(secret.strip()) >= MIN_SECRET_LENGTH},
                             key=lambda text: (-len(text), text))),
    )


# --- the pieces ---------------------------------------------------------------------------

def _stranger_serials(result: CheckResult, not_mine: set[str]) -> set[str]:
    """Serials (folded) of devices all of whose recordings are not-mine, and of those the
    user said are not theirs."""
    by_device: dict[str, list[str]] = {}
    for recording in result.contents.recordings:
        if recording.device is not None:
            by_device.setdefault(recording.device, []).append(recording.path)
    serials = set()
    for device in result.contents.devices:
        paths = by_device.get(device.key, [])
        if device.serial and paths and all(path in not_mine for path in paths):
            serials.add(device.serial.casefold())
    if result.profile is not None:
        serials.update(device.serial.casefold() for device in result.profile.not_my_devices
                       if device.serial and device.serial.strip())
    return serials


def _protected_rows(devices: Iterable[Device], ours: list[Recording], their_keys: set[str],
                    contents: ExportContents) -> set[tuple[str, str]]:
    rows: set[tuple[str, str]] = set()

    def add(source: SourceRef) -> None:
        if source.locator:
            rows.add((source.path, source.locator))

    for recording in ours:
        for fact in recording.facts:
            add(fact.source)
        entry = contents.transcript_for(recording.path)
        if entry is not None:
            add(entry.source)
            for fact in entry.facts:
                add(fact.source)
    for device in devices:
        if device.key in their_keys:
            continue
        for source in device.sources:
            add(source)
        for fact in device.facts:
            add(fact.source)
    return rows


def _transcript_marks(entry: TranscriptEntry, why: str,
                      recording: str | None) -> Iterator[RowMark]:
    if not entry.source.locator:
        # A transcript that is a whole file (a note beside a voice message): the file goes.
        yield RowMark(entry.source.path, "", why, recording, (), entry.format)
        return
    expect = tuple(text for text in (entry.text,) if text.strip())
    yield RowMark(entry.source.path, entry.source.locator, why, recording, expect, entry.format)
    for fact in entry.facts:
        if fact.source.locator and fact.source != entry.source:
            literal = fact.source.locator.startswith("row ")
            yield RowMark(fact.source.path, fact.source.locator, why, recording,
                          (fact.value,) if literal else (), entry.format)


def _entry_secrets(entry: TranscriptEntry) -> Iterator[str]:
    yield from (text for text in (entry.text, entry.reply or "") if text)
    yield from (fact.value for fact in entry.facts if fact.key not in IDENTIFIER_FACTS)


def _evidence_marks(result: CheckResult, not_mine: set[str],
                    protected: set[tuple[str, str]], contents: ExportContents,
                    ) -> Iterator[RowMark]:
    """Rows the check's evidence for a not-mine recording points at, when they are rows the
    importers read (not a profile key or a file as a whole) and none of the user's."""
    known: dict[tuple[str, str], str] = {}
    for recording in contents.recordings:
        for fact in recording.facts:
            if fact.key not in STRUCTURE_FACTS:
                known.setdefault((fact.source.path, fact.source.locator), recording.format)
    for entry in contents.transcripts:
        known.setdefault((entry.source.path, entry.source.locator), entry.format)
    for verdict in result.verdicts:
        if verdict.path not in not_mine:
            continue
        for finding in verdict.reasons:
            if finding.weight <= 0:
                continue
            for item in finding.evidence:
                key = (item.path, item.locator)
                if item.locator and key in known and key not in protected:
                    yield RowMark(item.path, item.locator, RowWhy.EVENT, verdict.path,
                                  (), known[key])


def _device_rows(device: Device) -> Iterator[SourceRef]:
    for source in (*device.sources, *(fact.source for fact in device.facts)):
        if source.locator:
            yield source


def _recording_windows(recording: Recording,
                       contents: ExportContents) -> Iterator[tuple[float, float]]:
    entry = contents.transcript_for(recording.path)
    if entry is not None and entry.time is not None:
        yield stranger_window(entry.time)
    precision = recording.time_precision_s
    if recording.start is not None and precision is not None \
            and precision <= MAX_ANCHOR_PRECISION_S:
        stamp = recording.start.timestamp()
        yield stamp - START_BEFORE_S, stamp + START_AFTER_S


def _unlinked_why(entry: TranscriptEntry, serials: set[str], theirs: TimeWindows,
                  ours: TimeWindows) -> str | None:
    """Whether a transcript without a recording is the other person's, and why."""
    if any(fact.key == "device_serial" and fact.value.casefold() in serials
           for fact in entry.facts):
        return RowWhy.DEVICE
    if entry.time is None or entry.time_zone_assumed:
        return None
    stamp = entry.time.timestamp()
    if theirs.covers(stamp) and not ours.covers(stamp):
        return RowWhy.SAME_TIME
    return None


def _signatures(theirs: list[Device], devices: tuple[Device, ...],
                their_keys: set[str]) -> Iterator[DeviceSignature]:
    """Signatures of the not-mine devices that no other device could share (an attribute
    the other device does not state counts as shared: it might be the same)."""
    others = [device for device in devices if device.key not in their_keys]
    for device in theirs:
        values = {name: getattr(device, name) for name in SIGNATURE_ATTRIBUTES
                  if getattr(device, name)}
        if len(values) < 2 or not device.serial:
            continue
        shared = any(all(getattr(other, name) is None
                         or str(getattr(other, name)).casefold() == value.casefold()
                         for name, value in values.items()) for other in others)
        paths = frozenset(source.path for source in device.sources)
        if not shared and paths:
            yield DeviceSignature(device.serial, paths, tuple(values.values()))


def _unique_marks(marks: list[RowMark]) -> list[RowMark]:
    """One mark per row: the strongest reason (``RowWhy.ORDER``), its expectations merged."""
    chosen: dict[tuple[str, str], RowMark] = {}
    for mark in marks:
        key = (mark.path, mark.locator)
        old = chosen.get(key)
        if old is None:
            chosen[key] = mark
            continue
        first, second = sorted((old, mark), key=lambda item: RowWhy.ORDER.index(item.why))
        expect = tuple(dict.fromkeys((*first.expect, *second.expect)))
        chosen[key] = RowMark(first.path, first.locator, first.why,
                              first.recording or second.recording, expect,
                              first.format or second.format)
    return list(chosen.values())
