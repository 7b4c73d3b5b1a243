"""Check a corrected export against the first one: are the flagged files (and the files
withheld as only the other person's) gone, and are the user's own files still there? Tables
that mixed both cannot be checked from hashes: they are listed as not verified.

Files are matched by content, not by name (a corrected export is often packed anew, under
other folder names): first by size, which costs nothing, then by SHA-256, read only for the
corrected export's files whose size matches one that is looked for. A file the case knows
no SHA-256 of (it could not be read, or was too large to hash cheaply) is matched by its
path and size instead (a flagged path the case keeps scrubbed of the other person's words
then no longer matches: such a file would count as gone; all flagged recordings the check
could read have a SHA-256).
"""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Generator
from datetime import date

from viewer.archive import Export, MemberError, OpenProgress
from viewer.cases.model import Case, Comparison, FlaggedEvidence, OwnFile

__all__ = ["Comparison", "compare_export", "compare_export_steps"]

PHASE = "comparing with the first export"


def compare_export(case: Case, corrected: Export, today: date | None = None) -> Comparison:
    steps = compare_export_steps(case, corrected, today)
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value


def compare_export_steps(case: Case, corrected: Export, today: date | None = None,
                         ) -> Generator[OpenProgress, None, Comparison]:
    """The comparison step by step: yields progress while hashing; returns the result."""
    members = [member for member in corrected.members if member.readable]
    sizes_wanted = ({item.size for item in (*case.flagged, *case.withheld) if item.sha256}
                    | {item.size for item in case.own_files if item.sha256})
    to_hash = [member for member in members if member.size in sizes_wanted]
    total = sum(member.size for member in to_hash) or 1
    done = 0
    # size -> the SHA-256 of every corrected file of that size (only the sizes looked for).
    hashes: dict[int, set[str]] = defaultdict(set)
    for member in to_hash:
        # An unreadable file cannot be anybody's file any more: it matches nothing.
        with contextlib.suppress(MemberError):
            hashes[member.size].add(corrected.member_sha256(member.path))
        done += member.size
        yield OpenProgress(PHASE, done, total, member.path)
    by_path = {member.path: member.size for member in members}

    def present(path: str, size: int, sha256: str | None) -> bool:
        if sha256:
            return sha256 in hashes.get(size, ())
        return by_path.get(path) == size

    still_there: list[FlaggedEvidence] = [
        item for item in case.flagged if present(item.path, item.size, item.sha256)]
    withheld_there = [item for item in case.withheld
                      if present(item.path, item.size, item.sha256)]
    missing: list[OwnFile] = [
        item for item in case.own_files if not present(item.path, item.size, item.sha256)]
    return Comparison(
        checked_on=today or date.today(),
        corrected_sha256=corrected.sha256,
        flagged_gone=len(case.flagged) - len(still_there),
        flagged_still_there=tuple(still_there),
        own_kept=len(case.own_files) - len(missing),
        own_missing=tuple(item.path for item in missing),
        withheld_gone=len(case.withheld) - len(withheld_there),
        withheld_still_there=tuple(withheld_there),
        not_verified=case.mixed,
    )
