"""The member-name guard: what passes, what is refused, and that nothing else escapes."""

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from viewer.archive.names import UnsafeNameError, check_member_name, decode_member_name


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
    ],
)
def test_unsafe_names_are_refused_with_a_reason(raw: str, reason: str) -> None:
    with pytest.raises(UnsafeNameError, match=reason):
        check_member_name(raw)


def test_cp437_names_stay_cp437_and_utf8_without_flag_is_recovered() -> None:
    # zipfile decodes unflagged names as cp437; "Müller" written as UTF-8 arrives garbled.
    garbled = "Müller.txt".encode().decode("cp437")
    assert decode_member_name(garbled, utf8_flag=False) == "Müller.txt"
    real_cp437 = b"M\x81ller.txt".decode("cp437")
    assert decode_member_name(real_cp437, utf8_flag=False) == "Müller.txt"
    assert decode_member_name("Ã¼", utf8_flag=True) == "Ã¼"


@given(st.text(alphabet=st.sampled_from(list("ab./\\:C.\x00 é!")), max_size=24))
def test_guard_never_lets_an_escape_through(raw: str) -> None:
    try:
        clean = check_member_name(raw)
    except UnsafeNameError:
        return
    parts = clean.split("/")
    assert ".." not in parts
    assert "" not in parts
    assert not clean.startswith("/")
    assert "\\" not in clean
    assert re.match(r"^[A-Za-z]:", clean) is None
