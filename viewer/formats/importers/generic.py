"""The last resort: any audio files, plus any sidecar table with times and text.

Whatever no specific importer claimed ends up here. Recordings take their time from the file
name (the common patterns in ``timenames``) or, failing that, from the archive entry's own
time, which has no zone and is marked as assumed. Sidecars are CSV, JSON or text files whose
*shape* says "time and text": a time-like column plus a text-like column.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import partial
from typing import Any

from viewer.archive import Member, MemberKind
from viewer.formats.base import (
    CsvTable,
    ExportIndex,
    Importer,
    ImportResult,
    clean_value,
    parse_iso_time,
    register,
    safe_call,
)
from viewer.formats.timenames import time_from_name
from viewer.model import Recording, SourceRef, TranscriptEntry

_TIME_KEYS = ("time", "timestamp", "date", "datetime", "created", "creation date",
              "creation_date", "created_at", "start", "recorded", "date/time", "zeit", "datum")
_TEXT_KEYS = ("transcript", "transcription", "text", "utterance", "utterance text", "request",
              "query", "message", "title", "content", "said", "text (what you said)")
_FILE_KEYS = ("file", "filename", "file name", "audio", "audio file", "audio_file", "recording",
              "path", "audiofile", "datei")
_REPLY_KEYS = ("response", "reply", "answer", "alexa response", "assistant")
_TEXT_LINE = re.compile(
    r"^\s*(?P<time>\d{4}-\d\d-\d\d[T ]\d\d:\d\d(?::\d\d)?(?:[.,]\d+)?\s*(?:Z|UTC|[+-]\d\d:?\d\d)?)"
    r"\s*[-:|,\t]?\s+(?P<text>\S.*)$")


@register
class GenericImporter(Importer):
    name = "generic"
    label = "Audio files and sidecar tables"
    fallback = True

    def score(self, index: ExportIndex) -> float:
        return 0.01 if index.of_kind(MemberKind.AUDIO) else 0.0

    def load(self, index: ExportIndex, unclaimed: frozenset[str]) -> ImportResult:
        result = ImportResult(self.name)
        for member in index.of_kind(MemberKind.AUDIO):
            if member.path in unclaimed:
                result.recordings.append(recording_from_name(member, self.name))
        if not result.recordings:
            return result
        for member in index.members:
            if member.path not in unclaimed:
                continue
            if member.kind is MemberKind.TABLE and member.path.lower().endswith((".csv", ".tsv")):
                safe_call(result, member.path, partial(self._table, index, member, result))
            elif member.kind is MemberKind.JSON:
                safe_call(result, member.path, partial(self._json, index, member, result))
            elif member.kind is MemberKind.TEXT:
                safe_call(result, member.path, partial(self._text, index, member, result))
        return result

    def _table(self, index: ExportIndex, member: Member, result: ImportResult) -> None:
        table = index.read_csv(member.path)
        time_column = _pick(table, _TIME_KEYS)
        text_column = _pick(table, _TEXT_KEYS)
        if time_column is None and _pick(table, _FILE_KEYS) is None:
            return
        if text_column is None:
            return
        file_column = _pick(table, _FILE_KEYS)
        reply_column = _pick(table, _REPLY_KEYS)
        found = 0
        for number, row in zip(table.row_numbers, table.rows, strict=True):
            cell = _cell_getter(row)
            parsed = parse_iso_time(cell(time_column))
            text = clean_value(cell(text_column)) or ""
            if parsed is None and not cell(file_column):
                result.problem(member.path, f"row {number}", "no readable time in this row")
                continue
            found += 1
            result.transcripts.append(TranscriptEntry(
                id=f"{member.path}#row {number}", source=SourceRef(member.path, f"row {number}"),
                format=self.name, time=parsed[0] if parsed else None, text=text,
                reply=clean_value(cell(reply_column)), audio_name=clean_value(cell(file_column)),
                time_zone_assumed=bool(parsed and not parsed[1])))
        if found:
            result.claimed.add(member.path)

    def _json(self, index: ExportIndex, member: Member, result: ImportResult) -> None:
        data = index.read_json(member.path)
        records = _records(data)
        found = 0
        for number, record in enumerate(records, start=1):
            lowered = {str(key).casefold(): value for key, value in record.items()}
            time_value = next((lowered[k] for k in _TIME_KEYS if k in lowered), None)
            text_value = next((lowered[k] for k in _TEXT_KEYS if k in lowered), None)
            file_value = next((lowered[k] for k in _FILE_KEYS if k in lowered), None)
            if not isinstance(text_value, str):
                continue
            parsed = _parse_any_time(time_value)
            if parsed is None and not isinstance(file_value, str):
                continue
            found += 1
            result.transcripts.append(TranscriptEntry(
                id=f"{member.path}#record {number}",
                source=SourceRef(member.path, f"record {number}"), format=self.name,
                time=parsed[0] if parsed else None, text=text_value.strip(),
                audio_name=file_value if isinstance(file_value, str) else None,
                time_zone_assumed=bool(parsed and not parsed[1])))
        if found:
            result.claimed.add(member.path)

    def _text(self, index: ExportIndex, member: Member, result: ImportResult) -> None:
        found = 0
        for number, line in enumerate(index.read_text(member.path).splitlines(), start=1):
            match = _TEXT_LINE.match(line)
            if not match:
                continue
            parsed = parse_iso_time(match["time"])
            if parsed is None:
                continue
            found += 1
            result.transcripts.append(TranscriptEntry(
                id=f"{member.path}#line {number}", source=SourceRef(member.path, f"line {number}"),
                format=self.name, time=parsed[0], text=match["text"].strip(),
                time_zone_assumed=not parsed[1]))
        if found:
            result.claimed.add(member.path)


def recording_from_name(member: Member, format_name: str) -> Recording:
    """A recording whose time comes from its file name, else from the archive entry."""
    stated = time_from_name(member.path)
    if stated is not None:
        return Recording(path=member.path, format=format_name, start=stated.time,
                         time_source="file name", time_precision_s=stated.precision_s,
                         time_zone_assumed=not stated.zone_given)
    if member.modified is not None:
        # The ZIP entry time is the packing machine's local time: better than nothing for a
        # timeline, and marked as assumed so no check relies on it.
        return Recording(path=member.path, format=format_name,
                         start=member.modified.replace(tzinfo=UTC),
                         time_source="archive entry time", time_precision_s=2.0,
                         time_zone_assumed=True)
    return Recording(path=member.path, format=format_name)


def _pick(table: CsvTable, names: tuple[str, ...]) -> int | None:
    exact = table.column(*names)
    if exact is not None:
        return exact
    for index, title in enumerate(table.header):
        folded = title.casefold()
        if any(name in folded for name in names):
            return index
    return None


def _cell_getter(row: tuple[str, ...]) -> Any:
    def cell(column: int | None) -> str | None:
        if column is None or column >= len(row):
            return None
        return row[column]

    return cell


def _records(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [item for item in data if isinstance(item, dict)]
    if isinstance(data, dict):
        for value in data.values():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                return value
    return []


def _parse_any_time(value: Any) -> tuple[datetime, bool] | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        seconds = value / 1000 if value > 10**11 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC), True
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        return parse_iso_time(value)
    return None
