"""What every importer shares: the registry, the index it reads through, its result type.

An importer recognises a format by the *shape* of its files (header rows, JSON keys), not
only by folder names, because real exports drift between vintages and languages. It scores
an export (0 = nothing for it), then loads what it understands and says which members it
claimed; whatever nobody claims stays visible as "not understood".
"""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any, ClassVar

from viewer.archive import Export, Member, MemberError, MemberKind
from viewer.formats.times import iso_stamp
from viewer.model import (
    Account,
    Device,
    ImportProblem,
    Link,
    Recording,
    SourceRef,
    TranscriptEntry,
    Unplaced,
)

log = logging.getLogger("viewer.formats")

#: Text files larger than this are not parsed as tables or JSON (a guard, not a format rule).
MAX_TEXT_BYTES = 256 * 1024 * 1024

#: Amazon (and others) write these instead of leaving a cell empty.
EMPTY_MARKERS = frozenset({
    "", "not available", "data not available", "not applicable", "n/a", "null", "none", "-",
})


class ExportFormatError(Exception):
    """A file of a known format that cannot be parsed; the message names what and where."""


def clean_value(value: str | None) -> str | None:
    """The cell's text, or None for the placeholders exports use for "empty"."""
    if value is None:
        return None
    stripped = value.strip().strip("\u200e\u200f\ufeff")
    return None if stripped.lower() in EMPTY_MARKERS else stripped


def parse_iso_time(value: str | None) -> tuple[datetime, bool] | None:
    """Parse an ISO-8601-like time to aware UTC; the flag says a zone was given.

    Accepts ``2024-08-21T13:53:36.929Z``, ``2024-08-21 13:53:36 UTC``, offsets, and no zone
    (then UTC is assumed and the flag is False). ``iso_stamp`` gives the same reading with its
    precision; new code should use it.
    """
    stamp = iso_stamp(clean_value(value))
    return None if stamp is None else (stamp.moment, stamp.zone_given)


@dataclass(frozen=True, slots=True)
class CsvTable:
    """A parsed table: ``header`` as written, rows as lists (short rows padded)."""

    path: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    #: 1-based line-ish row numbers as a person counts them (header = row 1).
    row_numbers: tuple[int, ...]

    def column(self, *names: str) -> int | None:
        """Index of the first column whose name matches one of ``names`` (case-insensitive)."""
        wanted = [name.casefold() for name in names]
        for want in wanted:
            for index, title in enumerate(self.header):
                if title.strip().casefold() == want:
                    return index
        return None


class ExportIndex:
    """Read access to an export for importers: members by shape, decoded text, tables."""

    def __init__(self, export: Export) -> None:
        self.export = export
        self.members: tuple[Member, ...] = tuple(m for m in export.members if m.readable)
        self._by_basename: dict[str, list[str]] = {}
        for member in self.members:
            self._by_basename.setdefault(member.name.casefold(), []).append(member.path)
        self._by_stem: dict[str, list[str]] | None = None
        self._text_cache: dict[str, str] = {}

    def of_kind(self, *kinds: MemberKind) -> list[Member]:
        return [member for member in self.members if member.kind in kinds]

    def find(self, pattern: str | re.Pattern[str]) -> list[Member]:
        """Members whose whole path matches ``pattern`` (re.search, case-insensitive)."""
        regex = re.compile(pattern, re.IGNORECASE) if isinstance(pattern, str) else pattern
        return [member for member in self.members if regex.search(member.path)]

    def named_or_shaped(self, kind: MemberKind, name: re.Pattern[str],
                        shaped: Callable[[Member], bool]) -> list[Member]:
        """Members of ``kind`` whose file name matches ``name``, else whose head ``shaped``
        recognises. A head that cannot be read is not taken: whoever can read the member
        reports why."""
        found = []
        for member in self.of_kind(kind):
            if name.match(member.name):
                found.append(member)
                continue
            try:
                if shaped(member):
                    found.append(member)
            except Exception:  # an unreadable head is reported by whoever can read it
                continue
        return found

    def by_basename(self, name: str) -> list[str]:
        """Paths of members called ``name`` (case-insensitive), anywhere in the export."""
        return list(self._by_basename.get(PurePosixPath(name).name.casefold(), ()))

    def by_stem(self, stem: str) -> list[str]:
        """Paths of members whose name without its suffix is ``stem`` (case-insensitive).

        For names written without their suffix: Android WhatsApp can write a voice note as
        ``AUD-20201110-WA0043.`` (a bare dot) while the file is ``AUD-20201110-WA0043.opus``.
        """
        if self._by_stem is None:
            self._by_stem = {}
            for member in self.members:
                self._by_stem.setdefault(PurePosixPath(member.name).stem.casefold(),
                                         []).append(member.path)
        return list(self._by_stem.get(stem.casefold(), ()))

    def head(self, path: str, size: int = 4096) -> bytes:
        with self.export.open_member(path) as stream:
            return stream.read(size)

    def read_bytes(self, path: str, max_bytes: int = MAX_TEXT_BYTES) -> bytes:
        return self.export.read_member(path, max_bytes=max_bytes)

    def read_text(self, path: str) -> str:
        """The member decoded: BOMs honoured, UTF-8 first, Windows-1252 as the fallback."""
        cached = self._text_cache.get(path)
        if cached is not None:
            return cached
        text = decode_text(self.read_bytes(path))
        self._text_cache[path] = text
        return text

    def head_text(self, path: str, size: int = 4096) -> str:
        return decode_text(self.head(path, size))

    def first_line(self, path: str) -> str:
        """The first line (a CSV header), read cheaply for scoring."""
        lines = self.head_text(path, 8192).lstrip("\ufeff").splitlines()
        return lines[0] if lines else ""

    def read_csv(self, path: str) -> CsvTable:
        text = self.read_text(path).lstrip("\ufeff")
        reader = csv.reader(io.StringIO(text), sniff_dialect(text))
        header: tuple[str, ...] | None = None
        rows: list[tuple[str, ...]] = []
        numbers: list[int] = []
        try:
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                if header is None:
                    header = tuple(cell.strip().lstrip("\ufeff") for cell in row)
                    continue
                rows.append(tuple(row))
                numbers.append(reader.line_num)
        except csv.Error as error:
            raise ExportFormatError(f"{path}: the table is malformed near line "
                                    f"{reader.line_num} ({error})") from error
        if header is None:
            raise ExportFormatError(f"{path}: the table is empty")
        return CsvTable(path, header, tuple(rows), tuple(numbers))

    def read_json(self, path: str) -> Any:
        """Parse JSON; also ``window.x = {...}`` wrappers (X/Twitter) and JSON Lines."""
        text = self.read_text(path).lstrip("\ufeff").strip()
        if text.startswith("window."):
            text = text.split("=", 1)[1].strip().rstrip(";")
        try:
            return json.loads(text)
        except json.JSONDecodeError as error:
            lines = [line for line in text.splitlines() if line.strip()]
            if len(lines) > 1:
                try:
                    return [json.loads(line) for line in lines]
                except json.JSONDecodeError:
                    pass
            raise ExportFormatError(
                f"{path}: not valid JSON (line {error.lineno}: {error.msg})") from error


def sniff_dialect(text: str) -> Any:
    """The CSV dialect of a table's text, judged from its first 8 KiB: ",", ";" or a tab
    between cells (exports follow the locale), Excel's own when the sample does not say.

    Every importer reads tables through this one guess, so a table is recognised exactly as it
    is later parsed; ``report.tables`` makes the same guess to find the rows again.
    """
    try:
        return csv.Sniffer().sniff(text[:8192], delimiters=",;\t")
    except csv.Error:
        return csv.excel


def shared_prefix_length(left: str, right: str) -> int:
    """How many leading folders two member paths share: "nearest in the tree" ranks by it."""
    count = 0
    for mine, theirs in zip(left.split("/"), right.split("/"), strict=False):
        if mine != theirs:
            break
        count += 1
    return count


def decode_text(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        # A cut-off multi-byte character at the end of a peeked head is still UTF-8.
        if error.start >= len(data) - 3:
            return data[: error.start].decode("utf-8")
        return data.decode("cp1252", errors="replace")


@dataclass(slots=True)
class ImportResult:
    """What one importer understood. Lists are filled while loading."""

    format: str
    recordings: list[Recording] = field(default_factory=list)
    transcripts: list[TranscriptEntry] = field(default_factory=list)
    #: Links the importer knows for sure (ids both sides share); the rest are made centrally.
    links: list[Link] = field(default_factory=list)
    devices: list[Device] = field(default_factory=list)
    accounts: list[Account] = field(default_factory=list)
    #: Member paths this importer understood (audio it made recordings of, tables it read).
    claimed: set[str] = field(default_factory=set)
    #: Members this importer recognised but does not import (My Activity of another product):
    #: kept from the other importers and listed as not understood, with the reason.
    unplaced: list[Unplaced] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    #: Largest gap, in seconds, at which this format's transcripts may pair with audio by time;
    #: 0 means never by time (every entry names its file or says it was left out).
    time_link_tolerance_s: float = 10.0

    def problem(self, path: str, locator: str, message: str) -> None:
        self.problems.append(ImportProblem(SourceRef(path, locator), message))

    def set_aside(self, path: str, kind: str, reason: str) -> None:
        """Recognise a member without importing it: it is listed as not understood."""
        self.unplaced.append(Unplaced(path, kind, reason))


class Importer(ABC):
    """One export format. Subclasses register with ``@register``."""

    #: Stable machine name used in JSON output: "amazon-alexa", "google-takeout"...
    name: ClassVar[str]
    #: Shown to people: "Amazon Alexa".
    label: ClassVar[str]
    #: The fallback runs last over whatever nobody claimed.
    fallback: ClassVar[bool] = False

    @abstractmethod
    def score(self, index: ExportIndex) -> float:
        """0 when this format is absent; up to 1 the more surely its files are there."""

    @abstractmethod
    def load(self, index: ExportIndex, unclaimed: frozenset[str]) -> ImportResult:
        """Read what this format understands. ``unclaimed`` lists members no earlier importer
        took; an importer must not make recordings of members outside it."""


_REGISTRY: list[type[Importer]] = []


def register(importer: type[Importer]) -> type[Importer]:
    """Class decorator: make an importer known to ``import_export``."""
    if importer not in _REGISTRY:
        _REGISTRY.append(importer)
    return importer


def registered_importers() -> list[type[Importer]]:
    return list(_REGISTRY)


def safe_call(result: ImportResult, path: str, action: Callable[[], Any]) -> Any:
    """Run one file's parsing; a failure becomes a listed problem instead of a crash."""
    try:
        return action()
    except (ExportFormatError, MemberError) as error:
        result.problem(path, "", str(error))
    except (ValueError, KeyError, IndexError, TypeError, AttributeError) as error:
        result.problem(path, "", f"could not be read as {result.format}: {error}")
    return None
