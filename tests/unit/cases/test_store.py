"""Cases in the review store: made from a real report, stepped through, kept across a
reopen, refused when a step is impossible, and gone with "forget everything"."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from tests.helpers.report import (
    REQUEST,
    STRANGER_SERIAL,
    DemoReport,
    flagged_paths,
    flagged_transcripts,
)
from tests.unit.cases.conftest import TODAY, WRITTEN
from viewer.cases import CaseError, CaseState, CaseStore, Comparison
from viewer.report import build_report_data, write_report
from viewer.review import ReviewStore

SENT = date(2024, 11, 8)


def test_a_report_makes_a_draft_with_its_evidence(cases: CaseStore,
                                                  demo_report: DemoReport) -> None:
    data = demo_report.data
    case = cases.create_from_report(data, demo_report.written, demo_report.export)
    assert case.id == 1
    assert case.state(TODAY) is CaseState.DRAFT
    assert case.controller == data.controller
    assert case.export_sha256 == data.archive_sha256
    assert case.export_name == "amazon-demo-export.zip"
    assert case.language == "en"
    assert case.report_written == WRITTEN.date()
    assert (case.requested_on, case.received_on) == (date(2024, 10, 1), date(2024, 11, 5))
    assert (case.user_name, case.contact) == ("Max Mustermann", "max@example.de")
    assert case.report_folder == str(demo_report.written[0].parent.resolve())
    assert [name for name, _sha in case.report_files] == [
        "report.json", "flagged-files.csv", "letter.txt"]
    json_file = demo_report.written[0]
    assert case.report_sha256 == hashlib.sha256(json_file.read_bytes()).hexdigest()
    assert [item.path for item in case.flagged] == flagged_paths(demo_report.result)
    assert len(case.flagged) == case.counts["flagged"] == 40
    for item, source in zip(case.flagged, data.flagged, strict=True):
        assert (item.sha256, item.size) == (source.sha256, source.size)
        assert item.reasons and all(isinstance(code, str) for code in item.reasons)
    assert case.counts["recordings"] == 100 and case.counts["members"] == data.members
    assert case.categories() == [(category.code, category.recordings)
                                 for category in data.categories]
    assert len(case.requests) == 5 and "Art. 33" in case.requests[1]
    assert [event.kind for event in case.events] == ["report"]
    assert case.events[0].when == WRITTEN.date()


def test_own_files_are_the_ones_not_singled_out(cases: CaseStore,
                                                demo_report: DemoReport) -> None:
    data = demo_report.data
    case = cases.create_from_report(data, demo_report.written, demo_report.export)
    own = {item.path for item in case.own_files}
    singled_out = ({item.path for item in data.flagged} | {item.path for item in data.withheld}
                   | {item.path for item in data.mixed} | data.strangers.marked_paths())
    assert data.strangers.marked_paths() - {item.path for item in data.mixed}  # cleanable
    assert own and not own & singled_out
    assert own | singled_out == {member.path for member in demo_report.export.members}
    small = [item for item in case.own_files if item.size <= 1 << 20]
    assert small and all(item.sha256 for item in small)
    some = small[0]
    assert some.sha256 == demo_report.export.member_sha256(some.path)


def test_no_content_of_the_other_person_is_stored(cases: CaseStore, demo_report: DemoReport,
                                                  store_path: Path, tmp_path: Path,
                                                  review_store: ReviewStore) -> None:
    # With masked excerpts: the most of the other person that a report carries.
    data = build_report_data(demo_report.result, demo_report.export,
                             replace(REQUEST, include_excerpts=True), created=WRITTEN)
    written = write_report(tmp_path / "out", data, demo_report.export)
    cases.create_from_report(data, written, demo_report.export)
    review_store.close()
    raw = b"".join(path.read_bytes() for path in store_path.parent.iterdir())
    excerpts = [item.excerpt for item in data.flagged if item.excerpt]
    details = [reason.detail for item in data.flagged for reason in item.reasons]
    texts = flagged_transcripts(demo_report.result)
    assert texts and excerpts and details
    for text in [*texts, *excerpts, *details]:
        assert text.encode("utf-8") not in raw
    assert STRANGER_SERIAL.encode() not in raw  # their device: evidence in the report only
    assert b"RIFF" not in raw  # no audio either


def test_steps_and_their_timeline_survive_a_reopen(store_path: Path,
                                                   demo_report: DemoReport) -> None:
    with ReviewStore(store_path) as review:
        cases = CaseStore(review, today=lambda: TODAY)
        case = cases.create_from_report(demo_report.data, demo_report.written,
                                        demo_report.export)
        cases.mark_sent(case.id, SENT)
        cases.mark_extended(case.id, date(2024, 12, 2))
        cases.record_answer(case.id, date(2025, 1, 20), "  They apologised.  ")
        comparison = Comparison(date(2025, 1, 21), "f" * 64, 39, (case.flagged[0],), 50,
                                ("a/b.csv",))
        cases.attach_comparison(case.id, comparison)
    with ReviewStore(store_path) as review:
        again = CaseStore(review, today=lambda: TODAY).case(case.id)
    assert again.sent_on == SENT
    assert again.extended_on == date(2024, 12, 2)
    assert again.deadline == date(2025, 2, 10)  # not Saturday the 8th
    assert again.answered_on == date(2025, 1, 20)
    assert again.answer_note == "They apologised."
    assert again.state(TODAY) is CaseState.ANSWERED
    assert again.comparison == comparison
    assert [(event.when, event.kind) for event in again.events] == [
        (WRITTEN.date(), "report"), (SENT, "sent"), (date(2024, 12, 2), "extended"),
        (date(2025, 1, 20), "answered"), (date(2025, 1, 21), "compared")]
    assert "They apologised." in again.events[3].detail
    assert "39 of 40 flagged files gone" in again.events[4].detail
    assert again.own_files == case.own_files and again.flagged == case.flagged


def test_overdue_lists_only_cases_past_their_deadline(cases: CaseStore,
                                                     demo_report: DemoReport) -> None:
    make = lambda: cases.create_from_report(  # noqa: E731
        demo_report.data, demo_report.written, demo_report.export)
    late, waiting, draft, answered = make(), make(), make(), make()
    cases.mark_sent(late.id, SENT)
    cases.mark_sent(waiting.id, date(2025, 2, 15))
    cases.mark_sent(answered.id, SENT)
    cases.record_answer(answered.id, date(2025, 1, 2), "")
    assert [case.id for case in cases.cases()] == [answered.id, draft.id, waiting.id, late.id]
    assert [case.id for case in cases.overdue(TODAY)] == [late.id]
    assert cases.case(late.id).days_left(TODAY) == -(TODAY - date(2024, 12, 9)).days
    assert cases.case(waiting.id).days_left(TODAY) == 16  # Saturday 15 March -> Monday
    assert cases.overdue(date(2024, 12, 9)) == []


def test_impossible_steps_are_refused_with_a_reason(cases: CaseStore,
                                                    demo_report: DemoReport) -> None:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    with pytest.raises(CaseError, match="not been sent"):
        cases.record_answer(case.id, date(2024, 12, 1), "early")
    with pytest.raises(CaseError, match="not been sent"):
        cases.mark_extended(case.id, date(2024, 12, 1))
    with pytest.raises(CaseError, match="in the future"):
        cases.mark_sent(case.id, date(2025, 3, 2))
    with pytest.raises(CaseError, match="before the report was written"):
        cases.mark_sent(case.id, date(2024, 11, 1))
    cases.mark_sent(case.id, SENT)
    with pytest.raises(CaseError, match="before the report was sent"):
        cases.record_answer(case.id, date(2024, 11, 7), "")
    with pytest.raises(CaseError, match="after the one-month deadline"):
        cases.mark_extended(case.id, date(2024, 12, 10))
    # The month ends on Sunday 8 December: the Monday after still counts.
    cases.mark_extended(case.id, date(2024, 12, 9))
    with pytest.raises(CaseError, match="already extended"):
        cases.mark_extended(case.id, date(2024, 12, 8))
    with pytest.raises(CaseError, match="cannot have been sent after"):
        cases.mark_sent(case.id, date(2024, 12, 10))
    cases.record_answer(case.id, date(2025, 1, 5), "")
    cases.close(case.id, date(2025, 1, 6))
    with pytest.raises(CaseError, match="already closed"):
        cases.close(case.id, date(2025, 1, 7))
    with pytest.raises(CaseError, match="closed"):
        cases.record_answer(case.id, date(2025, 1, 7), "")
    assert cases.case(case.id).state(TODAY) is CaseState.CLOSED
    for step in (lambda: cases.case(99), lambda: cases.mark_sent(99, SENT),
                 lambda: cases.delete(99)):
        with pytest.raises(CaseError, match="no case 99"):
            step()


def test_a_corrected_sent_date_moves_the_deadline(cases: CaseStore,
                                                 demo_report: DemoReport) -> None:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    cases.mark_sent(case.id, SENT)
    moved = cases.mark_sent(case.id, date(2024, 11, 30))
    assert moved.deadline == date(2024, 12, 30)
    # The corrected date replaces the first: the timeline lists one sending.
    assert [(event.when, event.kind) for event in moved.events] == [
        (WRITTEN.date(), "report"), (date(2024, 11, 30), "sent")]
    assert "answer due by 2024-12-30" in moved.events[-1].detail


def test_a_corrected_answer_replaces_the_first_and_keeps_its_note(
        cases: CaseStore, demo_report: DemoReport) -> None:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    cases.mark_sent(case.id, SENT)
    cases.record_answer(case.id, date(2024, 12, 3), "They deleted nothing.")
    again = cases.record_answer(case.id, date(2024, 12, 2), "")
    assert again.answered_on == date(2024, 12, 2)
    assert again.answer_note == "They deleted nothing."
    assert [(event.when, event.kind, event.detail) for event in again.events[1:]] == [
        (SENT, "sent", again.events[1].detail),
        (date(2024, 12, 2), "answered", "They deleted nothing.")]
    assert cases.record_answer(case.id, date(2024, 12, 2), "New words").answer_note == \
        "New words"


def test_a_sent_date_the_extension_came_too_late_for_is_refused(
        cases: CaseStore, demo_report: DemoReport) -> None:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    cases.mark_sent(case.id, date(2025, 1, 31))
    cases.mark_extended(case.id, date(2025, 2, 28))
    with pytest.raises(CaseError, match="more than a month after 2024-11-30"):
        cases.mark_sent(case.id, date(2024, 11, 30))
    assert cases.case(case.id).sent_on == date(2025, 1, 31)
    # Within the month the extension still counts: the correction is taken.
    assert cases.mark_sent(case.id, date(2025, 1, 28)).deadline == date(2025, 4, 28)


def test_letters_join_the_timeline(cases: CaseStore, demo_report: DemoReport) -> None:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    cases.mark_sent(case.id, SENT)
    after = cases.record_letter(case.id, date(2025, 1, 2), "reminder")
    assert (after.events[-1].kind, after.events[-1].detail) == ("reminder", "Reminder written")
    with pytest.raises(ValueError, match="reminder or a complaint"):
        cases.record_letter(case.id, date(2025, 1, 2), "poem")


def test_delete_and_forget_everything_remove_cases(cases: CaseStore, review_store: ReviewStore,
                                                  demo_report: DemoReport,
                                                  store_path: Path) -> None:
    first = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    second = cases.create_from_report(demo_report.data, demo_report.written,
                                      demo_report.export)
    cases.mark_sent(second.id, SENT)
    cases.delete(first.id)
    assert [case.id for case in cases.cases()] == [second.id]
    review_store.forget_everything()
    assert cases.cases() == []
    events = review_store._db.execute("SELECT count(*) FROM case_events").fetchone()[0]
    assert events == 0
    review_store.close()
    raw = b"".join(path.read_bytes() for path in store_path.parent.iterdir())
    assert b"Max Mustermann" not in raw and demo_report.data.archive_sha256.encode() not in raw


def test_a_case_kept_before_withheld_files_were_kept_still_loads(
        cases: CaseStore, review_store: ReviewStore, demo_report: DemoReport) -> None:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    assert case.withheld and case.mixed
    comparison = Comparison(date(2025, 1, 21), "f" * 64, 40, (), 50, ())
    cases.mark_sent(case.id, SENT)
    cases.attach_comparison(case.id, comparison)
    db = review_store._db
    report, kept = db.execute("SELECT report, comparison FROM cases WHERE id = ?",
                              (case.id,)).fetchone()
    report, kept = json.loads(report), json.loads(kept)
    for key in ("withheld", "mixed"):
        del report[key]
    for key in ("withheld_gone", "withheld_still_there", "not_verified"):
        del kept[key]
    with review_store._write() as write:
        write.execute("UPDATE cases SET report = ?, comparison = ? WHERE id = ?",
                      (json.dumps(report), json.dumps(kept), case.id))
    old = cases.case(case.id)
    assert old.withheld == () and old.mixed == ()
    assert old.comparison == comparison and old.comparison.corrected


def test_a_file_name_quoting_the_other_person_is_kept_scrubbed(
        cases: CaseStore, demo_report: DemoReport, review_store: ReviewStore,
        store_path: Path) -> None:
    from viewer.cases import describe_case

    text = flagged_transcripts(demo_report.result)[0]
    named = replace(demo_report.data.flagged[0],
                    path=f"Alexa/Voice/utterance_2024-05-01 {text}.wav")
    data = replace(demo_report.data, flagged=(named, *demo_report.data.flagged[1:]))
    case = cases.create_from_report(data, demo_report.written, demo_report.export)
    first = case.flagged[0]
    assert first.path == "Alexa/Voice/utterance_2024-05-01 [withheld].wav"
    assert first.sha256 == named.sha256 and first.size == named.size
    assert text not in json.dumps(describe_case(case, TODAY), ensure_ascii=False)
    review_store.close()
    raw = b"".join(path.read_bytes() for path in store_path.parent.iterdir())
    assert text.encode("utf-8") not in raw
