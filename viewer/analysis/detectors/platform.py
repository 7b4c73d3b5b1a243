"""The platform's own flag: Google marks recordings "From unrecognized speaker"."""

from __future__ import annotations

from viewer.analysis.detectors.base import CheckContext, evidence_of, recording_fact
from viewer.analysis.findings import Finding
from viewer.analysis.profile import OwnershipProfile
from viewer.model import ExportContents

#: The platform's voice match says "not the account owner"; a guest in the household is
#: also unrecognised, so this supports rather than decides.
WEIGHT = 0.6
FACT = "platform_unrecognized_speaker"


def platform_unrecognized_speaker(profile: OwnershipProfile, contents: ExportContents,
                                  context: CheckContext) -> list[Finding]:
    findings = []
    for recording in contents.recordings:
        fact = recording_fact(recording, FACT)
        if fact is None or fact.value.casefold() not in ("yes", "true", "1"):
            continue
        findings.append(Finding(
            "platform-unrecognized-speaker",
            f"The platform itself marked this recording “From unrecognized speaker” "
            f"({fact.source}).",
            WEIGHT, recording.path, (evidence_of(fact),)))
    return findings
