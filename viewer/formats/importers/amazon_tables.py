"""Which member of an export is which Amazon file, recognised by shape.

The current export's tables are recognised by their header alone (folders drift and are
translated); the older ``Transcriptions*.csv`` has no known header and is recognised by its
content: a column of audio file names beside a column of times.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from enum import StrEnum

from viewer.archive import Member, MemberError, MemberKind
from viewer.formats.base import ExportIndex, sniff_dialect
from viewer.formats.importers.amazon_times import parse_loose_time

#: Paths that make a content-recognised transcription table Amazon's (names get translated).
_NAME_HINT = re.compile(r"transcri|transkri|alexa|amazon|audio and transcription", re.IGNORECASE)

_AUDIO_SUFFIXES = (".wav", ".mp3", ".ogg", ".opus", ".flac", ".m4a")


class TableKind(StrEnum):
    """The Amazon files this importer understands, by shape."""

    INTENT = "intent"
    GEOLOCATION = "geolocation"
    SESSIONS = "device sessions"
    INTERACTIONS = "mobile interactions"
    REGISTRATION = "device registration"
    DESCRIPTIONS = "file descriptions"
    TRANSCRIPTIONS = "transcriptions"
    VOICE_HISTORY = "voice history"


#: (kind, columns that must all be there, columns of which one must be there).
_SHAPES: tuple[tuple[TableKind, frozenset[str], frozenset[str]], ...] = (
    (TableKind.INTENT, frozenset({"utterance text", "utterance creation date"}), frozenset()),
    (TableKind.GEOLOCATION, frozenset({"latitudeindegrees", "longitudeindegrees", "eventdate"}),
     frozenset()),
    (TableKind.SESSIONS, frozenset({"device locale", "marketplace", "event creation date"}),
     frozenset()),
    (TableKind.INTERACTIONS, frozenset({"event_name", "device_model", "interaction_date"}),
     frozenset()),
    (TableKind.REGISTRATION, frozenset({"device serial number"}),
     frozenset({"first time registered", "last time registered", "amazon device model name"})),
    (TableKind.DESCRIPTIONS, frozenset({"file name", "description"}), frozenset()),
)

#: How surely each file says "Amazon export"; the importer scores its surest file.
_WEIGHTS: dict[TableKind, float] = {
    TableKind.INTENT: 0.9,
    TableKind.TRANSCRIPTIONS: 0.9,
    TableKind.VOICE_HISTORY: 0.85,
    TableKind.GEOLOCATION: 0.7,
    TableKind.SESSIONS: 0.7,
    TableKind.REGISTRATION: 0.7,
    TableKind.INTERACTIONS: 0.6,
    # "File name,Description" alone is a weak hint: other services might write one too.
    TableKind.DESCRIPTIONS: 0.15,
}


def header_cells(line: str) -> list[str]:
    """A CSV header line split into folded column names (its dialect sniffed like any table)."""
    line = line.lstrip("\ufeff")
    try:
        cells = next(csv.reader([line], sniff_dialect(line)), [])
    except csv.Error:
        return []
    return [cell.strip().strip("\ufeff").casefold() for cell in cells]


def table_kind_of_header(cells: Sequence[str]) -> TableKind | None:
    columns = set(cells)
    for kind, required, one_of in _SHAPES:
        if required <= columns and (not one_of or one_of & columns):
            return kind
    return None


def is_audio_name(value: str) -> bool:
    return value.strip().casefold().endswith(_AUDIO_SUFFIXES)


def _rows_of(text: str) -> list[list[str]]:
    """Rows of a CSV text (the last, possibly cut-off line of a peek is dropped by callers)."""
    sample = text.lstrip("\ufeff")
    try:
        return [row for row in csv.reader(io.StringIO(sample), sniff_dialect(sample))
                if any(cell.strip() for cell in row)]
    except csv.Error:
        return []


def looks_like_transcriptions(rows: Sequence[Sequence[str]]) -> bool:
    """The older table: some row has an audio file name and, in another cell, a time."""
    for row in rows[:50]:
        audio = [i for i, cell in enumerate(row) if is_audio_name(cell)]
        if audio and any(parse_loose_time(cell) for i, cell in enumerate(row) if i not in audio):
            return True
    return False


class Catalogue:
    """Which member is which Amazon file, worked out once per export."""

    def __init__(self, index: ExportIndex) -> None:
        self.kinds: dict[str, TableKind] = {}
        for member in index.members:
            try:
                kind = _kind_of_member(index, member)
            except MemberError:
                kind = None  # load() never sees it; the archive layer lists why
            if kind is not None:
                self.kinds[member.path] = kind

    def paths(self, kind: TableKind) -> list[str]:
        # Sorted so that split parts (-1, -2 ...) are read in order.
        return sorted(path for path, found in self.kinds.items() if found is kind)

    def score(self) -> float:
        weights = [_WEIGHTS[kind] for path, kind in self.kinds.items()
                   if kind is not TableKind.TRANSCRIPTIONS or _NAME_HINT.search(path)]
        if not weights:
            # A table of file names and times, named like nothing Amazon writes, is a
            # generic sidecar: leave it to the fallback unless Amazon's own files are here.
            return 0.0
        return max(_WEIGHTS[kind] for kind in self.kinds.values())


def _kind_of_member(index: ExportIndex, member: Member) -> TableKind | None:
    lowered = member.path.casefold()
    if member.kind is MemberKind.TABLE and lowered.endswith((".csv", ".tsv")):
        kind = table_kind_of_header(header_cells(index.first_line(member.path)))
        if kind is not None:
            return kind
        rows = _rows_of(index.head_text(member.path, 16384))
        if looks_like_transcriptions(rows[:-1] if len(rows) > 2 else rows):
            return TableKind.TRANSCRIPTIONS
        return None
    if (member.kind is MemberKind.JSON
            and "customerhistoryrecords" in index.head_text(member.path, 65536).casefold()):
        return TableKind.VOICE_HISTORY
    return None
