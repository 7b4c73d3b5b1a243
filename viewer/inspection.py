"""What ``inspect`` reports about an export, as plain data (Qt-free).

The JSON shape is documented in the README; keys only ever get added.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

from viewer import __version__
from viewer.archive import Export, Member
from viewer.model import Device, ExportContents, Recording, TranscriptEntry

INSPECT_SCHEMA = "export-viewer/inspect/1"


def describe_member(member: Member, sha256: str | None = None) -> dict[str, Any]:
    described: dict[str, Any] = {
        "path": member.path,
        "size": member.size,
        "compressed_size": member.compressed_size,
        "kind": member.kind.value,
        "modified": member.modified.isoformat() if member.modified else None,
        "source": member.source,
        "depth": member.depth,
        "readable": member.readable,
        "problems": list(member.problems),
    }
    if sha256:
        described["sha256"] = sha256
    return described


def describe_export(
    export: Export, contents: ExportContents | None = None, *, member_hashes: bool = False,
) -> dict[str, Any]:
    """The ``inspect --json`` object. ``member_hashes`` adds each readable member's SHA-256;
    ``contents`` adds what the importers understood."""
    members = export.members
    by_kind: dict[str, dict[str, int]] = {}
    for member in members:
        entry = by_kind.setdefault(member.kind.value, {"count": 0, "bytes": 0})
        entry["count"] += 1
        entry["bytes"] += member.size
    described_members = []
    for member in members:
        digest = export.member_sha256(member.path) if member_hashes and member.readable else None
        described_members.append(describe_member(member, digest))
    described: dict[str, Any] = {
        "schema": INSPECT_SCHEMA,
        "tool": {"name": "export-viewer", "version": __version__},
        "sha256": export.sha256,
        "sources": [
            {"path": source.path, "kind": source.kind, "size": source.size,
             "sha256": source.sha256}
            for source in export.sources
        ],
        "problems": list(export.problems),
        "totals": {
            "members": len(members),
            "bytes": sum(member.size for member in members),
            "compressed_bytes": sum(member.compressed_size for member in members),
            "with_problems": sum(1 for member in members if member.problems),
            "by_kind": dict(sorted(by_kind.items())),
            "by_source": dict(Counter(member.source for member in members)),
        },
        "members": described_members,
    }
    if contents is not None:
        described.update(describe_contents(contents))
    return described


def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    text = moment.astimezone(UTC).isoformat(timespec="milliseconds")
    return text.replace("+00:00", "Z")


def describe_device(device: Device) -> dict[str, Any]:
    return {
        "key": device.key, "serial": device.serial, "name": device.name, "model": device.model,
        "type": device.device_type, "locale": device.locale, "marketplace": device.marketplace,
        "account": device.account, "registered": _iso(device.registered),
        "last_registered": _iso(device.last_registered),
        "deregistered": _iso(device.deregistered), "time_offset": device.time_offset,
        "registered_in_export": device.registered_in_export,
        "sources": [str(source) for source in device.sources],
    }


def describe_transcript(entry: TranscriptEntry) -> dict[str, Any]:
    return {
        "id": entry.id, "time": _iso(entry.time), "text": entry.text, "reply": entry.reply,
        "speaker": entry.speaker, "source": str(entry.source), "format": entry.format,
        "audio_name": entry.audio_name, "time_zone_assumed": entry.time_zone_assumed,
    }


def describe_recording(recording: Recording, contents: ExportContents) -> dict[str, Any]:
    link = contents.link_for(recording.path)
    transcript = contents.transcript(link.transcript) if link else None
    return {
        "path": recording.path,
        "format": recording.format,
        "start": _iso(recording.start),
        "time_source": recording.time_source,
        "time_precision_s": recording.time_precision_s,
        "time_zone_assumed": recording.time_zone_assumed,
        "duration_s": recording.duration_s,
        "sample_rate": recording.sample_rate,
        "channels": recording.channels,
        "codec": recording.codec,
        "audio_problem": recording.audio_problem,
        "device": recording.device,
        "account": recording.account,
        "sender": recording.sender,
        "transcript": describe_transcript(transcript) if transcript else None,
        "link": {
            "method": link.method.value if link else "none",
            "gap_s": link.gap_s if link else None,
            "confidence": link.confidence if link else 0.0,
        },
        "facts": [{"key": fact.key, "value": fact.value, "source": str(fact.source)}
                  for fact in recording.facts],
    }


def describe_contents(contents: ExportContents) -> dict[str, Any]:
    """The keys issue 3 adds to ``inspect --json``: what the importers understood."""
    return {
        "formats": list(contents.formats),
        "recordings": [describe_recording(r, contents) for r in contents.recordings],
        "transcripts_without_audio": [
            describe_transcript(entry) for entry in contents.transcripts_without_audio()],
        "devices": [describe_device(device) for device in contents.devices],
        "accounts": [
            {"key": account.key, "kind": account.kind, "name": account.name,
             "sources": [str(source) for source in account.sources]}
            for account in contents.accounts],
        "not_understood": [
            {"path": item.path, "kind": item.kind, "reason": item.reason}
            for item in contents.not_understood],
        "import_problems": [
            {"source": str(problem.source), "message": problem.message}
            for problem in contents.problems],
    }
