"""The streaming central-directory reader agrees with zipfile, and costs little per member."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.hostile import many_members
from viewer.archive import open_export
from viewer.archive.central import (
    CentralDirectoryError,
    UnsupportedZipError,
    find_directory,
    iter_entries,
    survey_entries,
)


def _zip_bytes(*, comment: bytes = b"", zip64: bool = False, prefix: bytes = b"",
               streamed: bool = False) -> bytes:
    buffer = io.BytesIO()
    buffer.write(prefix)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.comment = comment
        for number in range(5):
            info = zipfile.ZipInfo(f"folder/file-{number}.txt", (2021, 3, 4 + number, 5, 6, 8))
            info.compress_type = zipfile.ZIP_DEFLATED
            data = f"content {number} ".encode() * (number * 100 + 1)
            if streamed:
                with archive.open(info, "w", force_zip64=zip64) as stream:
                    stream.write(data)
            elif zip64:
                with archive.open(info, "w", force_zip64=True) as stream:
                    stream.write(data)
            else:
                archive.writestr(info, data)
        archive.writestr("ünïcode/名前.txt", b"utf-8 name")
    return buffer.getvalue()


def _entries_of(data: bytes, tmp_path: Path) -> list[tuple[object, ...]]:
    path = tmp_path / "archive.zip"
    path.write_bytes(data)
    fd = os.open(path, os.O_RDONLY)
    try:
        directory = find_directory(fd, 0, len(data))
        return [(entry.raw_name, entry.flags, entry.method, entry.crc, entry.compress_size,
                 entry.file_size, entry.header_offset, entry.date_time, entry.create_system,
                 entry.external_attr)
                for entry in iter_entries(fd, 0, len(data), directory)]
    finally:
        os.close(fd)


def _zipfile_entries(data: bytes) -> list[tuple[object, ...]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437"),
                 info.flag_bits, info.compress_type, info.CRC, info.compress_size,
                 info.file_size, info.header_offset, info.date_time, info.create_system,
                 info.external_attr)
                for info in archive.infolist()]


@pytest.mark.parametrize("options", [
    {}, {"comment": b"an archive comment"}, {"zip64": True}, {"prefix": b"#!/bin/sh\n" * 50},
    {"streamed": True}, {"streamed": True, "zip64": True, "comment": b"x" * 1000},
], ids=["plain", "comment", "zip64", "self-extractor", "streamed", "streamed-zip64-comment"])
def test_it_reads_what_zipfile_reads(options: dict[str, object], tmp_path: Path) -> None:
    data = _zip_bytes(**options)  # type: ignore[arg-type]
    assert _entries_of(data, tmp_path) == _zipfile_entries(data)


def test_members_of_every_layout_read_back_whole(tmp_path: Path) -> None:
    for number, options in enumerate([{}, {"zip64": True}, {"prefix": b"MZ" * 300},
                                      {"streamed": True}]):
        path = tmp_path / f"export-{number}.zip"
        path.write_bytes(_zip_bytes(**options))  # type: ignore[arg-type]
        with open_export(path) as export:
            readable = [member.path for member in export.members if member.readable]
            assert len(readable) == 6, options
            assert export.read_member("folder/file-2.txt") == b"content 2 " * 201
            assert export.read_member("ünïcode/名前.txt") == b"utf-8 name"


def test_a_cut_directory_is_refused_before_any_entry_is_used(tmp_path: Path) -> None:
    data = _zip_bytes()
    directory_start = data.rfind(b"PK\x01\x02")
    # Damage the last record's signature: the survey fails, so nothing was admitted yet.
    damaged = data[:directory_start] + b"XX" + data[directory_start + 2:]
    path = tmp_path / "damaged.zip"
    path.write_bytes(damaged)
    fd = os.open(path, os.O_RDONLY)
    try:
        directory = find_directory(fd, 0, len(damaged))
        with pytest.raises(CentralDirectoryError):
            survey_entries(fd, 0, len(damaged), directory)
    finally:
        os.close(fd)
    # Opening it still lists every member, recovered from the local headers.
    with open_export(path) as export:
        assert len([m for m in export.members if m.readable]) == 6
        assert any("recovered" in problem for problem in export.problems)


def test_an_end_record_that_shifts_entries_before_the_file_is_recovered(
        tmp_path: Path) -> None:
    data = _zip_bytes()
    end = data.rfind(b"PK\x05\x06")
    directory_offset = struct.unpack_from("<I", data, end + 16)[0]
    # A directory offset too large makes the prefix shift negative: each entry would point
    # before the start of the file (hypothesis found this one; it used to raise struct.error).
    damaged = bytearray(data)
    struct.pack_into("<I", damaged, end + 16, directory_offset + 4096)
    path = tmp_path / "shifted.zip"
    path.write_bytes(bytes(damaged))
    fd = os.open(path, os.O_RDONLY)
    try:
        directory = find_directory(fd, 0, len(damaged))
        with pytest.raises(CentralDirectoryError):
            survey_entries(fd, 0, len(damaged), directory)
    finally:
        os.close(fd)
    with open_export(path) as export:
        assert len([m for m in export.members if m.readable]) == 6


def test_a_newer_format_version_is_unsupported(tmp_path: Path) -> None:
    data = bytearray(_zip_bytes())
    directory_start = data.find(b"PK\x01\x02")
    data[directory_start + 6] = 64  # "version needed to extract" 6.4
    path = tmp_path / "new.zip"
    path.write_bytes(bytes(data))
    fd = os.open(path, os.O_RDONLY)
    try:
        with pytest.raises(UnsupportedZipError):
            survey_entries(fd, 0, len(data), find_directory(fd, 0, len(data)))
    finally:
        os.close(fd)


def test_a_local_header_naming_another_file_is_not_read(tmp_path: Path) -> None:
    data = bytearray(_zip_bytes())
    local = data.find(b"folder/file-1.txt")  # the first occurrence is the local header's
    data[local:local + 6] = b"FOLDER"
    path = tmp_path / "renamed.zip"
    path.write_bytes(bytes(data))
    with open_export(path) as export:
        assert export.read_member("folder/file-2.txt")
        with pytest.raises(Exception, match="differ"):
            export.read_member("folder/file-1.txt")


@given(st.binary(max_size=400), st.integers(min_value=0, max_value=10_000))
def test_damage_anywhere_is_an_error_zipfile_would_also_see_or_the_same_listing(
        noise: bytes, position: int) -> None:
    data = bytearray(_zip_bytes(comment=b"c"))
    at = position % len(data)
    data[at:at + len(noise)] = noise
    damaged = bytes(data)
    try:
        expected = _zipfile_entries(damaged)
    except (zipfile.BadZipFile, NotImplementedError, ValueError, EOFError, struct.error,
            OSError):
        expected = None
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        try:
            ours = _entries_of(damaged, Path(folder))
        except (CentralDirectoryError, UnsupportedZipError):
            ours = None
    if expected is not None and ours is not None:
        assert ours == expected


_OPEN_AND_MEASURE = textwrap.dedent("""
    import resource, sys
    from viewer.archive import open_export
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open_export(sys.argv[1]) as export:
        assert len(export.members) == int(sys.argv[2])
        after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print((after - before) * 1024 // int(sys.argv[2]))
""")


def test_listing_a_member_costs_well_under_a_kilobyte(tmp_path: Path) -> None:
    """zipfile's ZipInfo alone cost ~0.5 KB a member; the whole listing now costs less."""
    count = 60_000
    archive = many_members(tmp_path / "many.zip", count)
    result = subprocess.run(
        [sys.executable, "-c", _OPEN_AND_MEASURE, str(archive), str(count)],
        capture_output=True, text=True, check=True, cwd=Path(__file__).parents[3])
    bytes_per_member = int(result.stdout.strip())
    assert bytes_per_member < 600, bytes_per_member
