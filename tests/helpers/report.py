"""Shared by the report tests: the demo checked with its profile, and privacy probes."""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from viewer.analysis.check import CheckResult, check_export
from viewer.analysis.findings import Verdict
from viewer.analysis.profile import load_profile
from viewer.archive import Export, open_export
from viewer.formats import import_export
from viewer.report import ReportRequest
from viewer.resources import DEMO_EXPORT, DEMO_PROFILE

#: The demo owner's request, as the report tests fill it in.
REQUEST = ReportRequest(user_name="Max Mustermann", contact="max@example.de",
                        requested=date(2024, 10, 1), received=date(2024, 11, 5))


def checked_demo() -> tuple[Export, CheckResult]:
    export = open_export(DEMO_EXPORT)
    result = check_export(export, import_export(export), load_profile(DEMO_PROFILE))
    return export, result


def flagged_paths(result: CheckResult) -> list[str]:
    return [item.path for item in result.verdicts if item.verdict is Verdict.NOT_MINE]


def flagged_transcripts(result: CheckResult) -> list[str]:
    texts = []
    for path in flagged_paths(result):
        entry = result.contents.transcript_for(path)
        if entry is not None and entry.text:
            texts.append(entry.text)
    return texts


def audio_windows(export: Export, paths: list[str], size: int = 64,
                  step: int = 8192) -> list[bytes]:
    """64-byte windows across each member's content (skipping near-constant ones, such as
    silence, that could appear anywhere by chance)."""
    windows = []
    for path in paths:
        data = export.read_member(path)
        for offset in range(44, max(45, len(data) - size), step):
            window = data[offset:offset + size]
            if len(set(window)) >= 16:
                windows.append(window)
    return windows


def readable_layers(path: Path) -> Iterator[tuple[str, bytes]]:
    """A file's bytes, and what hides inside: ZIP members (recursively) and deflated PDF
    streams, so a probe looks where a copy could hide."""
    data = path.read_bytes()
    yield str(path), data
    yield from _inner(str(path), data)


def _inner(label: str, data: bytes) -> Iterator[tuple[str, bytes]]:
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for name in archive.namelist():
                content = archive.read(name)
                yield f"{label}!/{name}", content
                yield from _inner(f"{label}!/{name}", content)
    if data[:5] == b"%PDF-":
        start = 0
        while (begin := data.find(b"stream", start)) >= 0:
            begin = data.find(b"\n", begin) + 1
            end = data.find(b"endstream", begin)
            if end < 0:
                break
            try:
                yield f"{label} (stream at {begin})", zlib.decompress(data[begin:end])
            except zlib.error:
                yield f"{label} (raw stream at {begin})", data[begin:end]
            start = end
