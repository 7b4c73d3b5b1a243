"""Temporary copies of compressed nested archives, which must be seekable to be read.

A copy never has a name on disk: it is created unnamed (``O_TMPFILE``) or unlinked the moment
it exists, and read through the descriptor kept open. Nothing is left behind when the export
is closed, when the app is killed, or when the machine loses power; closing the descriptor
gives the space back. All copies of one export together are capped (``Limits``), and a copy
that would not fit in the free space of the temporary folder is not started.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from typing import BinaryIO

from viewer.archive.admission import Admission
from viewer.archive.errors import ArchiveError
from viewer.archive.limits import MIB, format_bytes
from viewer.archive.members import Resources
from viewer.archive.streams import READ_ERRORS

_CHUNK = 1 << 20
#: Left free in the temporary folder, which may be the system's only RAM disk.
_KEEP_FREE = 256 * MIB


def spool(open_member: Callable[[], BinaryIO], size: int, admission: Admission,
          resources: Resources) -> int:
    """Copy a member of ``size`` bytes (as declared) to an unnamed file; returns its fd."""
    admission.reserve_spool(size)
    fd = unnamed_file()
    resources.fds.append(fd)
    stats = os.fstatvfs(fd)
    free = stats.f_bavail * stats.f_frsize
    if size > free - min(_KEEP_FREE, free // 2):
        raise ArchiveError(
            f"its temporary copy needs {format_bytes(size)} and only {format_bytes(free)} is "
            f"free in {tempfile.gettempdir()}")
    written = 0
    try:
        with open_member() as source:
            while chunk := source.read(_CHUNK):
                written += len(chunk)
                if written > size:
                    raise ArchiveError("it holds more data than its header declares")
                _write_all(fd, chunk)
    except _WriteError as error:
        raise ArchiveError(f"its temporary copy could not be written ({error.__cause__})"
                           ) from error.__cause__
    except READ_ERRORS as error:
        raise ArchiveError(f"the nested archive is damaged ({error})") from error
    return fd


class _WriteError(Exception):
    """Writing the copy failed (a full disk), which is not the archive's fault."""


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view):]
    except OSError as error:
        raise _WriteError from error


def unnamed_file() -> int:
    """A new read-write file, readable by this user only, with no name in any folder."""
    # TemporaryFile uses O_TMPFILE where the system has it, else unlinks at once.
    with tempfile.TemporaryFile(prefix="export-viewer-", suffix=".zip") as file:
        return os.dup(file.fileno())
