"""Ticks on the wall clock and calendar of a zone, the step for a zoom, and label texts."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from viewer.timescale.axis import (
    Axis,
    CalendarWords,
    axis_for_view,
    coarse_labels,
    fine_label,
    ticks,
    zone_name,
)

DAY = 86400.0
BERLIN = ZoneInfo("Europe/Berlin")
UTC = ZoneInfo("UTC")
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
WORDS = CalendarWords(
    month_name=lambda month, long: (MONTHS[month - 1] + ("uary" if long and month == 1 else "")),
    weekday_name=lambda day: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][day - 1])


def test_axis_ticks_follow_the_local_calendar_across_dst() -> None:
    berlin = BERLIN
    start = datetime(2024, 3, 29, tzinfo=berlin).timestamp()
    hours = ticks(start, start + 4 * DAY, "hour", 6, berlin)
    assert {datetime.fromtimestamp(t, berlin).hour for t in hours} <= {0, 6, 12, 18}
    assert {datetime.fromtimestamp(t, berlin).minute for t in hours} == {0}
    weeks = ticks(start, start + 30 * DAY, "week", 1, berlin)
    assert len(weeks) == 4
    mondays = {(d.weekday(), d.hour, d.minute) for d in
               (datetime.fromtimestamp(t, berlin) for t in weeks)}
    assert mondays == {(0, 0, 0)}  # local midnight starting each Monday
    months = ticks(start, start + 120 * DAY, "month", 1, berlin)
    assert [datetime.fromtimestamp(t, berlin).timetuple()[1:4] for t in months] == [
        (4, 1, 0), (5, 1, 0), (6, 1, 0), (7, 1, 0)]


def test_hour_ticks_keep_the_wall_clock_on_the_day_the_clocks_go_forward() -> None:
    start = datetime(2024, 3, 31, tzinfo=BERLIN).timestamp()  # 02:00 becomes 03:00
    hours = ticks(start, start + 23 * 3600, "hour", 3, BERLIN)  # the whole 23-hour day
    assert [datetime.fromtimestamp(t, BERLIN).hour for t in hours] == [0, 3, 6, 9, 12, 15,
                                                                        18, 21, 0]


def test_years_and_multi_month_steps_start_where_the_calendar_does() -> None:
    start = datetime(2013, 5, 17, tzinfo=UTC).timestamp()
    years = ticks(start, start + 12 * 365 * DAY, "year", 5, UTC)
    assert [datetime.fromtimestamp(t, UTC).year for t in years] == [2015, 2020, 2025]
    quarters = ticks(start, start + 365 * DAY, "month", 3, UTC)
    assert [datetime.fromtimestamp(t, UTC).month for t in quarters] == [7, 10, 1, 4]


def test_beyond_the_calendar_there_are_no_ticks_rather_than_an_error() -> None:
    far = datetime(9999, 6, 1, tzinfo=UTC).timestamp()
    assert ticks(far, far + 400 * 365 * DAY, "year", 100, UTC) == []


def test_the_step_is_the_finest_whose_labels_fit() -> None:
    start = datetime(2024, 5, 1, tzinfo=UTC).timestamp()
    narrow = axis_for_view(start, 3600, 1000, UTC, lambda unit: 40.0)
    assert (narrow.unit, narrow.count) == ("minute", 5)  # 1000 px an hour: 83 px a step
    assert narrow.coarse_unit == "day"
    year = axis_for_view(start, 365 * DAY, 1000, UTC, lambda unit: 40.0)
    assert (year.unit, year.count, year.coarse_unit) == ("month", 1, "year")
    # A year and the 2 % overhang on each side: 1 May to 1 May.
    assert [datetime.fromtimestamp(t, UTC).timetuple()[1:3] for t in year.fine] == [
        (month, 1) for month in (5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3, 4, 5)]
    # The labels cannot fit at any step: the coarsest is used.
    assert axis_for_view(start, 365 * DAY, 10, UTC, lambda unit: 1e9).unit == "year"


def test_wide_day_labels_need_room_for_the_weekday() -> None:
    start = datetime(2024, 5, 1, tzinfo=UTC).timestamp()
    widths = {"hour": 100.0, "day": 15.0, "wide-day": 60.0}
    tight = axis_for_view(start, 30 * DAY, 1000, UTC, lambda unit: widths.get(unit, 40.0))
    roomy = axis_for_view(start, 7 * DAY, 1000, UTC, lambda unit: widths.get(unit, 40.0))
    assert tight.unit == roomy.unit == "day"
    assert not tight.wide_day_labels and roomy.wide_day_labels


def test_labels_say_what_the_step_counts() -> None:
    t = datetime(2024, 1, 15, 9, 30, 5, tzinfo=UTC).timestamp()

    def axis(unit: str, wide: bool = False) -> Axis:
        return Axis(unit, 1, [], [], None, wide)

    assert fine_label(t, axis("second"), UTC, WORDS) == "09:30:05"
    assert fine_label(t, axis("hour"), UTC, WORDS) == "09:30"
    assert fine_label(t, axis("day"), UTC, WORDS) == "15"
    assert fine_label(t, axis("day", wide=True), UTC, WORDS) == "Mon 15"
    assert fine_label(t, axis("month"), UTC, WORDS) == "Jan"
    assert fine_label(t, axis("year"), UTC, WORDS) == "2024"
    assert fine_label(t, axis("hour"), BERLIN, WORDS) == "10:30"  # the display zone's clock
    assert coarse_labels(t, "day", UTC, WORDS) == ["Mon 15 Jan 2024", "15 Jan", "15"]
    assert coarse_labels(t, "month", UTC, WORDS) == ["January 2024", "Jan 2024", "Jan"]
    assert coarse_labels(t, "year", UTC, WORDS) == ["2024"]


def test_the_language_orders_the_date() -> None:
    german = CalendarWords(month_name=WORDS.month_name, weekday_name=WORDS.weekday_name,
                           full_date="{weekday}, {day}. {month} {year}",
                           day_month="{day}. {month}")
    t = datetime(2024, 1, 15, tzinfo=UTC).timestamp()
    assert coarse_labels(t, "day", UTC, german)[:2] == ["Mon, 15. Jan 2024", "15. Jan"]


def test_zone_names_say_the_zone_and_its_abbreviation() -> None:
    summer = datetime(2024, 7, 1, tzinfo=UTC).timestamp()
    assert zone_name(BERLIN, summer) == "Europe/Berlin (CEST)"
    assert zone_name(UTC, summer) == "UTC"
