"""One admission rule for every member: of a ZIP, of a cut-off ZIP, of a folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import zipcraft
from tests.helpers.hostile import REFUSED_NAMES, hostile_folder
from viewer.archive import (
    NEST_SEPARATOR,
    Limits,
    MemberError,
    UnsafeArchiveError,
    open_export,
)
from viewer.archive.names import printable_name

Hostile = Callable[[str], Path]


def _zip(folder: Path) -> Path:
    entries = [zipcraft.stored(name, b"RIFF" + name.encode()) for name in REFUSED_NAMES]
    return zipcraft.write(folder / "names.zip", [*entries, zipcraft.stored("ok.txt", b"ok")],
                          utf8_names=True)


def _cut_off_zip(folder: Path) -> Path:
    entries = [zipcraft.stored(name, b"RIFF" + name.encode(), flags=0x800)
               for name in REFUSED_NAMES]
    data = zipcraft.local_only([*entries, zipcraft.stored("ok.txt", b"ok")])
    path = folder / "cut.zip"
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("make", [_zip, _cut_off_zip, hostile_folder],
                         ids=["zip", "cut-off zip", "folder"])
def test_every_container_refuses_the_same_names_for_the_same_reasons(
    tmp_path: Path, make: Callable[[Path], Path],
) -> None:
    with open_export(make(tmp_path)) as export:
        for raw, reason in REFUSED_NAMES.items():
            member = export.member(printable_name(raw))
            assert not member.readable, raw
            assert any(reason in problem for problem in member.problems), member.problems
            with pytest.raises(MemberError, match=reason):
                export.read_member(member.path)
        assert export.read_member("ok.txt") == b"ok"
        # A refused name never poses as a member of a nested archive: none is open here.
        assert not any(NEST_SEPARATOR in member.path for member in export.members)


def test_a_folder_named_like_a_nested_archive_is_refused_not_faked(tmp_path: Path) -> None:
    root = tmp_path / "export"
    (root / "Alexa.zip!" / "Audio").mkdir(parents=True)
    (root / "Alexa.zip!" / "Audio" / "0001.wav").write_bytes(b"RIFF")
    (root / "ok.txt").write_bytes(b"ok")
    with open_export(root) as export:
        [fake] = [m for m in export.members if m.path != "ok.txt"]
        assert fake.path == "Alexa.zip!\\/Audio/0001.wav"
        assert fake.depth == 0 and not fake.readable
        assert "marks nested archives" in fake.problems[0]


@pytest.mark.parametrize(("fixture", "listed", "reason"), [
    # zipfile cuts the name at the NUL: "evil.wav" would pass for a wave file.
    ("nul_name", "evil.wav\\x00.exe", "NUL"),
    ("bidi_name", "invoice\\u202egnp.exe", "bidirectional"),
    ("long_name", "a/" + "x" * 298 + "… (302 characters)", "longer than 255 bytes"),
])
def test_a_zip_name_is_judged_by_the_bytes_it_stores(
    hostile: Hostile, fixture: str, listed: str, reason: str,
) -> None:
    with open_export(hostile(fixture)) as export:
        paths = [member.path for member in export.members]
        assert paths == [listed, "ok.txt"]
        refused = export.member(listed)
        assert not refused.readable
        assert reason in refused.problems[0]
        assert "evil.wav" not in export


def test_names_equal_after_unicode_normalisation_keep_only_the_first(hostile: Hostile) -> None:
    with open_export(hostile("nfc_collision")) as export:
        first, second, ok = export.members
        assert ok.readable
        assert first.path == "Mu\u0308ller.txt" and first.readable
        assert second.path == "M\u00fcller.txt" and not second.readable
        assert "Unicode normalisation" in second.problems[0]
        assert export.read_member(first.path) == b"decomposed"
        with pytest.raises(MemberError, match="normalisation"):
            export.read_member(second.path)


def test_nfc_collision_between_a_folder_file_and_a_split_part(tmp_path: Path) -> None:
    root = tmp_path / "export"
    root.mkdir()
    (root / "Mu\u0308ller.txt").write_bytes(b"file")
    zipcraft.write(root / "part.1.zip", [zipcraft.stored("M\u00fcller.txt", b"zip")],
                   utf8_names=True)
    with open_export(root) as export:
        assert export.member("Mu\u0308ller.txt").readable
        assert not export.member("M\u00fcller.txt").readable


def test_a_folder_entry_that_holds_data_is_listed_and_refused(tmp_path: Path) -> None:
    source = zipcraft.write(tmp_path / "dir.zip", [
        zipcraft.stored("photos/", b""), zipcraft.stored("hidden/", b"secret payload"),
        zipcraft.deflated("empty/", b""),  # two bytes of deflate that hold nothing
        zipcraft.stored("photos/a.txt", b"a")])
    with open_export(source) as export:
        assert [m.path for m in export.members] == ["hidden", "photos/a.txt"]
        assert "named like a folder" in export.member("hidden").problems[0]


def test_thousands_of_refused_members_refuse_the_export(tmp_path: Path) -> None:
    nameless = [zipcraft.stored(b"", b"") for _ in range(30)]
    source = zipcraft.write(tmp_path / "nameless.zip", nameless)
    with pytest.raises(UnsafeArchiveError, match="More than 20 of the export's files"):
        open_export(source, Limits(max_refused_members=20))
    with open_export(source, Limits(max_refused_members=30)) as export:
        assert len(export.members) == 30


def test_refused_members_count_but_unreadable_ones_do_not(tmp_path: Path) -> None:
    # A password-protected export is unreadable, not hostile: it stays open.
    locked = [zipcraft.stored(f"{n}.txt", b"\x8f" * 24, flags=0x1) for n in range(30)]
    source = zipcraft.write(tmp_path / "locked.zip", locked)
    with open_export(source, Limits(max_refused_members=20)) as export:
        assert not any(member.readable for member in export.members)
