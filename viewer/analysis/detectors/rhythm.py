"""A daily rhythm that fits another time zone: a stranger's evenings are the user's nights.

People talk to assistants from morning to late evening and rarely between 00:00 and 05:00.
For each device (recordings without a device form one group) the hours of day are scored
against a typical day, ``ACTIVITY``, in the reference zone and in every whole-hour UTC offset.
The group is flagged when many of its recordings fall into the reference zone's night and
another offset explains the hours much better. It is a hint (weight 0.3): night owls exist.

The reference zone is the profile's time zone; without one, the device's own "Local Time
Offset" from the registration table, else the offset most registered devices share.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from datetime import datetime, timedelta, timezone, tzinfo

from viewer.analysis.detectors.base import CheckContext, by_device
from viewer.analysis.findings import Evidence, Finding
from viewer.analysis.profile import OwnershipProfile
from viewer.model import ExportContents, Recording

WEIGHT = 0.3
#: Fewer recordings than this say nothing about a rhythm.
MIN_RECORDINGS = 8
#: Share of recordings in the reference night (00:00-04:59) that starts to look wrong.
MIN_NIGHT_SHARE = 0.2
#: How much better (mean log-likelihood per recording, in nats) the best offset must fit.
MIN_GAIN = 0.5
#: ... and how far from the reference it must lie, in hours.
MIN_SHIFT_H = 3
NIGHT_HOURS = frozenset({0, 1, 2, 3, 4})

#: Relative activity by local hour 0..23: low at night, a morning and an evening peak.
ACTIVITY = (2.0, 0.6, 0.3, 0.2, 0.2, 0.6, 2.5, 5.0, 6.0, 5.0, 4.5, 4.5,
            5.5, 5.0, 4.5, 4.5, 5.5, 6.5, 7.5, 7.5, 7.0, 6.0, 4.5, 3.0)
_LOG_P = tuple(math.log(weight / sum(ACTIVITY)) for weight in ACTIVITY)

_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*(?P<sign>[+-])\s*(?P<h>\d{1,2})(?::?(?P<m>\d\d))?$",
                     re.IGNORECASE)


def parse_offset(text: str | None) -> timezone | None:
    """``+01:00``, ``-0500``, ``UTC+1``, ``GMT-03:30`` -> a fixed zone; else None."""
    if not text:
        return None
    match = _OFFSET.match(text.strip())
    if match is None:
        return None
    minutes = int(match["h"]) * 60 + int(match["m"] or 0)
    if minutes > 14 * 60:
        return None
    sign = -1 if match["sign"] == "-" else 1
    return timezone(sign * timedelta(minutes=minutes))


def offset_text(hours: int) -> str:
    return f"UTC{'+' if hours >= 0 else '−'}{abs(hours):02d}:00"


def time_zone_rhythm(profile: OwnershipProfile, contents: ExportContents,
                     context: CheckContext) -> list[Finding]:
    account_zone = _account_offset(contents)
    findings: list[Finding] = []
    for key, recordings in by_device(contents.recordings).items():
        timed = [r for r in recordings if r.start is not None and not r.time_zone_assumed]
        if len(timed) < MIN_RECORDINGS:
            continue
        reference = _reference(profile, contents, key, account_zone)
        if reference is None:
            continue
        zone, zone_name = reference
        findings.extend(_judge_group(key, timed, zone, zone_name))
    return findings


def _reference(profile: OwnershipProfile, contents: ExportContents, key: str | None,
               account_zone: tuple[tzinfo, str] | None) -> tuple[tzinfo, str] | None:
    if profile.zone is not None and profile.timezone:
        return profile.zone, f"{profile.timezone} (your profile)"
    device = contents.device(key)
    own = parse_offset(device.time_offset) if device else None
    if own is not None and device is not None:
        row = f", {device.sources[0]}" if device.sources else ""
        return own, f"{device.time_offset} (the device's Local Time Offset{row})"
    return account_zone


def _account_offset(contents: ExportContents) -> tuple[tzinfo, str] | None:
    offsets = Counter(device.time_offset for device in contents.devices
                      if device.registered_in_export and parse_offset(device.time_offset))
    if not offsets:
        return None
    text = offsets.most_common(1)[0][0]
    zone = parse_offset(text)
    assert zone is not None and text is not None
    return zone, f"{text} (the Local Time Offset of the registered devices)"


def _fit(hours: list[int]) -> float:
    return sum(_LOG_P[hour] for hour in hours) / len(hours)


def _judge_group(key: str | None, recordings: list[Recording], zone: tzinfo,
                 zone_name: str) -> list[Finding]:
    starts = [r.start for r in recordings if r.start is not None]
    local = [start.astimezone(zone).hour for start in starts]
    night = sum(1 for hour in local if hour in NIGHT_HOURS)
    share = night / len(local)
    if share < MIN_NIGHT_SHARE:
        return []
    reference_fit = _fit(local)
    utc_hours = [start.hour for start in starts]
    candidates = {shift: _fit([(hour + shift) % 24 for hour in utc_hours])
                  for shift in range(-12, 15)}
    best = max(candidates, key=lambda shift: candidates[shift])
    reference_shift = round(_median_offset_h(starts, zone))
    if (candidates[best] - reference_fit < MIN_GAIN
            or abs(best - reference_shift) < MIN_SHIFT_H):
        return []
    best_night = sum(1 for hour in utc_hours if (hour + best) % 24 in NIGHT_HOURS)
    who = f"device {key}" if key else "recordings without a device"
    detail = (f"Of the {len(local)} recordings of {who}, {night} ({share:.0%}) were made "
              f"between 00:00 and 05:00 in {zone_name}; their daily rhythm fits "
              f"{offset_text(best)} much better ({best_night} at night there).")
    return [Finding("time-zone-rhythm", detail, WEIGHT, recording.path,
                    (Evidence(recording.path, "start",
                              _local_text(recording.start, zone)),))
            for recording in recordings if recording.start is not None]


def _median_offset_h(starts: list[datetime], zone: tzinfo) -> float:
    offsets = sorted((start.astimezone(zone).utcoffset() or timedelta()).total_seconds() / 3600
                     for start in starts)
    return offsets[len(offsets) // 2]


def _local_text(moment: datetime | None, zone: tzinfo) -> str:
    assert moment is not None
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M %z")
