"""The one guard every archive member name passes before anything opens it.

Export Viewer never writes members to disk by name, but a name that climbs out of the
archive, is absolute, or hides a second path behind a backslash is a sign of a hostile or
broken archive, and a cleaned copy written later must never carry it. Such members stay
listed, with the reason, and are never opened.
"""

import re

from viewer.archive.errors import ArchiveError

#: Joins the levels of a nested archive: ``Alexa_1.zip!/Audio/0001.wav``.
NEST_SEPARATOR = "!/"

_DRIVE_LETTER = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x01-\x1f\x7f]")


class UnsafeNameError(ArchiveError):
    """A member name that is refused; the message says why."""


def check_member_name(raw: str) -> str:
    """Return ``raw`` as a clean relative ``/``-separated path, or raise UnsafeNameError.

    Backslashes count as separators: archives made on Windows use them, and ``..\\x``
    must not slip past the traversal check.
    """
    if not raw:
        raise UnsafeNameError("the member has an empty name")
    if "\x00" in raw:
        raise UnsafeNameError("the name contains a NUL character")
    if _CONTROL.search(raw):
        raise UnsafeNameError("the name contains control characters")
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
    clean = "/".join(parts)
    if _DRIVE_LETTER.match(clean):  # "./C:" only shows its drive letter once cleaned
        raise UnsafeNameError("the name starts with a drive letter")
    if NEST_SEPARATOR in clean:
        raise UnsafeNameError(
            f"the name contains {NEST_SEPARATOR!r}, which marks nested archives here"
        )
    return clean


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
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return name
