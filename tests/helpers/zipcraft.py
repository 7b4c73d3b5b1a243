"""Write ZIP files byte by byte, to make the hostile archives zipfile refuses to write.

Names are raw bytes (cp437, traversal, absolute), methods and flags are free, sizes may lie,
and several central entries may point at one local header (an overlapping bomb).
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sBBBBHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_DESCRIPTOR = struct.Struct("<4sIII")


@dataclass
class RawEntry:
    name: bytes
    payload: bytes  # exactly what is stored after the local header
    crc: int
    size: int  # uncompressed size as declared
    method: int = 0
    flags: int = 0
    external_attr: int = 0
    create_system: int = 3
    #: Point the central entry at another entry's local header (index into the list).
    share_local_of: int | None = None


def stored(name: str | bytes, data: bytes, **options: int) -> RawEntry:
    raw = name.encode("utf-8") if isinstance(name, str) else name
    return RawEntry(raw, data, zlib.crc32(data), len(data), **options)


def deflated(name: str | bytes, data: bytes, **options: int) -> RawEntry:
    raw = name.encode("utf-8") if isinstance(name, str) else name
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    payload = compressor.compress(data) + compressor.flush()
    return RawEntry(raw, payload, zlib.crc32(data), len(data), method=8, **options)


def zeros_bomb(name: str, size: int) -> RawEntry:
    """``size`` bytes of zeros, deflated to ~size/1000 without ever holding them in memory.

    One full-flushed deflate block of 1 MiB of zeros is byte-aligned and self-contained, so
    the stream is that block repeated, closed by an empty final block.
    """
    chunk = 1 << 20
    assert size % chunk == 0
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(bytes(chunk)) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = size // chunk
    payload = block * count + b"\x03\x00"
    crc = 0
    zeros = bytes(chunk)
    for _ in range(count):
        crc = zlib.crc32(zeros, crc)
    return RawEntry(name.encode(), payload, crc, size, method=8)


def build(entries: list[RawEntry], *, utf8_names: bool = False) -> bytes:
    """The bytes of a ZIP holding ``entries`` in order."""
    out = bytearray()
    offsets: list[int] = []
    for entry in entries:
        offsets.append(len(out))
        if entry.share_local_of is not None:
            continue
        flags = entry.flags | (0x800 if utf8_names else 0)
        out += _LOCAL.pack(b"PK\x03\x04", 20, flags, entry.method, 0, 0x5821, entry.crc,
                           len(entry.payload), entry.size, len(entry.name), 0)
        out += entry.name + entry.payload
    central_start = len(out)
    for entry, offset in zip(entries, offsets, strict=True):
        if entry.share_local_of is not None:
            offset = offsets[entry.share_local_of]
        flags = entry.flags | (0x800 if utf8_names else 0)
        out += _CENTRAL.pack(b"PK\x01\x02", 20, entry.create_system, 20, 0, flags, entry.method,
                             0, 0x5821, entry.crc, len(entry.payload), entry.size,
                             len(entry.name), 0, 0, 0, 0, entry.external_attr, offset)
        out += entry.name
    central_size = len(out) - central_start
    out += _END.pack(b"PK\x05\x06", 0, 0, len(entries), len(entries), central_size,
                     central_start, 0)
    return bytes(out)


def local_only(entries: list[RawEntry], *, streamed: bool = False) -> bytes:
    """Local headers and data with no central directory: a download cut off before its end.

    ``streamed`` writes what a server that cannot seek writes: zero sizes and CRC in the
    local header (flag 0x08) and a data descriptor after the data.
    """
    out = bytearray()
    for entry in entries:
        if streamed:
            out += _LOCAL.pack(b"PK\x03\x04", 20, entry.flags | 0x08, entry.method, 0, 0x5821,
                               0, 0, 0, len(entry.name), 0)
            out += entry.name + entry.payload
            out += _DESCRIPTOR.pack(b"PK\x07\x08", entry.crc, len(entry.payload),
                                    entry.size & 0xFFFFFFFF)
        else:
            out += _LOCAL.pack(b"PK\x03\x04", 20, entry.flags, entry.method, 0, 0x5821,
                               entry.crc, len(entry.payload), entry.size, len(entry.name), 0)
            out += entry.name + entry.payload
    return bytes(out)


def write(path: Path, entries: list[RawEntry], **options: bool) -> Path:
    path.write_bytes(build(entries, **options))
    return path
