"""What every detector shares: the context, the signature and small evidence helpers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime

from viewer.analysis.findings import Evidence, Finding
from viewer.analysis.profile import OwnershipProfile
from viewer.model import Device, ExportContents, Fact, Recording, SourceRef


@dataclass(frozen=True, slots=True)
class CheckContext:
    """What the check learned from the archive itself, beyond the importers' contents."""

    #: Member path -> SHA-256 of its content (filled by ``check_export``).
    member_sha256: Mapping[str, str] = field(default_factory=dict)
    #: Member path -> size in bytes.
    member_size: Mapping[str, int] = field(default_factory=dict)


Detector = Callable[[OwnershipProfile, ExportContents, CheckContext], list[Finding]]

#: Formats whose recordings come from a voice assistant (not chat voice notes).
VOICE_ASSISTANT_FORMATS = frozenset({"amazon-alexa", "google-takeout"})


def evidence_of(fact: Fact) -> Evidence:
    return Evidence(fact.source.path, fact.source.locator, fact.value)


def evidence_at(source: SourceRef, value: str) -> Evidence:
    return Evidence(source.path, source.locator, value)


def recording_fact(recording: Recording, key: str) -> Fact | None:
    return next((fact for fact in recording.facts if fact.key == key), None)


def is_mobile_app(device: Device | None) -> bool:
    """The Alexa app on a phone: listed as a device, but never a voice device of its own."""
    return device is not None and any(
        fact.key == "device_kind" and fact.value == "mobile app" for fact in device.facts)


def registration_tables(contents: ExportContents) -> list[str]:
    """The member paths of the export's own device registration table(s)."""
    paths: dict[str, None] = {}
    for device in contents.devices:
        if device.registered_in_export and device.sources:
            paths[device.sources[0].path] = None
    return list(paths)


def registration_source(device: Device) -> SourceRef | None:
    """The registration row of a registered device (its first source)."""
    return device.sources[0] if device.registered_in_export and device.sources else None


def profile_evidence(profile: OwnershipProfile, key: str, value: str) -> Evidence:
    """Evidence pointing at what the user stated in their profile (its file, if any)."""
    return Evidence(str(profile.source) if profile.source else "profile", key, value)


def utc_text(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def by_device(recordings: Iterable[Recording]) -> dict[str | None, list[Recording]]:
    groups: dict[str | None, list[Recording]] = {}
    for recording in recordings:
        groups.setdefault(recording.device, []).append(recording)
    return groups


def normalise_locale(value: str) -> str:
    """``en_us`` / ``EN-us`` -> ``en-US``; a bare language stays lower case."""
    parts = value.strip().replace("_", "-").split("-")
    if len(parts) >= 2:
        return f"{parts[0].lower()}-{parts[1].upper()}"
    return parts[0].lower()


def locale_matches(value: str, accepted: Iterable[str]) -> bool:
    """``de-DE`` matches ``de-DE`` and ``de``; ``de`` matches any ``de-*``."""
    seen = normalise_locale(value)
    for locale in accepted:
        wanted = normalise_locale(locale)
        if seen == wanted or seen.split("-")[0] == wanted or wanted.split("-")[0] == seen:
            return True
    return False
