"""From findings to a verdict per recording: the documented rule.

1. The user's own marks win: a path in ``confirmed_mine`` is "mine" (score 0.0), one in
   ``confirmed_not_mine`` is "not mine" (score 1.0), whatever the findings say.
2. Group rule: when a device is established as not the user's (its device-level findings,
   ``DEVICE_CODES``, reach ``NOT_MINE_AT`` on some recording), every recording of that device
   that lacks such a finding gets a copy of it, saying which recording showed it.
3. Findings are counted once per code (the strongest of each code), so one signal seen
   twice does not count twice. Metadata findings sum to ``M``, clamped to ±``SATURATION``.
   Voice findings (codes starting with ``voice``) sum to ``V``.
4. Metadata first, voice as support: when metadata is silent (no metadata finding at all),
   ``T = V``, so voice may decide alone. Otherwise ``V`` is clamped to ±``VOICE_SUPPORT``
   and ``T = M + V``; and when ``M`` alone is decisive (``M >= NOT_MINE_AT`` or
   ``M <= MINE_AT``) voice can strengthen that verdict but never turn it: ``T`` stays on
   ``M``'s side of the threshold.
5. ``T >= NOT_MINE_AT`` (0.9) is "not mine", ``T <= MINE_AT`` (-0.5) is "mine", anything in
   between "unsure". The threshold is asymmetric on purpose: calling a stranger's recording
   the user's hides it, so "mine" needs less, and "not mine" needs a convincing reason.
6. ``score = 1 / (1 + exp(-STEEPNESS * T))``: 0.5 without evidence, 0.94 at the "not mine"
   threshold, 0.18 at the "mine" threshold.

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
VOICE_SUPPORT = 0.6
STEEPNESS = 3.0

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
    """``T`` of the rule in the module docstring."""
    counted = _strongest_per_code(findings)
    metadata = [f.weight for f in counted if not is_voice_finding(f)]
    voice = sum(f.weight for f in counted if is_voice_finding(f))
    if not metadata:
        return round(_clamp(voice, SATURATION), 6)
    # Rounded so that 0.6 + 0.3 is the 0.9 a reader adds up, not 0.8999999999999999.
    m = round(_clamp(sum(metadata), SATURATION), 6)
    total = round(m + _clamp(voice, VOICE_SUPPORT), 6)
    if m >= NOT_MINE_AT:
        return max(total, NOT_MINE_AT)
    if m <= MINE_AT:
        return min(total, MINE_AT)
    return total


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
