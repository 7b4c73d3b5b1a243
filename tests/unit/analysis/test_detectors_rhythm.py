from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.unit.analysis.builders import NO_CONTEXT, contents, recording, registered, seen_only
from viewer.analysis.detectors import time_zone_rhythm
from viewer.analysis.detectors.rhythm import parse_offset
from viewer.analysis.profile import OwnershipProfile

BERLIN = OwnershipProfile(timezone="Europe/Berlin")
DAY = datetime(2024, 9, 2, tzinfo=UTC)


def _at(hours_utc: list[int], device: str, first: int = 0) -> list:
    return [recording(first + i, device=device,
                      start=DAY + timedelta(days=i, hours=hour, minutes=7))
            for i, hour in enumerate(hours_utc)]


# US Eastern evenings (18-23 EDT) are 22-03 UTC; mornings 07-09 EDT are 11-13 UTC.
US_HOURS = [22, 23, 0, 1, 2, 3, 11, 12, 13, 23, 0, 1, 2, 14, 17, 22]
BERLIN_HOURS = [5, 6, 7, 9, 11, 15, 16, 17, 18, 19, 20, 6, 7, 16, 18, 19]


def test_a_rhythm_that_fits_another_zone_is_flagged_per_device() -> None:
    export = contents(_at(US_HOURS, "US") + _at(BERLIN_HOURS, "DE", 100))
    findings = time_zone_rhythm(BERLIN, export, NO_CONTEXT)
    assert {f.recording for f in findings} == {r.path for r in export.recordings
                                               if r.device == "US"}
    finding = findings[0]
    assert finding.code == "time-zone-rhythm" and finding.weight == 0.3
    assert "Europe/Berlin" in finding.detail and "UTC−0" in finding.detail
    assert finding.evidence[0].locator == "start"


def test_the_profile_zone_matters() -> None:
    export = contents(_at(US_HOURS, "US"))
    new_york = OwnershipProfile(timezone="America/New_York")
    assert time_zone_rhythm(new_york, export, NO_CONTEXT) == []


def test_without_a_profile_the_registration_offset_is_the_reference() -> None:
    export = contents(_at(US_HOURS, "US") + _at(BERLIN_HOURS, "DE", 100),
                      (registered("DE", offset="+01:00"), seen_only("US")))
    findings = time_zone_rhythm(OwnershipProfile(), export, NO_CONTEXT)
    us = {r.path for r in export.recordings if r.device == "US"}
    assert findings and {f.recording for f in findings} == us
    assert "Local Time Offset" in findings[0].detail
    assert time_zone_rhythm(OwnershipProfile(), contents(_at(US_HOURS, "US")),
                            NO_CONTEXT) == []


def test_few_recordings_say_nothing() -> None:
    export = contents(_at(US_HOURS[:5], "US"))
    assert time_zone_rhythm(BERLIN, export, NO_CONTEXT) == []


def test_offsets_parse() -> None:
    assert parse_offset("+01:00") is not None
    assert parse_offset("UTC-5") is not None
    assert parse_offset("GMT+0530") is not None
    assert parse_offset("Berlin") is None
    assert parse_offset("+25:00") is None
