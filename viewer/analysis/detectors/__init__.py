"""Ownership detectors: each looks for one kind of signal and returns findings with evidence.

A detector is a plain function ``(profile, contents, context) -> list[Finding]``. Detectors
that measure against the user's profile stay silent when the profile does not say (an empty
profile makes them all silent); the export-internal ones (registration table, time-zone
rhythm, structure) work without it. Weights follow the scale in ``viewer.analysis.findings``.
"""

from __future__ import annotations

from viewer.analysis.detectors.base import CheckContext, Detector
from viewer.analysis.detectors.category import no_voice_device
from viewer.analysis.detectors.devices import device_findings
from viewer.analysis.detectors.language import guess_language
from viewer.analysis.detectors.locale import (
    language_mismatch,
    locale_mismatch,
    marketplace_mismatch,
)
from viewer.analysis.detectors.names import unknown_names
from viewer.analysis.detectors.platform import platform_unrecognized_speaker
from viewer.analysis.detectors.rhythm import time_zone_rhythm
from viewer.analysis.detectors.structure import (
    duplicates,
    not_in_file_list,
    orphan_audio,
    transcript_only_in_pdf,
)
from viewer.analysis.detectors.times import registration_times

#: Every detector, strongest signal first (FORMATS.md, "Signals that a file belongs to
#: someone else").
DETECTORS: tuple[Detector, ...] = (
    no_voice_device,
    device_findings,
    registration_times,
    time_zone_rhythm,
    locale_mismatch,
    marketplace_mismatch,
    language_mismatch,
    platform_unrecognized_speaker,
    unknown_names,
    orphan_audio,
    duplicates,
    not_in_file_list,
    transcript_only_in_pdf,
)

__all__ = [
    "DETECTORS",
    "CheckContext",
    "Detector",
    "device_findings",
    "duplicates",
    "guess_language",
    "language_mismatch",
    "locale_mismatch",
    "marketplace_mismatch",
    "no_voice_device",
    "not_in_file_list",
    "orphan_audio",
    "platform_unrecognized_speaker",
    "registration_times",
    "time_zone_rhythm",
    "transcript_only_in_pdf",
    "unknown_names",
]
