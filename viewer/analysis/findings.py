"""What the analysis says about a recording: findings with reasons, and verdicts.

A finding is one piece of evidence a person can check: a code, a sentence, a weight, and
where in the export it comes from. A verdict combines a recording's findings.

Weights: positive points away from the user ("not mine"), negative towards ("mine").
1.0 is evidence that on its own would convince a careful reader (a whole category the user
never had; a device the user never registered); 0.3 is a hint (a rhythm that fits another
time zone). Voice evidence is weighted below strong metadata: households share devices, so a
second voice is a prompt to review, not proof.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Verdict(StrEnum):
    MINE = "mine"
    NOT_MINE = "not-mine"
    UNSURE = "unsure"


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a finding can be checked: a member, a row or record in it, the value seen."""

    path: str
    locator: str = ""
    value: str = ""


@dataclass(frozen=True, slots=True)
class Finding:
    #: Stable machine name, e.g. "unknown-device", "voice-unknown".
    code: str
    #: One sentence a person understands, naming the values involved.
    detail: str
    #: See the module docstring: > 0 towards "not mine", < 0 towards "mine".
    weight: float
    #: The recording it is about (member path); None for findings about the whole export.
    recording: str | None = None
    evidence: tuple[Evidence, ...] = ()


@dataclass(frozen=True, slots=True)
class RecordingVerdict:
    path: str
    verdict: Verdict
    #: 0..1, how strongly the evidence says "not mine" (0.5 = no evidence either way).
    score: float
    #: The findings that produced the verdict, strongest first.
    reasons: tuple[Finding, ...] = ()
    #: True when the user marked it themselves (their mark always wins).
    user_marked: bool = False
