"""One month to answer, three when extended (Art. 12(3) GDPR), counted in calendar months."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viewer.cases import add_months, response_deadline
from viewer.cases.deadlines import next_working_day


@pytest.mark.parametrize(("day", "months", "expected"), [
    (date(2024, 11, 5), 1, date(2024, 12, 5)),
    (date(2024, 12, 15), 1, date(2025, 1, 15)),       # across the year
    (date(2023, 1, 31), 1, date(2023, 2, 28)),        # 31 January, common year
    (date(2024, 1, 31), 1, date(2024, 2, 29)),        # 31 January, leap year
    (date(2024, 3, 31), 1, date(2024, 4, 30)),        # into a 30-day month
    (date(2024, 2, 29), 12, date(2025, 2, 28)),       # leap day, a year on
    (date(2024, 2, 29), 48, date(2028, 2, 29)),       # ... and to the next leap year
    (date(2024, 1, 31), 3, date(2024, 4, 30)),        # counted from the day, not chained
    (date(2024, 2, 28), 1, date(2024, 3, 28)),        # a short month's end is not "the end"
    (date(2024, 3, 31), -1, date(2024, 2, 29)),       # backwards
    (date(2024, 5, 10), 0, date(2024, 5, 10)),
])
def test_add_months(day: date, months: int, expected: date) -> None:
    assert add_months(day, months) == expected


def test_the_deadline_is_one_month_or_three_when_extended() -> None:
    assert response_deadline(date(2024, 11, 6), extended=False) == date(2024, 12, 6)
    assert response_deadline(date(2024, 11, 6), extended=True) == date(2025, 2, 6)
    assert response_deadline(date(2024, 1, 31), extended=False) == date(2024, 2, 29)
    assert response_deadline(date(2023, 1, 31), extended=False) == date(2023, 2, 28)
    assert response_deadline(date(2024, 11, 30), extended=True) == date(2025, 2, 28)
    # 31 March 2024 is a Sunday: the period ends on Monday (Art. 3(4) of 1182/71).
    assert response_deadline(date(2023, 12, 31), extended=True) == date(2024, 4, 1)


@pytest.mark.parametrize(("sent", "expected"), [
    (date(2024, 11, 8), date(2024, 12, 9)),    # Sunday 8 December -> Monday
    (date(2024, 11, 7), date(2024, 12, 9)),    # Saturday 7 December -> Monday
    (date(2024, 11, 6), date(2024, 12, 6)),    # a Friday stays
    (date(2024, 12, 31), date(2025, 1, 31)),   # a Friday month end stays
    (date(2026, 1, 31), date(2026, 3, 2)),     # clamped to Saturday 28 February -> March
])
def test_a_deadline_on_a_weekend_moves_to_the_monday(sent: date, expected: date) -> None:
    assert response_deadline(sent, extended=False) == expected


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2900, 12, 31)), st.booleans())
def test_a_deadline_is_a_weekday_at_most_two_days_after_the_month_end(
        sent: date, extended: bool) -> None:
    end = add_months(sent, 3 if extended else 1)
    deadline = response_deadline(sent, extended)
    assert deadline.weekday() < 5
    assert 0 <= (deadline - end).days <= 2
    assert next_working_day(deadline) == deadline


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2900, 12, 31)),
       st.integers(min_value=-1200, max_value=1200))
def test_add_months_lands_in_the_right_month_on_the_day_or_the_month_end(
        day: date, months: int) -> None:
    moved = add_months(day, months)
    assert (moved.year * 12 + moved.month) - (day.year * 12 + day.month) == months
    if moved.day != day.day:  # only when the month is too short for the day: its last day
        assert moved.day < day.day
        assert (moved + timedelta(days=1)).month != moved.month
