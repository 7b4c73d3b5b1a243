"""Build test exports: ZIPs (plain or nested) and folders from a {path: content} mapping."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from pathlib import Path

Content = bytes | str | Mapping[str, "Content"]


def zip_bytes(files: Mapping[str, Content], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A ZIP as bytes. A mapping as a value becomes a nested ZIP (stored, like Amazon's)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in files.items():
            if isinstance(content, Mapping):
                archive.writestr(name, zip_bytes(content), compress_type=zipfile.ZIP_STORED)
            elif isinstance(content, str):
                archive.writestr(name, content.encode("utf-8"))
            else:
                archive.writestr(name, content)
    return buffer.getvalue()


def write_zip(path: Path, files: Mapping[str, Content], **options: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(zip_bytes(files, **options))
    return path


def write_folder(root: Path, files: Mapping[str, Content]) -> Path:
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, Mapping):
            target.write_bytes(zip_bytes(content))
        elif isinstance(content, str):
            target.write_text(content, encoding="utf-8")
        else:
            target.write_bytes(content)
    return root
