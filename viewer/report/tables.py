"""Cleaning tables row by row for the cleaned copy: CSV rows and JSON records.

``clean_tables`` reads the members that may hold the other person's rows (see
``viewer.report.strangers``) and returns, per member, the content without those rows, or the
reason it cannot be cleaned safely (the member is then left out, never copied whole).

What is written back is the original text with the removed rows cut out, nothing else:

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
import io
import json
import re
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from viewer.archive import Export, Member, MemberError, MemberKind, OpenProgress
from viewer.formats.base import MAX_TEXT_BYTES, parse_iso_time
from viewer.report.strangers import (
    SAME_EVENT_S,
    RowMark,
    RowWhy,
    StrangerRows,
    TimeWindows,
)

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


def record_locator(locator: str) -> str:
    """The record a locator names: "message 7, audio 2" is in record "message 7"."""
    return re.sub(r",\s*audio \d+$", "", locator.strip())


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
    tables: list[_Table] = []
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


# --- one member ---------------------------------------------------------------------------

@dataclass(slots=True)
class _Record:
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


class _Table:
    """A member's records and how to write the member without some of them."""

    def __init__(self, path: str, records: list[_Record], aliases: Mapping[str, int],
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

    def removed_records(self) -> Iterator[_Record]:
        return (self.records[index] for index in self.removed)

    def removed_rows(self) -> Iterator[RemovedRow]:
        for index in sorted(self.removed):
            why, recording = self.removed[index]
            yield RemovedRow(self.path, self.records[index].locator, why, recording)

    def rewrite(self, serials: Sequence[str]) -> tuple[bytes | None, str | None]:
        try:
            content, problem = self._write(set(self.removed))
        except (ValueError, RecursionError, IndexError, _Unsafe):
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


def _load(export: Export, member: Member, marks: Sequence[RowMark], serials: Sequence[str],
          activity: frozenset[str]) -> tuple[_Table | None, str | None]:
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
        table = (_csv_table(member.path, text, encode) if kind == "csv"
                 else _json_table(member.path, text, encode, next(iter(formats), "")))
    except (csv.Error, ValueError, RecursionError, _Unsafe):
        return None, unreadable
    if table is None:
        return None, unreadable
    return table, None


class _Unsafe(Exception):
    """The text is valid but not in a shape that can be cut safely (duplicate keys ...)."""


def _decode(data: bytes) -> tuple[str, Callable[[str], bytes]] | None:
    """The text (as the importers decode it) and how to encode it back to the same bytes;
    None when the round trip would not give the original bytes back."""
    boms = ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))
    bom, codecs = b"", ("utf-8", "cp1252")
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
        return text, lambda value, codec=codec: bom + value.encode(codec)  # type: ignore[misc]
    return None


def _times(values: Iterable[str]) -> tuple[float, ...]:
    moments = []
    for value in values:
        if len(value) >= 10 and value[:4].isdigit():
            parsed = parse_iso_time(value)
            if parsed is not None and parsed[1]:
                moments.append(parsed[0].timestamp())
    return tuple(moments)


# --- CSV --------------------------------------------------------------------------------

def _csv_rows(text: str) -> tuple[list[str], list[tuple[int, int, int, list[str]]]]:
    """(the text's lines, (row number, first line, end line, cells) per non-blank row) as
    ``ExportIndex.read_csv`` reads them: the header is the first of those rows."""
    body = text.lstrip("\ufeff")
    try:
        dialect: Any = csv.Sniffer().sniff(body[:8192], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    lines: list[str] = []

    def feed() -> Iterator[str]:
        for line in io.StringIO(body):
            lines.append(line)
            yield line

    reader = csv.reader(feed(), dialect)
    rows = []
    start = 0
    for cells in reader:
        end = len(lines)
        if any(cell.strip() for cell in cells):
            rows.append((reader.line_num, start, end, cells))
        start = end
    return lines, rows


def _csv_table(path: str, text: str, encode: Callable[[str], bytes]) -> _Table | None:
    prefix = text[:len(text) - len(text.lstrip("\ufeff"))]
    lines, rows = _csv_rows(text)
    if not rows:
        return None
    header, data = rows[0], rows[1:]
    records = []
    for number, _, _, cells in data:
        values = tuple(cell.strip().strip("\u200e\u200f\ufeff").casefold() for cell in cells)
        records.append(_Record(f"row {number}", values, _times(values)))
    aliases = {record.locator: index for index, record in enumerate(records)}

    def write(drop: set[int]) -> tuple[bytes | None, str | None]:
        cut = {line for index in drop for line in range(data[index][1], data[index][2])}
        new = prefix + "".join(line for number, line in enumerate(lines) if number not in cut)
        # The rewritten table must read as the header and exactly the rows kept.
        try:
            _, again = _csv_rows(new)
        except csv.Error:
            return None, Unclean.PARSE
        kept = [cells for index, (_, _, _, cells) in enumerate(data) if index not in drop]
        if not again or again[0][3] != header[3] or [row[3] for row in again[1:]] != kept:
            return None, Unclean.PARSE
        return encode(new), None

    return _Table(path, records, aliases, write)


# --- JSON -------------------------------------------------------------------------------

_DECODER = json.JSONDecoder()
_WS = " \t\n\r"


@dataclass(frozen=True, slots=True)
class _RecordList:
    """One list of records in a JSON document: where it is, and each element's locator."""

    #: Keys and indices from the top of the document to the list.
    route: tuple[str | int, ...]
    #: Element index -> locator ("record 3", "message 7", "chat 2, message 118").
    locators: Mapping[int, str]


def _json_table(path: str, text: str, encode: Callable[[str], bytes],
                importer: str) -> _Table | None:
    start, end = _json_bounds(text)
    inner = text[start:end]
    try:
        document = json.loads(inner)
    except json.JSONDecodeError:
        return _json_lines_table(path, text, encode)
    lists = _record_lists(document, importer)
    if not lists:
        return None
    records: list[_Record] = []
    places: list[tuple[int, int]] = []  # (list number, element index)
    for number, record_list in enumerate(lists):
        elements = _at(document, record_list.route)
        for index, locator in record_list.locators.items():
            values = tuple(_leaves(elements[index]))
            records.append(_Record(locator, values, _json_times(elements[index], values)))
            places.append((number, index))
    aliases = {record.locator: index for index, record in enumerate(records)}
    if len(aliases) != len(records):
        raise _Unsafe("two records share a locator")

    def write(drop: set[int]) -> tuple[bytes | None, str | None]:
        by_list: dict[int, set[int]] = {}
        for index in drop:
            number, element = places[index]
            by_list.setdefault(number, set()).add(element)
        new_inner = inner
        # Cut the last lists first: an earlier cut would move the later spans.
        spans = []
        for number, elements in by_list.items():
            opening = _locate(inner, lists[number].route)
            spans.append((opening, elements))
        for opening, elements in sorted(spans, key=lambda item: -item[0]):
            new_inner = _cut_elements(new_inner, opening, elements)
        expected = json.loads(inner)
        for number, elements in by_list.items():
            target = _at(expected, lists[number].route)
            for element in sorted(elements, reverse=True):
                del target[element]
        try:
            if json.loads(new_inner) != expected:
                return None, Unclean.PARSE
        except json.JSONDecodeError:
            return None, Unclean.PARSE
        return encode(text[:start] + new_inner + text[end:]), None

    return _Table(path, records, aliases, write)


def _json_bounds(text: str) -> tuple[int, int]:
    """Where the JSON value sits in the text, as ``ExportIndex.read_json`` finds it (after a
    BOM and blanks; after ``window.x =``; before a closing ``;``)."""
    start = len(text) - len(text.lstrip("\ufeff" + _WS))
    end = len(text.rstrip(_WS))
    if text.startswith("window.", start):
        start = text.index("=", start) + 1
        while start < end and text[start] in _WS:
            start += 1
        if text[:end].endswith(";"):
            end -= 1
            while end > start and text[end - 1] in _WS:
                end -= 1
    return start, end


def _record_lists(document: Any, importer: str) -> list[_RecordList]:
    """The lists whose elements the importer numbered, with the locators it gave them."""
    def numbered(route: tuple[str | int, ...], items: list[Any], word: str = "record",
                 only_objects: bool = False) -> _RecordList:
        locators: dict[int, str] = {}
        count = 0
        for index, item in enumerate(items):
            if only_objects and not isinstance(item, dict):
                continue
            count += 1
            locators[index] = f"{word} {count}"
        return _RecordList(route, locators)

    if importer == "amazon-alexa":
        records = document.get("customerHistoryRecords") if isinstance(document, dict) else None
        return [numbered(("customerHistoryRecords",), records)] if isinstance(records, list) \
            else []
    if importer == "google-takeout":
        return [numbered((), document)] if isinstance(document, list) else []
    if importer == "facebook":
        messages = document.get("messages") if isinstance(document, dict) else None
        return [numbered(("messages",), messages, "message")] if isinstance(messages, list) \
            else []
    if importer == "telegram":
        return _telegram_lists(document)
    # The generic importer's rule (and what an unmarked member is searched by).
    if isinstance(document, list):
        return [numbered((), document, only_objects=True)]
    if isinstance(document, dict):
        for key, value in document.items():
            if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                return [numbered((key,), value)]
    return []


def _telegram_lists(document: Any) -> list[_RecordList]:
    if not isinstance(document, dict):
        return []

    def located(route: tuple[str | int, ...], messages: list[Any],
                chat: int | None) -> _RecordList:
        locators = {}
        for position, message in enumerate(messages, start=1):
            ident = message.get("id") if isinstance(message, dict) else None
            item = f"message {ident}" if isinstance(ident, int | str) else f"record {position}"
            locators[position - 1] = item if chat is None else f"chat {chat}, {item}"
        return _RecordList(route, locators)

    lists = []
    if isinstance(document.get("messages"), list):
        lists.append(located(("messages",), document["messages"], None))
    number = 0
    for key in ("chats", "left_chats"):
        group = document.get(key)
        items = group.get("list") if isinstance(group, dict) else None
        for index, chat in enumerate(items if isinstance(items, list) else ()):
            number += 1
            if isinstance(chat, dict) and isinstance(chat.get("messages"), list):
                lists.append(located((key, "list", index, "messages"), chat["messages"],
                                     number))
    return lists


def _at(document: Any, route: Sequence[str | int]) -> Any:
    for step in route:
        document = document[step]
    return document


def _leaves(value: Any) -> Iterator[str]:
    """Every string and number in a JSON value, folded."""
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    elif isinstance(value, str):
        yield value.strip().casefold()
    elif isinstance(value, int | float) and not isinstance(value, bool):
        yield str(value)


def _json_times(value: Any, leaves: Sequence[str]) -> tuple[float, ...]:
    moments = list(_times(leaves))
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, int | float) and not isinstance(item, bool) \
                    and re.search(r"time|date", str(key), re.IGNORECASE) and item > 10**8:
                moments.append(item / 1000 if item > 10**11 else float(item))
    return tuple(moments)


def _skip(text: str, position: int) -> int:
    while position < len(text) and text[position] in _WS:
        position += 1
    return position


def _value_end(text: str, position: int) -> int:
    _, end = _DECODER.raw_decode(text, position)
    return end


def _object_members(text: str, position: int) -> Iterator[tuple[str, int, int]]:
    """(key, value start, value end) of the object that opens at ``position``."""
    if text[position] != "{":
        raise _Unsafe("not an object")
    position = _skip(text, position + 1)
    if text[position] == "}":
        return
    while True:
        key, position = _DECODER.raw_decode(text, position)
        if not isinstance(key, str):
            raise _Unsafe("a key that is not a string")
        position = _skip(text, position)
        if text[position] != ":":
            raise _Unsafe("no colon after a key")
        start = _skip(text, position + 1)
        end = _value_end(text, start)
        yield key, start, end
        position = _skip(text, end)
        if text[position] == "}":
            return
        if text[position] != ",":
            raise _Unsafe("no comma between members")
        position = _skip(text, position + 1)


def _array_elements(text: str, position: int) -> tuple[list[tuple[int, int]], int]:
    """(the (start, end) of each element, where the closing bracket is) of the array that
    opens at ``position``."""
    if text[position] != "[":
        raise _Unsafe("not an array")
    spans: list[tuple[int, int]] = []
    position = _skip(text, position + 1)
    if text[position] == "]":
        return spans, position
    while True:
        end = _value_end(text, position)
        spans.append((position, end))
        position = _skip(text, end)
        if text[position] == "]":
            return spans, position
        if text[position] != ",":
            raise _Unsafe("no comma between elements")
        position = _skip(text, position + 1)


def _locate(text: str, route: Sequence[str | int]) -> int:
    """Where the value at ``route`` starts in ``text`` (a JSON document)."""
    position = _skip(text, 0)
    for step in route:
        if isinstance(step, int):
            spans, _ = _array_elements(text, position)
            position = spans[step][0]
            continue
        found = [start for key, start, _ in _object_members(text, position) if key == step]
        if len(found) != 1:
            raise _Unsafe(f"the key {step!r} is there {len(found)} times")
        position = found[0]
    return position


def _cut_elements(text: str, opening: int, drop: set[int]) -> str:
    """The array that opens at ``opening`` without the elements ``drop``; the separators
    and blanks between the kept ones as they were."""
    spans, closing = _array_elements(text, opening)
    kept = [index for index in range(len(spans)) if index not in drop]
    if not kept:
        return text[:opening + 1] + text[closing:]
    parts = [text[opening + 1:spans[0][0]]]  # the blanks after "["
    for number, index in enumerate(kept):
        if number:  # the comma and blanks that stood before this element
            parts.append(text[spans[index - 1][1]:spans[index][0]])
        parts.append(text[spans[index][0]:spans[index][1]])
    parts.append(text[spans[-1][1]:closing])  # the blanks before "]"
    return text[:opening] + "[" + "".join(parts) + text[closing:]


def _json_lines_table(path: str, text: str, encode: Callable[[str], bytes]) -> _Table | None:
    """JSON Lines (one object a line), as ``read_json`` falls back to: records are the
    non-blank lines."""
    lines = text.splitlines(keepends=True)
    numbered = [(index, line) for index, line in enumerate(lines) if line.strip()]
    if len(numbered) < 2:
        return None
    records = []
    for count, (_, line) in enumerate(numbered, start=1):
        value = json.loads(line)
        if not isinstance(value, dict):
            raise _Unsafe("a line that is not an object")
        values = tuple(_leaves(value))
        records.append(_Record(f"record {count}", values, _json_times(value, values)))
    aliases = {record.locator: index for index, record in enumerate(records)}

    def write(drop: set[int]) -> tuple[bytes | None, str | None]:
        cut = {numbered[index][0] for index in drop}
        return encode("".join(line for index, line in enumerate(lines) if index not in cut)), None

    return _Table(path, records, aliases, write)
