"""The guided check on the demo: answering for one own device says nothing of the other."""

from __future__ import annotations

from typing import Any

from viewer.analysis.check import CheckResult, check_export
from viewer.analysis.findings import Verdict
from viewer.analysis.profile import profile_from_dict
from viewer.analysis.questions import answer_device, answer_platform, questions_for
from viewer.archive import open_export
from viewer.formats import import_export
from viewer.resources import DEMO_EXPORT

STRANGER_SERIAL = "G2A0US9876543210"


def _check(document: dict[str, Any] | None) -> CheckResult:
    profile = profile_from_dict(document, DEMO_EXPORT.parent) if document is not None else None
    with open_export(DEMO_EXPORT) as export:
        return check_export(export, import_export(export), profile)


def _verdicts_by_serial(result: CheckResult) -> dict[str, set[Verdict]]:
    by_serial: dict[str, set[Verdict]] = {}
    for verdict in result.verdicts:
        recording = result.contents.recording(verdict.path)
        assert recording is not None
        by_serial.setdefault(recording.device or "", set()).add(verdict.verdict)
    return by_serial


def test_mine_for_one_registered_device_leaves_the_other_as_it_was() -> None:
    # As the first-time user did: "Yes, I use Alexa", then "Mine" for the Echo Show 8 only.
    before = _check(None)
    questions = questions_for(before)
    show = next(q for q in questions.devices if q.model == "Echo Show 8")
    dot = next(q for q in questions.devices if q.model and q.model.startswith("Echo Dot"))
    document = answer_device(answer_platform({}, "amazon-alexa", True), show, True)
    after = _check(document)
    dot_before = _verdicts_by_serial(before)[dot.key]
    dot_after = _verdicts_by_serial(after)[dot.key]
    # The user said nothing about the Echo Dot, which the export registers as the account's.
    assert Verdict.NOT_MINE not in dot_after
    assert dot_after == dot_before
    for verdict in after.verdicts:
        recording = after.contents.recording(verdict.path)
        assert recording is not None
        if recording.device == dot.key:
            assert all(r.code != "unknown-device" for r in verdict.reasons)
    assert _verdicts_by_serial(after)[show.key] == {Verdict.MINE}
    # The stranger's Echo is still convicted, by the registration table.
    assert _verdicts_by_serial(after)[STRANGER_SERIAL] == {Verdict.NOT_MINE}
    # And the Echo Dot is still asked about.
    assert dot.key in {q.key for q in questions_for(after).devices}
