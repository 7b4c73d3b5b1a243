"""Open an export: a ZIP, ZIPs inside ZIPs, a split set of ZIPs, or an unpacked folder.

Everything is read in place. A ZIP's central directory says what it holds; members are read
as streams when someone asks for them; nothing is extracted. The sources are opened
read-only and never written. The only copies made are of *compressed* nested archives, which
must be seekable to be read at random: those go to a private temporary folder that is
removed when the export is closed.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import itertools
import logging
import os
import re
import shutil
import stat
import struct
import tempfile
import threading
import weakref
import zipfile
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO, Literal

from viewer.archive.errors import (
    ArchiveError,
    CorruptArchiveError,
    MemberError,
    UnsafeArchiveError,
    UnsupportedArchiveError,
)
from viewer.archive.kinds import MemberKind, kind_from_head, kind_from_name
from viewer.archive.limits import DEFAULT_LIMITS, Limits, format_bytes
from viewer.archive.names import (
    NEST_SEPARATOR,
    UnsafeNameError,
    check_member_name,
    decode_member_name,
)
from viewer.archive.recover import recover_entries
from viewer.archive.streams import READ_ERRORS, MemberStream, WindowReader

log = logging.getLogger("viewer.archive")

_HASH_CHUNK = 1 << 20
_SHA256_HEX = re.compile(r"[0-9a-f]{64}")
_SUPPORTED_METHODS = {
    zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA,
}
_METHOD_NAMES = {
    1: "Shrink", 6: "Implode", 9: "Deflate64", 10: "PKWARE Implode", 18: "IBM TERSE",
    19: "IBM LZ77", 93: "Zstandard", 94: "MP3", 95: "XZ", 96: "JPEG", 97: "WavPack",
    98: "PPMd", 99: "AES encryption",
}
# Split downloads: "All Data Categories.1.zip", "takeout-20240101T000000Z-001.zip".
_SPLIT_PART = re.compile(r"^(?P<stem>.+?)[.-](?P<number>\d{1,4})\.zip$", re.IGNORECASE)
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x1f\x8b", "a gzip/tgz archive (choose ZIP when you request the export, or unpack it "
                  "and open the folder)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive (unpack it and open the folder)"),
    (b"Rar!", "a RAR archive (unpack it and open the folder)"),
    (b"BZh", "a bzip2 file (unpack it and open the folder)"),
    (b"\xfd7zXZ\x00", "an xz file (unpack it and open the folder)"),
    (b"ustar", "a tar archive (unpack it and open the folder)"),
)


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One file or folder the export was opened from."""

    path: str
    kind: str  # "zip" or "folder"
    size: int
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Member:
    """One file of the export, at any level of nesting."""

    #: Unique path; the levels of nested archives are joined with ``!/``.
    path: str
    size: int
    compressed_size: int
    kind: MemberKind
    #: The time stored in the archive: local time of the machine that packed it, no zone.
    modified: datetime | None
    #: The source file (or split part) the member came from, by name.
    source: str
    #: 0 for members of the source itself, 1 inside a nested archive, and so on.
    depth: int
    problems: tuple[str, ...] = ()
    #: False when the member is refused or damaged: its content is never opened.
    readable: bool = True

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1].rsplit(NEST_SEPARATOR, 1)[-1]


@dataclass(frozen=True, slots=True)
class OpenProgress:
    """A step of opening: ``done`` of ``total`` units of ``phase``."""

    phase: str
    done: int
    total: int
    message: str = ""


Opener = Callable[[], BinaryIO]


@dataclass(slots=True)
class _Resources:
    """What an open export holds on to, released by ``Export.close``."""

    fds: list[int] = field(default_factory=list)
    zipfiles: list[zipfile.ZipFile] = field(default_factory=list)
    temp_dir: str | None = None

    def release(self) -> None:
        for archive in self.zipfiles:
            with contextlib.suppress(OSError):
                archive.close()
        for fd in self.fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self.zipfiles.clear()
        self.fds.clear()
        if self.temp_dir:
            shutil.rmtree(self.temp_dir, ignore_errors=True)
            self.temp_dir = None


class Export:
    """An opened export: its sources, their hashes and every member, readable on demand.

    Safe to read from several threads at once. Close it (or use ``with``) to release the
    files and remove any private temporary copies.
    """

    def __init__(
        self,
        sources: tuple[SourceFile, ...],
        members: list[Member],
        openers: dict[str, Opener],
        problems: list[str],
        resources: _Resources,
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
    def _hash_in_background(self, builder: _Builder) -> None:
        """Hash the sources on a thread while the caller goes on reading members.

        hashlib releases the GIL on large buffers, so the one sequential hashing read
        overlaps with importing instead of adding to it. ``sources`` waits for it.
        """

        def run() -> None:
            try:
                for _ in builder.hash_sources():
                    pass
            except BaseException as error:  # handed to whoever asks for the hash
                self._hashing_error = error
                return
            with self._hash_lock:
                self._member_hashes.update(builder.member_hashes)
            self._sources = tuple(builder.sources)

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
            while chunk := stream.read(_HASH_CHUNK):
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
    steps = open_export_steps(paths, limits, hash_sources=hash_sources)
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value


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
    builder = _Builder(limits)
    finished = False
    try:
        if len(inputs) == 1 and inputs[0].is_dir():
            yield from builder.add_folder(inputs[0])
        else:
            for number, path in enumerate(inputs, start=1):
                yield OpenProgress("reading", number - 1, len(inputs), path.name)
                builder.add_zip_file(path, prefix="", source_name=path.name)
                builder.sources.append(SourceFile(str(path), "zip", path.stat().st_size))
        if hash_sources is True:
            yield from builder.hash_sources()
        export = builder.finish()
        if hash_sources == "background":
            export._hash_in_background(builder)
        finished = True
        return export
    except zipfile.LargeZipFile as error:
        raise UnsupportedArchiveError(f"The archive needs ZIP64 support: {error}") from error
    finally:
        if not finished:
            builder.resources.release()


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


class _Builder:
    """Collects members while an export opens; enforces the limits on the way."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.resources = _Resources()
        self.sources: list[SourceFile] = []
        self.members: list[Member] = []
        self.openers: dict[str, Opener] = {}
        self.problems: list[str] = []
        self.paths: set[str] = set()
        self.total_bytes = 0
        self.member_count = 0
        self.folder_files: list[tuple[str, Path]] = []
        self.folder_root: Path | None = None
        self.member_hashes: dict[str, str] = {}

    def finish(self) -> Export:
        return Export(tuple(self.sources), self.members, self.openers, self.problems,
                      self.resources, self.member_hashes)

    # -- counting -------------------------------------------------------------------------
    def _count(self, members: int, size: int) -> None:
        self.member_count += members
        self.total_bytes += size
        if self.member_count > self.limits.max_members:
            raise UnsafeArchiveError(
                f"The export holds more than {self.limits.max_members:,} files; it was refused "
                "to protect this computer (a real export this large is very unusual).")
        if self.total_bytes > self.limits.max_total_bytes:
            raise UnsafeArchiveError(
                f"The export would unpack to more than {format_bytes(self.limits.max_total_bytes)}"
                "; it was refused as a likely zip bomb.")

    def _add(self, member: Member, opener: Opener | None) -> None:
        if member.path in self.paths:
            member = replace(member, readable=False, problems=(
                *member.problems, "another file with the same name comes first; only that one "
                                  "is used"))
            opener = None
        self.paths.add(member.path)
        self.members.append(member)
        if opener is not None and member.readable:
            self.openers[member.path] = opener

    # -- ZIP files ------------------------------------------------------------------------
    def add_zip_file(self, path: Path, prefix: str, source_name: str) -> None:
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
        except OSError as error:
            raise ArchiveError(f"{path.name}: cannot be read ({error.strerror})") from error
        self.resources.fds.append(fd)
        size = os.fstat(fd).st_size
        _check_zip_signature(fd, size, path.name)
        self._add_zip(fd, 0, size, prefix, depth=0, source_name=source_name,
                      label=path.name, top_level=True)

    def _add_zip(self, fd: int, base: int, length: int, prefix: str, depth: int,
                 source_name: str, label: str, top_level: bool) -> None:
        stream = io.BufferedReader(WindowReader(fd, base, length), buffer_size=1 << 16)
        try:
            archive = zipfile.ZipFile(stream)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, struct.error) as error:
            self._add_recovered(fd, base, length, prefix, depth, source_name, label, error,
                                top_level)
            return
        except NotImplementedError as error:
            raise UnsupportedArchiveError(f"{label}: {error}") from error
        self.resources.zipfiles.append(archive)
        # Not ZipInfo.is_dir(): it fails on the empty name a NUL byte leaves behind.
        infos = [info for info in archive.infolist() if not info.filename.endswith("/")]
        self._count(len(infos), sum(info.file_size for info in infos))
        overlapping = _overlapping_members(infos)
        for info in infos:
            self._add_zip_member(archive, info, fd, base, prefix, depth, source_name,
                                 info in overlapping)

    def _add_zip_member(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, fd: int,
                        base: int, prefix: str, depth: int, source_name: str,
                        overlaps: bool) -> None:
        raw_name = decode_member_name(info.filename, bool(info.flag_bits & 0x800))
        problems = _zip_member_problems(info, self.limits, overlaps)
        try:
            path = prefix + check_member_name(raw_name)
        except UnsafeNameError as error:
            path = prefix + raw_name
            problems.append(f"refused: {error}")
        readable = not problems
        kind = kind_from_name(path)
        if kind is None:
            kind = self._sniff(archive, info) if readable else MemberKind.OTHER
        member = Member(
            path=path, size=info.file_size, compressed_size=info.compress_size, kind=kind,
            modified=_zip_time(info.date_time), source=source_name, depth=depth,
            problems=tuple(problems), readable=readable)
        index = len(self.members)
        self._add(member, lambda: archive.open(info))  # type: ignore[arg-type, return-value]
        if kind is MemberKind.ARCHIVE and self.members[index].readable:
            problem = self._add_nested(archive, info, fd, base, path, depth + 1, source_name)
            if problem:
                old = self.members[index]
                self.members[index] = replace(old, problems=(*old.problems, problem))

    def _add_nested(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, fd: int, base: int,
                    path: str, depth: int, source_name: str) -> str | None:
        """Open a ZIP inside a ZIP; returns a problem to note on it, or None."""
        if depth > self.limits.max_depth:
            return (f"not opened: archives nested more than {self.limits.max_depth} levels deep "
                    "are refused")
        try:
            if info.compress_type == zipfile.ZIP_STORED and not info.flag_bits & 0x1:
                # Stored: its bytes lie in the outer file as they are; read them in place.
                inner_fd, inner_base = fd, base + _data_offset(fd, base, info)
            else:
                inner_fd, inner_base = self._spool(archive, info, path), 0
            signature = os.pread(inner_fd, 4, inner_base)
            if signature not in (b"PK\x03\x04", b"PK\x05\x06"):
                return "not opened: despite its name it is not a ZIP archive"
            self._add_zip(inner_fd, inner_base, info.file_size, path + NEST_SEPARATOR, depth,
                          source_name, path, top_level=False)
        except UnsafeArchiveError:
            raise
        except ArchiveError as error:
            return f"not opened: {error}"
        except READ_ERRORS as error:  # offsets or data that point nowhere
            return f"not opened: the nested archive is damaged ({error})"
        return None

    def _spool(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: str) -> int:
        if info.file_size > self.limits.max_spool_bytes:
            raise ArchiveError(
                f"the nested archive is {format_bytes(info.file_size)} when unpacked, more than "
                f"the {format_bytes(self.limits.max_spool_bytes)} allowed for a private copy")
        if self.resources.temp_dir is None:
            # mkdtemp creates the folder readable by this user only.
            self.resources.temp_dir = tempfile.mkdtemp(prefix="export-viewer-")
        fd, _name = tempfile.mkstemp(dir=self.resources.temp_dir, suffix=".zip")
        self.resources.fds.append(fd)
        written = 0
        try:
            with archive.open(info) as source:
                while chunk := source.read(_HASH_CHUNK):
                    written += len(chunk)
                    if written > info.file_size:
                        raise ArchiveError("it holds more data than its header declares")
                    os.write(fd, chunk)
        except READ_ERRORS as error:
            raise ArchiveError(f"the nested archive is damaged ({error})") from error
        return fd

    def _add_recovered(self, fd: int, base: int, length: int, prefix: str, depth: int,
                       source_name: str, label: str, error: BaseException,
                       top_level: bool) -> None:
        entries = recover_entries(fd, base, length, self.limits)
        if not entries:
            raise CorruptArchiveError(
                f"{label}: the ZIP is damaged and no file in it could be recovered ({error}).")
        complete = [entry for entry in entries if entry.problem is None]
        self.problems.append(
            f"{label}: the archive is incomplete or damaged (its table of contents is missing"
            f" — was the download cut off?). {len(complete)} of its files were recovered by "
            "scanning; a re-download is advised.")
        self._count(len(entries), sum(entry.info.file_size for entry in entries))
        for entry in entries:
            info = entry.info
            raw_name = decode_member_name(info.filename, bool(info.flag_bits & 0x800))
            problems = _zip_member_problems(info, self.limits, overlaps=False)
            if entry.problem:
                problems.append(entry.problem)
            try:
                path = prefix + check_member_name(raw_name)
            except UnsafeNameError as name_error:
                path = prefix + raw_name
                problems.append(f"refused: {name_error}")
            readable = not problems
            member = Member(
                path=path, size=info.file_size, compressed_size=info.compress_size,
                kind=kind_from_name(path) or MemberKind.OTHER,
                modified=_zip_time(info.date_time), source=source_name, depth=depth,
                problems=tuple(problems), readable=readable)
            start = base + entry.data_start
            self._add(member, _recovered_opener(fd, start, info))

    def _sniff(self, archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> MemberKind:
        try:
            with archive.open(info) as stream:
                return kind_from_head(stream.read(16))
        except READ_ERRORS:
            return MemberKind.OTHER

    # -- folders --------------------------------------------------------------------------
    def add_folder(self, root: Path) -> Iterator[OpenProgress]:
        self.folder_root = root
        entries = sorted(_walk_folder(root))
        split_parts = _split_parts([name for name, _ in entries])
        self._count(0, 0)
        for number, (relative, path) in enumerate(entries):
            if number % 500 == 0:
                yield OpenProgress("reading", number, len(entries), relative)
            self._add_folder_file(root, relative, path, split_parts)
        total = sum(member.size for member in self.members if member.depth == 0)
        self.sources.append(SourceFile(str(root), "folder", total))

    def _add_folder_file(self, root: Path, relative: str, path: Path,
                         split_parts: set[str]) -> None:
        problems: list[str] = []
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            problems.append("refused: it is a symbolic link, which is never followed")
        elif not stat.S_ISREG(info.st_mode):
            problems.append("refused: it is not a regular file")
        readable = not problems
        kind = kind_from_name(relative)
        if kind is None:
            kind = _sniff_file(path) if readable else MemberKind.OTHER
        self._count(1, info.st_size if readable else 0)
        member = Member(
            path=relative, size=info.st_size, compressed_size=info.st_size, kind=kind,
            modified=datetime.fromtimestamp(info.st_mtime), source=root.name, depth=0,
            problems=tuple(problems), readable=readable)
        index = len(self.members)
        self._add(member, lambda: _open_regular_file(path))
        if readable:
            self.folder_files.append((relative, path))
        if kind is MemberKind.ARCHIVE and readable:
            # Split parts merge into the root; any other ZIP is shown nested under its name.
            prefix = "" if relative in split_parts else relative + NEST_SEPARATOR
            try:
                self.add_zip_file(path, prefix=prefix, source_name=relative)
            except UnsafeArchiveError:
                raise
            except ArchiveError as error:
                old = self.members[index]
                self.members[index] = replace(old, problems=(*old.problems, f"not opened: {error}"))

    # -- hashing --------------------------------------------------------------------------
    def hash_sources(self) -> Iterator[OpenProgress]:
        if self.folder_root is not None:
            yield from self._hash_folder()
            return
        total = sum(source.size for source in self.sources) or 1
        done = 0
        hashed: list[SourceFile] = []
        for source in self.sources:
            digest = hashlib.sha256()
            for count in _hash_file(Path(source.path), digest):
                done += count
                yield OpenProgress("hashing", done, total, Path(source.path).name)
            hashed.append(replace(source, sha256=digest.hexdigest()))
        self.sources = hashed

    def _hash_folder(self) -> Iterator[OpenProgress]:
        total = sum(path.stat().st_size for _, path in self.folder_files) or 1
        done = 0
        manifest = hashlib.sha256(b"export-viewer/folder\n")
        for relative, path in self.folder_files:
            digest = hashlib.sha256()
            for count in _hash_file(path, digest):
                done += count
                yield OpenProgress("hashing", done, total, relative)
            value = digest.hexdigest()
            self.member_hashes[relative] = value
            manifest.update(f"{value}  {relative}\n".encode())
        source = self.sources[0]
        self.sources = [replace(source, sha256=manifest.hexdigest())]


def _hash_file(path: Path, digest: hashlib._Hash) -> Iterator[int]:
    """Feed a file to ``digest`` in one sequential pass, yielding bytes read."""
    buffer = bytearray(_HASH_CHUNK)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as stream:
        pending = 0
        while read := stream.readinto(buffer):
            digest.update(view[:read])
            pending += read
            if pending >= 16 * _HASH_CHUNK:
                yield pending
                pending = 0
        if pending:
            yield pending


def _check_zip_signature(fd: int, size: int, label: str) -> None:
    if size == 0:
        raise CorruptArchiveError(f"{label}: the file is empty (0 bytes).")
    head = os.pread(fd, 8, 0)
    if head.startswith(b"PK\x07\x08") or re.search(r"\.z\d\d$", label, re.IGNORECASE):
        raise UnsupportedArchiveError(
            f"{label}: this is one volume of a multi-volume (spanned) ZIP, which is not "
            "supported. Join the volumes first, e.g. `zip -s 0 export.zip --out joined.zip`.")
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return
    for magic, description in _FOREIGN_MAGIC:
        if head.startswith(magic):
            raise UnsupportedArchiveError(f"{label}: this is {description}.")
    if os.pread(fd, 5, 257) == b"ustar":
        raise UnsupportedArchiveError(f"{label}: this is a tar archive (unpack it and open the "
                                      "folder).")
    # A self-extracting or otherwise prefixed ZIP still ends with a central directory.
    tail = os.pread(fd, min(size, 66_000), max(0, size - 66_000))
    if b"PK\x05\x06" not in tail:
        raise UnsupportedArchiveError(f"{label}: this is not a ZIP archive.")


def _zip_member_problems(info: zipfile.ZipInfo, limits: Limits, overlaps: bool) -> list[str]:
    problems: list[str] = []
    mode = info.external_attr >> 16
    if info.create_system == 3 and stat.S_ISLNK(mode):
        problems.append("refused: it is a symbolic link, which is never followed")
    if info.compress_type == 99 or info.flag_bits & 0x1:
        problems.append("it is encrypted (password-protected) and cannot be read")
    elif info.compress_type not in _SUPPORTED_METHODS:
        method = _METHOD_NAMES.get(info.compress_type, "an unknown method")
        problems.append(f"it is compressed with {method} (method {info.compress_type}), "
                        "which this app cannot read")
    if info.file_size > limits.max_member_bytes:
        problems.append(f"refused: it would unpack to {format_bytes(info.file_size)}, more "
                        f"than the {format_bytes(limits.max_member_bytes)} allowed for one file")
    elif (info.file_size > limits.ratio_floor_bytes
          and info.file_size > limits.max_ratio * max(info.compress_size, 1)):
        ratio = info.file_size / max(info.compress_size, 1)
        problems.append(
            f"refused: it would expand {ratio:,.0f} times ({format_bytes(info.compress_size)} "
            f"to {format_bytes(info.file_size)}), the pattern of a zip bomb")
    if overlaps:
        problems.append("refused: its data overlaps another member's, a zip-bomb technique")
    return problems


def _overlapping_members(infos: list[zipfile.ZipInfo]) -> set[zipfile.ZipInfo]:
    """Members whose compressed data runs into the next member's header."""
    ordered = sorted(infos, key=lambda info: info.header_offset)
    overlapping: set[zipfile.ZipInfo] = set()
    for current, following in itertools.pairwise(ordered):
        # 30 bytes of local header at least precede the data; names and extras add more,
        # so this bound never flags a well-formed archive.
        if following.header_offset < current.header_offset + 30 + current.compress_size:
            overlapping.update((current, following))
    return overlapping


def _data_offset(fd: int, base: int, info: zipfile.ZipInfo) -> int:
    if info.header_offset < 0:
        raise ArchiveError("its local header offset points outside the archive")
    header = os.pread(fd, 30, base + info.header_offset)
    if len(header) < 30 or not header.startswith(b"PK\x03\x04"):
        raise ArchiveError("its local header is damaged")
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return info.header_offset + 30 + name_length + extra_length


def _recovered_opener(fd: int, start: int, info: zipfile.ZipInfo) -> Opener:
    def open_recovered() -> BinaryIO:
        raw = io.BufferedReader(WindowReader(fd, start, info.compress_size))
        return zipfile.ZipExtFile(raw, "r", info, None, True)  # type: ignore[return-value]

    return open_recovered


def _zip_time(date_time: tuple[int, ...]) -> datetime | None:
    try:
        return datetime(*date_time)  # type: ignore[misc]
    except (ValueError, TypeError):
        return None


def _walk_folder(root: Path) -> Iterator[tuple[str, Path]]:
    """Every file below ``root`` as (relative posix path, path); links are not followed."""
    for directory, folders, files in os.walk(root, followlinks=False):
        here = Path(directory)
        for name in folders:
            if (here / name).is_symlink():
                files.append(name)  # listed (and refused) like a linked file
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


def _sniff_file(path: Path) -> MemberKind:
    try:
        with open(path, "rb") as stream:
            return kind_from_head(stream.read(16))
    except OSError:
        return MemberKind.OTHER


def _open_regular_file(path: Path) -> BinaryIO:
    # O_NOFOLLOW: a file swapped for a link after the listing is still not followed.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0))
    return os.fdopen(fd, "rb")
