"""Safe, read-only access to export archives (Qt-free).

>>> with open_export("takeout-001.zip") as export:
...     for member in export.members: ...
"""

from viewer.archive.errors import (
    ArchiveError,
    CorruptArchiveError,
    MemberError,
    UnsafeArchiveError,
    UnsupportedArchiveError,
)
from viewer.archive.export import Export, open_export, open_export_steps
from viewer.archive.kinds import MemberKind
from viewer.archive.limits import DEFAULT_LIMITS, Limits, format_bytes
from viewer.archive.members import Member, OpenProgress, SourceFile
from viewer.archive.names import NEST_SEPARATOR, UnsafeNameError, check_member_name

__all__ = [
    "DEFAULT_LIMITS",
    "NEST_SEPARATOR",
    "ArchiveError",
    "CorruptArchiveError",
    "Export",
    "Limits",
    "Member",
    "MemberError",
    "MemberKind",
    "OpenProgress",
    "SourceFile",
    "UnsafeArchiveError",
    "UnsafeNameError",
    "UnsupportedArchiveError",
    "check_member_name",
    "format_bytes",
    "open_export",
    "open_export_steps",
]
