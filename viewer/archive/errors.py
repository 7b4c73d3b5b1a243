"""The one error family of the archive layer.

Every message is written for a person: it says what is wrong with which file and, where
there is one, what they can do about it. Nothing else may escape the archive layer.
"""


class ArchiveError(Exception):
    """An export cannot be opened or read. ``str(error)`` is the message to show."""


class UnsafeArchiveError(ArchiveError):
    """The export is refused because opening it could harm the machine (a zip bomb...)."""


class CorruptArchiveError(ArchiveError):
    """The archive's structure is damaged beyond what can be recovered."""


class UnsupportedArchiveError(ArchiveError):
    """The input is a kind of archive this app does not read."""


class MemberError(ArchiveError):
    """One member cannot be read; the rest of the export stays usable."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason
