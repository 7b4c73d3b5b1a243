"""The GDPR's answer deadline, in calendar months (Art. 12(3)).

The controller answers "within one month of receipt of the request", and may extend that
"by two further months" when it tells the requester so within the first month. A month
ends on the same day of the following month; when that month is shorter, on its last day
(31 January + 1 month = 28 or 29 February), as Regulation (EEC, Euratom) No 1182/71 counts
periods (Art. 3(2)(c)). A deadline that falls on a Saturday or Sunday moves to the following
Monday (Art. 3(4)). Public holidays move it too, but they differ by country (and region)
and are not counted here: on the day after a holiday the date shown may be a day early.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

#: Art. 12(3): one month to answer ...
ANSWER_MONTHS = 1
#: ... "extended by two further months where necessary".
EXTENSION_MONTHS = 2
#: ``date.weekday()`` of Saturday (Sunday is 6).
SATURDAY = 5


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def next_working_day(day: date) -> date:
    """``day``, or the Monday after it when it is a Saturday or Sunday (Art. 3(4) of
    Regulation 1182/71; public holidays are not known here)."""
    weekday = day.weekday()  # Monday 0 ... Sunday 6
    return day + timedelta(days=7 - weekday) if weekday >= SATURDAY else day


def response_deadline(sent_on: date, extended: bool) -> date:
    """The last day the company may answer a request sent (received) on ``sent_on``."""
    end = add_months(sent_on, ANSWER_MONTHS + (EXTENSION_MONTHS if extended else 0))
    return next_working_day(end)
