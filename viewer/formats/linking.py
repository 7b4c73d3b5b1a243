"""Pair recordings with transcript entries: by name when the export says, else by time.

Explicit links (a transcript row that names its audio file) are certain. Time links are a
judgement: the nearest entry within the format's tolerance, one-to-one, closest pairs first,
with a confidence a person can see, lowered when another candidate is nearly as close.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from pathlib import PurePosixPath

from viewer.archive import NEST_SEPARATOR
from viewer.formats.base import shared_prefix_length
from viewer.model import Link, LinkMethod, Recording, TranscriptEntry

DEFAULT_TOLERANCE_S = 10.0


def _basename(path: str) -> str:
    return PurePosixPath(path.rsplit(NEST_SEPARATOR, 1)[-1]).name.casefold()


def link_transcripts(
    recordings: Iterable[Recording],
    transcripts: Iterable[TranscriptEntry],
    known: Iterable[Link] = (),
    tolerance_by_format: Mapping[str, float] | None = None,
) -> list[Link]:
    """One Link per recording (method ``none`` when nothing fits).

    A format whose tolerance is 0 never pairs by time: its entries name their files, or say
    that the file was left out of the export.
    """
    recordings = list(recordings)
    transcripts = list(transcripts)
    tolerances = dict(tolerance_by_format or {})
    links: dict[str, Link] = {link.recording: link for link in known}
    used = {link.transcript for link in links.values() if link.transcript}

    # 1. Explicit: the entry names the file. Prefer the recording nearest in the tree.
    by_name: dict[str, list[Recording]] = {}
    for recording in recordings:
        by_name.setdefault(_basename(recording.path), []).append(recording)
    for entry in transcripts:
        if not entry.audio_name or entry.id in used:
            continue
        candidates = [r for r in by_name.get(_basename(entry.audio_name), ())
                      if r.path not in links]
        if not candidates:
            continue
        chosen = max(candidates, key=lambda r: shared_prefix_length(r.path, entry.source.path))
        gap = _gap(chosen, entry)
        links[chosen.path] = Link(chosen.path, entry.id, LinkMethod.EXPLICIT, gap, 1.0)
        used.add(entry.id)

    # 2. By time, for entries that name no file.
    timed = sorted(
        (entry for entry in transcripts
         if entry.time is not None and entry.id not in used and not entry.audio_name),
        key=lambda entry: entry.time,  # type: ignore[arg-type, return-value]
    )
    times = [entry.time.timestamp() for entry in timed]  # type: ignore[union-attr]
    widest = max([DEFAULT_TOLERANCE_S, *tolerances.values()])
    pairs: list[tuple[float, str, int]] = []
    nearest: dict[str, list[float]] = {}
    for recording in recordings:
        if recording.path in links or recording.start is None:
            continue
        moment = recording.start.timestamp()
        low = bisect.bisect_left(times, moment - widest)
        high = bisect.bisect_right(times, moment + widest)
        for position in range(low, high):
            entry = timed[position]
            gap = abs(times[position] - moment)
            tolerance = tolerances.get(entry.format, DEFAULT_TOLERANCE_S)
            if tolerance > 0 and gap <= tolerance:
                pairs.append((gap, recording.path, position))
                nearest.setdefault(recording.path, []).append(gap)
    by_path = {recording.path: recording for recording in recordings}
    taken: set[int] = set()
    for gap, path, position in sorted(pairs):
        if path in links or position in taken:
            continue
        entry = timed[position]
        tolerance = tolerances.get(entry.format, DEFAULT_TOLERANCE_S)
        confidence = max(0.05, min(0.95, 1.0 - gap / (2 * tolerance)))
        rivals = sorted(nearest[path])
        if len(rivals) > 1 and rivals[1] <= 2 * gap + 1.0:
            confidence *= 0.6  # another entry is almost as close: say the pairing is shaky
        links[path] = Link(path, entry.id, LinkMethod.TIME, _gap(by_path[path], entry),
                           round(confidence, 3))
        taken.add(position)

    return [links.get(r.path) or Link(r.path, None, LinkMethod.NONE) for r in recordings]


def _gap(recording: Recording, entry: TranscriptEntry) -> float | None:
    if recording.start is None or entry.time is None:
        return None
    return round((entry.time - recording.start).total_seconds(), 3)

