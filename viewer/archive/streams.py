"""Seekable read-only streams over parts of files, safe to use from several threads."""

import io
import lzma
import os
import struct
import zipfile
import zlib
from typing import BinaryIO

from viewer.archive.errors import MemberError


class WindowReader(io.RawIOBase):
    """Bytes ``start .. start + length`` of an open file descriptor, as a seekable stream.

    Reads use ``os.pread``, which takes no file position, so many windows over one
    descriptor (the members of a stored nested ZIP, a player and an analysis worker reading
    at once) never disturb each other. The descriptor is borrowed, not owned.
    """

    def __init__(self, fd: int, start: int, length: int) -> None:
        super().__init__()
        self._fd = fd
        self._start = start
        self._length = length
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            target = offset
        elif whence == io.SEEK_CUR:
            target = self._position + offset
        elif whence == io.SEEK_END:
            target = self._length + offset
        else:
            raise ValueError(f"invalid whence {whence}")
        if target < 0:
            raise ValueError("negative seek position")
        self._position = target
        return target

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        remaining = self._length - self._position
        if remaining <= 0:
            return 0
        wanted = min(len(buffer), remaining)
        data = os.pread(self._fd, wanted, self._start + self._position)
        read = len(data)
        buffer[:read] = data
        self._position += read
        return read


#: Everything reading a damaged or hostile member can raise from the standard library:
#: zipfile's CRC and header errors, zlib/bz2/lzma data errors, a short read, and zipfile's
#: RuntimeError for encryption (NotImplementedError for unknown methods is one too).
READ_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile, zlib.error, lzma.LZMAError, EOFError, OSError, ValueError, LookupError,
    RuntimeError, struct.error,
)


class MemberStream(io.RawIOBase):
    """A member's content; any failure while reading becomes a MemberError naming it.

    zipfile reports a CRC mismatch as ``BadZipFile`` and a damaged deflate stream as
    ``zlib.error``; callers should only ever see the archive layer's own error family.
    """

    def __init__(self, path: str, inner: BinaryIO, size: int) -> None:
        super().__init__()
        self.path = path
        self._inner = inner
        self._size = size

    @property
    def size(self) -> int:
        return self._size

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._inner.tell()

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        try:
            return self._inner.seek(offset, whence)
        except READ_ERRORS as error:
            raise MemberError(self.path, _describe(error)) from error

    def read(self, size: int = -1) -> bytes:
        try:
            return self._inner.read(size)
        except READ_ERRORS as error:
            raise MemberError(self.path, _describe(error)) from error

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        try:
            self._inner.close()
        finally:
            super().close()


def _describe(error: BaseException) -> str:
    text = str(error)
    if "CRC" in text:
        return "its content is damaged (CRC check failed)"
    if isinstance(error, zlib.error | EOFError):
        return f"its compressed data is damaged ({text or type(error).__name__})"
    return f"it could not be read ({text or type(error).__name__})"
