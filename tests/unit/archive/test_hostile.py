"""Hostile and broken archives: each gets a clear answer and the rest stays usable."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import zipcraft
from tests.helpers.archives import write_zip
from tests.helpers.hostile import truncated_payload
from viewer.archive import (
    ArchiveError,
    CorruptArchiveError,
    Limits,
    MemberError,
    UnsafeArchiveError,
    UnsupportedArchiveError,
    open_export,
)

Hostile = Callable[[str], Path]


@pytest.mark.parametrize(
    ("fixture", "member", "reason"),
    [
        ("traversal", "../../evil.sh", "climbs out"),
        ("absolute", "/etc/passwd", "absolute path"),
        ("drive_letter", "C:\\Windows\\evil.dll", "drive letter"),
        ("backslash", "a\\..\\..\\evil", "climbs out"),
        ("symlink", "link", "symbolic link"),
        ("encrypted", "secret.txt", "encrypted"),
        ("deflate64", "big.wav", "Deflate64 (method 9)"),
        ("overlapping", "a.bin", "overlaps"),
        ("overlapping", "b.bin", "overlaps"),
        ("bomb", "zeros.bin", "zip bomb"),
    ],
)
def test_refused_member_is_listed_with_its_reason_and_never_opened(
    hostile: Hostile, fixture: str, member: str, reason: str,
) -> None:
    with open_export(hostile(fixture)) as export:
        refused = export.member(member)
        assert not refused.readable
        assert any(reason in problem for problem in refused.problems), refused.problems
        with pytest.raises(MemberError) as raised:
            export.read_member(member)
        assert reason in str(raised.value)
        assert member in str(raised.value)
        # The rest of the export stays usable.
        others = [m for m in export.members if m.path != member and m.readable]
        assert others, "the healthy members must still be there"
        for other in others:
            export.read_member(other.path)


def test_duplicate_names_keep_the_first_and_flag_the_second(hostile: Hostile) -> None:
    with open_export(hostile("duplicate")) as export:
        same = [m for m in export.members if m.path == "same.txt"]
        assert [m.readable for m in same] == [True, False]
        assert "same name" in same[1].problems[0]
        assert export.read_member("same.txt") == b"first"


@pytest.mark.parametrize(("fixture", "member", "reason"), [
    ("crc_error", "damaged.wav", "CRC"),
    ("bad_deflate", "broken.csv", "damaged"),
])
def test_damaged_member_names_itself_and_others_stay_usable(
    hostile: Hostile, fixture: str, member: str, reason: str,
) -> None:
    with open_export(hostile(fixture)) as export:
        with pytest.raises(MemberError, match=reason) as raised:
            export.read_member(member)
        assert raised.value.path == member
        assert export.read_member("ok.txt") == b"ok"
        found = {}
        steps = export.verify_steps()
        try:
            while True:
                next(steps)
        except StopIteration as finished:
            found = finished.value
        assert list(found) == [member]
        assert not export.member(member).readable
        assert export.member("ok.txt").readable


@pytest.mark.parametrize("fixture", ["truncated", "truncated_streamed"])
def test_truncated_archive_recovers_complete_members(hostile: Hostile, fixture: str) -> None:
    with open_export(hostile(fixture)) as export:
        assert "incomplete" in export.problems[0]
        complete = [m for m in export.members if m.readable]
        cut = [m for m in export.members if not m.readable]
        assert len(complete) >= 5
        assert len(cut) == 1 and "cut off" in cut[0].problems[0]
        for member in complete:
            number = int(member.path[6:8])
            assert export.read_member(member.path) == truncated_payload(number)


@pytest.mark.parametrize(("fixture", "error", "message"), [
    ("garbage", UnsupportedArchiveError, "not a ZIP"),
    ("empty", CorruptArchiveError, "empty"),
    ("tgz", UnsupportedArchiveError, "tgz"),
    ("spanned", UnsupportedArchiveError, "multi-volume"),
    ("only_header", CorruptArchiveError, "damaged"),
])
def test_unopenable_input_raises_one_clear_error(
    hostile: Hostile, fixture: str, error: type[ArchiveError], message: str,
) -> None:
    with pytest.raises(error, match=message) as raised:
        open_export(hostile(fixture))
    assert hostile(fixture).name in str(raised.value)


def test_bomb_is_flagged_from_the_directory_without_inflating(hostile: Hostile) -> None:
    started = time.perf_counter()
    with open_export(hostile("bomb")) as export:
        flagged = export.member("zeros.bin")
    assert time.perf_counter() - started < 2.0
    assert flagged.size == 2 << 30
    assert "expand" in flagged.problems[0]


def test_nested_bombs_are_flagged_in_every_layer(hostile: Hostile) -> None:
    with open_export(hostile("nested_bomb")) as export:
        bombs = [m for m in export.members if m.path.endswith("zeros.bin")]
        assert len(bombs) == 11
        assert all(not m.readable for m in bombs)
        assert export.read_member("packed.zip!/readme.txt") == b"hi"


def test_bomb_inspect_is_fast_and_small_in_a_fresh_process(hostile: Hostile) -> None:
    """The whole CLI on the nested bomb: seconds, not minutes; megabytes, not gigabytes."""
    script = (
        "import resource, sys\n"
        "from viewer.cli import main\n"
        "code = main(['inspect', '--json', sys.argv[1]])\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", script, str(hostile("nested_bomb"))],
                          capture_output=True, text=True, timeout=60)
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr
    peak_kib = int(done.stderr.strip().splitlines()[-1])
    assert elapsed < 10
    assert peak_kib < 300 * 1024
    assert "zip bomb" in done.stdout


def test_nesting_deeper_than_the_limit_is_not_opened(hostile: Hostile) -> None:
    with open_export(hostile("deep_nesting")) as export:
        paths = [m.path for m in export.members]
        deepest = paths[-1]
        assert deepest.count("!/") == 4
        assert "nested more than 4" in export.member(deepest).problems[0]
        assert not any(p.endswith("bottom.txt") for p in paths)


def test_too_many_members_refuses_the_export(tmp_path: Path) -> None:
    source = write_zip(tmp_path / "many.zip", {f"f{n}.txt": "x" for n in range(20)})
    with pytest.raises(UnsafeArchiveError, match="more than 10 files"):
        open_export(source, Limits(max_members=10))


def test_too_many_total_bytes_refuses_the_export(tmp_path: Path) -> None:
    source = zipcraft.write(tmp_path / "big.zip", [
        zipcraft.RawEntry(f"f{n}".encode(), b"", 0, 3 << 30) for n in range(4)])
    with pytest.raises(UnsafeArchiveError, match=r"more than 10\.7 GB.*zip bomb"):
        open_export(source, Limits(max_total_bytes=10 << 30))


def test_a_member_larger_than_declared_is_caught(tmp_path: Path) -> None:
    real = b"A" * 5000
    entry = zipcraft.deflated("lies.txt", real)
    entry.size = 10  # the header claims 10 bytes
    source = zipcraft.write(tmp_path / "lies.zip", [entry])
    with open_export(source) as export, pytest.raises(MemberError, match=r"lies\.txt"):
        export.read_member("lies.txt")
