"""Times as exports write them: one stamp type, zones, day/month order and calendars.

Every time an importer reads becomes a ``Stamp``: the moment (aware UTC), how precise it is,
and whether its zone was assumed. The three travel together on purpose: a flag carried
beside a ``datetime`` gets dropped on the way (a registration time taken as certain, "IST"
taken at its word), and the time checks then give a guess no slack.

What is decided here, once for every importer:

* zones: an abbreviation that names several zones ("IST": India, Ireland, Israel) is read as
  its most common meaning and marked *assumed*, with a note saying which other zones it names;
  a missing or unknown zone is UTC, assumed.
* day/month order: decided per file from the evidence of all its dates (``decide_day_month``),
  never per cell, because "3/9" and "25/9" in one file are written by one locale.
* calendars: iOS writes dates in the phone's calendar. Thai Buddhist years (``2565 BE``) and
  Japanese eras (``R4``, ``H31``) are converted; any other era marker is reported as unknown
  by the caller, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone

#: Marks and odd spaces exports put around times (direction marks, BOM, NBSP, narrow NBSP).
_INVISIBLE = "\u200e\u200f\u061c\ufeff"
_ODD_SPACES = str.maketrans({"\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " "})


#: The note of a time written without any zone.
NO_ZONE_NOTE = "no time zone given; read as UTC"


@dataclass(frozen=True, slots=True)
class Stamp:
    """One time read from an export: when, how precisely, and whether its zone is a guess."""

    moment: datetime  # aware; stored as UTC
    #: Seconds: 0.001 for milliseconds, 1 for seconds, 60 for minutes, 86400 for a day.
    precision_s: float = 1.0
    #: True when the export gave no zone, an unknown one, or one that names several zones.
    zone_assumed: bool = False
    #: Why the zone is assumed (or how the date was read), when that needs saying.
    note: str = ""

    def __post_init__(self) -> None:
        if self.moment.tzinfo is None:
            raise ValueError("a Stamp needs an aware time")
        if self.moment.tzinfo is not UTC:
            object.__setattr__(self, "moment", self.moment.astimezone(UTC))

    @property
    def zone_given(self) -> bool:
        return not self.zone_assumed


def stamp_from_local(local: datetime, zone: str | None, precision_s: float) -> Stamp:
    """A naive local time with the zone text written beside it ("CEST", "UTC+2", "IST" ...)."""
    naive = local.replace(tzinfo=None)
    reading = zone_reading(zone) if zone else None
    if reading is None:
        note = (f"unknown time zone “{zone.strip()}”; read as UTC" if zone and zone.strip()
                else NO_ZONE_NOTE)
        return Stamp(naive.replace(tzinfo=UTC), precision_s, True, note)
    moment = naive.replace(tzinfo=timezone(reading.offset))
    return Stamp(moment, precision_s, reading.ambiguous, reading.note)


# --- ISO 8601 ---------------------------------------------------------------------------

_ISO_TIME = re.compile(
    r"^(?P<date>\d{4}-\d\d-\d\d)[T ](?P<time>\d\d:\d\d(?::\d\d)?)(?P<fraction>[.,]\d+)?"
    r"\s*(?P<zone>Z|UTC|[+-]\d\d:?\d\d)?$", re.IGNORECASE)


def iso_stamp(value: str | None) -> Stamp | None:
    """``2024-08-21T13:53:36.929Z``, ``2024-08-21 13:53:36 UTC``, offsets, or no zone (then
    UTC, assumed)."""
    if value is None:
        return None
    text = value.strip().strip(_INVISIBLE).strip()
    match = _ISO_TIME.match(text)
    if not match:
        return None
    digits = (match["fraction"] or "")[1:]
    fraction = digits[:6].ljust(6, "0") if digits else "000000"
    with_seconds = match["time"].count(":") == 2
    time_part = match["time"] if with_seconds else match["time"] + ":00"
    zone = match["zone"] or ""
    if zone.upper() in ("Z", "UTC"):
        zone = "+00:00"
    elif zone and ":" not in zone:
        zone = zone[:3] + ":" + zone[3:]
    try:
        moment = datetime.fromisoformat(f"{match['date']}T{time_part}.{fraction}{zone}")
    except ValueError:
        return None
    precision = 10.0 ** -min(len(digits), 6) if digits else (1.0 if with_seconds else 60.0)
    if moment.tzinfo is None:
        return Stamp(moment.replace(tzinfo=UTC), precision, True, NO_ZONE_NOTE)
    return Stamp(moment, precision, False)


# --- Zones ------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class ZoneReading:
    offset: timedelta
    #: True when the abbreviation also names other zones.
    ambiguous: bool = False
    note: str = ""


#: Abbreviations with one meaning (English and German forms), in hours east of UTC.
_ZONES: dict[str, float] = {
    "UTC": 0, "GMT": 0, "Z": 0, "UT": 0, "WET": 0, "WEZ": 0, "WEST": 1, "WESZ": 1,
    "CET": 1, "MEZ": 1, "CEST": 2, "MESZ": 2, "EET": 2, "OEZ": 2, "EEST": 3, "OESZ": 3,
    "MSK": 3, "JST": 9, "KST": 9, "AEST": 10, "AEDT": 11, "NZST": 12, "NZDT": 13,
    "AWST": 8, "HKT": 8, "SGT": 8, "PKT": 5, "WIB": 7,
    "EST": -5, "EDT": -4, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
    "AKST": -9, "AKDT": -8, "HST": -10, "ADT": -3, "NST": -3.5, "NDT": -2.5,
}

#: Abbreviations that name several zones: the reading used (the most common one for the
#: exports this app sees) and the others, which the note names so a person can check.
_AMBIGUOUS_ZONES: dict[str, tuple[float, str]] = {
    "IST": (5.5, "India Standard Time (+05:30); it also names Irish Standard Time (+01:00) "
                 "and Israel Standard Time (+02:00)"),
    "CST": (-6, "US Central Standard Time (−06:00); it also names China Standard Time "
                "(+08:00) and Cuba Standard Time (−05:00)"),
    "CDT": (-5, "US Central Daylight Time (−05:00); it also names Cuba Daylight Time "
                "(−04:00)"),
    "AST": (-4, "Atlantic Standard Time (−04:00); it also names Arabia Standard Time "
                "(+03:00)"),
    "BST": (1, "British Summer Time (+01:00); it also names Bangladesh Standard Time "
               "(+06:00)"),
    "GST": (4, "Gulf Standard Time (+04:00); it also names South Georgia Time (−02:00)"),
    "SST": (-11, "Samoa Standard Time (−11:00); it also names Singapore Standard Time "
                 "(+08:00)"),
    "AMT": (-4, "Amazon Time (−04:00); it also names Armenia Time (+04:00)"),
    "ECT": (-5, "Ecuador Time (−05:00); it also names Eastern Caribbean Time (−04:00)"),
}

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s?(?P<sign>[+\-−])(?P<h>\d{1,2})(?::?(?P<m>\d\d))?$",
                     re.IGNORECASE)


def zone_reading(text: str | None) -> ZoneReading | None:
    """The offset a zone text stands for, or None when it is missing or unknown."""
    if not text:
        return None
    zone = text.strip().strip(_INVISIBLE).upper()
    if zone in _ZONES:
        return ZoneReading(timedelta(hours=_ZONES[zone]))
    if zone in _AMBIGUOUS_ZONES:
        hours, meaning = _AMBIGUOUS_ZONES[zone]
        return ZoneReading(timedelta(hours=hours), True, f"“{zone}” read as {meaning}")
    match = _OFFSET.match(zone.replace(" ", ""))
    if match is None:
        return None
    minutes = int(match["h"]) * 60 + int(match["m"] or 0)
    if minutes > 14 * 60:
        return None
    return ZoneReading(timedelta(minutes=minutes if match["sign"] == "+" else -minutes))


# --- Day/month order --------------------------------------------------------------------

DAY_FIRST, MONTH_FIRST, YEAR_FIRST = "day-first", "month-first", "year-first"


@dataclass(frozen=True, slots=True)
class DateOrder:
    """How one file's dates are read, why, and whether it was a guess."""

    order: str  # DAY_FIRST, MONTH_FIRST or YEAR_FIRST
    evidence: str
    ambiguous: bool = False


def decide_day_month(pairs: Iterable[tuple[int, int]], default: str,
                     default_reason: str) -> DateOrder | None:
    """Day-first or month-first for a whole file, from its dates' first two fields.

    A first field above 12 can only be a day, a second one above 12 only a day too. When the
    file has both, the majority wins and the decision is marked ambiguous; when it has neither,
    ``default`` is used (with ``default_reason``) and marked ambiguous. None when the file has
    no such dates at all.
    """
    total = first_over = second_over = 0
    for first, second in pairs:
        total += 1
        first_over += first > 12
        second_over += second > 12
    if total == 0:
        return None
    if first_over and second_over:
        order = DAY_FIRST if first_over >= second_over else MONTH_FIRST
        return DateOrder(order, f"conflicting dates: {first_over} can only be day-first, "
                                f"{second_over} only month-first", ambiguous=True)
    if first_over:
        return DateOrder(DAY_FIRST, f"{first_over} date(s) with a first field above 12")
    if second_over:
        return DateOrder(MONTH_FIRST, f"{second_over} date(s) with a second field above 12")
    return DateOrder(default, f"every date has both fields 12 or less; {default_reason}",
                     ambiguous=True)


# --- Calendars --------------------------------------------------------------------------

#: Japanese eras, by the letter iOS writes in English and by their names: the Gregorian year
#: before each era's year 1 (Reiwa 1 = 2019, Heisei 1 = 1989, Showa 1 = 1926 ...).
_JAPANESE_ERAS: dict[str, tuple[int, str]] = {
    "M": (1867, "Meiji"), "T": (1911, "Taishō"), "S": (1925, "Shōwa"), "H": (1988, "Heisei"),
    "R": (2018, "Reiwa"), "明治": (1867, "Meiji"), "大正": (1911, "Taishō"),
    "昭和": (1925, "Shōwa"), "平成": (1988, "Heisei"), "令和": (2018, "Reiwa"),
}
#: Thai Buddhist era markers: Gregorian = year − 543.
_BUDDHIST_MARKERS = frozenset({"BE", "B.E.", "B.E", "พ.ศ.", "พ.ศ"})
BUDDHIST_OFFSET = 543


def calendar_name(era: str) -> str | None:
    """A person's name for the calendar an era marker stands for; None when not known."""
    marker = era.strip()
    if marker.upper() in _BUDDHIST_MARKERS or marker in _BUDDHIST_MARKERS:
        return "Thai Buddhist era (year − 543)"
    if marker in _JAPANESE_ERAS:
        start, name = _JAPANESE_ERAS[marker]
        return f"Japanese era {name} (year + {start})"
    return None


def gregorian_year(year: int, era: str | None) -> int | None:
    """The Gregorian year of ``year`` in ``era``; None when the era is not one known here.

    Without an era the year is Gregorian (two digits mean 20xx). A Buddhist year written with
    two digits is read in the 2500s (2565 BE = 2022).
    """
    if era is None:
        return year + 2000 if year < 100 else year
    marker = era.strip()
    if marker.upper() in _BUDDHIST_MARKERS or marker in _BUDDHIST_MARKERS:
        return (year + 2500 if year < 100 else year) - BUDDHIST_OFFSET
    if marker in _JAPANESE_ERAS:
        return _JAPANESE_ERAS[marker][0] + year
    return None
