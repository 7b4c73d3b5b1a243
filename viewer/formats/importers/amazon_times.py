"""Times in the many shapes Amazon's tables and transcript PDFs write them.

Slash dates (9/3/2024) are month-first in US exports and day-first elsewhere, and one date
alone rarely tells which: the order is decided per file from all its slash dates
(``date_order_of``) and passed to every reading of that file's cells.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from viewer.formats.base import clean_value
from viewer.formats.times import (
    DAY_FIRST,
    MONTH_FIRST,
    DateOrder,
    Stamp,
    decide_day_month,
    iso_stamp,
    stamp_from_local,
)

_ZONE = r"(?:\s*(?P<zone>Z|UTC|GMT)?\s*(?P<offset>[+-]\d\d:?\d\d)?)"
_CLOCK = r"(?P<h>\d{1,2}):(?P<mi>\d\d)(?::(?P<s>\d\d)(?:[.,](?P<frac>\d{1,6}))?)?"
#: 9/3/2024 6:41:12 AM: month-first in US exports, day-first elsewhere; the file decides.
_SLASH_SHAPE = re.compile(
    r"(?<![\d/])(?P<mo>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d\d),?\s+" + _CLOCK
    + r"(?:\s*(?P<ampm>[AaPp])\.?[Mm]\.?)?" + _ZONE)
_TIME_SHAPES: tuple[re.Pattern[str], ...] = (
    # 2024-09-03 06:41:12 UTC, 2024-09-03T06:41:12.929Z, 2024/09/03 06:41
    re.compile(r"(?<!\d)(?P<y>\d{4})[-/](?P<mo>\d\d)[-/](?P<d>\d\d)(?:T|,?\s+)" + _CLOCK + _ZONE),
    # 03.09.2024 06:41:12 (German)
    re.compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<mo>\d{1,2})\.(?P<y>\d{4}),?\s+" + _CLOCK + _ZONE),
    _SLASH_SHAPE,
)
#: Just the date part of a slash date, to gather a file's evidence cheaply.
_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(?:\d{4}|\d\d)(?![\d/])")
#: Amazon's own slash dates are US-style; a file that does not say otherwise is read so.
_DEFAULT_ORDER = MONTH_FIRST
_DEFAULT_ORDER_REASON = "read month-first, the order of Amazon's US-style dates"


@dataclass(frozen=True, slots=True)
class FoundTime:
    """A date and time found in a line: where it sits and what it means."""

    start: int
    end: int
    stamp: Stamp
    #: The two leading fields of a slash date as written (9/3/2024 -> (9, 3)), whose order
    #: the file decides; None for other shapes.
    day_month: tuple[int, int] | None = None


def find_time(text: str, order: str | None = None) -> FoundTime | None:
    """The first date-with-time in ``text`` in any of the shapes exports use, or None.

    ``order`` (DAY_FIRST or MONTH_FIRST) is the file's decision for slash dates; without one
    each date is read alone (month-first unless its first field cannot be a month), which is
    only good enough for recognising a file's shape. No zone means UTC, assumed.
    """
    for pattern in _TIME_SHAPES:
        for match in pattern.finditer(text):
            found = _time_from_match(match, order if pattern is _SLASH_SHAPE else None,
                                     slash=pattern is _SLASH_SHAPE)
            if found is not None:
                return found
    return None


def parse_loose_time(value: str | None, order: str | None = None) -> Stamp | None:
    """A cell that is nothing but a time, in ISO or a common local shape."""
    text = clean_value(value)
    if not text:
        return None
    iso = iso_stamp(text)
    if iso is not None:
        return iso
    found = find_time(text, order)
    if found is None or text[:found.start].strip() or text[found.end:].strip():
        return None
    return found.stamp


def date_order_of(cells: Iterable[str | None]) -> DateOrder | None:
    """The day/month order of one file's slash dates, decided from all of them."""
    pairs = ((int(match[1]), int(match[2])) for cell in cells if cell and "/" in cell
             for match in _SLASH_DATE.finditer(cell))
    return decide_day_month(pairs, _DEFAULT_ORDER, _DEFAULT_ORDER_REASON)


def _time_from_match(match: re.Match[str], order: str | None, *,
                     slash: bool) -> FoundTime | None:
    parts = match.groupdict()
    year, month, day = int(parts["y"]), int(parts["mo"]), int(parts["d"])
    written = (month, day) if slash else None
    if year < 100:
        year += 2000
    # Without the file's decision, 25/12/2024 alone can only be day-first.
    if order == DAY_FIRST or (order is None and month > 12 and day <= 12):
        month, day = day, month
    hour = int(parts["h"])
    ampm = (parts.get("ampm") or "").lower()
    if ampm:
        if hour > 12:
            return None
        hour = hour % 12 + (12 if ampm == "p" else 0)
    fraction = parts["frac"] or ""
    offset = parts["offset"]
    precision = 60.0 if parts["s"] is None else 10.0 ** -len(fraction) if fraction else 1.0
    try:
        local = datetime(year, month, day, hour, int(parts["mi"]), int(parts["s"] or 0),
                         int(fraction.ljust(6, "0")) if fraction else 0)
    except ValueError:
        return None
    if offset:
        sign = 1 if offset[0] == "+" else -1
        digits = offset[1:].replace(":", "")
        minutes = sign * (int(digits[:2]) * 60 + int(digits[2:]))
        try:
            stamp = Stamp(local.replace(tzinfo=timezone(timedelta(minutes=minutes))),
                          precision)
        except ValueError:  # an offset of 24 hours or more
            return None
    else:
        stamp = stamp_from_local(local, parts["zone"], precision)
    return FoundTime(match.start(), match.end(), stamp, written)
