"""A corrected export against the first: the flagged files gone (wherever they were moved),
the user's own files still there (even renamed), by size and then SHA-256."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import date
from pathlib import Path

from tests.helpers.report import DemoReport, demo_variant, member_bytes
from tests.unit.cases.conftest import TODAY
from viewer.archive import open_export
from viewer.cases import Case, CaseStore, Comparison, compare_export, compare_export_steps
from viewer.resources import DEMO_EXPORT


def corrected(tmp_path: Path, changes: Mapping[str, bytes | None]) -> Path:
    return demo_variant(tmp_path / "corrected.zip", changes)


def compare(case: Case, path: Path) -> Comparison:
    with open_export(path) as export:
        return compare_export(case, export, today=TODAY)


def test_a_proper_correction_removes_the_flagged_and_keeps_the_rest(
        cases: CaseStore, demo_report: DemoReport, tmp_path: Path) -> None:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    fixed = corrected(tmp_path, dict.fromkeys(
        (item.path for item in (*case.flagged, *case.withheld)), None))
    result = compare(case, fixed)
    assert result.checked_on == TODAY
    assert result.flagged_gone == 40 and result.flagged_still_there == ()
    assert result.withheld_gone == 1 and result.withheld_still_there == ()
    assert result.own_kept == len(case.own_files) and result.own_missing == ()
    assert result.corrected
    with open_export(fixed) as export:
        assert result.corrected_sha256 == export.sha256 != case.export_sha256


def test_withheld_files_still_there_leave_the_export_uncorrected(
        cases: CaseStore, demo_report: DemoReport, tmp_path: Path) -> None:
    # Only the 40 recordings dropped: the PDF of the other person's transcripts and the
    # tables with their rows are still there.
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    assert [item.path for item in case.withheld] == [
        "Additional Data/Alexa/Alexa/Transcripts.pdf"]
    assert "Additional Data/Alexa/Alexa/Geolocation/Geolocation-1-1.csv" in case.mixed
    result = compare(case, corrected(
        tmp_path, dict.fromkeys((item.path for item in case.flagged), None)))
    assert result.flagged_gone == 40 and result.flagged_still_there == ()
    assert result.withheld_gone == 0 and result.withheld_still_there == case.withheld
    assert result.not_verified == case.mixed
    assert not result.corrected
    kept = cases.attach_comparison(case.id, result).comparison
    assert kept == result


def test_the_same_export_again_corrects_nothing(cases: CaseStore,
                                                demo_report: DemoReport) -> None:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    result = compare(case, DEMO_EXPORT)
    assert result.flagged_gone == 0
    assert result.flagged_still_there == case.flagged
    assert result.own_missing == () and not result.corrected


def test_files_are_found_by_content_wherever_they_moved(
        cases: CaseStore, demo_report: DemoReport, tmp_path: Path) -> None:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    moved_flagged = case.flagged[3]
    own_audio = next(item for item in case.own_files if item.path.endswith(".wav"))
    changes: dict[str, bytes | None] = dict.fromkeys(
        (item.path for item in case.flagged), None)
    # One flagged file left in, under a new name; an own recording renamed.
    changes[f"Elsewhere/{Path(moved_flagged.path).name}"] = member_bytes(
        DEMO_EXPORT, moved_flagged.path)
    changes[own_audio.path] = None
    changes["Renamed/mine.wav"] = member_bytes(DEMO_EXPORT, own_audio.path)
    result = compare(case, corrected(tmp_path, changes))
    assert result.flagged_still_there == (moved_flagged,)
    assert result.flagged_gone == 39
    assert result.own_missing == () and result.own_kept == len(case.own_files)


def test_an_own_file_lost_or_changed_is_missing(
        cases: CaseStore, demo_report: DemoReport, tmp_path: Path) -> None:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    lost = next(item for item in case.own_files if item.path.endswith(".wav"))
    changed = next(item for item in case.own_files
                   if item.path.endswith(".csv") and item.size > 10)
    original = member_bytes(DEMO_EXPORT, changed.path)
    same_size = bytes([original[0] ^ 1]) + original[1:]  # same size, other content
    changes: dict[str, bytes | None] = dict.fromkeys(
        (item.path for item in case.flagged), None)
    changes[lost.path] = None
    changes[changed.path] = same_size
    result = compare(case, corrected(tmp_path, changes))
    assert result.flagged_gone == 40
    assert set(result.own_missing) == {lost.path, changed.path}
    assert result.own_kept == len(case.own_files) - 2
    assert not result.corrected


def test_steps_report_progress_and_the_result_is_kept_with_the_case(
        cases: CaseStore, demo_report: DemoReport, tmp_path: Path) -> None:
    case = cases.create_from_report(demo_report.data, demo_report.written, demo_report.export)
    cases.mark_sent(case.id, date(2024, 11, 8))
    fixed = corrected(tmp_path, dict.fromkeys((item.path for item in case.flagged), None))
    progress = []
    with open_export(fixed) as export:
        steps = compare_export_steps(case, export, today=TODAY)
        while True:
            try:
                progress.append(next(steps))
            except StopIteration as finished:
                result = finished.value
                break
    assert progress and progress[-1].done == progress[-1].total
    assert all(a.done <= b.done for a, b in itertools.pairwise(progress))
    kept = cases.attach_comparison(case.id, result)
    assert kept.comparison == result
    assert kept.events[-1].kind == "compared"
