"""Impossible times: recorded before the device (or account) existed, or after it left.

The registration table gives a device's first registration, last registration and
deregistration. A recording made before the first registration, or after a deregistration
that no later registration undid, cannot come from this account's device.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from viewer.analysis.detectors.base import (
    CheckContext,
    evidence_at,
    registration_source,
    utc_text,
)
from viewer.analysis.findings import Evidence, Finding
from viewer.analysis.profile import OwnershipProfile
from viewer.model import Account, ExportContents, Fact

WEIGHT = 0.9
#: Slack for clocks and rounding; a time whose zone was assumed may be off by a whole day.
SLACK = timedelta(minutes=2)
ASSUMED_ZONE_SLACK = timedelta(hours=14)
#: Account facts that hold the account's creation time, when an importer found one.
ACCOUNT_CREATED_KEYS = ("account_created", "created", "creation_time")


def registration_times(profile: OwnershipProfile, contents: ExportContents,
                       context: CheckContext) -> list[Finding]:
    """"before-registration" and "after-deregistration" findings."""
    created = _account_creations(contents.accounts)
    findings: list[Finding] = []
    for recording in contents.recordings:
        if recording.start is None:
            continue
        slack = SLACK + timedelta(seconds=recording.time_precision_s or 0)
        if recording.time_zone_assumed:
            slack += ASSUMED_ZONE_SLACK
        when = Evidence(recording.path, "start", utc_text(recording.start))
        device = contents.device(recording.device)
        row = registration_source(device) if device is not None else None
        if device is not None and device.registration_zone_assumed \
                and not recording.time_zone_assumed:
            # The registration table gave local times without a zone: the same slack as a
            # recording whose own zone was assumed (one of the two clocks may be hours off).
            slack += ASSUMED_ZONE_SLACK
        if device is not None and row is not None:
            if device.registered is not None and recording.start < device.registered - slack:
                findings.append(Finding(
                    "before-registration",
                    f"Recorded {utc_text(recording.start)}, "
                    f"{_gap(device.registered - recording.start)} "
                    f"before device {device.key} was first registered "
                    f"({utc_text(device.registered)}, {row}).",
                    WEIGHT, recording.path,
                    (when, evidence_at(row, f"first registered {utc_text(device.registered)}"))))
            gone = device.deregistered
            back = device.last_registered
            if gone is not None and recording.start > gone + slack and not (
                    back is not None and back > gone and recording.start >= back - slack):
                findings.append(Finding(
                    "after-deregistration",
                    f"Recorded {utc_text(recording.start)}, {_gap(recording.start - gone)} "
                    f"after device {device.key} was deregistered ({utc_text(gone)}, {row}).",
                    WEIGHT, recording.path,
                    (when, evidence_at(row, f"deregistered {utc_text(gone)}"))))
        account = recording.account or (device.account if device else None)
        creation = created.get(account) if account else None
        if creation is None and len(created) == 1:
            creation = next(iter(created.values()))
        if creation is not None:
            moment, fact = creation
            if recording.start < moment - slack:
                findings.append(Finding(
                    "before-registration",
                    f"Recorded {utc_text(recording.start)}, {_gap(moment - recording.start)} "
                    f"before the account was created ({utc_text(moment)}, {fact.source}).",
                    WEIGHT, recording.path,
                    (when, evidence_at(fact.source, f"created {utc_text(moment)}"))))
    return findings


def _gap(delta: timedelta) -> str:
    days = delta.total_seconds() / 86400
    if days >= 2:
        return f"{days:.0f} days"
    hours = delta.total_seconds() / 3600
    return f"{hours:.1f} hours" if hours >= 1 else f"{delta.total_seconds() / 60:.0f} minutes"


def _account_creations(accounts: tuple[Account, ...]) -> dict[str, tuple[datetime, Fact]]:
    created: dict[str, tuple[datetime, Fact]] = {}
    for account in accounts:
        for fact in account.facts:
            if fact.key not in ACCOUNT_CREATED_KEYS:
                continue
            try:
                moment = datetime.fromisoformat(fact.value.replace("Z", "+00:00"))
            except ValueError:
                continue
            if moment.tzinfo is not None:
                created[account.key] = (moment, fact)
    return created


