"""Shared by the report tests: the demo checked with its profile, and privacy probes."""

from __future__ import annotations

import io
import json
import zipfile
import zlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from viewer.analysis.check import CheckResult, check_export
from viewer.analysis.findings import Verdict
from viewer.analysis.profile import load_profile
from viewer.archive import Export, open_export
from viewer.formats import import_export
from viewer.report import ReportData, ReportRequest, build_report_data, write_report
from viewer.resources import DEMO_EXPORT, DEMO_PROFILE, RESOURCES

DEMO_TRUTH = RESOURCES / "demo" / "demo-truth.json"
#: Members of the demo export that the cleaned-copy tests rewrite or replace.
INTENT = "Additional Data/Alexa/Alexa/NLU/Intent-1-1.csv"
GEOLOCATION = "Additional Data/Alexa/Alexa/Geolocation/Geolocation-1-1.csv"
SESSIONS = ("Additional Data/Alexa and Echo Devices.Device_Session_Events/"
            "Device_Session_Events-1-1.csv")
TRANSCRIPTS_PDF = "Additional Data/Alexa/Alexa/Transcripts.pdf"
#: The stranger household's one Echo (viewer/resources/demo/README.md).
STRANGER_SERIAL = "G2A0US9876543210"

#: The demo owner's request, as the report tests fill it in.
REQUEST = ReportRequest(user_name="Max Mustermann", contact="max@example.de",
                        requested=date(2024, 10, 1), received=date(2024, 11, 5))


def checked_demo() -> tuple[Export, CheckResult]:
    export = open_export(DEMO_EXPORT)
    result = check_export(export, import_export(export), load_profile(DEMO_PROFILE))
    return export, result


@dataclass(frozen=True)
class DemoReport:
    """The demo export checked, and its report written: what a case is made from."""

    export: Export
    result: CheckResult
    data: ReportData
    written: list[Path]


def written_demo_report(folder: Path, created: datetime) -> DemoReport:
    """The demo's report written into ``folder`` as on ``created``; close its export."""
    export, result = checked_demo()
    data = build_report_data(result, export, REQUEST, created=created)
    return DemoReport(export, result, data, write_report(folder, data, export))


def checked(path: Path) -> tuple[Export, CheckResult]:
    """An export (a variant of the demo) checked with the demo's profile."""
    export = open_export(path)
    result = check_export(export, import_export(export), load_profile(DEMO_PROFILE))
    return export, result


def demo_truth() -> list[dict[str, Any]]:
    """``demo-truth.json``: every WAV with its owner, utterance, utterance time and device."""
    return json.loads(DEMO_TRUTH.read_text(encoding="utf-8"))


def demo_variant(target: Path, changes: Mapping[str, bytes | None]) -> Path:
    """A copy of the demo export with members replaced or added (bytes) or dropped (None);
    every other member is copied as it is, with its name, time and compression."""
    with zipfile.ZipFile(DEMO_EXPORT) as source, \
            zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        names = set()
        for info in source.infolist():
            names.add(info.filename)
            content = changes.get(info.filename, source.read(info))
            if content is not None:
                out.writestr(info, content)
        for name, content in changes.items():
            if name not in names and content is not None:
                out.writestr(name, content)
    return target


def member_bytes(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


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
