"""Read a ZIP's central directory one entry at a time, keeping nothing the walk does not need.

``zipfile.ZipFile`` builds a ``ZipInfo`` for every entry (about 0.5 KB with its two copies of
the name) and keeps them all for as long as the archive is open, and it reads the whole
directory into memory first, whatever size the end record claims. Near the member limit that
alone is hundreds of megabytes. Here the directory is checked once as a stream (so a damaged
one is known before any member is listed, and the caller can recover the archive from its
local headers instead), then read again entry by entry; only what ``Admission`` and the
opener need survives an entry.

The rules follow ``zipfile`` (3.11) so that an archive it opens opens here the same way:
the end record is the last ``PK\\5\\6`` in the final 64 KiB, ZIP64 records sit right before
it, bytes prepended to the archive (a self-extractor) shift every offset, and an entry's ZIP64
extra field replaces the sizes and offset that are saturated at 0xFFFFFFFF.
"""

from __future__ import annotations

import array
import functools
import itertools
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass

_END = struct.Struct("<4s4H2LH")
_END_SIGNATURE = b"PK\x05\x06"
_END64_LOCATOR = struct.Struct("<4sLQL")
_END64_LOCATOR_SIGNATURE = b"PK\x06\x07"
_END64 = struct.Struct("<4sQ2H2L4Q")
_END64_SIGNATURE = b"PK\x06\x06"
#: The fixed part of a central directory entry (zipfile's ``structCentralDir``).
CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
CENTRAL_SIGNATURE = b"PK\x01\x02"
#: The newest "version needed to extract" zipfile reads (6.3); newer ones it refuses.
_MAX_EXTRACT_VERSION = 63
_SATURATED = 0xFFFFFFFF
_MAX_COMMENT = 1 << 16


class CentralDirectoryError(ValueError):
    """The end record or the central directory is missing or damaged."""


class UnsupportedZipError(ValueError):
    """A well-formed ZIP that uses something this reader does not (a newer format version)."""


@dataclass(frozen=True, slots=True)
class Directory:
    """Where the central directory lies in the window, and how far offsets are shifted."""

    start: int
    size: int
    #: Bytes in front of the archive proper (a self-extractor's stub) that every stored
    #: offset leaves out.
    shift: int


@dataclass(frozen=True, slots=True)
class CentralEntry:
    """One entry as the central directory states it (transient: made, used, dropped)."""

    raw_name: bytes
    flags: int
    method: int
    crc: int
    compress_size: int
    file_size: int
    #: Where its local header starts, relative to the window, the shift applied.
    header_offset: int
    date_time: tuple[int, int, int, int, int, int]
    create_system: int
    external_attr: int

    @property
    def utf8(self) -> bool:
        return bool(self.flags & 0x800)


def find_directory(fd: int, base: int, length: int) -> Directory:
    """The central directory of the ZIP at ``fd[base:base+length]``, from its end record."""
    if length < _END.size:
        raise CentralDirectoryError("the file is too short to be a ZIP")
    tail_start = max(0, length - _MAX_COMMENT - _END.size)
    tail = os.pread(fd, length - tail_start, base + tail_start)
    if tail[-_END.size:].startswith(_END_SIGNATURE) and tail[-2:] == b"\0\0":
        at = len(tail) - _END.size
    else:
        at = tail.rfind(_END_SIGNATURE)
        if at < 0 or len(tail) - at < _END.size:
            raise CentralDirectoryError("its end record is missing")
    end_offset = tail_start + at
    fields = _END.unpack_from(tail, at)
    size, offset = fields[5], fields[6]
    zip64 = _zip64_end(fd, base, end_offset)
    if zip64 is not None:
        size, offset, record_bytes = zip64
        end_offset -= record_bytes
    shift = end_offset - size - offset
    start = offset + shift
    if start < 0:
        raise CentralDirectoryError("its end record points outside the file")
    return Directory(start=start, size=size, shift=shift)


def _zip64_end(fd: int, base: int, end_offset: int) -> tuple[int, int, int] | None:
    """(size, offset, bytes its records take) from the ZIP64 end records, or None."""
    locator_at = end_offset - _END64_LOCATOR.size
    if locator_at < 0:
        return None
    locator = os.pread(fd, _END64_LOCATOR.size, base + locator_at)
    if len(locator) != _END64_LOCATOR.size:
        return None
    signature, disk, _record_offset, disks = _END64_LOCATOR.unpack(locator)
    if signature != _END64_LOCATOR_SIGNATURE:
        return None
    if disk != 0 or disks > 1:
        raise UnsupportedZipError("ZIPs that span several disks are not supported")
    # Like zipfile: the record is taken to sit right before its locator (no extensible data).
    record_at = locator_at - _END64.size
    if record_at < 0:
        return None
    record = os.pread(fd, _END64.size, base + record_at)
    if len(record) != _END64.size:
        return None
    fields = _END64.unpack(record)
    if fields[0] != _END64_SIGNATURE:
        return None
    return fields[8], fields[9], _END64.size + _END64_LOCATOR.size


@dataclass(frozen=True, slots=True)
class Survey:
    """What one pass over the directory found, before any entry is admitted."""

    entries: int
    #: Declared uncompressed bytes of all entries.
    total_bytes: int
    #: Indices of entries whose compressed data runs into the next entry's local header.
    overlapping: frozenset[int]


def survey_entries(fd: int, base: int, length: int, directory: Directory) -> Survey:
    """Read the directory through once; raises before any entry is used.

    So a damaged directory sends the caller to recovery with nothing listed twice, and the
    limits are checked against the whole directory before anything is admitted. Offsets and
    sizes are kept in flat arrays (16 bytes an entry) for the overlap check.
    """
    total = 0
    offsets = array.array("q")
    sizes = array.array("q")
    for fields, _name, extra in _records(fd, base, length, directory):
        file_size, compress_size, header_offset = fields[11], fields[10], fields[18]
        if _SATURATED in (file_size, compress_size, header_offset):
            file_size, compress_size, header_offset = _zip64_values(
                extra, file_size, compress_size, header_offset)
        if not 0 <= header_offset + directory.shift <= length - 30:
            raise CentralDirectoryError("an entry of its central directory points outside the file")
        total += file_size
        offsets.append(header_offset)
        sizes.append(compress_size)
    return Survey(len(offsets), total, _overlapping(offsets, sizes))


def _overlapping(offsets: array.array[int], sizes: array.array[int]) -> frozenset[int]:
    """Entries whose data runs into the next local header (in the order of their offsets)."""
    if all(offsets[i] <= offsets[i + 1] for i in range(len(offsets) - 1)):
        order: range | list[int] = range(len(offsets))  # the usual case: already in order
    else:
        order = sorted(range(len(offsets)), key=offsets.__getitem__)
    overlapping: set[int] = set()
    for current, following in itertools.pairwise(order):
        # 30 bytes of local header at least precede the data; names and extras add more,
        # so this bound never flags a well-formed archive.
        if offsets[following] < offsets[current] + 30 + sizes[current]:
            overlapping.update((current, following))
    return frozenset(overlapping)


def iter_entries(fd: int, base: int, length: int, directory: Directory) -> Iterator[CentralEntry]:
    """Each entry of the directory, in the order it stores them."""
    shift = directory.shift
    for fields, name, extra in _records(fd, base, length, directory):
        file_size, compress_size, header_offset = fields[11], fields[10], fields[18]
        if _SATURATED in (file_size, compress_size, header_offset):
            file_size, compress_size, header_offset = _zip64_values(
                extra, file_size, compress_size, header_offset)
        yield CentralEntry(name, fields[5], fields[6], fields[9], compress_size, file_size,
                           header_offset + shift, _date_time(fields[8], fields[7]),
                           fields[2], fields[17])


#: Directory bytes read at a time; records are parsed out of each chunk in place.
_CHUNK = 1 << 20


def _records(fd: int, base: int, length: int,
             directory: Directory) -> Iterator[tuple[tuple[int, ...], bytes, bytes]]:
    """(fixed fields, name, extra field) of each directory record, checked."""
    if directory.start + directory.size > length:
        raise CentralDirectoryError("its central directory runs past the end of the file")
    start = base + directory.start
    remaining = directory.size
    chunk = b""
    at = 0
    while remaining or at < len(chunk):
        if len(chunk) - at < CENTRAL.size + 3 * 0xFFFF and remaining:
            more = os.pread(fd, min(_CHUNK, remaining), start + directory.size - remaining)
            if not more:
                raise CentralDirectoryError("its central directory is cut short")
            remaining -= len(more)
            chunk = chunk[at:] + more
            at = 0
        if len(chunk) - at < CENTRAL.size:
            raise CentralDirectoryError("its central directory is cut short")
        fields = CENTRAL.unpack_from(chunk, at)
        if fields[0] != CENTRAL_SIGNATURE:
            raise CentralDirectoryError("its central directory is damaged (bad signature)")
        if fields[3] > _MAX_EXTRACT_VERSION:
            raise UnsupportedZipError(f"zip file version {fields[3] / 10:.1f}")
        name_at = at + CENTRAL.size
        extra_at = name_at + fields[12]
        at = extra_at + fields[13] + fields[14]
        if at > len(chunk):
            raise CentralDirectoryError("its central directory is cut short")
        yield fields, chunk[name_at:extra_at], chunk[extra_at:extra_at + fields[13]]


def _zip64_values(extra: bytes, file_size: int, compress_size: int,
                  header_offset: int) -> tuple[int, int, int]:
    """The sizes and offset, taken from the ZIP64 extra field where they are saturated."""
    position = 0
    while len(extra) - position >= 4:
        tag, size = struct.unpack_from("<HH", extra, position)
        if position + 4 + size > len(extra):
            raise CentralDirectoryError(f"an entry's extra field {tag:04x} is damaged")
        if tag == 0x0001:
            values = extra[position + 4:position + 4 + size]
            wanted = [file_size in (_SATURATED, 0xFFFFFFFFFFFFFFFF),
                      compress_size == _SATURATED, header_offset == _SATURATED]
            if 8 * sum(wanted) > len(values):
                raise CentralDirectoryError("an entry's ZIP64 extra field is damaged")
            unpacked = iter(struct.unpack_from(f"<{sum(wanted)}Q", values))
            if wanted[0]:
                file_size = next(unpacked)
            if wanted[1]:
                compress_size = next(unpacked)
            if wanted[2]:
                header_offset = next(unpacked)
        position += 4 + size
    return file_size, compress_size, header_offset


@functools.lru_cache(maxsize=4096)  # many entries share a time; share its tuple too
def _date_time(date: int, time: int) -> tuple[int, int, int, int, int, int]:
    """The DOS date and time as zipfile gives them (unchecked: 30 February stays)."""
    return ((date >> 9) + 1980, (date >> 5) & 0xF, date & 0x1F,
            time >> 11, (time >> 5) & 0x3F, (time & 0x1F) * 2)
