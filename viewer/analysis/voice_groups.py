"""Rule 3 of ``viewer.analysis.verdicts``: what a voice as a whole says about its recordings.

The voice model groups recordings that sound alike (``viewer.voice``). A group is evidence of
its own, beyond each clip's similarity to the user:

- the user's answer about a voice ("me", "my household", "not us") holds for every recording
  of it, and for the same files wherever they turn up (answers are kept by SHA-256);
- a voice most of whose recordings metadata has decided carries that evidence to the rest;
- a voice holding exactly the recordings the platform flagged "unrecognized speaker" confirms
  the flag: two independent systems agree.

Qt-free; the check calls ``voice_group_findings`` once the voices are known.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from viewer.analysis.findings import Evidence, Finding
from viewer.analysis.profile import OwnershipProfile, VoiceAnswer
from viewer.analysis.verdicts import (
    MINE_AT,
    NOT_MINE_AT,
    WEIGHT_VOICE_ANSWER,
    WEIGHT_VOICE_CARRIES,
    WEIGHT_VOICE_CONFIRMS_FLAG,
    is_voice_finding,
    total_weight,
)

#: A voice carries its members' metadata when at least this share of them is decided one way
#: and none the other way (and at least two are).
CARRY_SHARE = 0.5
FLAG_CODE = "platform-unrecognized-speaker"

_ANSWER_TEXT = {
    "me": "You said this voice is yours",
    "household": "You said this voice is someone of your household",
    "not-us": "You said this voice is nobody of your household",
}


def voice_group_findings(profile: OwnershipProfile, findings: Sequence[Finding],
                         voices: Sequence[Mapping[str, Any]],
                         member_sha256: Mapping[str, str]) -> list[Finding]:
    """The findings the voices add (never changes ``findings``)."""
    by_recording: dict[str, list[Finding]] = {}
    for finding in findings:
        if finding.recording is not None:
            by_recording.setdefault(finding.recording, []).append(finding)
    added: list[Finding] = []
    answered: set[str] = set()
    for number, voice in enumerate(voices, start=1):
        members = [str(path) for path in voice.get("members", ())]
        if not members:
            continue
        answer = _answer_for(profile.voices, members, member_sha256)
        if answer is not None:
            added.extend(_answer_findings(answer, number, members, profile))
            answered.update(members)
        added.extend(_carried(number, members, by_recording))
        added.extend(_confirmed_flags(number, members, by_recording))
    # Answered files the model no longer groups with their voice keep the answer.
    for path, digest in member_sha256.items():
        if path in answered:
            continue
        for answer in profile.voices:
            if digest in answer.sha256:
                added.extend(_answer_findings(answer, None, [path], profile))
                break
    return added


def _answer_for(answers: Sequence[VoiceAnswer], members: Sequence[str],
                member_sha256: Mapping[str, str]) -> VoiceAnswer | None:
    """The answer most of this voice's recordings were given, if at least half were."""
    digests = [member_sha256.get(path) for path in members]
    best, best_count = None, 0
    for answer in answers:
        count = sum(1 for digest in digests if digest in answer.sha256)
        if count > best_count:
            best, best_count = answer, count
    return best if best_count * 2 >= len(members) else None


def _answer_findings(answer: VoiceAnswer, number: int | None, members: Sequence[str],
                     profile: OwnershipProfile) -> list[Finding]:
    weight = -WEIGHT_VOICE_ANSWER if answer.is_ours else WEIGHT_VOICE_ANSWER
    which = f" (voice {number}, {len(members)} recordings)" if number is not None else ""
    detail = f"{_ANSWER_TEXT[answer.answer]}{which}."
    source = str(profile.source) if profile.source else "profile"
    return [Finding("voice-answer", detail, weight, path,
                    (Evidence(source, "voices", answer.answer),)) for path in members]


def _metadata_total(findings: Sequence[Finding]) -> float:
    return total_weight([f for f in findings if not is_voice_finding(f)])


def _carried(number: int, members: Sequence[str],
             by_recording: Mapping[str, list[Finding]]) -> list[Finding]:
    """Rule 3b: a voice mostly decided by metadata carries it to its undecided recordings."""
    if len(members) < 3:
        return []
    totals = {path: _metadata_total(by_recording.get(path, ())) for path in members}
    not_mine = [path for path, total in totals.items() if total >= NOT_MINE_AT]
    mine = [path for path, total in totals.items() if total <= MINE_AT]
    for decided, against, sign, word in ((not_mine, mine, 1.0, "not yours"),
                                         (mine, not_mine, -1.0, "yours")):
        if against or len(decided) < 2 or len(decided) < CARRY_SHARE * len(members):
            continue
        example = _strongest_reason(decided, by_recording, sign)
        detail = (f"This voice (voice {number}) also speaks in {len(decided)} of its "
                  f"{len(members)} recordings that the metadata shows are {word}"
                  f"{f', e.g. {example.recording}: {example.detail}' if example else '.'}")
        if example is not None and not detail.endswith("."):
            detail += "."
        evidence = tuple(Evidence(path, "voice", f"voice {number}") for path in decided[:3])
        return [Finding("voice-carries-metadata", detail, sign * WEIGHT_VOICE_CARRIES, path,
                        evidence)
                for path in members if path not in decided]
    return []


def _strongest_reason(paths: Sequence[str], by_recording: Mapping[str, list[Finding]],
                      sign: float) -> Finding | None:
    candidates = [f for path in paths for f in by_recording.get(path, ())
                  if not is_voice_finding(f) and f.weight * sign > 0]
    return max(candidates, key=lambda f: abs(f.weight), default=None)


def _confirmed_flags(number: int, members: Sequence[str],
                     by_recording: Mapping[str, list[Finding]]) -> list[Finding]:
    """Rule 3c: a voice of two or more recordings, every one flagged by the platform."""
    if len(members) < 2:
        return []
    flags = {path: [f for f in by_recording.get(path, ()) if f.code == FLAG_CODE]
             for path in members}
    if not all(flags.values()):
        return []
    detail = (f"The platform flagged every one of the {len(members)} recordings of this voice "
              f"(voice {number}) “unrecognized speaker”: the voice model, on its own, heard "
              "them as one voice, so the two agree.")
    return [Finding("voice-confirms-flag", detail, WEIGHT_VOICE_CONFIRMS_FLAG, path,
                    (Evidence(path, "voice", f"voice {number}"),)) for path in members]
