"""A PDF listing what a voice assistant understood: one line per utterance, with its time.

The 2018 Amazon case came with such a PDF, unsorted. Nothing about its layout is known beyond
"a date and time and the utterance on one line", so any PDF qualifies whose text has several
lines of that shape, in any of the common date orders, with the time before or after the
words. A receipt or letter with one date does not. Entries name no audio file: they pair with
recordings by time, centrally.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from viewer.archive import MemberError, MemberKind, format_bytes
from viewer.formats.base import ExportIndex, Importer, ImportResult, register
from viewer.formats.importers.amazon_times import FoundTime, date_order_of, find_time
from viewer.formats.pdf_text import PdfTextError, read_pdf_text
from viewer.formats.times import DateOrder
from viewer.model import SourceRef, TranscriptEntry

log = logging.getLogger("viewer.formats")

FORMAT = "transcript-pdf"

#: PDFs are read whole into memory; a transcript listing is far smaller than this.
MAX_PDF_BYTES = 50 * 1024 * 1024

#: Lines are stamped to the second while WAV names are taken up to ~1.5 s earlier.
TIME_LINK_TOLERANCE_S = 5.0

#: A transcript PDF has at least this many time-and-words lines ...
MIN_LINES = 3
#: ... and they make up at least this share of its non-empty lines (a receipt does not).
MIN_SHARE = 0.3

_SEPARATORS = " \t-–—|:;,·•>"
_LETTER = re.compile(r"[^\W\d_]{2,}")


@dataclass(frozen=True, slots=True)
class PdfLine:
    """One utterance line of a transcript PDF."""

    page: int
    line: int
    stamp: FoundTime
    text: str


@dataclass(frozen=True, slots=True)
class _Reading:
    """What one PDF yielded: its utterance lines, or why it could not be read."""

    lines: tuple[PdfLine, ...] = ()
    text_lines: int = 0
    problem: str | None = None
    #: How the PDF's slash dates were read (decided once for the whole file).
    order: DateOrder | None = None

    @property
    def is_transcript(self) -> bool:
        return (len(self.lines) >= MIN_LINES
                and len(self.lines) >= MIN_SHARE * max(self.text_lines, 1))


def utterance_lines(pages: list[str]) -> tuple[list[PdfLine], int]:
    """(the lines carrying a time and words, the count of non-empty lines)."""
    found, non_empty, _ = _utterances(pages)
    return found, non_empty


def _utterances(pages: list[str]) -> tuple[list[PdfLine], int, DateOrder | None]:
    """The utterance lines, with slash dates read in the one order the whole PDF decides."""
    candidates: list[tuple[int, int, str, FoundTime]] = []
    non_empty = 0
    for page_number, page_text in enumerate(pages, start=1):
        for line_number, raw in enumerate(page_text.splitlines(), start=1):
            line = " ".join(raw.split())  # pypdf may give tabs for spaces
            if not line:
                continue
            non_empty += 1
            stamp = find_time(line)
            if stamp is not None:
                candidates.append((page_number, line_number, line, stamp))
    order = date_order_of(line[stamp.start:stamp.end] for _, _, line, stamp in candidates
                          if stamp.day_month is not None)
    found: list[PdfLine] = []
    for page_number, line_number, line, first_reading in candidates:
        stamp = (find_time(line, order.order)
                 if order is not None and first_reading.day_month is not None
                 else first_reading)
        if stamp is None:
            continue  # impossible in the file's order (13/13/2024)
        words = f"{line[:stamp.start].strip(_SEPARATORS)} {line[stamp.end:].strip(_SEPARATORS)}"
        words = words.strip()
        if _LETTER.search(words):
            found.append(PdfLine(page_number, line_number, stamp, words))
    return found, non_empty, order


@register
class TranscriptPdfImporter(Importer):
    name = FORMAT
    label = "Transcript PDF"

    def __init__(self) -> None:
        self._index: ExportIndex | None = None
        self._readings: dict[str, _Reading] = {}

    def _read(self, index: ExportIndex, path: str) -> _Reading:
        # score() has to read every PDF; load() reuses what it found.
        if index is not self._index:
            self._index, self._readings = index, {}
        if path not in self._readings:
            self._readings[path] = _read_pdf(index, path)
        return self._readings[path]

    def score(self, index: ExportIndex) -> float:
        readings = [self._read(index, member.path) for member in index.of_kind(MemberKind.PDF)]
        if any(reading.is_transcript for reading in readings):
            return 0.6
        # An unreadable PDF might have been the transcript: run, so its problem is listed.
        return 0.02 if any(reading.problem for reading in readings) else 0.0

    def load(self, index: ExportIndex, unclaimed: frozenset[str]) -> ImportResult:
        result = ImportResult(FORMAT, time_link_tolerance_s=TIME_LINK_TOLERANCE_S)
        for member in index.of_kind(MemberKind.PDF):
            if member.path not in unclaimed:
                continue
            reading = self._read(index, member.path)
            if reading.problem:
                result.problem(member.path, "", reading.problem)
            elif reading.is_transcript:
                result.claimed.add(member.path)
                result.transcripts.extend(_entry(member.path, line) for line in reading.lines)
                if reading.order is not None and reading.order.ambiguous:
                    result.problem(member.path, "", "the day/month order of this PDF's dates "
                                                    f"is uncertain: read {reading.order.order} "
                                                    f"({reading.order.evidence})")
        return result


def _entry(path: str, line: PdfLine) -> TranscriptEntry:
    locator = f"page {line.page}, line {line.line}"
    return TranscriptEntry(
        id=f"{path}#{locator}", source=SourceRef(path, locator), format=FORMAT,
        time=line.stamp.stamp.moment, text=line.text,
        time_zone_assumed=line.stamp.stamp.zone_assumed)


def _read_pdf(index: ExportIndex, path: str) -> _Reading:
    member = index.export.member(path)
    if member.size > MAX_PDF_BYTES:
        return _Reading(problem=f"this PDF is {format_bytes(member.size)}, more than the "
                                f"{format_bytes(MAX_PDF_BYTES)} read for transcripts; skipped")
    try:
        data = index.export.read_member(path, max_bytes=MAX_PDF_BYTES)
    except MemberError as error:
        return _Reading(problem=str(error))
    try:
        pages = read_pdf_text(data).pages
    except PdfTextError as error:
        log.info("could not read %s: %s", path, error)
        return _Reading(problem=str(error))
    lines, non_empty, order = _utterances(list(pages))
    return _Reading(tuple(lines), non_empty, order=order)
