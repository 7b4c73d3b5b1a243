"""Check an opened export against the user's profile: findings, verdicts, and their JSON.

``check_export`` runs every detector, spreads device-level findings over their device
(``verdicts.spread_device_findings``), adds the voice model's findings when one is given and
what its voices say as groups (``voice_groups``), and decides a verdict per recording.
``check_steps`` is the same as a generator that yields progress for the GUI (abandon it to
cancel); the result is its return value.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Generator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Protocol, runtime_checkable

from viewer import __version__
from viewer.analysis.cache import get_cached_quietly, put_cached_quietly
from viewer.analysis.detectors import DETECTORS, CheckContext
from viewer.analysis.findings import Evidence, Finding, RecordingVerdict, Verdict
from viewer.analysis.profile import EMPTY_PROFILE, OwnershipProfile, profile_to_dict
from viewer.analysis.verdicts import spread_device_findings, verdicts_from_spread
from viewer.analysis.voice_groups import voice_group_findings
from viewer.archive import Export, MemberError, OpenProgress, SourceFile
from viewer.model import ExportContents, Recording
from viewer.steps import run_to_end

log = logging.getLogger("viewer.analysis")

CHECK_SCHEMA = "export-viewer/check/1"
#: How many reasons ``summary.strongest_reasons`` lists.
SUMMARY_REASONS = 8


@runtime_checkable
class VoiceEvidence(Protocol):
    """What the voice model gives the check (see ``viewer/voice/``)."""

    def findings(self, recordings: Sequence[Recording]) -> list[Finding]:
        """Findings whose codes start with "voice", one or more per recording it judged."""
        ...

    def clusters(self) -> list[dict[str, Any]]:
        """Speaker clusters as plain data, e.g. ``{"id": "A", "recordings": 35, ...}``."""
        ...


@dataclass(frozen=True, slots=True)
class CheckResult:
    archive_sha256: str
    sources: tuple[SourceFile, ...]
    contents: ExportContents
    #: None when the check ran without a profile (an empty one was used).
    profile: OwnershipProfile | None
    #: Every finding, including the copies the device group rule added.
    findings: tuple[Finding, ...]
    verdicts: tuple[RecordingVerdict, ...]
    voices: tuple[dict[str, Any], ...] = ()
    member_sha256: Mapping[str, str] = field(default_factory=dict)
    #: What the check itself could not do, e.g. hash a damaged member.
    problems: tuple[str, ...] = ()

    #: Not an argument: every instance (``replace`` included) starts with an empty one.
    _by_path: dict[str, RecordingVerdict] = field(default_factory=dict, init=False,
                                                  compare=False, repr=False)

    def verdict_for(self, path: str) -> RecordingVerdict | None:
        # Built on first use: the window asks once per row of a 10,000-row table.
        if not self._by_path and self.verdicts:
            self._by_path.update((verdict.path, verdict) for verdict in self.verdicts)
        return self._by_path.get(path)

    def count(self, verdict: Verdict) -> int:
        return sum(1 for item in self.verdicts if item.verdict is verdict)


def check_export(export: Export, contents: ExportContents, profile: OwnershipProfile | None,
                 *, voice: VoiceEvidence | None = None, cache: Any | None = None,
                 ) -> CheckResult:
    return run_to_end(check_steps(export, contents, profile, voice=voice, cache=cache))


#: Member hashes are cached per archive SHA-256 (same archive bytes, same member bytes), so
#: a second check of an export does not read every recording again.
MEMBER_HASHES_CACHE = ("member-sha256", 1)


def check_steps(export: Export, contents: ExportContents, profile: OwnershipProfile | None,
                *, voice: VoiceEvidence | None = None, cache: Any | None = None,
                ) -> Generator[OpenProgress, None, CheckResult]:
    """The check step by step; ``cache`` is a review store (``get_cached``/``put_cached``)."""
    used = profile if profile is not None else EMPTY_PROFILE
    known = _cached_member_hashes(cache, export)
    hashes: dict[str, str] = {}
    sizes: dict[str, int] = {}
    problems: list[str] = []
    total = len(contents.recordings)
    for done, recording in enumerate(contents.recordings, start=1):
        if recording.path in export:
            member = export.member(recording.path)
            sizes[recording.path] = member.size
            if member.readable:
                try:
                    hashes[recording.path] = export.member_sha256(recording.path)
                except MemberError as error:
                    problems.append(f"{recording.path}: cannot be hashed: {error.reason}")
        if done % 50 == 0 or done == total:
            yield OpenProgress("hashing recordings", done, total, recording.path)
    if hashes and hashes != known:
        put_cached_quietly(cache, export, *MEMBER_HASHES_CACHE, hashes)
    context = CheckContext(member_sha256=hashes, member_size=sizes)
    findings: list[Finding] = []
    for number, detector in enumerate(DETECTORS, start=1):
        findings.extend(detector(used, contents, context))
        yield OpenProgress("checking", number, len(DETECTORS), detector.__name__)
    clusters: tuple[dict[str, Any], ...] = ()
    if voice is not None:
        stepwise = getattr(voice, "steps", None)
        if callable(stepwise):  # streams progress while embedding (minutes on big exports)
            findings.extend((yield from stepwise(contents.recordings)))
        else:
            yield OpenProgress("comparing voices", 0, 1)
            findings.extend(voice.findings(contents.recordings))
        clusters = tuple(voice.clusters())
        yield OpenProgress("comparing voices", 1, 1)
    spread = spread_device_findings(contents, findings)
    if clusters:
        spread.extend(voice_group_findings(used, spread, clusters, hashes))
    verdicts = verdicts_from_spread(contents, used, spread)
    return CheckResult(
        archive_sha256=export.sha256, sources=export.sources, contents=contents,
        profile=profile, findings=tuple(spread), verdicts=verdicts, voices=clusters,
        member_sha256=hashes, problems=tuple(problems))


def _cached_member_hashes(cache: Any | None, export: Export) -> dict[str, str]:
    """Hashes from an earlier check of this archive, handed to the export; {} if none."""
    cached = get_cached_quietly(cache, export, *MEMBER_HASHES_CACHE)
    if not isinstance(cached, dict):
        return {}
    export.remember_member_hashes(cached)
    return {path: value for path, value in cached.items() if isinstance(value, str)}


# --- JSON ---------------------------------------------------------------------------------

def _iso(moment: datetime | None) -> str | None:
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def describe_evidence(evidence: Evidence) -> dict[str, str]:
    return {"path": evidence.path, "locator": evidence.locator, "value": evidence.value}


def describe_finding(finding: Finding) -> dict[str, Any]:
    return {"code": finding.code, "detail": finding.detail, "weight": finding.weight,
            "evidence": [describe_evidence(item) for item in finding.evidence]}


def describe_check(result: CheckResult) -> dict[str, Any]:
    """The ``check --json`` object (documented in the README)."""
    contents = result.contents
    recordings = []
    for recording, verdict in zip(contents.recordings, result.verdicts, strict=True):
        transcript = contents.transcript_for(recording.path)
        recordings.append({
            "path": recording.path,
            "sha256": result.member_sha256.get(recording.path),
            "start": _iso(recording.start),
            "device": recording.device,
            "transcript": transcript.text if transcript else None,
            "verdict": verdict.verdict.value,
            "score": verdict.score,
            "user_marked": verdict.user_marked,
            "reasons": [describe_finding(reason) for reason in verdict.reasons],
        })
    profile = None
    if result.profile is not None:
        profile = profile_to_dict(result.profile,
                                  result.profile.source.parent if result.profile.source
                                  else None)
        profile = {"source": str(result.profile.source) if result.profile.source else None,
                   **profile}
    return {
        "schema": CHECK_SCHEMA,
        "tool": {"name": "export-viewer", "version": __version__},
        "archive": {
            "sha256": result.archive_sha256,
            "sources": [{"path": source.path, "kind": source.kind, "size": source.size,
                         "sha256": source.sha256} for source in result.sources],
        },
        "profile": profile,
        "formats": list(contents.formats),
        "recordings": recordings,
        "export_findings": [describe_finding(f) for f in result.findings
                            if f.recording is None],
        "voices": list(result.voices),
        "problems": list(result.problems),
        "summary": summarise(result),
    }


def summarise(result: CheckResult) -> dict[str, Any]:
    by_verdict = {verdict.value: result.count(verdict) for verdict in Verdict}
    counts: Counter[str] = Counter()
    strongest: dict[str, Finding] = {}
    for verdict in result.verdicts:
        for code in {reason.code for reason in verdict.reasons}:
            counts[code] += 1
        for reason in verdict.reasons:
            old = strongest.get(reason.code)
            if old is None or reason.weight > old.weight:
                strongest[reason.code] = reason
    ranked = sorted(strongest.values(), key=lambda f: (-f.weight, -counts[f.code], f.code))
    return {
        "recordings": len(result.verdicts),
        "by_verdict": by_verdict,
        "user_marked": sum(1 for verdict in result.verdicts if verdict.user_marked),
        "strongest_reasons": [
            {"code": finding.code, "weight": finding.weight,
             "recordings": counts[finding.code], "example": finding.detail}
            for finding in ranked[:SUMMARY_REASONS] if finding.weight > 0],
    }
