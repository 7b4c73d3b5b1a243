"""The name guard every archive member passes before anything opens it.

Export Viewer never writes members to disk by name, but a name that climbs out of the
archive, is absolute, hides a second path behind a backslash, or disguises itself (a NUL that
cuts it short, a right-to-left override that reverses its end, control characters) is a sign
of a hostile or broken archive, and a cleaned copy written later must never carry it. Such
members stay listed, with the reason, and are never opened. ``admission.Admission`` applies
this guard, together with the rules that need more than one name, to every member.
"""

import re

from viewer.archive.errors import ArchiveError
from viewer.archive.limits import DEFAULT_LIMITS, Limits

#: Joins the levels of a nested archive: ``Alexa_1.zip!/Audio/0001.wav``.
NEST_SEPARATOR = "!/"

_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
#: C0 and C1 controls, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x01-\x1f\x7f-\x9f\u2028\u2029]")
#: Lone surrogates: bytes of a folder's file name that are not UTF-8 (``surrogateescape``).
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Every character a name may not hold: NUL, the two above, and the Bidi_Control characters,
#: which reorder what follows ("evil\u202eexe.wav" shows as "evilvaw.exe").
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff]")
#: How much of a refused name is listed.
_PRINTABLE_CHARS = 300


class UnsafeNameError(ArchiveError):
    """A member name that is refused; the message says why."""


def check_member_name(raw: str, limits: Limits = DEFAULT_LIMITS) -> str:
    """Return ``raw`` as a clean relative ``/``-separated path, or raise UnsafeNameError.

    Backslashes count as separators: archives made on Windows use them, and ``..\\x``
    must not slip past the traversal check.
    """
    if not raw:
        raise UnsafeNameError("the member has an empty name")
    if _UNPRINTABLE.search(raw):  # one search for the common case, then which one it is
        _refuse_characters(raw)
    # A character is at most 4 bytes of UTF-8: most names need no encoding to be measured.
    if len(raw) * 4 > limits.max_name_bytes and len(raw.encode()) > limits.max_name_bytes:
        raise UnsafeNameError(f"the name is longer than {limits.max_name_bytes:,} bytes")
    name = raw.replace("\\", "/")
    if name.startswith("/"):
        raise UnsafeNameError("the name is an absolute path")
    if _DRIVE_LETTER.match(name):
        raise UnsafeNameError("the name starts with a drive letter")
    parts = [part for part in name.split("/") if part not in ("", ".")]
    if ".." in parts:
        raise UnsafeNameError("the name climbs out of the archive (path traversal with '..')")
    if not parts:
        raise UnsafeNameError("the name does not name a file")
    if max(map(len, parts)) * 4 > limits.max_name_part_bytes and any(
            len(part.encode()) > limits.max_name_part_bytes for part in parts):
        raise UnsafeNameError(
            f"a part of the name is longer than {limits.max_name_part_bytes} bytes")
    clean = "/".join(parts)
    if _DRIVE_LETTER.match(clean):  # "./C:" only shows its drive letter once cleaned
        raise UnsafeNameError("the name starts with a drive letter")
    if NEST_SEPARATOR in clean:
        raise UnsafeNameError(
            f"the name contains {NEST_SEPARATOR!r}, which marks nested archives here")
    return clean


def _refuse_characters(raw: str) -> None:
    if "\x00" in raw:
        raise UnsafeNameError("the name contains a NUL character, which cuts it short")
    if _SURROGATE.search(raw):
        raise UnsafeNameError("the name is not valid text (it holds bytes that are not UTF-8)")
    if _CONTROL.search(raw):
        raise UnsafeNameError("the name contains control characters")
    raise UnsafeNameError("the name contains bidirectional text controls, which can disguise it")


def printable_name(raw: str) -> str:
    """How a refused name is listed: visibly, never disguised, never posing as a nested path.

    Invisible and reordering characters become escapes (``evil.wav\\x00.exe``), ``!/`` is
    broken up so the member is not taken for one inside a nested archive, and very long names
    are cut. Clean names contain no backslash, so a listed refused name never equals one.
    """
    text = _UNPRINTABLE.sub(_escape, raw).replace(NEST_SEPARATOR, "!\\/")
    if len(text) > _PRINTABLE_CHARS:
        text = text[:_PRINTABLE_CHARS] + f"… ({len(raw):,} characters)"
    return text


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def decode_raw_name(raw: bytes, utf8_flag: bool) -> str:
    """A ZIP member's name from its bytes as stored, NUL and all.

    With the UTF-8 flag the bytes are UTF-8 (what is not stays visible as surrogates, which
    the guard refuses). Without it, many tools still write UTF-8; bytes that are not valid
    UTF-8 are cp437, the encoding the ZIP specification prescribes.
    """
    if utf8_flag:
        return raw.decode("utf-8", errors="surrogateescape")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp437")


def decode_member_name(name: str, utf8_flag: bool) -> str:
    """Undo zipfile's cp437 decoding when the raw bytes are really UTF-8.

    Many tools write UTF-8 names without setting the UTF-8 flag; zipfile then decodes them
    as cp437 and "Müller" turns into "MÃ¼ller". Bytes that are not valid UTF-8 stay cp437,
    the encoding the ZIP specification prescribes.
    """
    if utf8_flag:
        return name
    try:
        raw = name.encode("cp437")
    except UnicodeEncodeError:
        return name
    return decode_raw_name(raw, utf8_flag=False)
