"""Turn an opened export into ExportContents: run the importers, probe audio, link.

No importer can take the run down: an exception in one becomes a listed problem and the
others go on. Every audio member ends up a recording; every member nobody claimed is listed
as not understood.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterable
from dataclasses import fields, replace
from typing import Any, TypeVar

from viewer.archive import Export, MemberError, MemberKind, OpenProgress
from viewer.audio.probe import AudioProbeError, probe_audio
from viewer.formats.base import ExportIndex, Importer, ImportResult, registered_importers
from viewer.formats.linking import link_transcripts
from viewer.model import (
    Account,
    Device,
    ExportContents,
    ImportProblem,
    Recording,
    SourceRef,
    Unplaced,
)
from viewer.steps import run_to_end

log = logging.getLogger("viewer.formats")

_Mergeable = TypeVar("_Mergeable", Device, Account)


def import_export(export: Export, *, probe: bool = True) -> ExportContents:
    return run_to_end(import_steps(export, probe=probe))


def import_steps(
    export: Export, *, probe: bool = True,
) -> Generator[OpenProgress, None, ExportContents]:
    """Import step by step, yielding progress; the contents are the return value."""
    _load_builtin_importers()
    index = ExportIndex(export)
    importers = [cls() for cls in registered_importers()]
    problems: list[ImportProblem] = []
    scored: list[tuple[float, Importer]] = []
    for importer in importers:
        if importer.fallback:
            continue
        try:
            score = importer.score(index)
        except Exception as error:  # an importer's bug must not hide the export
            log.exception("%s failed while scoring", importer.name)
            problems.append(_importer_failed(importer, error))
            continue
        if score > 0:
            scored.append((score, importer))
    scored.sort(key=lambda pair: -pair[0])
    ordered = [importer for _, importer in scored]
    ordered += [importer for importer in importers if importer.fallback]

    unclaimed = {member.path for member in index.members}
    results: list[ImportResult] = []
    #: Which importer made the recording of each path, to name it when another one tries.
    readers: dict[str, str] = {}
    unplaced: list[Unplaced] = []
    for number, importer in enumerate(ordered):
        yield OpenProgress("importing", number, len(ordered), importer.label)
        try:
            result = importer.load(index, frozenset(unclaimed))
        except Exception as error:
            log.exception("%s failed while loading", importer.name)
            problems.append(_importer_failed(importer, error))
            continue
        result.recordings = _first_readings(result, importer.label, unclaimed, readers,
                                            problems)
        set_aside = [item for item in result.unplaced if item.path in unclaimed]
        unclaimed -= result.claimed | {recording.path for recording in result.recordings}
        unclaimed -= {item.path for item in set_aside}
        unplaced.extend(set_aside)
        readers.update((recording.path, importer.label) for recording in result.recordings)
        results.append(result)

    recordings = [r for result in results for r in result.recordings]
    recordings += _unreadable_audio(export, {r.path for r in recordings})
    if probe:
        probed: list[Recording] = []
        for number, recording in enumerate(recordings):
            if number % 100 == 0:
                yield OpenProgress("reading audio", number, len(recordings), recording.path)
            probed.append(_probe(export, recording))
        recordings = probed
    recordings.sort(key=lambda r: (r.start is None, r.start.timestamp() if r.start else 0,
                                   r.path))
    transcripts = [entry for result in results for entry in result.transcripts]
    tolerances = {result.format: result.time_link_tolerance_s for result in results}
    links = link_transcripts(recordings, transcripts,
                             [link for result in results for link in result.links], tolerances)
    claimed = {path for result in results for path in result.claimed}
    claimed |= {recording.path for recording in recordings}
    set_aside_paths = {item.path for item in unplaced}
    not_understood = [
        Unplaced(member.path, member.kind.value,
                 "; ".join(member.problems) or "no importer recognised this file")
        for member in export.members
        if member.path not in claimed and member.path not in set_aside_paths
        and member.kind is not MemberKind.ARCHIVE
    ]
    not_understood += unplaced
    for result in results:
        problems.extend(result.problems)
    used = [result.format for result in results
            if result.recordings or result.transcripts or result.devices or result.claimed]
    return ExportContents(
        formats=tuple(dict.fromkeys(used)),
        recordings=tuple(recordings),
        transcripts=tuple(transcripts),
        links=tuple(links),
        devices=tuple(_merge_by_key(d for result in results for d in result.devices)),
        accounts=tuple(_merge_by_key(a for result in results for a in result.accounts)),
        not_understood=tuple(not_understood),
        problems=tuple(problems),
    )


def _first_readings(result: ImportResult, label: str, unclaimed: set[str],
                    readers: dict[str, str], problems: list[ImportProblem]) -> list[Recording]:
    """The importer's recordings of members still free, one per path.

    A second recording of a path (made twice by one importer, or of a member an earlier
    importer already read) is set aside with a problem that says so, never silently.
    """
    kept: dict[str, Recording] = {}
    for recording in result.recordings:
        if recording.path in kept:
            problems.append(ImportProblem(SourceRef(recording.path), (
                f"the {label} importer read this file as a recording twice; the first "
                "reading was kept and the second set aside")))
        elif recording.path not in unclaimed:
            earlier = readers.get(recording.path)
            problems.append(ImportProblem(SourceRef(recording.path), (
                f"the {label} importer also read this file as a recording, but "
                + (f"the {earlier} importer had already read it; that reading was kept"
                   if earlier else "another importer had already claimed it; its reading "
                                   "was kept"))))
        else:
            kept[recording.path] = recording
    return list(kept.values())


def _load_builtin_importers() -> None:
    # Importing the modules registers them; kept here so the registry is complete even
    # when a caller imports only this module.
    import viewer.formats.importers  # noqa: F401


def _importer_failed(importer: Importer, error: BaseException) -> ImportProblem:
    return ImportProblem(SourceRef(""), f"the {importer.label} importer failed on this export "
                                        f"({type(error).__name__}: {error}); other formats "
                                        "were still read")


def _unreadable_audio(export: Export, known: set[str]) -> list[Recording]:
    """Audio members that are refused or damaged still show up, with the reason."""
    return [
        Recording(path=member.path, format="generic",
                  audio_problem="; ".join(member.problems) or "it cannot be read")
        for member in export.members
        if member.kind is MemberKind.AUDIO and member.path not in known and not member.readable
    ]


def _probe(export: Export, recording: Recording) -> Recording:
    if recording.audio_problem:
        return recording
    try:
        with export.open_member(recording.path) as stream:
            info = probe_audio(stream, recording.path)  # type: ignore[arg-type]
    except (AudioProbeError, MemberError) as error:
        reason = error.reason if isinstance(error, MemberError) else str(error)
        return replace(recording, audio_problem=reason)
    return replace(recording, duration_s=round(info.duration_s, 3),
                   sample_rate=info.sample_rate, channels=info.channels, codec=info.codec)


def _merge_by_key(items: Iterable[_Mergeable]) -> list[_Mergeable]:
    """One device (or account) per key: importers that saw the same one complete each other."""
    merged: dict[str, _Mergeable] = {}
    for item in items:
        old = merged.get(item.key)
        merged[item.key] = item if old is None else _merge(old, item)
    return list(merged.values())


def _merge(old: _Mergeable, new: _Mergeable) -> _Mergeable:
    """Fill the gaps of ``old`` from ``new``; provenance and facts are kept from both."""
    changes: dict[str, Any] = {}
    for spec in fields(old):
        mine: Any = getattr(old, spec.name)
        theirs: Any = getattr(new, spec.name)
        if spec.name in ("sources", "facts"):
            changes[spec.name] = tuple(dict.fromkeys((*mine, *theirs)))
        elif spec.name in ("registered_in_export", "registration_zone_assumed"):
            changes[spec.name] = mine or theirs
        elif mine is None and theirs is not None:
            changes[spec.name] = theirs
    return replace(old, **changes)
