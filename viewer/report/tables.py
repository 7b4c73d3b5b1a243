"""Cleaning tables row by row for the cleaned copy: CSV rows and JSON records.

``clean_tables`` reads the members that may hold the other person's rows (see
``viewer.report.strangers``) and returns, per member, the content without those rows, or the
reason it cannot be cleaned safely (the member is then left out, never copied whole).

What is written back is the original text with the removed rows cut out, nothing else
(``table_csv`` and ``table_json`` do the cutting, over the rows of ``table_records``):

* CSV: rows are found exactly as ``ExportIndex.read_csv`` numbers them (the same sniffed
  dialect, the header as row 1, a row numbered by the line it ends on), and the lines each
  removed row spans are dropped. Header, delimiter, quoting, line endings, BOM and encoding
  of every kept line stay byte for byte.
* JSON: the records' spans are found in the text, and a removed record is cut out with its
  comma; everything else stays as written. JSON Lines lose whole lines.

Every rewrite is checked before it is used: each row the check named must hold the words
the check read from it (else the numbering disagrees), the rewritten CSV must parse to the
same header and the rows kept, the rewritten JSON must parse to the original minus exactly
the records removed, and no serial of a device that is not the user's may remain.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Generator, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from viewer.archive import Export, Member, MemberError, MemberKind, OpenProgress
from viewer.formats.base import MAX_TEXT_BYTES
from viewer.report.strangers import SAME_EVENT_S, RowMark, StrangerRows
from viewer.report.table_csv import csv_table
from viewer.report.table_json import json_table
from viewer.report.table_records import RemovedRow, Table, Unclean, Unsafe, record_locator

__all__ = ["RemovedRow", "TablePlan", "Unclean", "clean_tables", "record_locator",
           "table_format"]


@dataclass(frozen=True, slots=True)
class TablePlan:
    #: Member path -> its content without the other person's rows.
    rewritten: Mapping[str, bytes] = field(default_factory=dict)
    #: Every row removed, by member (in the export's order) and row.
    removed: tuple[RemovedRow, ...] = ()
    #: Member path -> why it could not be cleaned (an ``Unclean`` key): it is left out.
    refused: Mapping[str, str] = field(default_factory=dict)


def table_format(member: Member) -> str | None:
    """"csv" or "json" when members of this kind can be cleaned row by row, else None."""
    if member.kind is MemberKind.TABLE and member.path.casefold().endswith((".csv", ".tsv")):
        return "csv"
    if member.kind is MemberKind.JSON:
        return "json"
    return None


def clean_tables(export: Export, strangers: StrangerRows, skip: Iterable[str] = (),
                 ) -> Generator[OpenProgress, None, TablePlan]:
    """Find the other person's rows in the members that may hold some; yields progress."""
    if strangers.is_empty():
        return TablePlan()
    skipped = set(skip)
    marks: dict[str, list[RowMark]] = {}
    for mark in strangers.marks:
        marks.setdefault(mark.path, []).append(mark)
    serials = tuple(serial.casefold() for serial in strangers.serials)
    wanted = set(marks) | set(strangers.activity_paths)
    wanted.update(path for signature in strangers.signatures for path in signature.paths)
    candidates = [member for member in export.members
                  if member.path not in skipped and member.readable
                  and (member.path in wanted or bool(serials and table_format(member)))]
    protected = {(path, record_locator(locator)) for path, locator in strangers.protected}

    refused: dict[str, str] = {}
    tables: list[Table] = []
    for number, member in enumerate(candidates):
        yield OpenProgress("looking for the other person's rows", number, len(candidates),
                           member.path)
        table, problem = _load(export, member, marks.get(member.path, []), serials,
                               strangers.activity_paths)
        if problem is not None:
            refused[member.path] = problem
        elif table is not None:
            tables.append(table)

    # Rows the check named, rows of a device that is not the user's, its sessions.
    found: list[tuple[float, float]] = []
    for table in tables:
        problem = table.apply_marks(marks.get(table.path, []))
        if problem is not None:
            refused[table.path] = problem
            continue
        table.apply_devices(serials, strangers, protected)
        found.extend((moment - SAME_EVENT_S, moment + SAME_EVENT_S)
                     for record in table.removed_records() for moment in record.times)
    # Rows stamped at one of the other person's requests (and at none of the user's).
    theirs = strangers.stranger_times.plus(found)
    for table in tables:
        if table.path in refused:
            continue
        if table.path in strangers.activity_paths or table.removed:
            table.apply_times(theirs, strangers.user_times, protected)

    rewritten: dict[str, bytes] = {}
    removed: list[RemovedRow] = []
    for table in tables:
        if table.path in refused or not table.removed:
            continue
        content, problem = table.rewrite(serials)
        if problem is not None or content is None:
            refused[table.path] = problem or Unclean.PARSE
            continue
        rewritten[table.path] = content
        removed.extend(table.removed_rows())
    return TablePlan(rewritten, tuple(removed), refused)


def _load(export: Export, member: Member, marks: Sequence[RowMark], serials: Sequence[str],
          activity: frozenset[str]) -> tuple[Table | None, str | None]:
    """(the member's table, None), (None, why it cannot be cleaned) or (None, None): nothing
    in it can be the other person's."""
    kind = table_format(member)
    if kind is None:
        return None, Unclean.KIND if marks else None
    try:
        data = export.read_member(member.path, max_bytes=MAX_TEXT_BYTES)
    except MemberError:
        return None, Unclean.UNREADABLE if marks else None
    decoded = _decode(data)
    if decoded is None:
        named = any(serial.encode() in data.lower() for serial in serials)
        return None, Unclean.ENCODING if marks or named else None
    text, encode = decoded
    folded = text.casefold()
    named = any(serial in folded for serial in serials)
    if not marks and not named and member.path not in activity:
        return None, None
    # A table that cannot be read is a problem only when it holds something of theirs.
    unreadable = Unclean.PARSE if marks or named else None
    formats = {mark.format for mark in marks if mark.format}
    if len(formats) > 1:
        return None, Unclean.LOCATOR
    try:
        table = (csv_table(member.path, text, encode) if kind == "csv"
                 else json_table(member.path, text, encode, next(iter(formats), "")))
    except (csv.Error, ValueError, RecursionError, Unsafe):
        return None, unreadable
    if table is None:
        return None, unreadable
    return table, None


def _decode(data: bytes) -> tuple[str, Callable[[str], bytes]] | None:
    """The text (as the importers decode it) and how to encode it back to the same bytes;
    None when the round trip would not give the original bytes back."""
    boms = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
    bom = b""
    codecs: tuple[str, ...] = ("utf-8", "cp1252")
    for mark, codec in boms:
        if data.startswith(mark):
            bom, codecs = mark, (codec,)
            break
    body = data[len(bom):]
    for codec in codecs:
        try:
            text = body.decode(codec)
        except UnicodeDecodeError:
            continue
        try:
            if text.encode(codec) != body:
                return None
        except UnicodeEncodeError:
            return None
        return text, lambda value, codec=codec: bom + value.encode(codec)
    return None
