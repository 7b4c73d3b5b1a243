"""The one time module: stamps, zones (ambiguous ones assumed), day/month order, calendars."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viewer.formats.times import (
    DAY_FIRST,
    MONTH_FIRST,
    NO_ZONE_NOTE,
    Stamp,
    calendar_name,
    decide_day_month,
    gregorian_year,
    iso_stamp,
    stamp_from_local,
    zone_reading,
)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_a_stamp_is_aware_utc_and_refuses_naive_times() -> None:
    stamp = Stamp(datetime(2022, 3, 27, 23, 44, tzinfo=timezone(timedelta(hours=2))))
    assert stamp.moment == utc(2022, 3, 27, 21, 44) and stamp.moment.tzinfo is UTC
    assert (stamp.precision_s, stamp.zone_assumed, stamp.zone_given) == (1.0, False, True)
    with pytest.raises(ValueError, match="aware"):
        Stamp(datetime(2022, 3, 27))


@pytest.mark.parametrize(("text", "moment", "precision", "assumed"), [
    ("2024-08-21T13:53:36.929Z", datetime(2024, 8, 21, 13, 53, 36, 929000, tzinfo=UTC),
     0.001, False),
    ("2024-08-21 13:53:36 UTC", utc(2024, 8, 21, 13, 53, 36), 1.0, False),
    ("2024-08-21T15:53+02:00", utc(2024, 8, 21, 13, 53), 60.0, False),
    # Takeout records without a zone [seen]: UTC, assumed.
    ("2019-09-06T02:27:40.949", datetime(2019, 9, 6, 2, 27, 40, 949000, tzinfo=UTC),
     0.001, True),
])
def test_iso_stamps_keep_precision_and_the_zone_flag(text: str, moment: datetime,
                                                     precision: float, assumed: bool) -> None:
    stamp = iso_stamp(text)
    assert stamp is not None
    assert (stamp.moment, stamp.precision_s, stamp.zone_assumed) == (moment, precision, assumed)
    assert stamp.note == (NO_ZONE_NOTE if assumed else "")


@pytest.mark.parametrize("zone", ["IST", "CST", "AST", "BST", "cdt", "GST"])
def test_ambiguous_abbreviations_are_read_but_marked_assumed(zone: str) -> None:
    reading = zone_reading(zone)
    assert reading is not None and reading.ambiguous
    assert reading.note.startswith(f"“{zone.upper()}” read as ") and "also names" in reading.note
    stamp = stamp_from_local(datetime(2018, 4, 16, 13, 42, 52), zone, 1.0)
    assert stamp.zone_assumed and stamp.note == reading.note


def test_ist_reads_as_india_and_says_which_others_it_could_be() -> None:
    stamp = stamp_from_local(datetime(2018, 4, 16, 13, 42, 52), "IST", 1.0)
    assert stamp.moment == utc(2018, 4, 16, 8, 12, 52)
    assert "Irish" in stamp.note and "Israel" in stamp.note


@pytest.mark.parametrize(("zone", "hours"), [
    ("CEST", 2), ("MESZ", 2), ("PDT", -7), ("UTC+2", 2), ("GMT-03:00", -3), ("+0530", 5.5),
    ("UTC−5", -5),
])
def test_unambiguous_zones_are_given(zone: str, hours: float) -> None:
    reading = zone_reading(zone)
    assert reading is not None and not reading.ambiguous
    assert reading.offset == timedelta(hours=hours)


@pytest.mark.parametrize("zone", [None, "", "QQQ", "UTC+25"])
def test_missing_or_unknown_zones_are_utc_assumed(zone: str | None) -> None:
    stamp = stamp_from_local(datetime(2015, 6, 23, 14, 43, 45), zone, 1.0)
    assert (stamp.moment, stamp.zone_assumed) == (utc(2015, 6, 23, 14, 43, 45), True)
    assert stamp.note == (NO_ZONE_NOTE if not zone else f"unknown time zone “{zone}”; read as UTC")


def test_day_month_order_is_decided_for_the_whole_file() -> None:
    assert decide_day_month([], MONTH_FIRST, "why") is None
    day = decide_day_month([(3, 9), (25, 9)], MONTH_FIRST, "why")
    assert day is not None and (day.order, day.ambiguous) == (DAY_FIRST, False)
    month = decide_day_month([(3, 9), (9, 25)], DAY_FIRST, "why")
    assert month is not None and (month.order, month.ambiguous) == (MONTH_FIRST, False)
    guess = decide_day_month([(3, 9), (4, 9)], MONTH_FIRST, "the US order")
    assert guess is not None and (guess.order, guess.ambiguous) == (MONTH_FIRST, True)
    assert guess.evidence.endswith("the US order")
    conflict = decide_day_month([(25, 9), (26, 9), (9, 25)], MONTH_FIRST, "why")
    assert conflict is not None and (conflict.order, conflict.ambiguous) == (DAY_FIRST, True)


@pytest.mark.parametrize(("year", "era", "gregorian"), [
    (22, None, 2022), (2022, None, 2022),
    (2565, "BE", 2022), (2565, "B.E.", 2022), (65, "BE", 2022),
    (4, "R", 2022), (1, "R", 2019), (31, "H", 2019), (64, "S", 1989), (4, "令和", 2022),
    (1443, "AH", None), (1401, "?", None), (4, "G", None),
])
def test_calendars(year: int, era: str | None, gregorian: int | None) -> None:
    assert gregorian_year(year, era) == gregorian
    if era is not None:
        assert (calendar_name(era) is None) == (gregorian is None)


@given(st.text(max_size=12))
def test_zone_and_iso_readers_never_raise(text: str) -> None:
    zone_reading(text)
    stamp = iso_stamp(text)
    assert stamp is None or stamp.moment.tzinfo is UTC
    assert stamp_from_local(datetime(2020, 1, 1), text, 1.0).moment.tzinfo is UTC
