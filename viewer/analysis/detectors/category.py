"""A whole category the user never had: voice recordings without a voice device."""

from __future__ import annotations

from viewer.analysis.detectors.base import (
    VOICE_ASSISTANT_FORMATS,
    CheckContext,
    profile_evidence,
)
from viewer.analysis.findings import Evidence, Finding
from viewer.analysis.profile import OwnershipProfile
from viewer.model import ExportContents

WEIGHT = 1.0

_SERVICE = {"amazon-alexa": "Alexa", "google-takeout": "Google Assistant"}


def no_voice_device(profile: OwnershipProfile, contents: ExportContents,
                    context: CheckContext) -> list[Finding]:
    """Every voice-assistant recording, when the user owns no voice-assistant device."""
    if profile.owns_voice_devices is not False:
        return []
    stated = profile_evidence(profile, "owns_voice_devices", "false")
    findings = []
    for recording in contents.recordings:
        if recording.format not in VOICE_ASSISTANT_FORMATS:
            continue
        service = _SERVICE.get(recording.format, recording.format)
        findings.append(Finding(
            "no-voice-device",
            f"You own no voice-assistant device (your profile says so), yet this is a "
            f"{service} voice recording.",
            WEIGHT, recording.path, (Evidence(recording.path, "", service), stated)))
    return findings
