"""Devices: is the recording's device one the user owns, one the export registered?

Two tables can say "not yours": the user's own list of devices (the profile) and the export's
registration table (``Device Registration.csv``). A device the profile names is the user's
even when the table misses it (the user knows best); a device neither lists is a stranger's.
A registered device the profile does not name stays the table's word until the user answers
about it (``not_my_devices``).
The Alexa app on a phone appears as a "device" of the account but is never registered as an
Echo; it is not judged here.
"""

from __future__ import annotations

from viewer.analysis.detectors.base import (
    CheckContext,
    evidence_at,
    evidence_of,
    is_mobile_app,
    profile_evidence,
    recording_fact,
    registration_source,
    registration_tables,
)
from viewer.analysis.findings import Evidence, Finding
from viewer.analysis.profile import OwnershipProfile, ProfileDevice
from viewer.model import Device, ExportContents, Recording

#: Not in the user's list of devices (serial or name compared): convincing on its own.
WEIGHT_NOT_IN_PROFILE = 1.0
#: Only the model differs from every model the user owns: models are not unique.
WEIGHT_MODEL_NOT_IN_PROFILE = 0.6
#: Not in the export's own registration table while other devices are.
WEIGHT_NOT_REGISTERED = 0.9
#: The user lists this device.
WEIGHT_KNOWN = -0.6
#: The export's registration table lists it (and the profile does not say).
WEIGHT_REGISTERED = -0.3


def device_findings(profile: OwnershipProfile, contents: ExportContents,
                    context: CheckContext) -> list[Finding]:
    """"unknown-device", "known-device" and "registered-device" findings per recording."""
    tables = registration_tables(contents)
    findings: list[Finding] = []
    for recording in contents.recordings:
        device = contents.device(recording.device)
        if recording.device is None or is_mobile_app(device):
            continue
        finding = _judge(profile, recording, device, tables)
        if finding is not None:
            findings.append(finding)
    return findings


def device_identity(recording: Recording, device: Device | None) -> tuple[str | None, str | None,
                                                                     str | None]:
    serial = (device.serial if device else None) or recording.fact("device_serial")
    name = (device.name if device else None) or recording.fact("device_name")
    model = ((device.model or device.device_type) if device else None) or recording.fact(
        "device_type")
    return serial, name, model


def _same(a: str, b: str) -> bool:
    return a.casefold().strip() == b.casefold().strip()


def _model_matches(mine: str, seen: str) -> bool:
    # "Echo Dot" in the profile matches "Echo Dot (4th Gen)" in the export, and back.
    a, b = mine.casefold().strip(), seen.casefold().strip()
    return a == b or b.startswith(a + " ") or a.startswith(b + " ")


def profile_device_matches(owned: ProfileDevice, serial: str | None, name: str | None,
                   model: str | None) -> bool | None:
    """True/False when comparable; None when the two share no identifier."""
    if owned.serial and serial:
        return _same(owned.serial, serial)
    if owned.name and name:
        return _same(owned.name, name)
    if owned.model and model:
        return _model_matches(owned.model, model)
    return None


def _device_evidence(recording: Recording, device: Device | None) -> Evidence:
    for key in ("device_serial", "device_name"):
        fact = recording_fact(recording, key)
        if fact is not None:
            return evidence_of(fact)
    if device is not None and device.sources:
        return evidence_at(device.sources[0], device.key)
    return Evidence(recording.path, "device", recording.device or "")


def _label(serial: str | None, name: str | None, model: str | None) -> str:
    label = serial or name or model or "?"
    extra = [part for part in (name, model) if part and part != label]
    return f"{label} ({', '.join(extra)})" if extra else label


def _judge(profile: OwnershipProfile, recording: Recording, device: Device | None,
           tables: list[str]) -> Finding | None:
    serial, name, model = device_identity(recording, device)
    label = _label(serial, name, model)
    seen = _device_evidence(recording, device)
    profile_ref = profile_evidence(profile, "devices",
                                   ", ".join(owned.label() for owned in profile.devices))
    registered = device is not None and device.registered_in_export
    disowned = [owned for owned in profile.not_my_devices
                if profile_device_matches(owned, serial, name, model)]
    if disowned:
        said = profile_evidence(profile, "not_my_devices", disowned[0].label())
        return Finding("unknown-device", f"You said device {label} is not yours.",
                       WEIGHT_NOT_IN_PROFILE, recording.path, (seen, said))
    in_profile: bool | None = None
    model_only = False
    if profile.devices and profile.owns_voice_devices is not False:
        verdicts = [profile_device_matches(owned, serial, name, model) for owned in profile.devices]
        if any(verdicts):
            in_profile = True
        elif (any(v is False for v in verdicts) and not registered
              and profile.devices_complete):
            # Only a list the user gave as complete speaks against a device it leaves out:
            # the guided check adds one device per answer, and a device the export registers
            # to the account is only "not yours" once the user says so.
            in_profile = False
            # Only models were comparable: a weaker "no".
            model_only = all(
                not ((owned.serial and serial) or (owned.name and name))
                for owned in profile.devices)
    if in_profile:
        note = ("" if registered or not tables
                else " (the export's registration table does not list it)")
        return Finding("known-device", f"Device {label} is one of your devices{note}.",
                       WEIGHT_KNOWN, recording.path, (seen, profile_ref))
    unregistered = bool(tables) and not registered and serial is not None
    if in_profile is False or unregistered:
        parts, evidence, weight = [], [seen], 0.0
        if in_profile is False:
            parts.append(f"no device in your profile is a {model}" if model_only else
                         f"it is not among the devices in your profile ({profile_ref.value})")
            evidence.append(profile_ref)
            weight = WEIGHT_MODEL_NOT_IN_PROFILE if model_only else WEIGHT_NOT_IN_PROFILE
        if unregistered:
            parts.append(f"the export's registration table {' and '.join(tables)} does not "
                         f"list serial {serial}")
            evidence.extend(Evidence(table, "", f"{serial} not listed") for table in tables)
            # Two independent lists agreeing is as strong as it gets.
            weight = WEIGHT_NOT_IN_PROFILE if in_profile is False else WEIGHT_NOT_REGISTERED
        return Finding("unknown-device", f"Unknown device {label}: {'; '.join(parts)}.",
                       weight, recording.path, tuple(evidence))
    if registered and device is not None and profile.owns_voice_devices is not False:
        row = registration_source(device)
        cited = (seen, evidence_at(row, device.key)) if row else (seen,)
        return Finding("registered-device",
                       f"Device {label} is in the export's registration table"
                       f"{f' ({row})' if row else ''}.",
                       WEIGHT_REGISTERED, recording.path, cited)
    return None
