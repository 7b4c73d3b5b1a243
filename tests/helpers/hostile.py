"""Hostile archives, built by code: one builder each, shared by the archive and CLI tests."""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.helpers import zipcraft
from tests.helpers.archives import zip_bytes

GIB = 1 << 30

#: What no admitted or listed name may contain: NUL, C0/C1 controls, line separators, the
#: Bidi_Control characters and lone surrogates (written out here, not taken from the code).
UNSAFE_CHARACTER = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]")


class _Unseekable(io.RawIOBase):
    """A sink zipfile cannot seek in, so it writes data descriptors (as streaming servers do)."""

    def __init__(self) -> None:
        self.data = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, chunk: bytes) -> int:  # type: ignore[override]
        self.data += chunk
        return len(chunk)


def streamed_zip(files: dict[str, bytes]) -> bytes:
    sink = _Unseekable()
    with zipfile.ZipFile(sink, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            with archive.open(name, "w") as member:
                member.write(data)
    return bytes(sink.data)


def _bomb_entries() -> list[zipcraft.RawEntry]:
    return [zipcraft.zeros_bomb("zeros.bin", 2 * GIB), zipcraft.stored("readme.txt", b"hi")]


# name -> builder(tmp_path) -> path. Each is hostile or broken in one way.
HOSTILE: dict[str, Callable[[Path], Path]] = {
    "traversal": lambda d: zipcraft.write(d / "traversal.zip", [
        zipcraft.stored("../../evil.sh", b"#!/bin/sh"), zipcraft.stored("ok.txt", b"ok")]),
    "absolute": lambda d: zipcraft.write(d / "absolute.zip", [
        zipcraft.stored("/etc/passwd", b"root"), zipcraft.stored("ok.txt", b"ok")]),
    "drive_letter": lambda d: zipcraft.write(d / "drive.zip", [
        zipcraft.stored("C:\\Windows\\evil.dll", b"MZ"), zipcraft.stored("ok.txt", b"ok")]),
    "backslash": lambda d: zipcraft.write(d / "backslash.zip", [
        zipcraft.stored("a\\..\\..\\evil", b"x"), zipcraft.stored("ok.txt", b"ok")]),
    "symlink": lambda d: zipcraft.write(d / "symlink.zip", [
        zipcraft.stored("link", b"/etc/passwd", external_attr=0o120777 << 16),
        zipcraft.stored("ok.txt", b"ok")]),
    "duplicate": lambda d: zipcraft.write(d / "duplicate.zip", [
        zipcraft.stored("same.txt", b"first"), zipcraft.stored("same.txt", b"second"),
        zipcraft.stored("ok.txt", b"ok")]),
    "encrypted": lambda d: zipcraft.write(d / "encrypted.zip", [
        zipcraft.stored("secret.txt", b"\x8f" * 24, flags=0x1), zipcraft.stored("ok.txt", b"ok")]),
    "deflate64": lambda d: zipcraft.write(d / "deflate64.zip", [
        zipcraft.RawEntry(b"big.wav", b"\x00" * 32, 0, 64, method=9),
        zipcraft.stored("ok.txt", b"ok")]),
    "crc_error": lambda d: zipcraft.write(d / "crc.zip", [
        zipcraft.RawEntry(b"damaged.wav", b"RIFF....WAVE", 0xDEADBEEF, 12),
        zipcraft.stored("ok.txt", b"ok")]),
    "bad_deflate": lambda d: zipcraft.write(d / "baddeflate.zip", [
        zipcraft.RawEntry(b"broken.csv", b"\xff\xff\xff\xff garbage", 0, 100, method=8),
        zipcraft.stored("ok.txt", b"ok")]),
    "overlapping": lambda d: zipcraft.write(d / "overlap.zip", [
        zipcraft.deflated("a.bin", bytes(50_000)),
        zipcraft.RawEntry(b"b.bin", b"", 0, 0, share_local_of=0),
        zipcraft.stored("ok.txt", b"ok")]),
    "bomb": lambda d: zipcraft.write(d / "bomb.zip", _bomb_entries()),
    "nested_bomb": lambda d: _nested_bomb(d / "nested_bomb.zip"),
    "deep_nesting": lambda d: _deep(d / "deep.zip", 7),
    "truncated": lambda d: _truncated(d / "truncated.zip"),
    "truncated_streamed": lambda d: _truncated(d / "truncated_streamed.zip", streamed=True),
    "garbage": lambda d: _write(d / "garbage.zip", b"this is not a zip at all" * 100),
    "empty": lambda d: _write(d / "empty.zip", b""),
    "tgz": lambda d: _write(d / "takeout.tgz", b"\x1f\x8b\x08\x00" + bytes(100)),
    "spanned": lambda d: _write(d / "export.z01", b"PK\x07\x08PK\x03\x04" + bytes(100)),
    "only_header": lambda d: _write(d / "header.zip", b"PK\x03\x04" + bytes(10)),
    "streamed_bomb_cut": lambda d: _write(d / "streamed_bomb_cut.zip", streamed_bomb_cut()),
    "nul_name": lambda d: zipcraft.write(d / "nul.zip", [
        zipcraft.stored(b"evil.wav\x00.exe", b"MZ"), zipcraft.stored("ok.txt", b"ok")]),
    "bidi_name": lambda d: zipcraft.write(d / "bidi.zip", [
        zipcraft.stored("invoice\u202egnp.exe", b"MZ"), zipcraft.stored("ok.txt", b"ok")],
        utf8_names=True),
    "long_name": lambda d: zipcraft.write(d / "long.zip", [
        zipcraft.stored("a/" + "x" * 300, b"x"), zipcraft.stored("ok.txt", b"ok")]),
    "nfc_collision": lambda d: zipcraft.write(d / "nfc.zip", [
        zipcraft.stored("Mu\u0308ller.txt", b"decomposed"),
        zipcraft.stored("M\u00fcller.txt", b"composed"), zipcraft.stored("ok.txt", b"ok")],
        utf8_names=True),
    "hostile_folder": lambda d: hostile_folder(d / "hostile_folder"),
}

#: Names refused in a ZIP, a cut-off ZIP and a folder alike, with the reason each is refused
#: for. (A folder cannot hold a NUL, or a part longer than 255 bytes: the system refuses it.)
REFUSED_NAMES: dict[str, str] = {
    "..\\..\\evil.sh": "climbs out",
    "ctl\x01name.txt": "control characters",
    "c1\x85name.txt": "control characters",
    "invoice\u202egnp.exe": "bidirectional",
    "iso\u2066late.txt": "bidirectional",
    "Alexa.zip!/Audio/0001.wav": "marks nested archives",
}


def hostile_folder(root: Path) -> Path:
    """An unpacked export whose file names are all refused, beside one good file."""
    for name in REFUSED_NAMES:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"RIFF" + name.encode())
    (root / "ok.txt").write_bytes(b"ok")
    return root


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def streamed_bomb_cut() -> bytes:
    """A 2 GiB deflate bomb in a streamed ZIP cut off before its directory (2.1 MB).

    Only inflating finds where a streamed member ends, so recovery has to inflate it.
    """
    return zipcraft.local_only(_bomb_entries(), streamed=True)


def empty_local_headers(size: int) -> bytes:
    """``size`` bytes of 30-byte local headers with no name and no data, and no directory."""
    return (b"PK\x03\x04" + bytes(26)) * (size // 30)


def _nested_bomb(path: Path) -> Path:
    inner = zipcraft.build(_bomb_entries())
    # Ten copies of a bomb, each a stored ZIP inside the outer one, plus one deflated copy.
    entries = [zipcraft.stored(f"layer{n}.zip", inner) for n in range(10)]
    entries.append(zipcraft.deflated("packed.zip", inner))
    return zipcraft.write(path, entries)


def _deep(path: Path, levels: int) -> Path:
    content: dict[str, object] = {"bottom.txt": "the bottom"}
    for level in range(levels, 0, -1):
        content = {f"level{level}.zip": content}
    path.write_bytes(zip_bytes(content))  # type: ignore[arg-type]
    return path


def truncated_payload(number: int) -> bytes:
    """Incompressible, so that a cut at 75 % lands inside a member's data."""
    return random.Random(number).randbytes(20_000)


def _truncated(path: Path, *, streamed: bool = False) -> Path:
    files = {f"audio/{n:02}.wav": truncated_payload(n) for n in range(10)}
    data = streamed_zip(files) if streamed else zip_bytes(files)
    path.write_bytes(data[: int(len(data) * 0.75)])  # the download stopped at 75 %
    return path


def many_members(path: Path, count: int, *, cut_directory: bool = False) -> Path:
    """``count`` empty stored files named like Takeout photos, written raw (seconds, not hours)."""
    with open(path, "wb") as out:
        central = bytearray()
        offset = 0
        for number in range(count):
            name = f"Takeout/Google Photos/Photos from 2019/IMG_{number:07d}.jpg".encode()
            local = struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, 0, 0, 0x21, 0, 0, 0,
                                len(name), 0) + name
            out.write(local)
            central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, 0, 0, 0x21,
                                   0, 0, 0, len(name), 0, 0, 0, 0, 0, offset) + name
            offset += len(local)
        if cut_directory:
            return path
        out.write(central)
        if count >= 0xFFFF:
            end64_at = offset + len(central)
            out.write(struct.pack("<4sQHHIIQQQQ", b"PK\x06\x06", 44, 45, 45, 0, 0, count, count,
                                  len(central), offset))
            out.write(struct.pack("<4sIQI", b"PK\x06\x07", 0, end64_at, 1))
            out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF,
                                  0xFFFFFFFF, 0))
        else:
            out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count,
                                  len(central), offset, 0))
    return path
