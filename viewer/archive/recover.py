"""Recover the members of a ZIP whose central directory is missing (a cut-off download).

The central directory sits at the end of a ZIP, so an interrupted download of a large export
loses it even though almost every member arrived whole. Each member also starts with a local
header; walking those headers from the front finds every member that is complete.

The walk yields one entry at a time, so whoever admits them counts them as they come and a
flood of headers stops at the member limit. A streamed member (sizes written after its data)
is inflated to find its end: never more than a buffer at a time, and never further than the
per-member size and expansion limits allow, for that member and for the walk as a whole.
"""

from __future__ import annotations

import functools
import io
import os
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from viewer.archive.limits import Limits
from viewer.archive.streams import WindowReader

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_DESCRIPTOR_SIGNATURE = b"PK\x07\x08"
#: Compressed bytes read, and inflated bytes produced, per step.
_CHUNK = 1 << 20
_BOMB = "refused: it expands like a zip bomb; recovery stopped here"


@dataclass(slots=True)
class RecoveredEntry:
    """A member found by its local header; ``data_start`` is relative to the window."""

    name: bytes
    flags: int
    method: int
    crc: int
    compress_size: int
    file_size: int
    date_time: tuple[int, int, int, int, int, int]
    data_start: int
    problem: str | None = None


@dataclass(slots=True)
class _Inflated:
    """What the walk has inflated so far, across all its streamed members."""

    consumed: int = 0
    produced: int = 0


def recover_entries(fd: int, base: int, length: int, limits: Limits) -> Iterator[RecoveredEntry]:
    """Walk the local headers of the ZIP at ``fd[base:base+length]``.

    Stops at the first byte that is not a local header (the start of the damaged tail or of
    what is left of the central directory). The last entry is flagged when its data runs past
    the end of the file, or when finding its end would inflate it past the limits.
    """
    reader = io.BufferedReader(WindowReader(fd, base, length), buffer_size=1 << 16)
    inflated = _Inflated()
    offset = 0
    while offset + _LOCAL_HEADER.size <= length:
        reader.seek(offset)
        header = reader.read(_LOCAL_HEADER.size)
        if len(header) < _LOCAL_HEADER.size or not header.startswith(_LOCAL_SIGNATURE):
            return
        (_, _version, flags, method, mtime, mdate, crc, csize, usize, name_len,
         extra_len) = _LOCAL_HEADER.unpack(header)
        name = reader.read(name_len)
        extra = reader.read(extra_len)
        data_start = offset + _LOCAL_HEADER.size + name_len + extra_len
        csize, usize = _zip64_sizes(extra, csize, usize)
        entry = RecoveredEntry(name, flags, method, crc, csize, usize,
                               _dos_date_time(mdate, mtime), data_start)
        if flags & 0x08:
            # Sizes follow the data in a descriptor: find the end of the deflate stream.
            end = _find_deflate_end(fd, base + data_start, length - data_start, method, limits,
                                    inflated)
            if isinstance(end, str):
                entry.problem = end
                entry.compress_size = entry.file_size = 0
                yield entry
                return
            consumed, produced = end
            entry.compress_size = consumed
            entry.file_size = produced
            offset = data_start + consumed
            descriptor = os.pread(fd, max(0, min(24, length - offset)), base + offset)
            if descriptor.startswith(_DESCRIPTOR_SIGNATURE):
                descriptor = descriptor[4:]
                offset += 4
            if len(descriptor) < 12:
                entry.problem = "it is cut off: the archive ends inside this member"
                yield entry
                return
            entry.crc = struct.unpack("<I", descriptor[:4])[0]
            zip64 = struct.unpack("<Q", descriptor[4:12].ljust(8, b"\0"))[0] == consumed and len(
                descriptor) >= 20
            offset += 20 if zip64 else 12
            yield entry
            continue
        if data_start + csize > length:
            entry.problem = "it is cut off: the archive ends inside this member"
            yield entry
            return
        offset = data_start + csize
        yield entry


def _find_deflate_end(
    fd: int, start: int, available: int, method: int, limits: Limits, inflated: _Inflated,
) -> tuple[int, int] | str:
    """(compressed, uncompressed) size of the deflate stream at ``start``, or a problem.

    Inflates at most ``_CHUNK`` bytes per step and counts what it produced, so a bomb costs
    one buffer of memory and stops as soon as it expands past the limits.
    """
    if method != zipfile.ZIP_DEFLATED:
        return "its size is only written after the data and it is not deflated; not recovered"
    decompressor = zlib.decompressobj(-15)
    read = produced = consumed = 0
    pending = b""
    while not decompressor.eof:
        if not pending:
            if read >= available:
                break
            pending = os.pread(fd, min(_CHUNK, available - read), start + read)
            if not pending:
                break
            read += len(pending)
        try:
            produced += len(decompressor.decompress(pending, _CHUNK))
        except zlib.error as error:
            return f"its compressed data is damaged ({error})"
        if decompressor.eof:  # what follows the stream is in unused_data (and maybe the tail)
            pending = b""
            consumed = read - len(decompressor.unused_data)
        else:
            pending = decompressor.unconsumed_tail
            consumed = read - len(pending)
        if produced > limits.max_member_bytes:
            return "refused: it unpacks to more than the limit for one file; recovery stopped here"
        if (_expands_like_a_bomb(produced, consumed, limits.ratio_floor_bytes, limits)
                or _expands_like_a_bomb(inflated.produced + produced,
                                        inflated.consumed + consumed,
                                        limits.recovery_ratio_floor_bytes, limits)):
            return _BOMB
    if not decompressor.eof:
        return "it is cut off: the archive ends inside this member"
    inflated.consumed += consumed
    inflated.produced += produced
    return consumed, produced


def _expands_like_a_bomb(produced: int, consumed: int, floor: int, limits: Limits) -> bool:
    return produced > floor and produced > limits.max_ratio * max(consumed, 1)


def _zip64_sizes(extra: bytes, csize: int, usize: int) -> tuple[int, int]:
    if csize != 0xFFFFFFFF and usize != 0xFFFFFFFF:
        return csize, usize
    position = 0
    while position + 4 <= len(extra):
        tag, size = struct.unpack("<HH", extra[position:position + 4])
        if tag == 0x0001 and size >= 16:
            usize, csize = struct.unpack("<QQ", extra[position + 4:position + 20])
            break
        position += 4 + size
    return csize, usize


@functools.lru_cache(maxsize=4096)  # many members share a time; share its tuple too
def _dos_date_time(date: int, time: int) -> tuple[int, int, int, int, int, int]:
    return (
        max(1980, (date >> 9) + 1980), max(1, min(12, (date >> 5) & 0xF)), max(1, date & 0x1F),
        min(23, time >> 11), min(59, (time >> 5) & 0x3F), min(59, (time & 0x1F) * 2),
    )
