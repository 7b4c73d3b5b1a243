"""The one rule that admits or refuses every member, and the limits of the export as a whole.

A member of a ZIP (from its central directory), of a cut-off ZIP (from its local headers) and
a file of an unpacked folder all pass ``Admission.admit``: its name through the name guard,
then the facts its walk found (a link, encryption, its sizes...), then against every member
admitted before it (the same name, or one that differs only in Unicode normalisation), and it
is counted against the limits of the whole export. A refused member stays listed with its
reasons and is never opened.
"""

from __future__ import annotations

import stat
import unicodedata
import zipfile
from typing import NamedTuple

from viewer.archive.central import CentralEntry
from viewer.archive.errors import ArchiveError, UnsafeArchiveError
from viewer.archive.limits import Limits, format_bytes
from viewer.archive.names import UnsafeNameError, check_member_name, printable_name

_SUPPORTED_METHODS = {
    zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA,
}
_METHOD_NAMES = {
    1: "Shrink", 6: "Implode", 9: "Deflate64", 10: "PKWARE Implode", 18: "IBM TERSE",
    19: "IBM LZ77", 93: "Zstandard", 94: "MP3", 95: "XZ", 96: "JPEG", 97: "WavPack",
    98: "PPMd", 99: "AES encryption",
}
_NO_PROBLEMS: tuple[str, ...] = ()
_REFUSED = "refused: "


class Facts(NamedTuple):
    """What a walk learnt about one member before anything reads it."""

    #: Uncompressed bytes, as declared (or, for a recovered streamed member, as measured).
    size: int
    compressed_size: int
    #: A symbolic link (a folder's, or a ZIP entry with Unix link attributes).
    link: bool = False
    #: Neither a regular file nor a link: a device, a pipe, a socket.
    special: bool = False
    encrypted: bool = False
    #: The ZIP compression method; None for a file in a folder.
    method: int | None = None
    #: Its compressed data overlaps another member's.
    overlaps: bool = False
    #: A ZIP entry named like a folder ("photos/") that nevertheless holds data.
    folder_with_data: bool = False
    #: What recovering a cut-off archive found wrong with it, in words.
    damage: str | None = None


def zip_entry_facts(entry: CentralEntry, *, overlaps: bool = False,
                    folder_with_data: bool = False) -> Facts:
    """The facts a ZIP's central directory states about one entry."""
    return Facts(
        entry.file_size, entry.compress_size,
        entry.create_system == 3 and stat.S_ISLNK(entry.external_attr >> 16),
        False, entry.method == 99 or bool(entry.flags & 0x1), entry.method,
        overlaps, folder_with_data)


class Admission:
    """Admits the members of one export, one at a time, and counts them against the limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.member_count = 0
        self.total_bytes = 0
        self.spooled_bytes = 0
        self.refused_count = 0
        #: The first path seen under each NFC form of a path.
        self._names: dict[str, str] = {}

    def admit(self, prefix: str, raw_name: str, facts: Facts) -> tuple[str, tuple[str, ...]]:
        """The member's path and its problems; an empty tuple means it may be read.

        ``prefix`` is the path of the nested archive it is in plus ``!/`` (or empty).
        Raises UnsafeArchiveError when the export as a whole passes a limit.
        """
        self.count(1, facts.size)
        problems = self._problems(facts)
        try:
            path = prefix + check_member_name(raw_name, self.limits)
        except UnsafeNameError as error:
            path = prefix + printable_name(raw_name)
            problems.append(f"refused: {error}")
        # For ASCII, and any name already in NFC, normalize returns the same string.
        key = unicodedata.normalize("NFC", path)
        first = self._names.get(key)
        if first is None:
            self._names[key] = path
        elif first == path:
            problems.append("refused: another file with the same name comes first; only that "
                            "one is used")
        else:
            problems.append(f"refused: its name differs from {first!r} only in how its "
                            "letters are encoded (Unicode normalisation), so the two cannot "
                            "be told apart")
        if not problems:
            return path, _NO_PROBLEMS
        if any(problem.startswith(_REFUSED) for problem in problems):
            self._refuse_one()
        return path, tuple(problems)

    def _refuse_one(self) -> None:
        self.refused_count += 1
        if self.refused_count > self.limits.max_refused_members:
            raise UnsafeArchiveError(
                f"More than {self.limits.max_refused_members:,} of the export's files are "
                "refused (unsafe names, links, zip-bomb members or duplicates); it was refused "
                "as a whole to protect this computer.")

    def _problems(self, facts: Facts) -> list[str]:
        limits = self.limits
        problems: list[str] = []
        if facts.link:
            problems.append("refused: it is a symbolic link, which is never followed")
        elif facts.special:
            problems.append("refused: it is not a regular file")
        if facts.folder_with_data:
            problems.append("refused: it is named like a folder but holds data")
        if facts.encrypted:
            problems.append("it is encrypted (password-protected) and cannot be read")
        elif facts.method is not None and facts.method not in _SUPPORTED_METHODS:
            method = _METHOD_NAMES.get(facts.method, "an unknown method")
            problems.append(f"it is compressed with {method} (method {facts.method}), "
                            "which this app cannot read")
        if facts.size > limits.max_member_bytes:
            problems.append(f"refused: it would unpack to {format_bytes(facts.size)}, more "
                            f"than the {format_bytes(limits.max_member_bytes)} allowed for one "
                            "file")
        elif (facts.size > limits.ratio_floor_bytes
              and facts.size > limits.max_ratio * max(facts.compressed_size, 1)):
            ratio = facts.size / max(facts.compressed_size, 1)
            problems.append(
                f"refused: it would expand {ratio:,.0f} times "
                f"({format_bytes(facts.compressed_size)} to {format_bytes(facts.size)}), "
                "the pattern of a zip bomb")
        if facts.overlaps:
            problems.append("refused: its data overlaps another member's, a zip-bomb technique")
        if facts.damage:
            problems.append(facts.damage)
        return problems

    # -- limits of the whole export --------------------------------------------------------
    def check_room(self, members: int, size: int) -> None:
        """Refuse now if ``members`` more members of ``size`` bytes would pass a limit."""
        self._check(self.member_count + members, self.total_bytes + size)

    def count(self, members: int, size: int) -> None:
        self._check(self.member_count + members, self.total_bytes + size)
        self.member_count += members
        self.total_bytes += size

    def _check(self, members: int, total_bytes: int) -> None:
        if members > self.limits.max_members:
            raise UnsafeArchiveError(
                f"The export holds more than {self.limits.max_members:,} files; it was refused "
                "to protect this computer (a real export this large is very unusual; ask the "
                "company for the products you need one at a time).")
        if total_bytes > self.limits.max_total_bytes:
            raise UnsafeArchiveError(
                f"The export would unpack to more than {format_bytes(self.limits.max_total_bytes)}"
                "; it was refused as a likely zip bomb.")

    def reserve_spool(self, size: int) -> None:
        """Make room for a temporary copy of ``size`` bytes, or raise ArchiveError."""
        limits = self.limits
        if size > limits.max_spool_bytes:
            raise ArchiveError(
                f"the nested archive is {format_bytes(size)} when unpacked, more than the "
                f"{format_bytes(limits.max_spool_bytes)} allowed for a temporary copy")
        if self.spooled_bytes + size > limits.max_spool_total_bytes:
            raise ArchiveError(
                f"its temporary copy ({format_bytes(size)}) would take the export's temporary "
                f"copies past the {format_bytes(limits.max_spool_total_bytes)} allowed")
        self.spooled_bytes += size
