"""Opening good exports: ZIPs, nested ZIPs, split sets, folders; streams; hashes."""

from __future__ import annotations

import hashlib
import os
import threading
import zipfile
from pathlib import Path

import pytest

from tests.helpers.archives import write_folder, write_zip, zip_bytes
from viewer.archive import MemberError, MemberKind, open_export, open_export_steps

AMAZON_NESTED = {
    "Alexa_1.zip": {
        "Audio and Transcription/Transcriptions.csv": "date,request,file\n",
        "Audio and Transcription/0001.wav": b"RIFF0001",
        "Audio and Transcription/0002.wav": b"RIFF0002",
    },
    "Retail.OrderHistory.1/Retail.OrderHistory.1.csv": "Order ID\n1\n",
}


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_nested_zip_members_are_listed_with_bang_paths(tmp_path: Path) -> None:
    source = write_zip(tmp_path / "export.zip", AMAZON_NESTED)
    with open_export(source) as export:
        paths = [member.path for member in export.members]
        assert paths == [
            "Alexa_1.zip",
            "Alexa_1.zip!/Audio and Transcription/Transcriptions.csv",
            "Alexa_1.zip!/Audio and Transcription/0001.wav",
            "Alexa_1.zip!/Audio and Transcription/0002.wav",
            "Retail.OrderHistory.1/Retail.OrderHistory.1.csv",
        ]
        assert export.member("Alexa_1.zip").kind is MemberKind.ARCHIVE
        assert export.member("Alexa_1.zip!/Audio and Transcription/0002.wav").depth == 1
        assert export.read_member("Alexa_1.zip!/Audio and Transcription/0002.wav") == b"RIFF0002"
        assert export.sha256 == sha256_of(source)
        assert export.sources[0].sha256 == sha256_of(source)


def test_three_levels_of_nesting(tmp_path: Path) -> None:
    source = write_zip(tmp_path / "e.zip", {"a.zip": {"b.zip": {"c.txt": "deep"}}})
    with open_export(source) as export:
        assert export.read_member("a.zip!/b.zip!/c.txt") == b"deep"
        assert export.member("a.zip!/b.zip!/c.txt").depth == 2


def test_split_set_given_as_files_is_merged(tmp_path: Path) -> None:
    part1 = write_zip(tmp_path / "takeout-20240101T000000Z-001.zip",
                      {"Takeout/My Activity/Assistant/MyActivity.json": "[]"})
    part2 = write_zip(tmp_path / "takeout-20240101T000000Z-002.zip",
                      {"Takeout/My Activity/Assistant/2018-04-16_11_42_55_659_UTC.mp3": b"ID3"})
    with open_export([part1, part2]) as export:
        assert {m.path for m in export.members} == {
            "Takeout/My Activity/Assistant/MyActivity.json",
            "Takeout/My Activity/Assistant/2018-04-16_11_42_55_659_UTC.mp3",
        }
        assert export.member(
            "Takeout/My Activity/Assistant/2018-04-16_11_42_55_659_UTC.mp3").source == part2.name
        expected = hashlib.sha256(
            ("export-viewer/parts\n" + "\n".join(sorted([sha256_of(part1), sha256_of(part2)])))
            .encode()).hexdigest()
        assert export.sha256 == expected


def test_split_set_found_in_a_folder_merges_at_the_root(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "download", {
        "All Data Categories.1.zip": {"Your Orders/orders.csv": "a\n"},
        "All Data Categories.2.zip": {"Additional Data/Alexa/x.csv": "b\n"},
        "FileDescriptions.csv": "File name,Description\n",
        "Alexa_1.zip": {"Audio and Transcription/0001.wav": b"RIFF"},
    })
    with open_export(folder) as export:
        paths = {member.path for member in export.members}
        assert "Your Orders/orders.csv" in paths
        assert "Additional Data/Alexa/x.csv" in paths
        assert "Alexa_1.zip!/Audio and Transcription/0001.wav" in paths  # not a split part
        assert "FileDescriptions.csv" in paths
        assert "All Data Categories.1.zip" in paths  # the parts stay visible themselves
        assert export.read_member("Additional Data/Alexa/x.csv") == b"b\n"
        assert export.sources[0].kind == "folder"


def test_folder_hash_covers_every_file_and_member_hashes_are_known(tmp_path: Path) -> None:
    folder = write_folder(tmp_path / "f", {"a.txt": "one", "sub/b.txt": "two"})
    with open_export(folder) as export:
        first = export.sha256
        assert export.member_sha256("sub/b.txt") == hashlib.sha256(b"two").hexdigest()
    (folder / "sub" / "b.txt").write_text("changed")
    with open_export(folder) as export:
        assert export.sha256 != first


def test_folder_symlinks_are_listed_but_never_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("private")
    folder = write_folder(tmp_path / "f", {"a.txt": "one"})
    (folder / "link.txt").symlink_to(secret)
    (folder / "linkdir").symlink_to(tmp_path)
    with open_export(folder) as export:
        for path in ("link.txt", "linkdir"):
            member = export.member(path)
            assert not member.readable
            assert "symbolic link" in member.problems[0]
            with pytest.raises(MemberError, match="symbolic link"):
                export.read_member(path)


def test_unicode_and_cp437_names(tmp_path: Path) -> None:
    source = tmp_path / "names.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("Meine Aktivitäten/Sprachaufnahme.json", "{}")  # UTF-8 flag set
        archive.writestr("M?ller.txt", "cp437")  # patched below to raw cp437 bytes
    data = source.read_bytes().replace(b"M?ller.txt", b"M\x81ller.txt")
    source.write_bytes(data)
    with open_export(source) as export:
        paths = {member.path for member in export.members}
        assert paths == {"Meine Aktivitäten/Sprachaufnahme.json", "Müller.txt"}
        assert export.read_member("Müller.txt") == b"cp437"


def test_source_is_byte_identical_after_everything(tmp_path: Path) -> None:
    source = write_zip(tmp_path / "export.zip", AMAZON_NESTED)
    before = (sha256_of(source), source.stat().st_mtime_ns, source.stat().st_size)
    with open_export(source) as export:
        for member in export.members:
            if member.readable:
                export.read_member(member.path)
        for _ in export.verify_steps():
            pass
    assert (sha256_of(source), source.stat().st_mtime_ns, source.stat().st_size) == before


def test_member_streams_seek_and_read_concurrently(tmp_path: Path) -> None:
    payloads = {f"audio/{n:04}.wav": os.urandom(200_000) for n in range(8)}
    source = write_zip(tmp_path / "e.zip", {"inner.zip": payloads})
    errors: list[BaseException] = []
    with open_export(source) as export:
        def read_all(offset: int) -> None:
            try:
                for name, data in list(payloads.items())[offset:] + list(payloads.items()):
                    with export.open_member("inner.zip!/" + name) as stream:
                        stream.seek(1000)
                        assert stream.read(10) == data[1000:1010]
                        stream.seek(0)
                        assert stream.read() == data
            except BaseException as error:  # collected for the main thread
                errors.append(error)

        threads = [threading.Thread(target=read_all, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert errors == []


def test_cancelling_the_steps_releases_everything(tmp_path: Path) -> None:
    source = tmp_path / "e.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("big.bin", os.urandom(40 << 20), compress_type=zipfile.ZIP_STORED)
        archive.writestr("n.zip", zip_bytes({"x": "y"}), compress_type=zipfile.ZIP_DEFLATED)
    fds_before = len(os.listdir("/proc/self/fd"))
    steps = open_export_steps(source)
    phases = [next(steps).phase for _ in range(2)]
    assert "hashing" in phases
    steps.close()  # the user pressed Cancel
    assert len(os.listdir("/proc/self/fd")) == fds_before


def test_hash_progress_reaches_the_total(tmp_path: Path) -> None:
    source = tmp_path / "e.zip"
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("big.bin", os.urandom(40 << 20), compress_type=zipfile.ZIP_STORED)
    steps = open_export_steps(source)
    progress = []
    try:
        while True:
            progress.append(next(steps))
    except StopIteration as finished:
        export = finished.value
    hashing = [step for step in progress if step.phase == "hashing"]
    assert hashing[-1].done == hashing[-1].total == source.stat().st_size
    assert export.sha256 == sha256_of(source)
    export.close()


def test_background_hash_gives_the_same_identity(tmp_path: Path) -> None:
    source = write_zip(tmp_path / "export.zip", AMAZON_NESTED)
    with open_export(source, hash_sources="background") as export:
        assert export.read_member("Alexa_1.zip!/Audio and Transcription/0001.wav") == b"RIFF0001"
        assert export.sha256 == sha256_of(source)
    folder = write_folder(tmp_path / "f", {"a.txt": "one"})
    with open_export(folder, hash_sources="background") as export:
        assert export.member_sha256("a.txt") == hashlib.sha256(b"one").hexdigest()
        assert export.sources[0].sha256 is not None
