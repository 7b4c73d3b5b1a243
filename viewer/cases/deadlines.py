"""The GDPR's answer deadline, in calendar months (Art. 12(3)).

The controller answers "within one month of receipt of the request", and may extend that
"by two further months" when it tells the requester so within the first month. A month
ends on the same day of the following month; when that month is shorter, on its last day
(31 January + 1 month = 28 or 29 February), as Regulation 1182/71 counts periods.
"""

from __future__ import annotations

import calendar
from datetime import date

#: Art. 12(3): one month to answer ...
ANSWER_MONTHS = 1
#: ... "extended by two further months where necessary".
EXTENSION_MONTHS = 2


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months, clamped to the month's last day."""
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def response_deadline(sent_on: date, extended: bool) -> date:
    """The last day the company may answer a request sent (received) on ``sent_on``."""
    return add_months(sent_on, ANSWER_MONTHS + (EXTENSION_MONTHS if extended else 0))
