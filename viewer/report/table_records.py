"""A table's rows as the cleaning sees them, and how a member is written without some.

``Record`` is one row (a CSV row, a JSON record) folded for matching; ``Table`` is a
member's records, the rows chosen for removal and why, and the writer that cuts them out of
the original text (``viewer.report.table_csv``, ``viewer.report.table_json``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from viewer.formats.base import parse_iso_time
from viewer.report.strangers import RowMark, RowWhy, StrangerRows, TimeWindows

#: Serials this long are also found inside a longer cell ("Echo G2A0… in the kitchen").
SUBSTRING_SERIAL = 8


class Unclean:
    """Why a member that holds the other person's rows cannot be cleaned (text keys)."""

    ENCODING = "clean.encoding"
    PARSE = "clean.parse"
    LOCATOR = "clean.locator"
    MISMATCH = "clean.mismatch"
    RESIDUE = "clean.residue"
    UNREADABLE = "clean.unreadable"
    KIND = "clean.kind"


@dataclass(frozen=True, slots=True)
class RemovedRow:
    path: str
    locator: str
    why: str
    recording: str | None = None


def record_locator(locator: str) -> str:
    """The record a locator names: "message 7, audio 2" is in record "message 7"."""
    return re.sub(r",\s*audio \d+$", "", locator.strip())


class Unsafe(Exception):
    """The text is valid but not in a shape that can be cut safely (duplicate keys ...)."""


@dataclass(slots=True)
class Record:
    locator: str
    #: Folded cells (CSV) or string leaves (JSON).
    values: tuple[str, ...]
    #: Times found in it, seconds since the epoch.
    times: tuple[float, ...]

    def holds(self, words: str) -> bool:
        blob = "\x1f".join(self.values)
        return all(word in blob for word in words.casefold().split())

    def names_serial(self, serial: str) -> bool:
        return any(value == serial or (len(serial) >= SUBSTRING_SERIAL and serial in value)
                   for value in self.values)


class Table:
    """A member's records and how to write the member without some of them."""

    def __init__(self, path: str, records: list[Record], aliases: Mapping[str, int],
                 write: Callable[[set[int]], tuple[bytes | None, str | None]]) -> None:
        self.path = path
        self.records = records
        #: Locator -> record index (the locators the importers use for this member).
        self.aliases = aliases
        self._write = write
        #: Record index -> (why, recording).
        self.removed: dict[int, tuple[str, str | None]] = {}

    def _remove(self, index: int, why: str, recording: str | None = None) -> None:
        old = self.removed.get(index)
        if old is None or RowWhy.ORDER.index(why) < RowWhy.ORDER.index(old[0]):
            self.removed[index] = (why, recording or (old[1] if old else None))

    def apply_marks(self, marks: Sequence[RowMark]) -> str | None:
        for mark in marks:
            index = self.aliases.get(record_locator(mark.locator))
            if index is None:
                return Unclean.LOCATOR
            if not all(self.records[index].holds(words) for words in mark.expect):
                return Unclean.MISMATCH
            self._remove(index, mark.why, mark.recording)
        return None

    def apply_devices(self, serials: Sequence[str], strangers: StrangerRows,
                      protected: set[tuple[str, str]]) -> None:
        signatures = [tuple(value.casefold() for value in signature.values)
                      for signature in strangers.signatures if self.path in signature.paths]
        for index, record in enumerate(self.records):
            if (self.path, record.locator) in protected:
                continue
            if any(record.names_serial(serial) for serial in serials):
                self._remove(index, RowWhy.DEVICE)
            elif any(all(value in record.values for value in signature)
                     for signature in signatures):
                self._remove(index, RowWhy.DEVICE_SESSION)

    def apply_times(self, theirs: TimeWindows, ours: TimeWindows,
                    protected: set[tuple[str, str]]) -> None:
        for index, record in enumerate(self.records):
            if index in self.removed or (self.path, record.locator) in protected:
                continue
            if any(theirs.covers(moment) and not ours.covers(moment)
                   for moment in record.times):
                self._remove(index, RowWhy.SAME_TIME)

    def removed_records(self) -> Iterator[Record]:
        return (self.records[index] for index in self.removed)

    def removed_rows(self) -> Iterator[RemovedRow]:
        for index in sorted(self.removed):
            why, recording = self.removed[index]
            yield RemovedRow(self.path, self.records[index].locator, why, recording)

    def rewrite(self, serials: Sequence[str]) -> tuple[bytes | None, str | None]:
        try:
            content, problem = self._write(set(self.removed))
        except (ValueError, RecursionError, IndexError, Unsafe):
            return None, Unclean.PARSE
        if content is None:
            return None, problem
        lowered = content.lower()
        if any(serial.lower().encode("utf-8") in lowered
               or serial.lower().encode("utf-16-le") in lowered
               or serial.lower().encode("utf-16-be") in lowered
               for serial in serials if len(serial) >= SUBSTRING_SERIAL):
            return None, Unclean.RESIDUE
        return content, None


def iso_times(values: Iterable[str]) -> tuple[float, ...]:
    moments = []
    for value in values:
        if len(value) >= 10 and value[:4].isdigit():
            parsed = parse_iso_time(value)
            if parsed is not None and parsed[1]:
                moments.append(parsed[0].timestamp())
    return tuple(moments)
