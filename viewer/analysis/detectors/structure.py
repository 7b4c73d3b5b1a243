"""Structure: orphan audio, duplicates, files the export's own file list does not mention,
and transcripts found only in a loose PDF. Each is a weak hint on its own."""

from __future__ import annotations

from viewer.analysis.detectors.base import (
    CheckContext,
    evidence_at,
    evidence_of,
    recording_fact,
)
from viewer.analysis.findings import Evidence, Finding
from viewer.analysis.profile import OwnershipProfile
from viewer.model import ExportContents

WEIGHT_ORPHAN = 0.2
WEIGHT_DUPLICATE = 0.2
#: Same size and duration, content not compared: weaker still.
WEIGHT_LIKELY_DUPLICATE = 0.1
WEIGHT_NOT_LISTED = 0.3
WEIGHT_PDF_ONLY = 0.3
#: Orphans only stand out when most recordings do have a transcript.
MIN_TRANSCRIBED_SHARE = 0.5
PDF_FORMAT = "transcript-pdf"


def orphan_audio(profile: OwnershipProfile, contents: ExportContents,
                 context: CheckContext) -> list[Finding]:
    recordings = contents.recordings
    if not recordings:
        return []
    orphans = [r for r in recordings if contents.transcript_for(r.path) is None]
    if len(recordings) - len(orphans) < MIN_TRANSCRIBED_SHARE * len(recordings):
        return []
    return [Finding("orphan-audio",
                    f"No transcript in the export belongs to this recording, while "
                    f"{len(recordings) - len(orphans)} of {len(recordings)} recordings have "
                    f"one.", WEIGHT_ORPHAN, r.path, (Evidence(r.path, "", "no transcript"),))
            for r in orphans]


def duplicates(profile: OwnershipProfile, contents: ExportContents,
               context: CheckContext) -> list[Finding]:
    findings: list[Finding] = []
    by_hash: dict[str, list[str]] = {}
    for recording in contents.recordings:
        digest = context.member_sha256.get(recording.path) or recording.sha256
        if digest:
            by_hash.setdefault(digest, []).append(recording.path)
    hashed = {path for paths in by_hash.values() for path in paths}
    for digest, paths in by_hash.items():
        for path in paths if len(paths) > 1 else ():
            others = [other for other in paths if other != path]
            findings.append(Finding(
                "duplicate",
                f"Byte-for-byte identical to {_listing(others)} (SHA-256 {digest[:12]}…).",
                WEIGHT_DUPLICATE, path,
                (Evidence(path, "sha256", digest),
                 *(Evidence(other, "sha256", digest) for other in others[:3]))))
    by_shape: dict[tuple[int, float], list[str]] = {}
    for recording in contents.recordings:
        size = context.member_size.get(recording.path)
        if recording.path in hashed or size is None or not recording.duration_s:
            continue
        by_shape.setdefault((size, round(recording.duration_s, 3)), []).append(recording.path)
    for (size, duration), paths in by_shape.items():
        for path in paths if len(paths) > 1 else ():
            others = [other for other in paths if other != path]
            findings.append(Finding(
                "duplicate",
                f"Same size ({size} bytes) and length ({duration} s) as {_listing(others)}; "
                "possibly a copy (content not compared).",
                WEIGHT_LIKELY_DUPLICATE, path,
                (Evidence(path, "size", str(size)),
                 *(Evidence(other, "size", str(size)) for other in others[:3]))))
    return findings


def _listing(paths: list[str]) -> str:
    shown = ", ".join(paths[:3])
    return shown + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")


def not_in_file_list(profile: OwnershipProfile, contents: ExportContents,
                     context: CheckContext) -> list[Finding]:
    findings = []
    for recording in contents.recordings:
        fact = recording_fact(recording, "listed_in_file_descriptions")
        if fact is not None and fact.value == "no":
            findings.append(Finding(
                "not-in-file-list",
                f"The export's own list of files, {fact.source.path}, does not mention this "
                "file.", WEIGHT_NOT_LISTED, recording.path,
                (evidence_of(fact), Evidence(recording.path, "", "not listed"))))
    return findings


def transcript_only_in_pdf(profile: OwnershipProfile, contents: ExportContents,
                           context: CheckContext) -> list[Finding]:
    """Transcribed only in a loose PDF while the export's own tables transcribe others."""
    sources = {}
    for recording in contents.recordings:
        entry = contents.transcript_for(recording.path)
        if entry is not None:
            sources[recording.path] = entry
    tabled = sum(1 for entry in sources.values() if entry.format != PDF_FORMAT)
    if not tabled:
        return []
    findings = []
    for path, entry in sources.items():
        if entry.format == PDF_FORMAT:
            findings.append(Finding(
                "transcript-only-in-pdf",
                f"Its transcript is only in {entry.source.path}, not in the export's own "
                f"tables, which transcribe {tabled} other recordings.",
                WEIGHT_PDF_ONLY, path, (evidence_at(entry.source, entry.text),)))
    return findings
