"""Exports that arrive as several files (split parts, a folder of parts and a file list): the
report lists every file that arrived with its size and SHA-256, then the combined identity,
in report.json, in the letter and in the PDF (read back with pypdf)."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from tests.helpers.archives import write_folder, write_zip
from tests.helpers.jsonschema_lite import validate
from tests.helpers.report import REQUEST
from viewer.analysis.check import CheckResult, check_export
from viewer.analysis.profile import load_profile
from viewer.archive import Export, open_export
from viewer.formats import import_export
from viewer.report import build_report_data, describe_report, render_letter
from viewer.report.data import ReceivedFile
from viewer.report.html import RECEIVED_IN_PDF, report_html
from viewer.resources import DEMO_EXPORT, DEMO_PROFILE, RESOURCES

PARTS = ("All Data Categories.1.zip", "All Data Categories.2.zip")
FILE_LIST = "FileDescriptions.csv"


@pytest.fixture(scope="module")
def received(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as Amazon sends it today: two parts and FileDescriptions.csv beside them."""
    with zipfile.ZipFile(DEMO_EXPORT) as demo:
        members = {name: demo.read(name) for name in demo.namelist()}
    file_list = members.pop(FILE_LIST)
    names = sorted(members)
    half = len(names) // 2
    folder = tmp_path_factory.mktemp("received") / "Amazon export"
    write_folder(folder, {FILE_LIST: file_list})
    for part, chunk in zip(PARTS, (names[:half], names[half:]), strict=True):
        write_zip(folder / part, {name: members[name] for name in chunk})
    return folder


def _checked(paths: list[Path]) -> tuple[Export, CheckResult]:
    export = open_export(paths)
    return export, check_export(export, import_export(export), load_profile(DEMO_PROFILE))


@pytest.fixture(scope="module")
def parts(received: Path) -> Iterator[tuple[Export, CheckResult]]:
    export, result = _checked([received / part for part in PARTS])
    yield export, result
    export.close()


@pytest.fixture(scope="module")
def folder(received: Path) -> Iterator[tuple[Export, CheckResult]]:
    export, result = _checked([received])
    yield export, result
    export.close()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _schema() -> dict[str, object]:
    return json.loads((RESOURCES / "report-schema.json").read_text(encoding="utf-8"))


def test_split_parts_are_each_listed_then_their_identity(
        parts: tuple[Export, CheckResult], received: Path) -> None:
    export, result = parts
    report = describe_report(build_report_data(result, export, REQUEST))
    validate(report, _schema())
    assert report["export"]["received"] == [
        {"name": part, "folder": None, "size": (received / part).stat().st_size,
         "sha256": _sha256(received / part)} for part in PARTS]
    # The identity can be recomputed from the list alone, as the report says.
    hashes = sorted(item["sha256"] for item in report["export"]["received"])
    expected = hashlib.sha256(("export-viewer/parts\n" + "\n".join(hashes)).encode())
    identity = report["export"]["identity"]
    assert identity["sha256"] == report["export"]["sha256"] == expected.hexdigest()
    assert identity["from"] == "parts" and "sorted" in identity["how"]
    assert report["recordings"]["by_verdict"]["not-mine"] == 40  # the demo, whole


def test_a_folder_lists_each_of_its_files_then_its_identity(
        folder: tuple[Export, CheckResult], received: Path) -> None:
    export, result = folder
    data = build_report_data(result, export, REQUEST)
    report = describe_report(data)
    validate(report, _schema())
    files = sorted([*PARTS, FILE_LIST])
    assert report["export"]["received"] == [
        {"name": name, "folder": "Amazon export", "size": (received / name).stat().st_size,
         "sha256": _sha256(received / name)} for name in files]
    manifest = "export-viewer/folder\n" + "".join(
        f"{item['sha256']}  {item['name']}\n" for item in report["export"]["received"])
    identity = report["export"]["identity"]
    assert identity["sha256"] == report["export"]["sha256"]
    assert identity["sha256"] == hashlib.sha256(manifest.encode()).hexdigest()
    assert identity["from"] == "folder" and "sha256sum" in identity["how"]
    # What arrived is the files, not the folder's members counted again inside the parts.
    assert data.source_bytes == sum((received / name).stat().st_size for name in files)
    with open_export(DEMO_EXPORT) as demo:
        whole = describe_report(build_report_data(
            check_export(demo, import_export(demo), load_profile(DEMO_PROFILE)), demo, REQUEST))
    assert report["export"]["bytes"] == whole["export"]["bytes"]  # the same content


def test_the_letter_names_every_file_that_arrived(folder: tuple[Export, CheckResult]) -> None:
    export, result = folder
    letter = render_letter(build_report_data(result, export, REQUEST))
    for name in (*PARTS, FILE_LIST):
        assert f"“Amazon export/{name}”" in letter
    assert export.sha256 in letter


def test_a_single_zip_is_one_file_and_its_own_identity() -> None:
    with open_export(DEMO_EXPORT) as export:
        result = check_export(export, import_export(export), None)
        report = describe_report(build_report_data(result, export, REQUEST))
    (item,) = report["export"]["received"]
    assert item["name"] == DEMO_EXPORT.name and item["sha256"] == report["export"]["sha256"]
    assert report["export"]["identity"]["from"] == "file"


def test_the_pdf_lists_each_file_before_the_identity(
        qtbot: QtBot, folder: tuple[Export, CheckResult], tmp_path: Path,
        received: Path) -> None:
    from viewer.ui.report_pdf import render_pdf

    export, result = folder
    target = tmp_path / "report.pdf"
    render_pdf(build_report_data(result, export, REQUEST), target)
    # NFKC: the PDF sets "fi" as a ligature.
    text = unicodedata.normalize("NFKC", "".join(page.extract_text() or ""
                                                 for page in PdfReader(target).pages))
    bare = re.sub(r"\s+", "", text)  # checksums are set in groups of 16
    positions = []
    for name in sorted([*PARTS, FILE_LIST]):
        assert re.sub(r"\s+", "", name) in bare
        positions.append(bare.index(_sha256(received / name)))
    identity = bare.index(export.sha256)
    assert positions == sorted(positions) and positions[-1] < identity
    assert "SHA-256 of the folder's file list" in re.sub(r"\s+", " ", text)
    assert "It arrived as 3 files" in re.sub(r"\s+", " ", text)


def test_a_folder_of_thousands_of_files_keeps_the_pdf_short(
        folder: tuple[Export, CheckResult]) -> None:
    export, result = folder
    data = build_report_data(result, export, REQUEST)
    many = tuple(ReceivedFile(f"Audio/{index:05}.wav", 100, "ab" * 32, folder="x")
                 for index in range(RECEIVED_IN_PDF + 50))
    html = report_html(replace(data, received=many))
    assert "Audio/00099.wav" in html and "Audio/00100.wav" not in html
    assert "… and 50 more files, each with its size and SHA-256 in report.json." in html
    assert len(describe_report(replace(data, received=many))["export"]["received"]) == 150
