from __future__ import annotations

import pytest

from tests.unit.analysis.builders import contents, recording
from viewer.analysis.findings import Finding, Verdict
from viewer.analysis.profile import OwnershipProfile
from viewer.analysis.verdicts import (
    MINE_AT,
    NOT_MINE_AT,
    WEIGHT_VOICE_DECIDES,
    WEIGHT_VOICE_THIN,
    Z_OWNER,
    Z_STRANGER,
    combine_verdicts,
    decide,
    score_of,
    spread_device_findings,
    total_weight,
    voice_weight,
)

PATH = "a.wav"


def f(code: str, weight: float, path: str = PATH) -> Finding:
    return Finding(code, f"{code} {weight}", weight, path)


@pytest.mark.parametrize(("weights", "verdict"), [
    ([], Verdict.UNSURE),
    ([0.9], Verdict.NOT_MINE),           # exactly at the threshold
    ([0.89], Verdict.UNSURE),
    ([-0.5], Verdict.MINE),              # exactly at the threshold
    ([-0.49], Verdict.UNSURE),
    ([0.6, 0.3], Verdict.NOT_MINE),      # hints add up
    ([1.0, -0.6], Verdict.UNSURE),       # contradiction: a person should look
])
def test_threshold_edges(weights: list[float], verdict: Verdict) -> None:
    findings = [f(f"code-{i}", w) for i, w in enumerate(weights)]
    assert decide(PATH, findings).verdict is verdict


def test_no_evidence_is_an_even_score_and_saturation_caps_the_sum() -> None:
    assert decide(PATH, []).score == 0.5
    assert total_weight([f(f"c{i}", 1.0) for i in range(10)]) == 3.0
    assert score_of(NOT_MINE_AT) > 0.9 and score_of(MINE_AT) < 0.2


def test_one_code_counts_once() -> None:
    assert total_weight([f("locale-mismatch", 0.6), f("locale-mismatch", 0.4)]) == 0.6
    assert decide(PATH, [f("x", 0.5), f("x", 0.5)]).verdict is Verdict.UNSURE


def test_user_marks_always_win() -> None:
    strong = [f("no-voice-device", 1.0)]
    verdict = decide(PATH, strong, mark=Verdict.MINE)
    assert verdict.verdict is Verdict.MINE and verdict.user_marked and verdict.score == 0.0
    assert verdict.reasons == tuple(strong)  # the findings stay visible
    verdict = decide(PATH, [f("known-device", -0.6)], mark=Verdict.NOT_MINE)
    assert verdict.verdict is Verdict.NOT_MINE and verdict.score == 1.0


def test_voice_decides_alone_when_metadata_is_silent() -> None:
    assert decide(PATH, [f("voice-unknown", 1.0)]).verdict is Verdict.NOT_MINE
    assert decide(PATH, [f("voice-matches-owner", -1.0)]).verdict is Verdict.MINE
    # A thin margin only supports: alone it stays unsure either way.
    assert decide(PATH, [f("voice-unknown", WEIGHT_VOICE_THIN)]).verdict is Verdict.UNSURE
    assert decide(PATH, [f("voice-matches-owner", -WEIGHT_VOICE_THIN)]).verdict \
        is Verdict.UNSURE


def test_agreeing_signals_add_up_and_contradictions_stay_unsure() -> None:
    # A hint and a thin voice margin that agree decide together.
    assert decide(PATH, [f("language-mismatch", 0.6), f("voice-unknown", WEIGHT_VOICE_THIN)]
                  ).verdict is Verdict.NOT_MINE
    # An unknown device and an unknown voice: far past the threshold.
    assert total_weight([f("unknown-device", 1.0), f("voice-unknown", 1.0)]) == 2.0
    # Your own device, but clearly not your voice: a person should look.
    assert decide(PATH, [f("known-device", -0.6), f("voice-unknown", 1.0)]).verdict \
        is Verdict.UNSURE


def test_sounding_like_you_never_turns_decisive_metadata() -> None:
    metadata = f("unknown-device", 1.0)
    verdict = decide(PATH, [metadata, f("voice-matches-owner", -1.0)])
    assert verdict.verdict is Verdict.NOT_MINE
    assert total_weight([metadata, f("voice-matches-owner", -1.0)]) == NOT_MINE_AT
    # The user's own answer about the voice is not "sounds like": it does turn it.
    assert decide(PATH, [metadata, f("voice-answer", -1.0)]).verdict is Verdict.UNSURE


@pytest.mark.parametrize(("similarity", "threshold", "z", "code", "weight"), [
    (0.60, 0.75, 1.5, "voice-unknown", WEIGHT_VOICE_DECIDES),      # far below both
    (0.74, 0.75, Z_STRANGER, "voice-unknown", WEIGHT_VOICE_DECIDES),  # cohort says stranger
    (0.69, 0.75, 2.6, "voice-unknown", WEIGHT_VOICE_DECIDES),      # well under your own
    (0.72, 0.75, 2.6, "voice-unknown", WEIGHT_VOICE_THIN),         # thin, below threshold
    (0.78, 0.75, 2.6, "voice-matches-owner", -WEIGHT_VOICE_THIN),  # thin, above threshold
    (0.78, 0.75, Z_OWNER, "voice-matches-owner", -WEIGHT_VOICE_DECIDES),
    (0.74, 0.75, 3.5, "voice-unknown", WEIGHT_VOICE_THIN),         # cohort yes, you no
    (0.69, 0.75, None, "voice-unknown", WEIGHT_VOICE_DECIDES),     # no cohort
    (0.72, 0.75, None, "voice-unknown", WEIGHT_VOICE_THIN),
    (0.95, 0.75, None, "voice-matches-owner", -WEIGHT_VOICE_THIN),  # no cohort, no proof
])
def test_voice_weight_follows_the_margin(similarity: float, threshold: float,
                                         z: float | None, code: str, weight: float) -> None:
    assert voice_weight(similarity, threshold, z)[:2] == (code, weight)


def test_reasons_are_strongest_first() -> None:
    verdict = decide(PATH, [f("a", 0.3), f("b", -0.6), f("c", 1.0)])
    assert [r.code for r in verdict.reasons] == ["c", "b", "a"]


def test_group_rule_spreads_a_device_verdict_to_all_its_recordings() -> None:
    recs = [recording(1, device="US"), recording(2, device="US"), recording(3, device="DE")]
    established = Finding("unknown-device", "Unknown device US", 1.0, recs[0].path)
    spread = spread_device_findings(contents(recs), [established])
    copies = [x for x in spread if x is not established]
    assert [x.recording for x in copies] == [recs[1].path]
    assert copies[0].code == "unknown-device"
    assert f"shown by {recs[0].path}" in copies[0].detail
    verdicts = combine_verdicts(contents(recs), OwnershipProfile(), [established])
    assert [v.verdict for v in verdicts] == [Verdict.NOT_MINE, Verdict.NOT_MINE,
                                             Verdict.UNSURE]


def test_group_rule_needs_an_established_device() -> None:
    recs = [recording(1, device="US"), recording(2, device="US")]
    hint = Finding("time-zone-rhythm", "rhythm", 0.3, recs[0].path)
    assert spread_device_findings(contents(recs), [hint]) == [hint]
    not_device_level = Finding("unknown-names", "names", 1.0, recs[0].path)
    assert spread_device_findings(contents(recs), [not_device_level]) == [not_device_level]


def test_combine_applies_the_profile_marks() -> None:
    recs = [recording(1), recording(2)]
    profile = OwnershipProfile(confirmed_not_mine=frozenset({recs[1].path}))
    verdicts = combine_verdicts(contents(recs), profile, [])
    assert [v.verdict for v in verdicts] == [Verdict.UNSURE, Verdict.NOT_MINE]
    assert verdicts[1].user_marked
