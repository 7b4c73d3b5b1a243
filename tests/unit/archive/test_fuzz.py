"""Any bytes at all end in an export or in the one error family, never another exception."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import zipcraft
from tests.helpers.archives import zip_bytes
from viewer.archive import ArchiveError, open_export

GOOD = zip_bytes({
    "a/one.txt": "hello " * 50,
    "inner.zip": {"b/two.csv": "x,y\n1,2\n", "c.wav": b"RIFF" + bytes(300)},
    "three.json": '{"k": [1, 2, 3]}',
})
GOOD_STORED = zip_bytes({"a.txt": "plain", "n.zip": {"x.bin": bytes(range(256))}},
                        compression=zipfile.ZIP_STORED)


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
            for member in export.members:
                try:
                    export.read_member(member.path)
                except ArchiveError as error:
                    assert member.path in str(error) or str(error)


@given(st.binary(max_size=2048))
def test_random_bytes(data: bytes) -> None:
    _exercise(data)


@given(st.data())
def test_mutated_archives(data: st.DataObject) -> None:
    base = bytearray(data.draw(st.sampled_from([GOOD, GOOD_STORED])))
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
