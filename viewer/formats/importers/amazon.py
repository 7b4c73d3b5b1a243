"""Amazon "Request Your Data" exports: Alexa tables, recordings and a saved voice history.

Two vintages are known (see FORMATS.md):

* The older one ships ``Transcriptions*.csv`` (often inside a nested ``Alexa_1.zip``) whose
  rows name their WAV files, so links are explicit. Its header names are not known, so the
  table is recognised by its *content*: a column of ``.wav`` names beside a column of times.
* The current one ships raw tables under ``Additional Data/...``. Their headers are known but
  their folders drift and are translated, so every table is recognised by its header alone.
  Its utterances (``Intent-<n>-<m>.csv``) name no audio file: they pair with WAVs by time,
  centrally, within ``TIME_LINK_TOLERANCE_S``.

Device facts (serial, locale, marketplace, location) are not stored with a recording: they sit
in activity tables keyed by time. Each recording takes them from the event just after its
start, with the row they came from, because the ownership analysis weighs exactly these facts
and a person must be able to check each one.

Which member is which file is ``amazon_tables``; the times the tables write, ``amazon_times``.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from fnmatch import fnmatchcase
from functools import partial
from pathlib import PurePosixPath
from typing import Any

from viewer.archive import NEST_SEPARATOR, Member, MemberKind
from viewer.formats.base import (
    CsvTable,
    ExportIndex,
    Importer,
    ImportResult,
    clean_value,
    register,
    safe_call,
)
from viewer.formats.importers.amazon_tables import (
    Catalogue,
    TableKind,
    is_audio_name,
    looks_like_transcriptions,
)
from viewer.formats.importers.amazon_times import date_order_of, parse_loose_time
from viewer.formats.importers.generic import recording_from_name
from viewer.formats.times import Stamp
from viewer.model import Account, Device, Fact, Recording, SourceRef, TranscriptEntry

FORMAT = "amazon-alexa"

#: A WAV's name time is when recording started, 0.3-1.2 s (plus up to 1 s of truncation)
#: before the utterance time; 5 s leaves room without reaching the next request.
TIME_LINK_TOLERANCE_S = 5.0

#: Window, relative to a recording's start, in which an activity event (geolocation, device
#: session) is taken to describe that recording. Events are stamped at the utterance, so they
#: come after the start; a little slack before covers start times rounded up.
EVENT_BEFORE_S = 1.0
EVENT_AFTER_S = 5.0

#: Geolocation and session rows of one request share its second; this pairs them.
SAME_EVENT_S = 2.0

#: Recordings whose start is this vague (archive entry times) are not matched to events.
MAX_MATCH_PRECISION_S = 2.0

#: Columns of the known tables that hold times; their slash dates decide a file's order.
_TIME_COLUMNS = frozenset({
    "utterance creation date", "eventdate", "event creation date", "interaction_date",
    "first time registered", "last time registered", "time deregistered",
})

#: (fact key, column) of the geolocation and device session tables.
_GEOLOCATION_FACTS = (
    ("device_serial", "deviceserialnumber"), ("latitude", "latitudeindegrees"),
    ("longitude", "longitudeindegrees"), ("location_accuracy_m", "coordinatesaccuracyinmeters"),
    ("location_source", "sourceoflocation"),
)
_SESSION_FACTS = (
    ("device_type", "device type"), ("device_application", "device application"),
    ("device_locale", "device locale"), ("marketplace", "marketplace"),
)


# --- The importer -----------------------------------------------------------------------


@register
class AmazonImporter(Importer):
    name = FORMAT
    label = "Amazon Alexa"

    def __init__(self) -> None:
        self._known: tuple[ExportIndex, Catalogue] | None = None

    def _catalogue(self, index: ExportIndex) -> Catalogue:
        # score() and load() see the same index; reading every header twice is waste.
        if self._known is None or self._known[0] is not index:
            self._known = (index, Catalogue(index))
        return self._known[1]

    def score(self, index: ExportIndex) -> float:
        return self._catalogue(index).score()

    def load(self, index: ExportIndex, unclaimed: frozenset[str]) -> ImportResult:
        return _Loader(index, unclaimed, self._catalogue(index)).run()


@dataclass(frozen=True, slots=True)
class _Event:
    """One activity row (geolocation or device session) with its time."""

    time: datetime
    source: SourceRef
    values: dict[str, str]


@dataclass(frozen=True, slots=True)
class _Listed:
    """One ``FileDescriptions.csv`` entry: a name, a pattern or a folder."""

    name: str
    source: SourceRef

    def covers(self, path: str) -> bool:
        name = self.name.strip().casefold()
        pattern = re.search(r"\(([^()]*[*?][^()]*)\)", name)
        if pattern or "*" in name or "?" in name:
            glob = pattern.group(1).strip() if pattern else name
            return fnmatchcase(_basename(path).casefold(), glob)
        parts = [part.casefold() for part in re.split(r"/|!/", path) if part]
        return bool(name) and (name in parts or path.casefold().endswith("/" + name))


@dataclass(frozen=True, slots=True)
class _RowTime:
    stamp: Stamp | None
    source: SourceRef


class _EventTimeline:
    """Events sorted by time, for "which event describes this moment" questions."""

    def __init__(self) -> None:
        self._events: list[_Event] = []
        self._times: list[float] = []
        self._sorted = True

    def add(self, event: _Event) -> None:
        # Appended and sorted once on first use: activity tables run to 100,000s of rows.
        self._events.append(event)
        self._sorted = False

    @property
    def events(self) -> list[_Event]:
        if not self._sorted:
            self._events.sort(key=lambda event: event.time)
            self._times = [event.time.timestamp() for event in self._events]
            self._sorted = True
        return self._events

    def after(self, moment: datetime, before_s: float, after_s: float) -> _Event | None:
        """The event nearest after ``moment`` in the window; one just before if none after."""
        events, stamp = self.events, moment.timestamp()
        low = bisect.bisect_left(self._times, stamp - before_s)
        high = bisect.bisect_right(self._times, stamp + after_s)
        candidates = [(self._times[i] - stamp, events[i]) for i in range(low, high)]
        if not candidates:
            return None
        return min(candidates, key=lambda pair: (pair[0] < 0, abs(pair[0])))[1]

    def near(self, moment: datetime, within_s: float) -> _Event | None:
        return self.after(moment, within_s, within_s)


class _Loader:
    """One load() run: reads every recognised file, then builds recordings and devices."""

    def __init__(self, index: ExportIndex, unclaimed: frozenset[str],
                 catalogue: Catalogue) -> None:
        self.index = index
        self.unclaimed = unclaimed
        self.catalogue = catalogue
        self.result = ImportResult(FORMAT, time_link_tolerance_s=TIME_LINK_TOLERANCE_S)
        self.geolocation = _EventTimeline()
        self.sessions = _EventTimeline()
        self.registered: dict[str, Device] = {}
        self.listed: list[_Listed] = []
        self.descriptions: list[str] = []
        self.named_audio: dict[str, _RowTime] = {}
        #: Each table's day/month order for slash dates, decided once from the whole file.
        self.orders: dict[str, str] = {}

    def run(self) -> ImportResult:
        readers: tuple[tuple[TableKind, Callable[[str], None]], ...] = (
            (TableKind.REGISTRATION, self._registration),
            (TableKind.DESCRIPTIONS, self._descriptions),
            (TableKind.GEOLOCATION, self._geolocation),
            (TableKind.SESSIONS, self._sessions),
            (TableKind.INTERACTIONS, self._interactions),
            (TableKind.INTENT, self._intents),
            (TableKind.TRANSCRIPTIONS, self._transcriptions),
            (TableKind.VOICE_HISTORY, self._voice_history),
        )
        for kind, reader in readers:
            for path in self.catalogue.paths(kind):
                safe_call(self.result, path, partial(reader, path))
        self._recordings()
        self.result.devices.extend(self._devices())
        return self.result

    # --- tables -------------------------------------------------------------------------

    def _table(self, path: str) -> CsvTable:
        table = self.index.read_csv(path)
        self.result.claimed.add(path)
        return table

    def _rows(self, path: str) -> Iterable[tuple[SourceRef, dict[str, str | None]]]:
        """(row source, {folded column: cleaned value}) for each row of a known table."""
        table = self._table(path)
        keys = [title.strip().casefold() for title in table.header]
        width = len(keys)
        times = [index for index, key in enumerate(keys) if key in _TIME_COLUMNS]
        self._decide_order(path, (row[i] for row in table.rows for i in times if i < len(row)))
        for number, row in zip(table.row_numbers, table.rows, strict=True):
            values = [clean_value(value) for value in row[:width]]
            values += [None] * (width - len(values))
            yield SourceRef(path, f"row {number}"), dict(zip(keys, values, strict=True))

    def _decide_order(self, path: str, cells: Iterable[str | None]) -> None:
        """Decide the file's day/month order once; an uncertain decision is a problem."""
        order = date_order_of(cells)
        if order is None:
            return
        self.orders[path] = order.order
        if order.ambiguous:
            self.result.problem(path, "", f"the day/month order of this file's dates is "
                                          f"uncertain: read {order.order} ({order.evidence})")

    def _stamp(self, value: str | None, source: SourceRef) -> Stamp | None:
        return parse_loose_time(value, self.orders.get(source.path))

    def _time(self, row: dict[str, str | None], column: str, source: SourceRef,
              what: str) -> Stamp | None:
        stamp = self._stamp(row.get(column), source)
        if stamp is None:
            self.result.problem(source.path, source.locator,
                                f"the {what} has no readable time in “{column}” "
                                f"({row.get(column) or 'empty'})")
        return stamp

    def _registration(self, path: str) -> None:
        for source, row in self._rows(path):
            serial = row.get("device serial number")
            if not serial:
                self.result.problem(path, source.locator, "a device row without a serial number")
                continue
            account = row.get("account name")
            if account:
                self.result.accounts.append(Account(account, "amazon-account", name=account,
                                                    sources=(source,)))
            extra = (("firmware", "current firmware version"),
                     ("customer_login_pool", "customer login pool"),
                     ("customer_type", "customer type"),
                     ("device_account_role", "device account role"),
                     ("pairing", "device pairing details"), ("ip_address", "ip address"),
                     ("state", "state"))
            facts = tuple(Fact(key, value, source) for key, column in extra
                          if (value := row.get(column)))
            registered, last, gone = (self._stamp(row.get(column), source) for column in (
                "first time registered", "last time registered", "time deregistered"))
            notes = {stamp.note for stamp in (registered, last, gone)
                     if stamp is not None and stamp.zone_assumed and stamp.note}
            facts += tuple(Fact("registration_time_zone", note, source) for note in sorted(notes))
            device = Device(
                key=serial, serial=serial,
                model=row.get("amazon device model name") or row.get("device model"),
                account=account,
                registered=registered.moment if registered else None,
                last_registered=last.moment if last else None,
                deregistered=gone.moment if gone else None,
                registration_zone_assumed=any(
                    stamp.zone_assumed for stamp in (registered, last, gone) if stamp),
                time_offset=row.get("local time offset"), registered_in_export=True,
                sources=(source,), facts=facts)
            old = self.registered.get(serial)
            self.registered[serial] = device if old is None else _fill(old, device)

    def _descriptions(self, path: str) -> None:
        self.descriptions.append(path)
        for source, row in self._rows(path):
            name = row.get("file name")
            if name:
                self.listed.append(_Listed(name, source))

    def _geolocation(self, path: str) -> None:
        self._events(path, "eventdate", "location row", _GEOLOCATION_FACTS, self.geolocation)

    def _sessions(self, path: str) -> None:
        self._events(path, "event creation date", "device session row", _SESSION_FACTS,
                     self.sessions)

    def _events(self, path: str, time_column: str, what: str,
                facts: tuple[tuple[str, str], ...], timeline: _EventTimeline) -> None:
        """An activity table's rows as timed events carrying ``facts`` (key, column)."""
        for source, row in self._rows(path):
            stamp = self._time(row, time_column, source, what)
            if stamp is None:
                continue
            values = {key: value for key, column in facts if (value := row.get(column))}
            timeline.add(_Event(stamp.moment, source, values))

    def _interactions(self, path: str) -> None:
        """The Alexa app on phones: devices of the account, but never registered Echos."""
        seen: dict[str, Device] = {}
        for source, row in self._rows(path):
            name = " ".join(part for part in (row.get("device_make"), row.get("device_model"))
                            if part)
            if not name:
                continue
            if name not in seen:
                seen[name] = Device(
                    key=name, name=name, model=row.get("device_model"),
                    device_type=row.get("device_platform_name"), sources=(source,),
                    facts=(Fact("device_kind", "mobile app", source),))
        self.result.devices.extend(seen.values())

    def _intents(self, path: str) -> None:
        for source, row in self._rows(path):
            text = row.get("utterance text") or ""
            stamp = self._stamp(row.get("utterance creation date"), source)
            if stamp is None:
                self.result.problem(path, source.locator,
                                    "an utterance without a readable time: it cannot be paired "
                                    "with a recording")
                if not text:
                    continue
            facts = tuple(Fact(key, value, source) for key, column in (
                ("contact_name", "contact name"),
                ("currently_playing_song", "currently playing song"),
                ("screen_contents", "screen contents"),
            ) if (value := row.get(column)))
            self.result.transcripts.append(TranscriptEntry(
                id=f"{path}#{source.locator}", source=source, format=FORMAT,
                time=stamp.moment if stamp else None, text=text,
                time_zone_assumed=bool(stamp and stamp.zone_assumed), facts=facts))

    def _transcriptions(self, path: str) -> None:
        """The older table: date, request, audio file name, response; header names unknown."""
        table = self._table(path)
        header_is_data = looks_like_transcriptions([table.header])
        rows = [(number, row) for number, row in zip(table.row_numbers, table.rows, strict=True)
                # parts glued together repeat the header
                if header_is_data or tuple(cell.strip() for cell in row) != table.header]
        if header_is_data:
            rows.insert(0, (1, table.header))  # no header at all: the first row is data
        columns = _transcription_columns([row for _, row in rows])
        if columns is None:
            self.result.problem(path, "", "no column of audio file names was found")
            return
        self._decide_order(path, (row[columns.time] for _, row in rows
                                  if columns.time < len(row)))
        for number, row in rows:
            self._transcription_row(path, number, row, columns)

    def _transcription_row(self, path: str, number: int, row: Sequence[str],
                           columns: _Columns) -> None:
        source = SourceRef(path, f"row {number}")
        cell = _cells(row)
        audio = clean_value(cell(columns.audio))
        stamp = self._stamp(cell(columns.time), source)
        if not audio or not is_audio_name(audio):
            self.result.problem(path, source.locator,
                                "this row names no audio file; it was skipped")
            return
        if stamp is None:
            self.result.problem(path, source.locator,
                                f"no readable time ({cell(columns.time) or 'empty'}); the row is "
                                "kept and still linked by its file name")
        self.result.transcripts.append(TranscriptEntry(
            id=f"{path}#{source.locator}", source=source, format=FORMAT,
            time=stamp.moment if stamp else None, text=clean_value(cell(columns.request)) or "",
            reply=clean_value(cell(columns.response)), audio_name=audio.replace("\\", "/"),
            time_zone_assumed=bool(stamp and stamp.zone_assumed)))
        self.named_audio[_basename(audio).casefold()] = _RowTime(stamp, source)

    def _voice_history(self, path: str) -> None:
        data = self.index.read_json(path)
        records = data.get("customerHistoryRecords") if isinstance(data, dict) else None
        if not isinstance(records, list):
            self.result.problem(path, "", "“customerHistoryRecords” is not a list of records")
            return
        self.result.claimed.add(path)
        for number, record in enumerate(records, start=1):
            source = SourceRef(path, f"record {number}")
            entry = _voice_history_entry(record, source)
            if entry is None:
                self.result.problem(path, source.locator, "a record without a readable time "
                                                          "or transcript")
            else:
                self.result.transcripts.append(entry)

    # --- recordings and devices --------------------------------------------------------------

    def _recordings(self) -> None:
        for member in self.index.of_kind(MemberKind.AUDIO):
            if member.path in self.unclaimed and self._is_ours(member):
                self.result.recordings.append(self._recording(member))

    def _is_ours(self, member: Member) -> bool:
        # The folder and naming of current Alexa WAVs are unknown: be lenient within an
        # export that has Amazon tables, but leave other audio formats to other importers.
        return (member.name.casefold() in self.named_audio
                or member.name.casefold().endswith(".wav")
                or "alexa" in member.path.casefold())

    def _recording(self, member: Member) -> Recording:
        recording = recording_from_name(member, FORMAT)
        changes: dict[str, object] = {}
        start, precision = recording.start, recording.time_precision_s
        row = self.named_audio.get(member.name.casefold())
        if row is not None and row.stamp is not None and recording.time_source != "file name":
            start, precision = row.stamp.moment, row.stamp.precision_s
            changes = {"start": start, "time_source": "transcript", "time_precision_s": precision,
                       "time_zone_assumed": row.stamp.zone_assumed}
        facts: list[Fact] = []
        device: str | None = None
        if start is not None and precision is not None and precision <= MAX_MATCH_PRECISION_S:
            located = self.geolocation.after(start, EVENT_BEFORE_S, EVENT_AFTER_S)
            if located is not None:
                facts += [Fact(key, value, located.source) for key, value in located.values.items()]
                device = located.values.get("device_serial")
            session = self.sessions.after(start, EVENT_BEFORE_S, EVENT_AFTER_S)
            if session is not None:
                facts += [Fact(key, value, session.source) for key, value in session.values.items()]
        listing = self._listing_fact(member.path)
        if listing is not None:
            facts.append(listing)
        return replace(recording, device=device, facts=(*recording.facts, *facts),
                       **changes)  # type: ignore[arg-type]

    def _listing_fact(self, path: str) -> Fact | None:
        """Whether FileDescriptions.csv accounts for this file: missing ones stand out."""
        if not self.descriptions:
            return None
        entry = next((listed for listed in self.listed if listed.covers(path)), None)
        if entry is not None:
            return Fact("listed_in_file_descriptions", "yes", entry.source)
        return Fact("listed_in_file_descriptions", "no", SourceRef(self.descriptions[0]))

    def _devices(self) -> list[Device]:
        """Registered devices, enriched from activity; devices seen only in activity."""
        activity: dict[str, list[_Event]] = {}
        for event in self.geolocation.events:
            serial = event.values.get("device_serial")
            if serial:
                activity.setdefault(serial, []).append(event)
        devices = dict(self.registered)
        for serial, events in activity.items():
            seen = self._device_from_activity(serial, events)
            old = devices.get(serial)
            devices[serial] = seen if old is None else _fill(old, seen)
        return list(devices.values())

    def _device_from_activity(self, serial: str, events: list[_Event]) -> Device:
        sessions = [session for event in events
                    if (session := self.sessions.near(event.time, SAME_EVENT_S)) is not None]

        def most_common(key: str) -> str | None:
            values = Counter(s.values[key] for s in sessions if s.values.get(key))
            return values.most_common(1)[0][0] if values else None

        sources = tuple(dict.fromkeys(
            SourceRef(event.source.path) for event in (*events, *sessions)))
        return Device(key=serial, serial=serial, device_type=most_common("device_type"),
                      locale=most_common("device_locale"),
                      marketplace=most_common("marketplace"), registered_in_export=False,
                      sources=sources,
                      facts=(Fact("first_seen_in_activity", events[0].time.isoformat(),
                                  events[0].source),))


@dataclass(frozen=True, slots=True)
class _Columns:
    time: int
    audio: int
    request: int | None
    response: int | None


def _transcription_columns(rows: Sequence[Sequence[str]]) -> _Columns | None:
    """Find the columns by content; the rest keep the known order: request, then response."""
    width = max((len(row) for row in rows), default=0)
    audio_counts = [sum(1 for row in rows if i < len(row) and is_audio_name(row[i]))
                    for i in range(width)]
    if not any(audio_counts):
        return None
    audio = audio_counts.index(max(audio_counts))
    time_counts = [sum(1 for row in rows[:200] if i < len(row) and parse_loose_time(row[i]))
                   if i != audio else -1 for i in range(width)]
    time = time_counts.index(max(time_counts)) if width > 1 else audio
    rest = [i for i in range(width) if i not in (audio, time)]
    return _Columns(time, audio, rest[0] if rest else None, rest[1] if len(rest) > 1 else None)


def _cells(row: Sequence[str]) -> Callable[[int | None], str | None]:
    def cell(column: int | None) -> str | None:
        return row[column] if column is not None and column < len(row) else None

    return cell


def _voice_history_entry(record: Any, source: SourceRef) -> TranscriptEntry | None:
    """One record of a saved "Review Voice History" page."""
    if not isinstance(record, dict):
        return None
    stamp = record.get("timestamp")
    if not isinstance(stamp, int | float) or isinstance(stamp, bool):
        return None
    try:
        moment = datetime.fromtimestamp(stamp / 1000, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None
    items = record.get("voiceHistoryRecordItems") or []
    items = [item for item in items if isinstance(item, dict)] if isinstance(items, list) else []

    def texts(kind: str) -> list[str]:
        return [str(item["transcriptText"]).strip() for item in items
                if item.get("recordItemType") == kind and item.get("transcriptText")]

    said, replies = texts("CUSTOMER_TRANSCRIPT"), texts("ALEXA_RESPONSE")
    device = written if isinstance(written := record.get("device"), dict) else {}
    utterance_id = next((str(item["utteranceId"]) for item in items if item.get("utteranceId")),
                        None)
    facts = tuple(Fact(key, str(value), source) for key, value in (
        ("activity_status", record.get("activityStatus")),
        ("device_name", device.get("deviceName")),
        ("device_serial", device.get("serialNumber")),
        ("utterance_type", record.get("utteranceType")),
        ("utterance_id", utterance_id),
    ) if value)
    return TranscriptEntry(id=f"{source.path}#{source.locator}", source=source, format=FORMAT,
                           time=moment, text=" ".join(said),
                           reply=" ".join(replies) or None, facts=facts)


def _basename(path: str) -> str:
    return PurePosixPath(path.rsplit(NEST_SEPARATOR, 1)[-1].replace("\\", "/")).name


def _fill(old: Device, new: Device) -> Device:
    """``old`` with its gaps filled from ``new``; provenance and facts of both kept."""
    changes: dict[str, Any] = {
        "sources": tuple(dict.fromkeys((*old.sources, *new.sources))),
        "facts": tuple(dict.fromkeys((*old.facts, *new.facts))),
        "registered_in_export": old.registered_in_export or new.registered_in_export,
    }
    if any(getattr(old, name) is None and getattr(new, name) is not None
           for name in ("registered", "last_registered", "deregistered")):
        changes["registration_zone_assumed"] = (old.registration_zone_assumed
                                                or new.registration_zone_assumed)
    for name in ("serial", "name", "model", "device_type", "locale", "marketplace", "account",
                 "registered", "last_registered", "deregistered", "time_offset"):
        if getattr(old, name) is None and getattr(new, name) is not None:
            changes[name] = getattr(new, name)
    return replace(old, **changes)
