"""What an export is made of while it opens: members, sources, progress, and what it holds open."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from viewer.archive.admission import Admission
from viewer.archive.kinds import MemberKind
from viewer.archive.limits import Limits
from viewer.archive.names import NEST_SEPARATOR


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


#: Opens a member's content as a stream; kept for every readable member.
Opener = Callable[[], BinaryIO]


@dataclass(slots=True)
class Resources:
    """What an open export holds on to, released by ``Export.close``.

    Temporary copies are among ``fds``: they have no name on disk, so closing them is all
    it takes to give their space back.
    """

    fds: list[int] = field(default_factory=list)

    def release(self) -> None:
        for fd in self.fds:
            with contextlib.suppress(OSError):
                os.close(fd)
        self.fds.clear()


class Collection:
    """Everything gathered while an export opens; the walks add to it, ``Export`` keeps it."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.admission = Admission(limits)
        self.resources = Resources()
        self.sources: list[SourceFile] = []
        self.members: list[Member] = []
        self.openers: dict[str, Opener] = {}
        self.problems: list[str] = []
        #: A folder export's readable files: (member path, file) in the order they are hashed.
        self.folder_files: list[tuple[str, Path]] = []
        self.folder_root: Path | None = None
        self.member_hashes: dict[str, str] = {}

    def add(self, member: Member, opener: Opener | None) -> int:
        """Append an admitted member; returns its index."""
        self.members.append(member)
        if opener is not None and member.readable:
            self.openers[member.path] = opener
        return len(self.members) - 1

    def note(self, index: int, problem: str) -> None:
        """Add a problem found after the member was added (its nested archive failed...)."""
        old = self.members[index]
        self.members[index] = replace(old, problems=(*old.problems, problem))
