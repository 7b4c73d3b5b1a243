"""Any bytes at all end in an export or in the one error family, never another exception.

Whatever opens, every member obeys the admission rule: a readable member's name is clean at
every level of nesting, no two readable members have names that look alike, a refused name
is listed without anything that hides or reorders it, and reading fails only with a
MemberError that names the member. ``scripts/fuzz_archives.py`` runs these at thousands of
examples each.
"""

from __future__ import annotations

import os
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from tests.helpers import zipcraft
from tests.helpers.archives import zip_bytes
from tests.helpers.hostile import UNSAFE_CHARACTER
from viewer.archive import (
    NEST_SEPARATOR,
    ArchiveError,
    Export,
    MemberError,
    check_member_name,
    open_export,
)

GOOD = zip_bytes({
    "a/one.txt": "hello " * 50,
    "inner.zip": {"b/two.csv": "x,y\n1,2\n", "c.wav": b"RIFF" + bytes(300)},
    "three.json": '{"k": [1, 2, 3]}',
})
GOOD_STORED = zip_bytes({"a.txt": "plain", "n.zip": {"x.bin": bytes(range(256))}},
                        compression=zipfile.ZIP_STORED)
GOOD_DEFLATED_NESTED = zip_bytes({"d.txt": "deflated nest"})
GOOD_STREAMED = zipcraft.local_only([
    zipcraft.deflated("s/one.txt", b"streamed " * 40),
    zipcraft.deflated("s/inner.zip", GOOD_DEFLATED_NESTED),
    zipcraft.deflated("s/three.bin", bytes(range(256)) * 4),
], streamed=True)

#: Pieces that make names interesting: separators, dots, drive colons, NUL, controls, bidi
#: overrides, a combining mark (NFC), the nesting marker.
_PIECES = [*"ab./\\:C.!\x00\x01\x85\u202e\u2066\u2028\u0308ü ", "u\u0308", "!/", ".."]


def _names(pieces: list[str], max_pieces: int = 8) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), min_size=1, max_size=max_pieces).map("".join)


def _check(export: Export) -> None:
    """The invariants every opened export keeps, however hostile its input."""
    seen: dict[str, str] = {}
    for member in export.members:
        if member.readable:
            for level in member.path.split(NEST_SEPARATOR):
                assert check_member_name(level) == level, member.path
            key = unicodedata.normalize("NFC", member.path)
            assert key not in seen, (member.path, seen.get(key))
            seen[key] = member.path
        else:
            assert member.problems, member.path
            assert not UNSAFE_CHARACTER.search(member.path), member.path
        try:
            export.read_member(member.path)
        except MemberError as error:
            assert error.path == member.path
            assert member.path in str(error)


def _exercise(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.zip"
        path.write_bytes(data)
        try:
            export = open_export(path)
        except ArchiveError as error:
            assert str(error)
            return
        with export:
            _check(export)


@given(st.binary(max_size=2048))
def test_random_bytes(data: bytes) -> None:
    _exercise(data)


@given(st.data())
def test_mutated_archives(data: st.DataObject) -> None:
    base = bytearray(data.draw(st.sampled_from([GOOD, GOOD_STORED, GOOD_STREAMED])))
    for _ in range(data.draw(st.integers(1, 8))):
        position = data.draw(st.integers(0, len(base) - 1))
        base[position] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(0, len(base)))
    _exercise(bytes(base[:cut]) if data.draw(st.booleans()) else bytes(base))


@given(st.lists(st.binary(min_size=1, max_size=12), min_size=1, max_size=5),
       st.binary(max_size=64))
def test_crafted_names_and_payloads(names: list[bytes], payload: bytes) -> None:
    entries = [zipcraft.stored(name, payload) for name in names]
    _exercise(zipcraft.build(entries))


@given(st.lists(_names(_PIECES), min_size=1, max_size=5),
       st.binary(max_size=300), st.sampled_from(["directory", "cut-off", "streamed"]),
       st.booleans())
def test_crafted_names_in_every_kind_of_zip(
    names: list[str], payload: bytes, layout: str, utf8: bool,
) -> None:
    entries = [zipcraft.deflated(name.encode("utf-8", "surrogatepass"), payload)
               for name in names]
    if layout == "directory":
        _exercise(zipcraft.build(entries, utf8_names=utf8))
    else:
        _exercise(zipcraft.local_only(entries, streamed=layout == "streamed"))


#: File names a folder can hold: no "/" and no NUL.
_FILE_NAME = _names([piece for piece in _PIECES if "/" not in piece and "\x00" not in piece]
                    ).filter(lambda name: name not in (".", ".."))


@given(st.lists(st.lists(_FILE_NAME, min_size=1, max_size=3), min_size=1, max_size=6),
       st.binary(max_size=40))
def test_crafted_names_in_a_folder(paths: list[list[str]], payload: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "export"
        root.mkdir()
        for parts in paths:
            target = root.joinpath(*parts)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(payload)
            except (IsADirectoryError, FileExistsError, NotADirectoryError):
                continue  # a name used both as a folder and as a file
            except OSError as error:  # the file system refuses the name itself
                assume(error.errno not in (22, 36, 84))
                raise
        # Undecodable bytes in a name, as a disk from another system may hold.
        with open(os.path.join(os.fsencode(root), b"latin1-\xe9.txt"), "wb") as raw:
            raw.write(payload)
        try:
            export = open_export(root)
        except ArchiveError as error:
            assert str(error)
            return
        with export:
            _check(export)
