from __future__ import annotations

from tests.unit.analysis.builders import (
    NO_CONTEXT,
    REGISTRATION,
    contents,
    recording,
    registered,
    seen_only,
)
from viewer.analysis.detectors import device_findings
from viewer.analysis.profile import OwnershipProfile, ProfileDevice
from viewer.model import Device, Fact, SourceRef

MINE = "G090LF1187654321"
STRANGER = "G2A0US9876543210"
PROFILE = OwnershipProfile(devices=(ProfileDevice(serial=MINE, name="Küche"),))


def _by_code(findings: list) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for finding in findings:
        grouped.setdefault(finding.code, []).append(finding)
    return grouped


def test_a_device_in_neither_table_is_unknown_and_says_which_tables() -> None:
    export = contents([recording(1, device=MINE), recording(2, device=STRANGER)],
                      (registered(MINE), seen_only(STRANGER)))
    found = _by_code(device_findings(PROFILE, export, NO_CONTEXT))
    (unknown,) = found["unknown-device"]
    assert unknown.recording == "Audio/utterance_0002.wav"
    assert unknown.weight == 1.0
    assert STRANGER in unknown.detail and REGISTRATION in unknown.detail
    assert "not among the devices in your profile" in unknown.detail
    paths = {evidence.path for evidence in unknown.evidence}
    assert REGISTRATION in paths and "profile" in paths
    assert any(e.value == STRANGER and e.locator == "row 3" for e in unknown.evidence)
    (known,) = found["known-device"]
    assert known.weight < 0 and known.recording == "Audio/utterance_0001.wav"


def test_without_a_profile_the_registration_table_still_speaks() -> None:
    export = contents([recording(1, device=MINE), recording(2, device=STRANGER)],
                      (registered(MINE), seen_only(STRANGER)))
    found = _by_code(device_findings(OwnershipProfile(), export, NO_CONTEXT))
    (unknown,) = found["unknown-device"]
    assert unknown.weight == 0.9
    assert "registration table" in unknown.detail and "profile" not in unknown.detail
    (mine,) = found["registered-device"]
    assert mine.weight == -0.3 and "row 2" in mine.detail


def test_no_registration_table_and_no_profile_is_silent() -> None:
    export = contents([recording(1, device=STRANGER)], (seen_only(STRANGER),))
    assert device_findings(OwnershipProfile(), export, NO_CONTEXT) == []


def test_the_profile_wins_over_a_missing_registration() -> None:
    export = contents([recording(1, device=MINE)], (registered("OTHER"), seen_only(MINE)))
    (finding,) = device_findings(PROFILE, export, NO_CONTEXT)
    assert finding.code == "known-device"
    assert "registration table does not list it" in finding.detail


def test_a_model_only_profile_gives_a_weaker_no() -> None:
    profile = OwnershipProfile(devices=(ProfileDevice(model="Echo Show"),))
    export = contents([recording(1, device=STRANGER)], (seen_only(STRANGER),))
    (finding,) = device_findings(profile, export, NO_CONTEXT)
    assert finding.code == "unknown-device" and finding.weight == 0.6
    assert "Echo (4th Gen)" in finding.detail
    profile = OwnershipProfile(devices=(ProfileDevice(model="Echo"),))
    (finding,) = device_findings(profile, export, NO_CONTEXT)
    assert finding.code == "known-device"  # "Echo" covers "Echo (4th Gen)"


def test_phone_apps_are_not_voice_devices() -> None:
    phone = Device(key="Apple iPhone", name="Apple iPhone", model="iPhone",
                   facts=(Fact("device_kind", "mobile app", SourceRef("interactions.csv")),))
    rec = recording(1)
    from dataclasses import replace

    export = contents([replace(rec, device="Apple iPhone")], (registered(MINE), phone))
    assert device_findings(PROFILE, export, NO_CONTEXT) == []


def test_owning_no_voice_device_suppresses_the_mine_side() -> None:
    export = contents([recording(1, device=MINE)], (registered(MINE),))
    profile = OwnershipProfile(owns_voice_devices=False)
    assert device_findings(profile, export, NO_CONTEXT) == []


def test_a_registered_device_the_profile_does_not_name_is_not_called_unknown() -> None:
    # The profile names one device (one "Mine" answer in the guided check); the export
    # registers a second one the user has not answered about: the table still speaks for it.
    other = "G0911W0612345678"
    export = contents([recording(1, device=MINE), recording(2, device=other)],
                      (registered(MINE), registered(other)))
    found = _by_code(device_findings(PROFILE, export, NO_CONTEXT))
    assert "unknown-device" not in found
    (known,) = found["known-device"]
    assert known.recording == "Audio/utterance_0001.wav"
    (table,) = found["registered-device"]
    assert table.recording == "Audio/utterance_0002.wav" and table.weight == -0.3
    # Once the user says it is not theirs, it is.
    said = OwnershipProfile(devices=PROFILE.devices, not_my_devices=(ProfileDevice(other),))
    (unknown,) = _by_code(device_findings(said, export, NO_CONTEXT))["unknown-device"]
    assert unknown.recording == "Audio/utterance_0002.wav" and unknown.weight == 1.0


def test_a_list_of_answers_so_far_does_not_accuse_the_devices_it_leaves_out() -> None:
    # No registration table (an older export, a Takeout): the guided check's one "Mine"
    # answer names one device; the other is unknown, not someone else's, until answered.
    export = contents([recording(1, device=MINE), recording(2, device=STRANGER)],
                      (seen_only(MINE), seen_only(STRANGER)))
    answered = OwnershipProfile(devices=PROFILE.devices, devices_complete=False)
    found = _by_code(device_findings(answered, export, NO_CONTEXT))
    assert "unknown-device" not in found
    assert [finding.recording for finding in found["known-device"]] == [
        "Audio/utterance_0001.wav"]
    # A list given as complete (a profile written by hand) still speaks against it.
    found = _by_code(device_findings(PROFILE, export, NO_CONTEXT))
    assert [finding.recording for finding in found["unknown-device"]] == [
        "Audio/utterance_0002.wav"]
