"""Rule 3 of the verdicts: what a voice as a whole says (answers, carried metadata, flags)."""

from __future__ import annotations

import hashlib

from tests.unit.analysis.builders import NO_CONTEXT, contents, recording
from viewer.analysis.detectors import device_findings, platform_unrecognized_speaker
from viewer.analysis.findings import Finding, Verdict
from viewer.analysis.profile import (
    EMPTY_PROFILE,
    OwnershipProfile,
    ProfileDevice,
    VoiceAnswer,
)
from viewer.analysis.verdicts import spread_device_findings, verdicts_from_spread
from viewer.analysis.voice_groups import voice_group_findings
from viewer.model import Fact, Recording, SourceRef

ACTIVITY = "Takeout/My Activity/Assistant/MyActivity.json"


def flagged(number: int) -> Recording:
    fact = Fact("platform_unrecognized_speaker", "yes", SourceRef(ACTIVITY, f"item {number}"))
    return recording(number, fmt="google-takeout", extra=(fact,))


def sha(path: str) -> str:
    return hashlib.sha256(path.encode()).hexdigest()


def voice(members: list[Recording]) -> dict[str, object]:
    paths = [r.path for r in members]
    return {"id": 0, "recordings": len(paths), "representative": paths[0], "members": paths}


def verdicts(recordings: list[Recording], voices: list[dict[str, object]],
             profile: OwnershipProfile = EMPTY_PROFILE,
             extra: list[Finding] | None = None) -> dict[str, Verdict]:
    """The check's last steps: detectors, device spread, voice groups, verdicts."""
    export = contents(recordings)
    findings = [*platform_unrecognized_speaker(profile, export, NO_CONTEXT),
                *device_findings(profile, export, NO_CONTEXT), *(extra or [])]
    spread = spread_device_findings(export, findings)
    hashes = {r.path: sha(r.path) for r in recordings}
    spread.extend(voice_group_findings(profile, spread, voices, hashes))
    return {v.path: v.verdict for v in verdicts_from_spread(export, profile, spread)}


def test_a_flag_the_voices_confirm_is_not_mine_without_a_profile() -> None:
    # Google marks 4 of 13 "From unrecognized speaker"; the model hears exactly those 4 as
    # one voice of their own.
    strangers = [flagged(n) for n in range(4)]
    household = [recording(n, fmt="google-takeout") for n in range(4, 13)]
    result = verdicts([*strangers, *household], [voice(household), voice(strangers)])
    assert [result[r.path] for r in strangers] == [Verdict.NOT_MINE] * 4
    assert {result[r.path] for r in household} == {Verdict.UNSURE}


def test_a_flag_alone_or_one_the_voices_contradict_stays_unsure() -> None:
    strangers = [flagged(n) for n in range(4)]
    household = [recording(n, fmt="google-takeout") for n in range(4, 13)]
    # No voices at all: the flag alone is a hint.
    assert set(verdicts([*strangers, *household], []).values()) == {Verdict.UNSURE}
    # The flagged recordings sound like the rest of the household: no agreement.
    mixed = [voice([*household, *strangers])]
    assert {verdicts([*strangers, *household], mixed)[r.path] for r in strangers} == \
        {Verdict.UNSURE}
    # The flagged recordings sound clearly like the user: still unsure, never "not mine".
    sounds_like_you = [Finding("voice-matches-owner", "sounds like you", -1.0, r.path)
                       for r in strangers]
    result = verdicts([*strangers, *household], [voice(strangers)], extra=sounds_like_you)
    assert {result[r.path] for r in strangers} == {Verdict.UNSURE}


def test_the_users_answer_about_a_voice_holds_for_all_its_recordings() -> None:
    ours = [recording(n) for n in range(3)]
    theirs = [recording(n) for n in range(3, 8)]
    profile = OwnershipProfile(voices=(
        VoiceAnswer("me", frozenset({sha(ours[0].path), sha(ours[1].path)})),
        # Answered for 3 of 5 recordings: a majority, so the whole voice.
        VoiceAnswer("not-us", frozenset(sha(r.path) for r in theirs[:3]))))
    result = verdicts([*ours, *theirs], [voice(theirs), voice(ours)], profile)
    assert {result[r.path] for r in ours} == {Verdict.MINE}
    assert {result[r.path] for r in theirs} == {Verdict.NOT_MINE}
    # A file answered for keeps its answer when the model puts it in no voice at all.
    assert verdicts(ours, [], profile)[ours[0].path] is Verdict.MINE


def test_a_voice_carries_what_metadata_shows_of_most_of_its_recordings() -> None:
    on_stranger_device = [recording(n, device="US1") for n in range(3)]
    without_device = [recording(n) for n in range(3, 5)]
    # The stranger's device is established by the user's answer.
    profile = OwnershipProfile(not_my_devices=(ProfileDevice(serial="US1"),))
    members = [*on_stranger_device, *without_device]
    result = verdicts(members, [voice(members)], profile)
    assert {result[r.path] for r in on_stranger_device} == {Verdict.NOT_MINE}
    # 0.6 carried: a hint, not a verdict on its own ...
    assert {result[r.path] for r in without_device} == {Verdict.UNSURE}
    # ... but with any agreeing hint it decides.
    hint = [Finding("voice-unknown", "thin", 0.45, r.path) for r in without_device]
    result = verdicts(members, [voice(members)], profile, extra=hint)
    assert {result[r.path] for r in without_device} == {Verdict.NOT_MINE}
    # A voice split between decided sides carries nothing.
    mine = [recording(n, device="DE1") for n in range(5, 8)]
    profile = OwnershipProfile(devices=(ProfileDevice(serial="DE1"),),
                               not_my_devices=(ProfileDevice(serial="US1"),))
    split = [*on_stranger_device, *mine, *without_device]
    findings = voice_group_findings(profile, [], [voice(split)], {})
    assert findings == []
