"""The platform's flag and the voice model agree: not mine without any profile (end to end)."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.exports import takeout_with_a_flagged_guest
from viewer.analysis.check import check_export
from viewer.analysis.findings import Verdict
from viewer.archive import open_export
from viewer.formats import import_export
from viewer.voice import voice_evidence


def test_flag_and_voice_agreeing_decide_and_the_rest_stays_unsure(tmp_path: Path) -> None:
    path, flagged = takeout_with_a_flagged_guest(tmp_path / "takeout.zip")
    with open_export(path) as export:
        contents = import_export(export)
        assert len(contents.recordings) == 13
        result = check_export(export, contents, None,
                              voice=voice_evidence(export, contents, None, store=None))
    verdicts = {v.path: v for v in result.verdicts}
    guest_voice = [v for v in result.voices if set(v["members"]) == set(flagged)]
    assert guest_voice, f"the guest's 4 recordings are one voice: {result.voices}"
    for path_ in flagged:
        verdict = verdicts[path_]
        assert verdict.verdict is Verdict.NOT_MINE
        assert [r.code for r in verdict.reasons] == ["platform-unrecognized-speaker",
                                                     "voice-confirms-flag"]
    assert {v.verdict for p, v in verdicts.items() if p not in flagged} == {Verdict.UNSURE}
