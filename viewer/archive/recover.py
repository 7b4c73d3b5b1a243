"""Recover the members of a ZIP whose central directory is missing (a cut-off download).

The central directory sits at the end of a ZIP, so an interrupted download of a large export
loses it even though almost every member arrived whole. Each member also starts with a local
header; walking those headers from the front finds every member that is complete.
"""

import os
import struct
import zipfile
import zlib
from dataclasses import dataclass

from viewer.archive.limits import Limits

_LOCAL_HEADER = struct.Struct("<4sHHHHHIIIHH")
_LOCAL_SIGNATURE = b"PK\x03\x04"
_DESCRIPTOR_SIGNATURE = b"PK\x07\x08"
_CHUNK = 1 << 20


@dataclass(slots=True)
class RecoveredEntry:
    """A member found by its local header; ``data_start`` is relative to the window."""

    info: zipfile.ZipInfo
    data_start: int
    problem: str | None = None


def recover_entries(fd: int, base: int, length: int, limits: Limits) -> list[RecoveredEntry]:
    """Walk the local headers of the ZIP at ``fd[base:base+length]``.

    Stops at the first byte that is not a local header (the start of the damaged tail or of
    what is left of the central directory). The last entry is flagged when its data runs past
    the end of the file.
    """
    entries: list[RecoveredEntry] = []
    offset = 0
    while offset + _LOCAL_HEADER.size <= length:
        header = os.pread(fd, _LOCAL_HEADER.size, base + offset)
        if len(header) < _LOCAL_HEADER.size or not header.startswith(_LOCAL_SIGNATURE):
            break
        (_, _version, flags, method, mtime, mdate, crc, csize, usize, name_len,
         extra_len) = _LOCAL_HEADER.unpack(header)
        name_bytes = os.pread(fd, name_len, base + offset + _LOCAL_HEADER.size)
        extra = os.pread(fd, extra_len, base + offset + _LOCAL_HEADER.size + name_len)
        data_start = offset + _LOCAL_HEADER.size + name_len + extra_len
        name = name_bytes.decode("utf-8" if flags & 0x800 else "cp437", errors="replace")
        info = zipfile.ZipInfo(name)
        info.flag_bits = flags
        info.compress_type = method
        info.CRC = crc
        info.compress_size = csize
        info.file_size = usize
        info.header_offset = offset
        info.extra = extra
        info.date_time = _dos_date_time(mdate, mtime)
        csize, usize = _zip64_sizes(extra, csize, usize)
        info.compress_size, info.file_size = csize, usize
        entry = RecoveredEntry(info, data_start)
        entries.append(entry)
        if flags & 0x08:
            # Sizes follow the data in a descriptor: find the end of the deflate stream.
            end = _find_deflate_end(fd, base + data_start, length - data_start, method, limits)
            if isinstance(end, str):
                entry.problem = end
                break
            consumed, produced = end
            info.compress_size = consumed
            info.file_size = produced
            offset = data_start + consumed
            descriptor = os.pread(fd, 24, base + offset)
            if descriptor.startswith(_DESCRIPTOR_SIGNATURE):
                descriptor = descriptor[4:]
                offset += 4
            if len(descriptor) < 12:
                entry.problem = "it is cut off: the archive ends inside this member"
                break
            info.CRC = struct.unpack("<I", descriptor[:4])[0]
            zip64 = struct.unpack("<Q", descriptor[4:12].ljust(8, b"\0"))[0] == consumed and len(
                descriptor) >= 20
            offset += 20 if zip64 else 12
            continue
        if data_start + info.compress_size > length:
            entry.problem = "it is cut off: the archive ends inside this member"
            break
        offset = data_start + info.compress_size
    return entries


def _find_deflate_end(
    fd: int, start: int, available: int, method: int, limits: Limits
) -> tuple[int, int] | str:
    if method != zipfile.ZIP_DEFLATED:
        return "its size is only written after the data and it is not deflated; not recovered"
    decompressor = zlib.decompressobj(-15)
    consumed = produced = 0
    while consumed < available and not decompressor.eof:
        chunk = os.pread(fd, min(_CHUNK, available - consumed), start + consumed)
        if not chunk:
            break
        try:
            produced += len(decompressor.decompress(chunk))
        except zlib.error as error:
            return f"its compressed data is damaged ({error})"
        consumed += len(chunk)
        if produced > limits.ratio_floor_bytes and produced > limits.max_ratio * consumed:
            return "refused: it expands like a zip bomb; recovery stopped here"
    if not decompressor.eof:
        return "it is cut off: the archive ends inside this member"
    return consumed - len(decompressor.unused_data), produced


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


def _dos_date_time(date: int, time: int) -> tuple[int, int, int, int, int, int]:
    return (
        max(1980, (date >> 9) + 1980), max(1, min(12, (date >> 5) & 0xF)), max(1, date & 0x1F),
        min(23, time >> 11), min(59, (time >> 5) & 0x3F), min(59, (time & 0x1F) * 2),
    )
