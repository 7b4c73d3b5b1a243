"""The member-name guard: what passes, what is refused, and that nothing else escapes."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.hostile import UNSAFE_CHARACTER
from viewer.archive import Limits
from viewer.archive.names import (
    UnsafeNameError,
    check_member_name,
    decode_member_name,
    decode_raw_name,
    printable_name,
)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Audio and Transcription/0001.wav", "Audio and Transcription/0001.wav"),
        ("./a/./b.csv", "a/b.csv"),
        ("a//b.csv", "a/b.csv"),
        ("folder\\file.wav", "folder/file.wav"),  # Windows separators
        ("Meine Aktivitäten/Google Assistant/x.json", "Meine Aktivitäten/Google Assistant/x.json"),
        ("..hidden/file", "..hidden/file"),  # dots inside a name are fine
    ],
)
def test_safe_names_are_normalised(raw: str, clean: str) -> None:
    assert check_member_name(raw) == clean


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("../evil.sh", "climbs out"),
        ("a/../../evil.sh", "climbs out"),
        ("..\\..\\windows\\evil.dll", "climbs out"),  # the backslash trick
        ("a\\..\\..\\evil", "climbs out"),
        ("/etc/passwd", "absolute"),
        ("\\\\server\\share\\x", "absolute"),
        ("C:/Windows/evil.dll", "drive letter"),
        ("c:evil", "drive letter"),
        ("", "empty"),
        ("a\x00b", "NUL"),
        ("line\nbreak", "control"),
        ("./.", "does not name"),
        ("inner.zip!/x", "nested"),
        ("c1\x85next-line", "control"),
        ("del\x7f", "control"),
        ("line\u2028separator", "control"),
        ("invoice\u202egnp.exe", "bidirectional"),
        ("a\u2066b\u2069", "bidirectional"),
        ("mark\u200f.txt", "bidirectional"),
        ("bytes\udcff.txt", "not valid text"),
        ("x" * 256, "longer than 255 bytes"),
        ("a/" + "ü" * 128, "longer than 255 bytes"),  # 128 characters, 256 bytes
        ("a/" * 2048 + "b", "longer than 4,096 bytes"),
    ],
)
def test_unsafe_names_are_refused_with_a_reason(raw: str, reason: str) -> None:
    with pytest.raises(UnsafeNameError, match=reason):
        check_member_name(raw)


def test_names_at_the_length_limits_pass() -> None:
    part = "ü" * 127 + "x"  # 255 bytes
    assert check_member_name(part) == part
    path = "/".join(["y" * 200] * 20)[:4096]
    assert check_member_name(path) == path
    assert check_member_name("a/b", Limits(max_name_bytes=3)) == "a/b"
    with pytest.raises(UnsafeNameError, match="longer than 2 bytes"):
        check_member_name("abc", Limits(max_name_part_bytes=2))


@pytest.mark.parametrize(("raw", "listed"), [
    ("../../evil.sh", "../../evil.sh"),  # plain text stays as it is
    ("evil.wav\x00.exe", "evil.wav\\x00.exe"),
    ("invoice\u202egnp.exe", "invoice\\u202egnp.exe"),
    ("Alexa.zip!/Audio/1.wav", "Alexa.zip!\\/Audio/1.wav"),
    ("bytes\udcff", "bytes\\udcff"),
])
def test_refused_names_are_listed_visibly(raw: str, listed: str) -> None:
    assert printable_name(raw) == listed


def test_raw_names_keep_their_nul_and_fall_back_to_cp437() -> None:
    assert decode_raw_name(b"evil.wav\x00.exe", utf8_flag=False) == "evil.wav\x00.exe"
    assert decode_raw_name("Müller".encode(), utf8_flag=False) == "Müller"
    assert decode_raw_name(b"M\x81ller", utf8_flag=False) == "Müller"
    assert decode_raw_name(b"bad\xff", utf8_flag=True) == "bad\udcff"  # refused later


def test_cp437_names_stay_cp437_and_utf8_without_flag_is_recovered() -> None:
    # zipfile decodes unflagged names as cp437; "Müller" written as UTF-8 arrives garbled.
    garbled = "Müller.txt".encode().decode("cp437")
    assert decode_member_name(garbled, utf8_flag=False) == "Müller.txt"
    real_cp437 = b"M\x81ller.txt".decode("cp437")
    assert decode_member_name(real_cp437, utf8_flag=False) == "Müller.txt"
    assert decode_member_name("Ã¼", utf8_flag=True) == "Ã¼"


_TRICKY = st.sampled_from(list("ab./\\:C.\x00 é!\x01\x85\u202e\u2066\u2028\udcff\u0308"))


@given(st.one_of(st.text(alphabet=_TRICKY, max_size=24), st.text(max_size=40),
                 st.text(alphabet=st.sampled_from("a/ü"), min_size=250, max_size=600)))
def test_guard_never_lets_an_escape_through(raw: str) -> None:
    try:
        clean = check_member_name(raw)
    except UnsafeNameError:
        listed = printable_name(raw)
        assert "!/" not in listed
        assert not UNSAFE_CHARACTER.search(listed)
        return
    parts = clean.split("/")
    assert ".." not in parts
    assert "" not in parts
    assert "." not in parts
    assert not clean.startswith("/")
    assert "\\" not in clean
    assert "!/" not in clean
    assert re.match(r"^[A-Za-z]:", clean) is None
    assert not UNSAFE_CHARACTER.search(clean)
    assert len(clean.encode()) <= 4096
    assert all(len(part.encode()) <= 255 for part in parts)
    assert check_member_name(clean) == clean  # a clean name is its own clean form
