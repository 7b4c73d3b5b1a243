"""Cases (Qt-free): each report followed until the company answers.

Writing a report makes a case (a draft); the user records when they sent it, and the case
counts the GDPR's one-month deadline (Art. 12(3)), writes a reminder when it passes or a
complaint to a supervisory authority (Art. 77), and checks a corrected export against the
first one. Kept in the review store's file; "forget everything" deletes them.

>>> cases = CaseStore(review_store)
>>> case = cases.create_from_report(data, written, export)
>>> cases.mark_sent(case.id, date(2024, 11, 6)).deadline
datetime.date(2024, 12, 6)
"""

from viewer.cases.compare import compare_export, compare_export_steps
from viewer.cases.deadlines import add_months, response_deadline
from viewer.cases.errors import CaseError
from viewer.cases.model import (
    Case,
    CaseEvent,
    CaseState,
    Comparison,
    FlaggedEvidence,
    OwnFile,
    describe_case,
)
from viewer.cases.store import CaseStore

__all__ = [
    "Case",
    "CaseError",
    "CaseEvent",
    "CaseState",
    "CaseStore",
    "Comparison",
    "FlaggedEvidence",
    "OwnFile",
    "add_months",
    "compare_export",
    "compare_export_steps",
    "describe_case",
    "response_deadline",
]
