"""The time axis: which tick step suits a zoom, where ticks fall on the calendar, their labels.

Plain Python (no Qt) so it is tested without a widget. Ticks follow the wall clock of a
display zone across daylight-saving changes: an hourly tick is at 06:00 local time on both
sides of a change, a day tick at local midnight, a month tick on the 1st.

What depends on the user's language (month and weekday names, the order of day, month and
year) comes in from the caller (``CalendarWords``); the widget fills it from the Qt locale and
its translations.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

#: Fine tick steps, smallest first: (unit, count). Months and years are calendar steps.
STEPS: tuple[tuple[str, int], ...] = (
    ("second", 1), ("second", 2), ("second", 5), ("second", 10), ("second", 15), ("second", 30),
    ("minute", 1), ("minute", 2), ("minute", 5), ("minute", 10), ("minute", 15), ("minute", 30),
    ("hour", 1), ("hour", 2), ("hour", 3), ("hour", 6), ("hour", 12),
    ("day", 1), ("day", 2), ("week", 1),
    ("month", 1), ("month", 2), ("month", 3), ("month", 6),
    ("year", 1), ("year", 2), ("year", 5), ("year", 10), ("year", 20), ("year", 50),
    ("year", 100),
)
#: Nominal (shortest) length of a unit: a month is at least 28 days, so labels never collide.
UNIT_S = {"second": 1.0, "minute": 60.0, "hour": 3600.0, "day": 86400.0,
          "week": 7 * 86400.0, "month": 28 * 86400.0, "year": 365 * 86400.0}
#: The coarse row of the axis gives the context of the fine ticks.
COARSE: dict[str, str | None] = {
    "second": "day", "minute": "day", "hour": "day", "day": "month", "week": "month",
    "month": "year", "year": None}
#: Room between a fine label and the next tick, in pixels.
LABEL_GAP_PX = 14
#: The axis reaches this fraction of the view beyond each edge (labels cut at the edge).
OVERHANG = 0.02
#: No axis row holds more ticks than this (a guard against absurd views).
MAX_TICKS = 2000


@dataclass(frozen=True, slots=True)
class Axis:
    """The ticks of one view: the fine step, its ticks, and the coarse ticks above them."""

    unit: str
    count: int
    fine: list[float]
    coarse: list[float]
    coarse_unit: str | None
    #: Day ticks have room for the weekday ("Mon 28" instead of "28").
    wide_day_labels: bool


@dataclass(frozen=True, slots=True)
class CalendarWords:
    """The words of the user's language that axis labels are made of."""

    #: ``month_name(month, long)``: month 1..12, short ("Jan") or long ("January").
    month_name: Callable[[int, bool], str]
    #: ``weekday_name(iso_weekday)``: 1 (Monday) .. 7, short ("Mon").
    weekday_name: Callable[[int], str]
    #: Templates with ``{weekday}``, ``{day}``, ``{month}``, ``{year}`` as the language orders
    #: them: a whole date, a day of a month, a month of a year.
    full_date: str = "{weekday} {day} {month} {year}"
    day_month: str = "{day} {month}"
    month_year: str = "{month} {year}"


def offset_s(t: float, tz: tzinfo) -> float:
    """The zone's UTC offset at POSIX time ``t``, in seconds."""
    offset = datetime.fromtimestamp(t, tz).utcoffset()
    return offset.total_seconds() if offset else 0.0


def fixed_ticks(t0: float, t1: float, step_s: float, tz: tzinfo) -> list[float]:
    """Ticks every ``step_s`` (at most 12 h) aligned to the wall clock, across DST changes."""
    offset0 = offset_s(t0, tz)
    first = math.ceil((t0 + offset0) / step_s) * step_s - offset0
    count = min(int((t1 - first) / step_s) + 2, MAX_TICKS)
    ticks = set()
    for i in range(count):
        tick = first + i * step_s
        # Same wall-clock alignment when the offset differs from the one at t0 (DST).
        tick += offset0 - offset_s(tick, tz)
        if t0 <= tick <= t1:
            ticks.add(tick)
    return sorted(ticks)


def calendar_ticks(t0: float, t1: float, unit: str, count: int, tz: tzinfo) -> list[float]:
    """Local midnights of days, Mondays, month or year starts (every ``count``) in [t0, t1]."""
    ticks: list[float] = []
    first = datetime.fromtimestamp(t0, tz)
    try:
        if unit in ("day", "week"):
            day = first.date()
            if unit == "week":
                day -= timedelta(days=day.weekday())
                step = timedelta(days=7)
            else:
                day -= timedelta(days=day.toordinal() % count)
                step = timedelta(days=count)
            while len(ticks) < MAX_TICKS:
                tick = datetime(day.year, day.month, day.day, tzinfo=tz).timestamp()
                if tick > t1:
                    break
                if tick >= t0:
                    ticks.append(tick)
                day += step
        elif unit == "month":
            year, month = first.year, first.month - (first.month - 1) % count
            while len(ticks) < MAX_TICKS:
                tick = datetime(year, month, 1, tzinfo=tz).timestamp()
                if tick > t1:
                    break
                if tick >= t0:
                    ticks.append(tick)
                month += count
                if month > 12:
                    year, month = year + 1, month - 12
        elif unit == "year":
            year = first.year - first.year % count
            while len(ticks) < MAX_TICKS:
                tick = datetime(max(year, 1), 1, 1, tzinfo=tz).timestamp()
                if tick > t1:
                    break
                if tick >= t0:
                    ticks.append(tick)
                year += count
    except (ValueError, OverflowError, OSError):  # beyond year 9999 or the platform's range
        pass
    return ticks


def ticks(t0: float, t1: float, unit: str, count: int, tz: tzinfo) -> list[float]:
    """Ticks every ``count`` ``unit``s in [t0, t1], on the wall clock or calendar of ``tz``."""
    if unit in ("second", "minute", "hour"):
        return fixed_ticks(t0, t1, count * UNIT_S[unit], tz)
    return calendar_ticks(t0, t1, unit, count, tz)


def axis_for_view(view_start: float, view_span: float, plot_width: float, tz: tzinfo,
                  label_width: Callable[[str], float]) -> Axis:
    """The finest step whose labels fit between its ticks, and the ticks of the view.

    ``label_width(unit)`` is the widest fine label of a unit in pixels ("wide-day" for a day
    with its weekday).
    """
    px_per_s = plot_width / view_span
    unit, count = STEPS[-1]
    for unit, count in STEPS:
        if count * UNIT_S[unit] * px_per_s >= label_width(unit) + LABEL_GAP_PX:
            break
    t0 = view_start - view_span * OVERHANG
    t1 = view_start + view_span * (1 + OVERHANG)
    fine = ticks(t0, t1, unit, count, tz)
    coarse_unit = COARSE[unit]
    coarse = ticks(t0, t1, coarse_unit, 1, tz) if coarse_unit else []
    wide = (unit in ("day", "week")
            and count * UNIT_S[unit] * px_per_s >= label_width("wide-day") + LABEL_GAP_PX)
    return Axis(unit, count, fine, coarse, coarse_unit, wide)


def fine_label(t: float, axis: Axis, tz: tzinfo, words: CalendarWords) -> str:
    """The label of fine tick ``t``: a time, a day, a month or a year."""
    moment = datetime.fromtimestamp(t, tz)
    if axis.unit == "second":
        return moment.strftime("%H:%M:%S")
    if axis.unit in ("minute", "hour"):
        return moment.strftime("%H:%M")
    if axis.unit in ("day", "week"):
        if axis.wide_day_labels:
            return f"{words.weekday_name(moment.isoweekday())} {moment.day}"
        return str(moment.day)
    if axis.unit == "month":
        return words.month_name(moment.month, False)
    return str(moment.year)


def coarse_labels(t: float, unit: str, tz: tzinfo, words: CalendarWords) -> list[str]:
    """Labels of the coarse period that starts at (or contains) ``t``, longest first: the
    caller shows the longest that fits."""
    moment = datetime.fromtimestamp(t, tz)
    month = words.month_name(moment.month, False)
    if unit == "day":
        weekday = words.weekday_name(moment.isoweekday())
        return [words.full_date.format(weekday=weekday, day=moment.day, month=month,
                                       year=moment.year),
                words.day_month.format(day=moment.day, month=month),
                str(moment.day)]
    if unit == "month":
        return [words.month_year.format(month=words.month_name(moment.month, True),
                                        year=moment.year),
                words.month_year.format(month=month, year=moment.year), month]
    return [str(moment.year)]


def zone_name(tz: tzinfo, at: float) -> str:
    """How the axis names its zone: "Europe/Berlin (CEST)", or whichever part is known."""
    moment = datetime.fromtimestamp(at, tz)
    key = getattr(tz, "key", None)
    abbreviation = tz.tzname(moment) or ""
    if key and abbreviation and abbreviation != key:
        return f"{key} ({abbreviation})"
    return key or abbreviation or str(tz)
