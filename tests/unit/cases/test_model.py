"""A case's state and days left as the days pass: draft, sent, overdue, answered, closed."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from viewer.cases import Case, CaseState

SENT = date(2024, 11, 6)


def case(**changes: object) -> Case:
    base = Case(id=1, controller="Amazon EU", export_name="export.zip", export_sha256="a" * 64,
                language="en", report_folder="/tmp/out",
                report_files=(("report.json", "b" * 64), ("report.pdf", "c" * 64)),
                report_written=date(2024, 11, 5), flagged=(), counts={"flagged": 0},
                requests=())
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_draft_has_no_deadline() -> None:
    draft = case()
    assert draft.deadline is None
    assert draft.state(date(2030, 1, 1)) is CaseState.DRAFT
    assert draft.days_left(date(2030, 1, 1)) is None


def test_sent_until_the_deadline_day_then_overdue() -> None:
    sent = case(sent_on=SENT)
    assert sent.deadline == date(2024, 12, 6)
    assert sent.state(SENT) is CaseState.SENT
    assert sent.days_left(SENT) == 30
    assert sent.state(date(2024, 12, 6)) is CaseState.SENT  # the last day still counts
    assert sent.days_left(date(2024, 12, 6)) == 0
    assert sent.state(date(2024, 12, 7)) is CaseState.OVERDUE
    assert sent.days_left(date(2024, 12, 7)) == -1


def test_an_extension_moves_the_deadline_by_two_months() -> None:
    extended = case(sent_on=SENT, extended_on=date(2024, 12, 1))
    assert extended.deadline == date(2025, 2, 6)
    assert extended.state(date(2024, 12, 7)) is CaseState.SENT
    assert extended.days_left(date(2025, 2, 6)) == 0
    assert extended.state(date(2025, 2, 7)) is CaseState.OVERDUE


def test_an_answer_and_closing_end_the_count() -> None:
    answered = case(sent_on=SENT, answered_on=date(2025, 1, 10))
    assert answered.state(date(2025, 6, 1)) is CaseState.ANSWERED
    assert answered.days_left(date(2025, 6, 1)) is None
    closed = replace(answered, closed_on=date(2025, 1, 20))
    assert closed.state(date(2025, 6, 1)) is CaseState.CLOSED
    assert case(closed_on=date(2024, 11, 5)).state(date(2024, 11, 5)) is CaseState.CLOSED


def test_the_report_hash_is_the_pdf_s_else_the_json_s() -> None:
    assert case().report_sha256 == "c" * 64
    assert case(report_files=(("report.json", "b" * 64), ("letter.txt", "d" * 64))
                ).report_sha256 == "b" * 64
    assert case(report_files=()).report_sha256 == ""


def test_state_values_are_plain_words() -> None:
    assert [state.value for state in CaseState] == [
        "draft", "sent", "overdue", "answered", "closed"]
    assert CaseState("overdue") is CaseState.OVERDUE
