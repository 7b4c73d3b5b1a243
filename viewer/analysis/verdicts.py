"""From findings to a verdict per recording: the documented rule, and its numbers.

A finding's weight says how strong *this* observation is (positive: not the user's;
negative: the user's). 1.0 convinces a careful reader on its own; 0.3-0.6 is a hint.

1. The user's own marks win: a path in ``confirmed_mine`` is "mine" (score 0.0), one in
   ``confirmed_not_mine`` is "not mine" (score 1.0), whatever the findings say.
2. Device group rule: when a device is established as not the user's (its device-level
   findings, ``DEVICE_CODES``, reach ``NOT_MINE_AT`` on some recording), every recording of
   that device that lacks such a finding gets a copy of it, saying which recording showed it.
3. Voice group rules (``viewer.analysis.voice_groups``, after the voice model has grouped the
   recordings into voices): a voice the user answered for ("me", "my household": -1.0;
   "not us": +1.0, ``WEIGHT_VOICE_ANSWER``) gives that answer to all its recordings; a voice
   most of whose recordings are decided by metadata carries that evidence to its other
   recordings (±``WEIGHT_VOICE_CARRIES``, 0.6: a voice is not a device, clustering can join two
   similar people); a voice that holds exactly the recordings the platform flagged "unrecognized
   speaker" adds ``WEIGHT_VOICE_CONFIRMS_FLAG`` (0.4) to each: two independent systems agree,
   and 0.6 + 0.4 reaches "not mine".
4. Findings are counted once per code (the strongest of each code), so one signal seen twice
   does not count twice. Independent signals add up: ``T`` is the sum, clamped to
   ±``SATURATION``. So an unknown device (1.0) and an unknown voice (1.0) agree at 2.0, a
   platform flag (0.6) and a voice that confirms it (0.4) reach 1.0, and a known device
   (-0.6) against a clearly unknown voice (+1.0) is 0.4: unsure, a person should look.
5. One exception, on purpose asymmetric: a voice that merely *sounds like* the user
   (``voice-matches-owner``) never turns decisive "not mine" metadata or the user's own
   statements (everything but ``MODEL_VOICE_CODES``). Strangers can sound
   alike (relatives, one accent and age; the demo's synthetic voices), while a device the user
   never had is a fact; and calling a stranger's recording "mine" hides it, the worse error.
6. ``T >= NOT_MINE_AT`` (0.9) is "not mine", ``T <= MINE_AT`` (-0.5) is "mine", anything in
   between "unsure". "Mine" needs less on purpose: "not mine" goes into a letter to a company.
7. ``score = 1 / (1 + exp(-STEEPNESS * T))``: 0.5 without evidence, 0.94 at the "not mine"
   threshold, 0.18 at the "mine" threshold.

Voice weights (``voice_weight``), from the similarity ``s`` of a recording to the nearest of
the user's voices, the user's own threshold ``t`` (their enrolment samples' lowest agreement
minus 0.1, clamped to 0.6-0.8: ``viewer.voice.analysis.calibrate_threshold``) and ``z``, the
similarity measured against a cohort of other speakers' clips scored against the same voice
(``z = (s - mean) / sd``, ``viewer.voice.cohort``; read speech of 126 LibriSpeech speakers):

- *wide margin, not the user*: ``z <= Z_STRANGER`` (2.3) or ``s < t - SELF_MARGIN`` (0.05):
  ``voice-unknown`` at +1.0 (``WEIGHT_VOICE_DECIDES``), decides alone;
- *wide margin, the user*: ``z >= Z_OWNER`` (2.8) and ``s >= t``: ``voice-matches-owner`` at
  -1.0;
- *thin margin* (in between): ±``WEIGHT_VOICE_THIN`` (0.45), the side of ``t`` it falls on;
  support only: alone it stays unsure, with any agreeing hint it decides.

Why these numbers (``benchmarks/voice_calibration.py``, real speech, 3 enrolment segments of
3 s, test clips of 2.5 s, two folds of owners and strangers held out from the cohort): owners'
clips reach z >= 2.67 (5th percentile 3.0) and strangers' z <= 2.02 for 97 % of clips, 2.5 for
99 %; the rule calls 98.9 % of strangers' clips not mine and 0 % of owners' clips not mine,
with about 1 % unsure. Without a cohort (the file is missing) only ``t`` is used, with the
same margins. Without any voice of the user's (no samples, no recording marked or answered as
theirs) voice judges nothing.

Reasons are listed strongest first (by absolute weight).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import replace

from viewer.analysis.findings import Finding, RecordingVerdict, Verdict
from viewer.analysis.profile import OwnershipProfile
from viewer.model import ExportContents

NOT_MINE_AT = 0.9
MINE_AT = -0.5
SATURATION = 3.0
STEEPNESS = 3.0

#: Voice, from the calibration in the module docstring.
Z_STRANGER = 2.3
Z_OWNER = 2.8
SELF_MARGIN = 0.05
WEIGHT_VOICE_DECIDES = 1.0
WEIGHT_VOICE_THIN = 0.45
#: Voice group rules (rule 3).
WEIGHT_VOICE_ANSWER = 1.0
WEIGHT_VOICE_CARRIES = 0.6
WEIGHT_VOICE_CONFIRMS_FLAG = 0.4

#: Model findings that say "sounds like you": they never turn decisive metadata (rule 5).
SOUNDS_LIKE_OWNER = "voice-matches-owner"
#: What the voice model concluded (as opposed to what the user said of a voice, which is
#: "voice-answer"): rule 5 weighs the rest without these.
MODEL_VOICE_CODES = frozenset({"voice-unknown", SOUNDS_LIKE_OWNER, "voice-carries-metadata",
                               "voice-confirms-flag"})

#: Findings that describe the device rather than the single recording.
DEVICE_CODES = frozenset({"unknown-device", "locale-mismatch", "marketplace-mismatch",
                          "time-zone-rhythm"})


def is_voice_finding(finding: Finding) -> bool:
    return finding.code.startswith("voice")


def _clamp(value: float, limit: float) -> float:
    return max(-limit, min(limit, value))


def _strongest_per_code(findings: Iterable[Finding]) -> list[Finding]:
    best: dict[str, Finding] = {}
    for finding in findings:
        old = best.get(finding.code)
        if old is None or abs(finding.weight) > abs(old.weight):
            best[finding.code] = finding
    return list(best.values())


def total_weight(findings: Sequence[Finding]) -> float:
    """``T`` of the rule in the module docstring (rules 4 and 5)."""
    counted = _strongest_per_code(findings)
    # Rounded so that 0.6 + 0.3 is the 0.9 a reader adds up, not 0.8999999999999999.
    total = round(_clamp(sum(f.weight for f in counted), SATURATION), 6)
    others = round(_clamp(sum(f.weight for f in counted if f.code not in MODEL_VOICE_CODES),
                          SATURATION), 6)
    if others >= NOT_MINE_AT and any(f.code == SOUNDS_LIKE_OWNER for f in counted):
        return max(total, NOT_MINE_AT)
    return total


def voice_weight(similarity: float, threshold: float, z: float | None,
                 ) -> tuple[str, float, bool]:
    """``(code, weight, wide)`` of one recording's voice finding (see the module docstring).

    ``z`` is None when no cohort could be used: then ``threshold`` alone decides the side,
    with ``SELF_MARGIN`` on the stranger side and none towards the user (no cohort, no
    proof that the user's voice stands out).
    """
    if z is None:
        if similarity < threshold - SELF_MARGIN:
            return "voice-unknown", WEIGHT_VOICE_DECIDES, True
        if similarity < threshold:
            return "voice-unknown", WEIGHT_VOICE_THIN, False
        return SOUNDS_LIKE_OWNER, -WEIGHT_VOICE_THIN, False
    if z <= Z_STRANGER or similarity < threshold - SELF_MARGIN:
        return "voice-unknown", WEIGHT_VOICE_DECIDES, True
    if z >= Z_OWNER and similarity >= threshold:
        return SOUNDS_LIKE_OWNER, -WEIGHT_VOICE_DECIDES, True
    if similarity < threshold:
        return "voice-unknown", WEIGHT_VOICE_THIN, False
    return SOUNDS_LIKE_OWNER, -WEIGHT_VOICE_THIN, False


def score_of(total: float) -> float:
    return 1.0 / (1.0 + math.exp(-STEEPNESS * total))


def decide(path: str, findings: Sequence[Finding], *, mark: Verdict | None = None,
           ) -> RecordingVerdict:
    """The verdict on one recording from its findings (and the user's mark, if any)."""
    reasons = tuple(sorted(findings, key=lambda finding: -abs(finding.weight)))
    if mark is Verdict.MINE:
        return RecordingVerdict(path, Verdict.MINE, 0.0, reasons, user_marked=True)
    if mark is Verdict.NOT_MINE:
        return RecordingVerdict(path, Verdict.NOT_MINE, 1.0, reasons, user_marked=True)
    total = total_weight(findings)
    if total >= NOT_MINE_AT:
        verdict = Verdict.NOT_MINE
    elif total <= MINE_AT:
        verdict = Verdict.MINE
    else:
        verdict = Verdict.UNSURE
    return RecordingVerdict(path, verdict, round(score_of(total), 4), reasons)


def spread_device_findings(contents: ExportContents, findings: Sequence[Finding],
                           ) -> list[Finding]:
    """Rule 2: the findings, plus copies for recordings of a device established as not the
    user's that lack them."""
    by_recording: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.recording is not None:
            by_recording.setdefault(finding.recording, []).append(finding)
    members: dict[str, list[str]] = {}
    for recording in contents.recordings:
        if recording.device is not None:
            members.setdefault(recording.device, []).append(recording.path)
    added: list[Finding] = []
    for device, paths in members.items():
        device_findings = [f for path in paths for f in by_recording.get(path, ())
                           if f.code in DEVICE_CODES and f.weight > 0]
        strongest = _strongest_per_code(device_findings)
        if _clamp(sum(f.weight for f in strongest), SATURATION) < NOT_MINE_AT:
            continue
        for path in paths:
            has = {f.code for f in by_recording.get(path, ())}
            for finding in strongest:
                if finding.code in has:
                    continue
                added.append(replace(
                    finding, recording=path,
                    detail=f"Device {device} is not yours (shown by {finding.recording}): "
                           f"{finding.detail}"))
    return [*findings, *added]


def combine_verdicts(contents: ExportContents, profile: OwnershipProfile,
                     findings: Sequence[Finding]) -> tuple[RecordingVerdict, ...]:
    """One verdict per recording of ``contents``, in its order."""
    return verdicts_from_spread(contents, profile, spread_device_findings(contents, findings))


def verdicts_from_spread(contents: ExportContents, profile: OwnershipProfile,
                         spread: Sequence[Finding]) -> tuple[RecordingVerdict, ...]:
    """As ``combine_verdicts``, for findings the device group rule has already spread."""
    by_recording: dict[str, list[Finding]] = {}
    for finding in spread:
        if finding.recording is not None:
            by_recording.setdefault(finding.recording, []).append(finding)
    verdicts = []
    for recording in contents.recordings:
        mark = (Verdict.MINE if recording.path in profile.confirmed_mine
                else Verdict.NOT_MINE if recording.path in profile.confirmed_not_mine
                else None)
        verdicts.append(decide(recording.path, by_recording.get(recording.path, []),
                               mark=mark))
    return tuple(verdicts)
