"""The export's identity: SHA-256 of its source files, or of a manifest of a folder's files."""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

from viewer.archive.folders import open_regular_file
from viewer.archive.members import Collection, OpenProgress, SourceFile

HASH_CHUNK = 1 << 20


def hash_sources(collection: Collection) -> Iterator[OpenProgress]:
    """Hash every source in one sequential read each; updates ``collection.sources``."""
    if collection.folder_root is not None:
        yield from _hash_folder(collection)
        return
    total = sum(source.size for source in collection.sources) or 1
    done = 0
    hashed: list[SourceFile] = []
    for source in collection.sources:
        digest = hashlib.sha256()
        for count in hash_file(Path(source.path), digest):
            done += count
            yield OpenProgress("hashing", done, total, Path(source.path).name)
        hashed.append(replace(source, sha256=digest.hexdigest()))
    collection.sources = hashed


def _hash_folder(collection: Collection) -> Iterator[OpenProgress]:
    """The SHA-256 of a manifest of each readable file's hash and path; member hashes too."""
    total = sum(member.size for member in collection.members
                if member.depth == 0 and member.readable) or 1
    done = 0
    manifest = hashlib.sha256(b"export-viewer/folder\n")
    for member_path, path in collection.folder_files:
        digest = hashlib.sha256()
        for count in hash_file(path, digest, open_file=open_regular_file):
            done += count
            yield OpenProgress("hashing", done, total, member_path)
        value = digest.hexdigest()
        collection.member_hashes[member_path] = value
        manifest.update(f"{value}  {member_path}\n".encode())
    source = collection.sources[0]
    collection.sources = [replace(source, sha256=manifest.hexdigest())]


def hash_file(
    path: Path, digest: hashlib._Hash, *,
    open_file: Callable[[Path], io.BufferedReader | io.FileIO] | None = None,
) -> Iterator[int]:
    """Feed a file to ``digest`` in one sequential pass, yielding bytes read."""
    buffer = bytearray(HASH_CHUNK)
    view = memoryview(buffer)
    with (open_file or _open_unbuffered)(path) as stream:
        pending = 0
        while read := stream.readinto(buffer):
            digest.update(view[:read])
            pending += read
            if pending >= 16 * HASH_CHUNK:
                yield pending
                pending = 0
        if pending:
            yield pending


def _open_unbuffered(path: Path) -> io.FileIO:
    return io.FileIO(path, "r")
