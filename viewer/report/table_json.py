"""JSON members: the records' spans found in the text, a removed record cut out with its comma.

Which lists are records, and how each is named, follows the importer that read the member
(``_record_lists``); everything but the removed records stays as written. JSON Lines lose
whole lines.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from viewer.report.table_records import Record, Table, Unclean, Unsafe, iso_times

_DECODER = json.JSONDecoder()
_WS = " \t\n\r"


@dataclass(frozen=True, slots=True)
class _RecordList:
    """One list of records in a JSON document: where it is, and each element's locator."""

    #: Keys and indices from the top of the document to the list.
    route: tuple[str | int, ...]
    #: Element index -> locator ("record 3", "message 7", "chat 2, message 118").
    locators: Mapping[int, str]


def json_table(path: str, text: str, encode: Callable[[str], bytes],
               importer: str) -> Table | None:
    """The member's records as ``importer`` numbered them (JSON Lines when the text is not
    one JSON value); None when it holds no list of records."""
    start, end = _json_bounds(text)
    inner = text[start:end]
    try:
        document = json.loads(inner)
    except json.JSONDecodeError:
        return _json_lines_table(path, text, encode)
    lists = _record_lists(document, importer)
    if not lists:
        return None
    records: list[Record] = []
    places: list[tuple[int, int]] = []  # (list number, element index)
    for number, record_list in enumerate(lists):
        elements = _at(document, record_list.route)
        for index, locator in record_list.locators.items():
            values = tuple(_leaves(elements[index]))
            records.append(Record(locator, values, _json_times(elements[index], values)))
            places.append((number, index))
    aliases = {record.locator: index for index, record in enumerate(records)}
    if len(aliases) != len(records):
        raise Unsafe("two records share a locator")

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

    return Table(path, records, aliases, write)


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
    moments = list(iso_times(leaves))
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
        raise Unsafe("not an object")
    position = _skip(text, position + 1)
    if text[position] == "}":
        return
    while True:
        key, position = _DECODER.raw_decode(text, position)
        if not isinstance(key, str):
            raise Unsafe("a key that is not a string")
        position = _skip(text, position)
        if text[position] != ":":
            raise Unsafe("no colon after a key")
        start = _skip(text, position + 1)
        end = _value_end(text, start)
        yield key, start, end
        position = _skip(text, end)
        if text[position] == "}":
            return
        if text[position] != ",":
            raise Unsafe("no comma between members")
        position = _skip(text, position + 1)


def _array_elements(text: str, position: int) -> tuple[list[tuple[int, int]], int]:
    """(the (start, end) of each element, where the closing bracket is) of the array that
    opens at ``position``."""
    if text[position] != "[":
        raise Unsafe("not an array")
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
            raise Unsafe("no comma between elements")
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
            raise Unsafe(f"the key {step!r} is there {len(found)} times")
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


def _json_lines_table(path: str, text: str, encode: Callable[[str], bytes]) -> Table | None:
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
            raise Unsafe("a line that is not an object")
        values = tuple(_leaves(value))
        records.append(Record(f"record {count}", values, _json_times(value, values)))
    aliases = {record.locator: index for index, record in enumerate(records)}

    def write(drop: set[int]) -> tuple[bytes | None, str | None]:
        cut = {numbered[index][0] for index in drop}
        return encode("".join(line for index, line in enumerate(lines) if index not in cut)), None

    return Table(path, records, aliases, write)
