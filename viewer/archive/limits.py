"""Every limit that protects the machine from hostile archives, in one place.

The defaults let a real export through (a 50 GB Google Takeout split into parts, an Amazon
ZIP of ZIPs, a folder of 200,000 photos) but stop a zip bomb before it costs real memory or
time: a bomb's members expand hundreds of times, real media and documents do not.
"""

from dataclasses import dataclass

KIB = 1024
MIB = 1024 * KIB
GIB = 1024 * MIB
TIB = 1024 * GIB


@dataclass(frozen=True, slots=True)
class Limits:
    #: Members across all levels of nesting. Large Takeouts hold ~10^5 files. Listing one
    #: costs about 0.5 KB and 25 µs (0.9 KB with the check's own records), so an export at
    #: this limit stays under 300 MB and 20 s however it is built (benchmarks/archive_limits.py).
    max_members: int = 300_000
    #: Members refused for their name, as links or bombs, or as duplicates. A real export has
    #: a handful; thousands mean an archive built to attack (46 MB of empty local headers
    #: are 1.5 million nameless members), and the whole export is refused.
    max_refused_members: int = 10_000
    #: Declared uncompressed bytes across the whole export, all levels.
    max_total_bytes: int = 2 * TIB
    #: One member's uncompressed size (a long video in a Takeout can be tens of GB).
    max_member_bytes: int = 100 * GIB
    #: Expansion ratio of one member. Deflate tops out near 1032:1 on zeros; text and CSV
    #: rarely pass 30:1. Only members that expand past ``ratio_floor_bytes`` are judged, so
    #: small, very repetitive files (a CSV of "Not Available") are never refused.
    max_ratio: float = 200.0
    ratio_floor_bytes: int = 16 * MIB
    #: Recovering a cut-off ZIP inflates its streamed members to find their ends. That stops
    #: at ``max_ratio`` for each member, and for all of them together once they pass this
    #: (many small bombs, each under ``ratio_floor_bytes``, would otherwise cost minutes).
    recovery_ratio_floor_bytes: int = 1 * GIB
    #: ZIPs inside ZIPs. Amazon ships two levels; four leaves room and stops recursion bombs.
    max_depth: int = 4
    #: A compressed nested archive is copied to a temporary file with no name (``spool``) so
    #: that its members can be read at random; this caps one copy ...
    max_spool_bytes: int = 16 * GIB
    #: ... and this all copies of one export together (the temporary folder may be in RAM).
    max_spool_total_bytes: int = 16 * GIB
    #: A member's name as UTF-8 bytes: the whole path and each part of it (Linux's own limits;
    #: real exports stay far below). One level of a nested archive counts on its own.
    max_name_bytes: int = 4096
    max_name_part_bytes: int = 255


DEFAULT_LIMITS = Limits()


def format_bytes(count: float) -> str:
    """A size as a person reads it: ``1.5 MB``."""
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if abs(count) < 1000 or unit == "TB":
            if unit == "bytes":
                return f"{int(count)} bytes"
            return f"{count:.1f} {unit}"
        count /= 1000
    raise AssertionError("unreachable")
