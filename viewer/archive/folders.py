"""Open an unpacked export: every file below a folder, read where it lies.

Files pass the same admission as ZIP members: a file named ``..\\..\\evil.sh`` or
``ctl\\x01name.txt``, or below a folder named ``Alexa.zip!``, is listed and refused. Links are
listed and never followed. Split parts of one download merge at the root; any other ZIP is
opened as a nested archive under its own name.
"""

from __future__ import annotations

import functools
import io
import os
import re
import stat
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from viewer.archive.admission import Facts
from viewer.archive.errors import ArchiveError, UnsafeArchiveError
from viewer.archive.kinds import MemberKind, kind_from_head, kind_from_name
from viewer.archive.members import Collection, Member, OpenProgress, SourceFile
from viewer.archive.names import NEST_SEPARATOR, printable_name
from viewer.archive.zipwalk import add_zip_file

# Split downloads: "All Data Categories.1.zip", "takeout-20240101T000000Z-001.zip".
_SPLIT_PART = re.compile(r"^(?P<stem>.+?)[.-](?P<number>\d{1,4})\.zip$", re.IGNORECASE)


def add_folder(collection: Collection, root: Path) -> Iterator[OpenProgress]:
    collection.folder_root = root
    entries = sorted(_walk_folder(root, collection))
    split_parts = _split_parts([name for name, _ in entries])
    for number, (relative, path) in enumerate(entries):
        if number % 500 == 0:
            yield OpenProgress("reading", number, len(entries), printable_name(relative))
        _add_file(collection, root, relative, path, split_parts)
    total = sum(member.size for member in collection.members if member.depth == 0)
    collection.sources.append(SourceFile(str(root), "folder", total))


def _add_file(collection: Collection, root: Path, relative: str, path: Path,
              split_parts: set[str]) -> None:
    modified = None
    try:
        info = path.lstat()
    except OSError as error:  # gone or unreadable since the listing
        facts = Facts(size=0, compressed_size=0,
                      damage=f"it could not be read ({error.strerror})")
    else:
        link = stat.S_ISLNK(info.st_mode)
        facts = Facts(size=info.st_size, compressed_size=info.st_size, link=link,
                      special=not link and not stat.S_ISREG(info.st_mode))
        modified = _file_time(info.st_mtime)
    member_path, problems = collection.admission.admit("", relative, facts)
    readable = not problems
    kind = kind_from_name(member_path)
    if kind is None:
        kind = _sniff_file(path) if readable else MemberKind.OTHER
    member = Member(
        path=member_path, size=facts.size, compressed_size=facts.size, kind=kind,
        modified=modified, source=root.name, depth=0, problems=problems, readable=readable)
    index = collection.add(member, functools.partial(open_regular_file, path))
    if not readable:
        return
    collection.folder_files.append((member_path, path))
    if kind is MemberKind.ARCHIVE:
        # Split parts merge into the root; any other ZIP is shown nested under its name.
        prefix = "" if relative in split_parts else member_path + NEST_SEPARATOR
        try:
            add_zip_file(collection, path, prefix=prefix, source_name=member_path)
        except UnsafeArchiveError:
            raise
        except ArchiveError as error:
            collection.note(index, f"not opened: {error}")


def _walk_folder(root: Path, collection: Collection) -> Iterator[tuple[str, Path]]:
    """Every file below ``root`` as (relative posix path, path); links are not followed.

    Counts as it goes, so a folder of millions of files is refused before it is all listed.
    """

    def unreadable(error: OSError) -> None:
        where = Path(error.filename or root)
        relative = where.relative_to(root).as_posix() if where != root else "."
        collection.problems.append(
            f"{printable_name(relative)}: this folder could not be read ({error.strerror}); "
            "the files in it are missing")

    count = 0
    for directory, folders, files in os.walk(root, onerror=unreadable, followlinks=False):
        here = Path(directory)
        for name in folders:
            if (here / name).is_symlink():
                files.append(name)  # listed (and refused) like a linked file
        count += len(files)
        if count > collection.limits.max_members:
            collection.admission.check_room(count, 0)
        for name in files:
            path = here / name
            yield path.relative_to(root).as_posix(), path


def _split_parts(names: list[str]) -> set[str]:
    """Top-level ZIPs that are numbered parts of one download, to merge at the root."""
    groups: dict[str, list[str]] = {}
    for name in names:
        if "/" in name:
            continue
        match = _SPLIT_PART.match(name)
        if match:
            groups.setdefault(match["stem"].lower(), []).append(name)
    return {name for group in groups.values() for name in group}


def _file_time(timestamp: float) -> datetime | None:
    try:
        return datetime.fromtimestamp(timestamp)
    except (ValueError, OverflowError, OSError):  # a time far outside what datetime holds
        return None


def _sniff_file(path: Path) -> MemberKind:
    try:
        with open_regular_file(path) as stream:
            return kind_from_head(stream.read(16))
    except OSError:
        return MemberKind.OTHER


def open_regular_file(path: Path) -> io.BufferedReader:
    # A file swapped for a link or a pipe after the listing is still not followed (O_NOFOLLOW)
    # and not waited on (O_NONBLOCK, which does nothing to a regular file).
    flags = os.O_RDONLY
    for name in ("O_NONBLOCK", "O_NOFOLLOW", "O_CLOEXEC"):
        flags |= getattr(os, name, 0)
    fd = os.open(path, flags)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{path.name} is no longer a regular file")
    return os.fdopen(fd, "rb")
