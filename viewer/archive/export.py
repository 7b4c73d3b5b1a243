"""Open an export: a ZIP, ZIPs inside ZIPs, a split set of ZIPs, or an unpacked folder.

Everything is read in place. A ZIP's central directory says what it holds; members are read
as streams when someone asks for them; nothing is extracted. The sources are opened
read-only and never written. The only copies made are of *compressed* nested archives, which
must be seekable to be read at random: those are unnamed temporary files (``spool``).

The work is split by what it reads: ``admission`` (the one rule for every member, and the
limits), ``zipwalk`` (ZIPs, nested and recovered), ``folders`` and ``hashing``.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
import weakref
import zipfile
from collections.abc import Generator, Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Literal

from viewer.archive.errors import ArchiveError, MemberError, UnsupportedArchiveError
from viewer.archive.folders import add_folder
from viewer.archive.hashing import HASH_CHUNK
from viewer.archive.hashing import hash_sources as hash_sources_of
from viewer.archive.limits import DEFAULT_LIMITS, Limits, format_bytes
from viewer.archive.members import (
    Collection,
    Member,
    Opener,
    OpenProgress,
    Resources,
    SourceFile,
)
from viewer.archive.streams import READ_ERRORS, MemberStream
from viewer.archive.zipwalk import add_zip_file
from viewer.steps import run_to_end

__all__ = ["Export", "Member", "OpenProgress", "SourceFile", "open_export", "open_export_steps"]

_SHA256_HEX = re.compile(r"[0-9a-f]{64}")


class Export:
    """An opened export: its sources, their hashes and every member, readable on demand.

    Safe to read from several threads at once. Close it (or use ``with``) to release the
    files and the space of any temporary copies.
    """

    def __init__(
        self,
        sources: tuple[SourceFile, ...],
        members: list[Member],
        openers: dict[str, Opener],
        problems: list[str],
        resources: Resources,
        member_hashes: dict[str, str],
    ) -> None:
        self._sources = sources
        self._hashing: threading.Thread | None = None
        self._hashing_error: BaseException | None = None
        self.problems: tuple[str, ...] = tuple(problems)
        self._members = members
        self._by_path: dict[str, int] = {}
        for index, member in enumerate(members):
            self._by_path.setdefault(member.path, index)
        self._openers = openers
        self._resources = resources
        self._member_hashes = dict(member_hashes)
        self._hash_lock = threading.Lock()
        self._finalizer = weakref.finalize(self, resources.release)

    # -- identity -------------------------------------------------------------------------
    def _hash_in_background(self, collection: Collection) -> None:
        """Hash the sources on a thread while the caller goes on reading members.

        hashlib releases the GIL on large buffers, so the one sequential hashing read
        overlaps with importing instead of adding to it. ``sources`` waits for it.
        """

        def run() -> None:
            try:
                for _ in hash_sources_of(collection):
                    pass
            except BaseException as error:  # handed to whoever asks for the hash
                self._hashing_error = error
                return
            with self._hash_lock:
                self._member_hashes.update(collection.member_hashes)
            self._sources = tuple(collection.sources)

        self._hashing = threading.Thread(target=run, name="export-hash", daemon=True)
        self._hashing.start()

    @property
    def sources(self) -> tuple[SourceFile, ...]:
        """The files the export was opened from, with their SHA-256 once known."""
        if self._hashing is not None:
            self._hashing.join()
            self._hashing = None
            if self._hashing_error is not None:
                raise ArchiveError(f"the export could not be read to hash it "
                                   f"({self._hashing_error})") from self._hashing_error
        return self._sources

    @property
    def sha256(self) -> str:
        """The export's identity: the SHA-256 of its single source file, or of its parts."""
        hashes = [source.sha256 for source in self.sources]
        if any(value is None for value in hashes):
            raise ArchiveError("the export was opened without hashing its sources")
        if len(hashes) == 1:
            return hashes[0]  # type: ignore[return-value]
        joined = "\n".join(sorted(hashes))  # type: ignore[arg-type]
        return hashlib.sha256(f"export-viewer/parts\n{joined}".encode()).hexdigest()

    @property
    def display_name(self) -> str:
        # The paths are known before hashing ends; do not wait for ``sources``.
        names = [Path(source.path).name for source in self._sources]
        return names[0] if len(names) == 1 else f"{names[0]} (+{len(names) - 1} parts)"

    # -- members --------------------------------------------------------------------------
    @property
    def members(self) -> tuple[Member, ...]:
        return tuple(self._members)

    def member(self, path: str) -> Member:
        index = self._by_path.get(path)
        if index is None:
            raise MemberError(path, "there is no such file in the export")
        return self._members[index]

    def __contains__(self, path: object) -> bool:
        return path in self._by_path

    def open_member(self, path: str) -> MemberStream:
        """A seekable stream of the member's content. Raises MemberError if it is refused."""
        member = self.member(path)
        opener = self._openers.get(path)
        if opener is None or not member.readable:
            reason = "; ".join(member.problems) or "it cannot be read"
            raise MemberError(path, reason)
        try:
            inner = opener()
        except MemberError:
            raise
        except READ_ERRORS as error:
            raise MemberError(path, f"it could not be opened ({error})") from error
        return MemberStream(path, inner, member.size)

    def read_member(self, path: str, max_bytes: int | None = None) -> bytes:
        """The member's content; ``max_bytes`` guards callers that only expect small files."""
        member = self.member(path)
        if max_bytes is not None and member.size > max_bytes:
            raise MemberError(
                path, f"it is {format_bytes(member.size)}, more than the "
                      f"{format_bytes(max_bytes)} expected for this kind of file")
        with self.open_member(path) as stream:
            return stream.read()

    def member_sha256(self, path: str) -> str:
        """SHA-256 of the member's content, computed once and remembered."""
        with self._hash_lock:
            known = self._member_hashes.get(path)
        if known:
            return known
        digest = hashlib.sha256()
        with self.open_member(path) as stream:
            while chunk := stream.read(HASH_CHUNK):
                digest.update(chunk)
        value = digest.hexdigest()
        with self._hash_lock:
            self._member_hashes[path] = value
        return value

    def remember_member_hashes(self, hashes: Mapping[str, str]) -> int:
        """Take member hashes computed earlier for this same archive (cached by its SHA-256).

        Only readable members and well-formed digests are taken; returns how many.
        """
        taken = {path: value for path, value in hashes.items()
                 if isinstance(value, str) and _SHA256_HEX.fullmatch(value)
                 and path in self._by_path and self._members[self._by_path[path]].readable}
        with self._hash_lock:
            self._member_hashes.update(taken)
        return len(taken)

    def verify_steps(self) -> Generator[OpenProgress, None, dict[str, str]]:
        """Read every member once: check its CRC and remember its SHA-256.

        Returns the new problems by member path; the members are updated to carry them.
        """
        readable = [member for member in self._members if member.readable]
        total = sum(member.size for member in readable) or 1
        done = 0
        found: dict[str, str] = {}
        for member in readable:
            try:
                self.member_sha256(member.path)
            except MemberError as error:
                found[member.path] = error.reason
            done += member.size
            yield OpenProgress("verifying", done, total, member.path)
        for path, reason in found.items():
            index = self._by_path[path]
            old = self._members[index]
            self._members[index] = replace(old, problems=(*old.problems, reason), readable=False)
        return found

    # -- lifetime -------------------------------------------------------------------------
    def close(self) -> None:
        if self._hashing is not None:
            self._hashing.join()  # its file must be closed before the export's resources go
        self._finalizer()

    @property
    def closed(self) -> bool:
        return not self._finalizer.alive

    def __enter__(self) -> Export:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def open_export(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    limits: Limits = DEFAULT_LIMITS,
    *,
    hash_sources: bool | Literal["background"] = True,
) -> Export:
    """Open an export in one call. Raises only ArchiveError (and its kinds).

    ``hash_sources="background"`` returns before the sources are hashed; ``sources`` and
    ``sha256`` wait for the hash when asked.
    """
    return run_to_end(open_export_steps(paths, limits, hash_sources=hash_sources))


def open_export_steps(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    limits: Limits = DEFAULT_LIMITS,
    *,
    hash_sources: bool | Literal["background"] = True,
) -> Generator[OpenProgress, None, Export]:
    """Open an export step by step, yielding progress; the export is the return value.

    Stopping the generator early (``close()``) cancels the opening and releases everything.
    """
    inputs = _resolve_inputs(paths)
    collection = Collection(limits)
    finished = False
    try:
        if len(inputs) == 1 and inputs[0].is_dir():
            yield from add_folder(collection, inputs[0])
        else:
            for number, path in enumerate(inputs, start=1):
                yield OpenProgress("reading", number - 1, len(inputs), path.name)
                add_zip_file(collection, path, prefix="", source_name=path.name)
                collection.sources.append(SourceFile(str(path), "zip", path.stat().st_size))
        if hash_sources is True:
            try:
                yield from hash_sources_of(collection)
            except OSError as error:
                raise ArchiveError(f"the export could not be read to hash it ({error})"
                                   ) from error
        export = Export(tuple(collection.sources), collection.members, collection.openers,
                        collection.problems, collection.resources, collection.member_hashes)
        if hash_sources == "background":
            export._hash_in_background(collection)
        finished = True
        return export
    except zipfile.LargeZipFile as error:
        raise UnsupportedArchiveError(f"The archive needs ZIP64 support: {error}") from error
    finally:
        if not finished:
            collection.resources.release()


def _resolve_inputs(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
) -> list[Path]:
    if isinstance(paths, str | os.PathLike):
        paths = [paths]
    resolved: list[Path] = []
    for raw in paths:
        path = Path(raw).expanduser()
        if not path.exists():
            raise ArchiveError(f"{path}: no such file or folder")
        path = path.resolve()
        if path not in resolved:
            resolved.append(path)
    if not resolved:
        raise ArchiveError("no export was given")
    if len(resolved) > 1 and any(path.is_dir() for path in resolved):
        raise ArchiveError(
            "open one folder, or one or more ZIP files, not a mix of folders and files")
    return resolved


