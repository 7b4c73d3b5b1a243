"""Walk a ZIP: its central directory, or its local headers when the directory is lost.

Every entry becomes a member through ``Admission.admit``; a readable member that is itself
a ZIP is walked in turn, read in place when it is stored and from a temporary copy
(``spool``) when it is compressed. Names are taken from the bytes the archive stores, not from
``zipfile``, which cuts a name short at a NUL ("evil.wav\\0.exe" would pass as "evil.wav").
"""

from __future__ import annotations

import functools
import io
import os
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from viewer.archive.admission import Facts, zip_entry_facts
from viewer.archive.central import (
    CentralDirectoryError,
    CentralEntry,
    UnsupportedZipError,
    find_directory,
    iter_entries,
    survey_entries,
)
from viewer.archive.errors import (
    ArchiveError,
    CorruptArchiveError,
    UnsafeArchiveError,
    UnsupportedArchiveError,
)
from viewer.archive.kinds import MemberKind, kind_from_head, kind_from_name
from viewer.archive.members import Collection, Member, Opener
from viewer.archive.names import NEST_SEPARATOR, decode_raw_name
from viewer.archive.recover import RecoveredEntry, recover_entries
from viewer.archive.spool import spool
from viewer.archive.streams import READ_ERRORS, WindowReader

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
#: Flag bits 5 (compressed patched data) and 6 (strong encryption), which zipfile refuses.
_UNSUPPORTED_FLAGS = 0x20 | 0x40
#: A central directory that cannot be read sends the walk to recovery.
_UNREADABLE_DIRECTORY: tuple[type[BaseException], ...] = (CentralDirectoryError, *READ_ERRORS)
_UNSNIFFABLE: tuple[type[BaseException], ...] = (ArchiveError, *READ_ERRORS)
_ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")
#: Compressed bytes inflated to sniff a deflated member's first 16 bytes.
_SNIFF_DEFLATED = 4096
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "a gzip/tgz archive (choose ZIP when you request the export, or unpack it "
                  "and open the folder)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive (unpack it and open the folder)"),
    (b"Rar!", "a RAR archive (unpack it and open the folder)"),
    (b"BZh", "a bzip2 file (unpack it and open the folder)"),
    (b"\xfd7zXZ\x00", "an xz file (unpack it and open the folder)"),
    (b"ustar", "a tar archive (unpack it and open the folder)"),
)


def add_zip_file(collection: Collection, path: Path, prefix: str, source_name: str) -> None:
    """Add every member of the ZIP file at ``path`` (and of the ZIPs inside it)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
    except OSError as error:
        raise ArchiveError(f"{path.name}: cannot be read ({error.strerror})") from error
    collection.resources.fds.append(fd)
    size = os.fstat(fd).st_size
    check_zip_signature(fd, size, path.name)
    _walk_zip(collection, fd, 0, size, prefix, 0, source_name, path.name)


def check_zip_signature(fd: int, size: int, label: str) -> None:
    """Raise a clear error for what is not a ZIP (or one volume of a spanned ZIP)."""
    if size == 0:
        raise CorruptArchiveError(f"{label}: the file is empty (0 bytes).")
    head = os.pread(fd, 8, 0)
    if head.startswith(b"PK\x07\x08") or re.search(r"\.z\d\d$", label, re.IGNORECASE):
        raise UnsupportedArchiveError(
            f"{label}: this is one volume of a multi-volume (spanned) ZIP, which is not "
            "supported. Join the volumes first, e.g. `zip -s 0 export.zip --out joined.zip`.")
    if head.startswith(_ZIP_SIGNATURES):
        return
    for magic, description in _FOREIGN_MAGIC:
        if head.startswith(magic):
            raise UnsupportedArchiveError(f"{label}: this is {description}.")
    if os.pread(fd, 5, 257) == b"ustar":
        raise UnsupportedArchiveError(f"{label}: this is a tar archive (unpack it and open the "
                                      "folder).")
    # A self-extracting or otherwise prefixed ZIP still ends with a central directory.
    tail = os.pread(fd, min(size, 66_000), max(0, size - 66_000))
    if b"PK\x05\x06" not in tail:
        raise UnsupportedArchiveError(f"{label}: this is not a ZIP archive.")


def _walk_zip(collection: Collection, fd: int, base: int, length: int, prefix: str, depth: int,
              source_name: str, label: str) -> None:
    try:
        directory = find_directory(fd, base, length)
        survey = survey_entries(fd, base, length, directory)
    except UnsupportedZipError as error:
        raise UnsupportedArchiveError(f"{label}: {error}") from error
    except _UNREADABLE_DIRECTORY as error:
        _walk_recovered(collection, fd, base, length, prefix, depth, source_name, label, error)
        return
    collection.admission.check_room(survey.entries, survey.total_bytes)
    try:
        for index, entry in enumerate(iter_entries(fd, base, length, directory)):
            named_folder = entry.raw_name.endswith(b"/")
            # Not compress_size: some tools deflate a folder entry's nothing into two bytes.
            if named_folder and entry.file_size == 0:
                continue  # a folder entry: the members below it carry their own paths
            facts = zip_entry_facts(entry, overlaps=index in survey.overlapping,
                                    folder_with_data=named_folder)
            _add_member(
                collection, prefix=prefix, raw_name=decode_raw_name(entry.raw_name, entry.utf8),
                facts=facts, modified=_zip_time(entry.date_time), source_name=source_name,
                depth=depth, opener=_CentralOpener(fd, base, entry),
                data_at=functools.partial(_data_start, fd, base, entry.header_offset), fd=fd)
    except CentralDirectoryError as error:  # it read well a moment ago: the file changed
        raise CorruptArchiveError(f"{label}: the archive changed while it was read ({error})") \
            from error


def _walk_recovered(collection: Collection, fd: int, base: int, length: int, prefix: str,
                    depth: int, source_name: str, label: str, error: BaseException) -> None:
    found = complete = 0
    for entry in recover_entries(fd, base, length, collection.limits):
        found += 1
        complete += entry.problem is None
        _add_recovered(collection, fd, base, entry, prefix, depth, source_name)
    if not found:
        raise CorruptArchiveError(
            f"{label}: the ZIP is damaged and no file in it could be recovered ({error}).")
    collection.problems.append(
        f"{label}: the archive is incomplete or damaged (its table of contents is missing"
        f" — was the download cut off?). {complete} of its files were recovered by "
        "scanning; a re-download is advised.")


def _add_recovered(collection: Collection, fd: int, base: int, entry: RecoveredEntry,
                   prefix: str, depth: int, source_name: str) -> None:
    facts = Facts(
        size=entry.file_size, compressed_size=entry.compress_size,
        encrypted=entry.method == 99 or bool(entry.flags & 0x1), method=entry.method,
        damage=entry.problem)
    start = base + entry.data_start
    _add_member(
        collection, prefix=prefix, raw_name=decode_raw_name(entry.name, bool(entry.flags & 0x800)),
        facts=facts, modified=_zip_time(entry.date_time), source_name=source_name, depth=depth,
        opener=_RecoveredOpener(fd, start, entry), data_at=lambda: start, fd=fd)


class _CentralOpener:
    """Opens a member listed in a central directory, from its local header.

    Small on purpose (an export may list hundreds of thousands of them): the facts a stream
    needs are packed into one bytes object, and the name is kept only as a checksum, to refuse
    a local header that names another file than the directory does (as zipfile does).
    """

    __slots__ = ("_facts", "_fd")

    _PACKED = struct.Struct("<QHHIQQI")

    def __init__(self, fd: int, base: int, entry: CentralEntry) -> None:
        self._fd = fd
        self._facts = self._PACKED.pack(
            base + entry.header_offset, entry.flags, entry.method, entry.crc,
            entry.compress_size, entry.file_size, zlib.crc32(entry.raw_name))

    def __call__(self) -> BinaryIO:
        header_at, flags, method, crc, compress_size, file_size, name_crc = (
            self._PACKED.unpack(self._facts))
        header = os.pread(self._fd, _LOCAL_HEADER.size, header_at)
        if len(header) != _LOCAL_HEADER.size:
            raise zipfile.BadZipFile("Truncated file header")
        if not header.startswith(_LOCAL_SIGNATURE):
            raise zipfile.BadZipFile("Bad magic number for file header")
        name_length, extra_length = struct.unpack_from("<HH", header, 26)
        name = os.pread(self._fd, name_length, header_at + _LOCAL_HEADER.size)
        if zlib.crc32(name) != name_crc:
            raise zipfile.BadZipFile("File name in directory and header differ")
        if flags & _UNSUPPORTED_FLAGS:
            raise NotImplementedError("compressed patched data or strong encryption")
        start = header_at + _LOCAL_HEADER.size + name_length + extra_length
        return member_stream(self._fd, start, flags, method, crc, compress_size, file_size)


class _RecoveredOpener:
    """Opens a recovered member; its ZipInfo is made only then (a walk may find millions)."""

    __slots__ = ("_crc", "_fd", "_flags", "_method", "_sizes", "_start")

    def __init__(self, fd: int, start: int, entry: RecoveredEntry) -> None:
        self._fd = fd
        self._start = start
        self._flags = entry.flags
        self._method = entry.method
        self._crc = entry.crc
        self._sizes = (entry.compress_size, entry.file_size)

    def __call__(self) -> BinaryIO:
        return member_stream(self._fd, self._start, self._flags, self._method, self._crc,
                             *self._sizes)


def member_stream(fd: int, start: int, flags: int, method: int, crc: int, compress_size: int,
                  file_size: int) -> BinaryIO:
    """A member's content as zipfile's checked stream (CRC, sizes) over its data at ``start``."""
    info = zipfile.ZipInfo()
    info.flag_bits = flags
    info.compress_type = method
    info.CRC = crc
    info.compress_size, info.file_size = compress_size, file_size
    raw = io.BufferedReader(WindowReader(fd, start, compress_size))
    return zipfile.ZipExtFile(raw, "r", info, None, True)  # type: ignore[return-value]


def _add_member(collection: Collection, *, prefix: str, raw_name: str, facts: Facts,
                modified: datetime | None, source_name: str, depth: int, opener: Opener,
                data_at: Callable[[], int], fd: int) -> None:
    """Admit one ZIP entry, list it, and walk it when it is a readable nested ZIP.

    ``data_at`` gives where the member's (compressed) data starts in ``fd``.
    """
    path, problems = collection.admission.admit(prefix, raw_name, facts)
    readable = not problems
    kind = kind_from_name(path)
    if kind is None:
        kind = _sniff(opener, data_at, fd, facts) if readable else MemberKind.OTHER
    member = Member(
        path=path, size=facts.size, compressed_size=facts.compressed_size, kind=kind,
        modified=modified, source=source_name, depth=depth, problems=problems,
        readable=readable)
    index = collection.add(member, opener)
    if kind is MemberKind.ARCHIVE and readable:
        stored = facts.method == zipfile.ZIP_STORED
        problem = _add_nested(collection, opener, data_at if stored else None, fd, facts, path,
                              depth + 1, source_name)
        if problem:
            collection.note(index, problem)


def _add_nested(collection: Collection, opener: Opener, stored_at: Callable[[], int] | None,
                fd: int, facts: Facts, path: str, depth: int, source_name: str) -> str | None:
    """Open a ZIP inside a ZIP; returns a problem to note on it, or None."""
    limits = collection.limits
    if depth > limits.max_depth:
        return (f"not opened: archives nested more than {limits.max_depth} levels deep "
                "are refused")
    try:
        if stored_at is not None:
            # Stored: its bytes lie in the outer file as they are; read them in place.
            inner_fd, inner_base = fd, stored_at()
            length = min(facts.size, facts.compressed_size)
        else:
            inner_fd = spool(opener, facts.size, collection.admission, collection.resources)
            inner_base, length = 0, facts.size
        if os.pread(inner_fd, 4, inner_base) not in _ZIP_SIGNATURES:
            return "not opened: despite its name it is not a ZIP archive"
        _walk_zip(collection, inner_fd, inner_base, length, path + NEST_SEPARATOR, depth,
                  source_name, path)
    except UnsafeArchiveError:
        raise
    except ArchiveError as error:
        return f"not opened: {error}"
    except READ_ERRORS as error:  # offsets or data that point nowhere
        return f"not opened: the nested archive is damaged ({error})"
    return None


def _sniff(opener: Opener, data_at: Callable[[], int], fd: int, facts: Facts) -> MemberKind:
    """The kind from the first bytes; stored and deflated members without opening them.

    Exports of extension-less files would otherwise pay a whole member stream per file.
    """
    if facts.size == 0:
        return MemberKind.OTHER
    try:
        if facts.method == zipfile.ZIP_STORED:
            return kind_from_head(os.pread(fd, min(16, facts.compressed_size), data_at()))
        if facts.method == zipfile.ZIP_DEFLATED:
            start = os.pread(fd, min(_SNIFF_DEFLATED, facts.compressed_size), data_at())
            return kind_from_head(zlib.decompressobj(-15).decompress(start, 16))
        with opener() as stream:
            return kind_from_head(stream.read(16))
    except _UNSNIFFABLE:
        return MemberKind.OTHER


def _data_start(fd: int, base: int, header_offset: int) -> int:
    """Where a member's data starts in ``fd``, from its local header."""
    if header_offset < 0:
        raise ArchiveError("its local header offset points outside the archive")
    header = os.pread(fd, _LOCAL_HEADER.size, base + header_offset)
    if len(header) < _LOCAL_HEADER.size or not header.startswith(_LOCAL_SIGNATURE):
        raise ArchiveError("its local header is damaged")
    name_length, extra_length = struct.unpack_from("<HH", header, 26)
    return base + header_offset + _LOCAL_HEADER.size + name_length + extra_length


@functools.lru_cache(maxsize=4096)  # datetimes are immutable; many members share one
def _zip_time(date_time: tuple[int, int, int, int, int, int]) -> datetime | None:
    try:
        return datetime(*date_time)
    except (ValueError, TypeError):
        return None
