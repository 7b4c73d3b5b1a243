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
    """Every voice-assistant recording of a platform the user does not use.

    ``owns_voice_devices: false`` covers every platform; ``voice_services`` (the guided
    check's first question) one platform at a time.
    """
    findings = []
    for recording in contents.recordings:
        if recording.format not in VOICE_ASSISTANT_FORMATS:
            continue
        if profile.uses_service(recording.format) is not False:
            continue
        service = _SERVICE.get(recording.format, recording.format)
        if profile.owns_voice_devices is False:
            stated = profile_evidence(profile, "owns_voice_devices", "false")
            detail = (f"You own no voice-assistant device (your profile says so), yet this "
                      f"is a {service} voice recording.")
        else:
            stated = profile_evidence(profile, f"voice_services.{recording.format}", "false")
            detail = (f"You said you do not use {service}, yet this is a {service} voice "
                      f"recording.")
        findings.append(Finding(
            "no-voice-device", detail,
            WEIGHT, recording.path, (Evidence(recording.path, "", service), stated)))
    return findings
