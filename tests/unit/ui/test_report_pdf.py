"""The report PDF: every checksum readable by a PDF reader, page numbers, no stranger's data."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from tests.helpers.report import (
    REQUEST,
    audio_windows,
    checked_demo,
    flagged_paths,
    flagged_transcripts,
    readable_layers,
)
from viewer.analysis.check import CheckResult
from viewer.archive import Export
from viewer.report import build_report_data
from viewer.ui.report_pdf import render_pdf


@pytest.fixture(scope="module")
def demo() -> Iterator[tuple[Export, CheckResult]]:
    export, result = checked_demo()
    yield export, result
    export.close()


def pdf_text(path: Path) -> list[str]:
    """Each page's text; pypdf gives the gaps between words as tabs."""
    return [re.sub(r"[ \t\xa0]+", " ", page.extract_text() or "")
            for page in PdfReader(path).pages]


def test_every_checksum_and_the_page_numbers_can_be_read_back(
        qtbot: QtBot, demo: tuple[Export, CheckResult], tmp_path: Path) -> None:
    export, result = demo
    target = tmp_path / "report.pdf"
    render_pdf(build_report_data(result, export, REQUEST), target)
    pages = [re.sub(r"\s+", " ", text) for text in pdf_text(target)]
    whole = re.sub(r"\s+", "", "".join(pages))
    assert export.sources[0].sha256 in whole
    for path in flagged_paths(result):
        assert export.member_sha256(path) in whole, path
        assert path.rsplit("/", 1)[-1] in whole
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
    assert "Summary" in pages[0] and "What I ask for" in pages[0]
    assert "Art. 33/34 GDPR" in pages[0]
    assert "Appendix" in pages[-1]
    # Words read back as typed: no "ﬄ" in "offline" (a search for the word must find it).
    assert not re.search("[\ufb00-\ufb06]", whole)
    assert "offline" in whole


def test_the_file_table_never_splits_a_row(qtbot: QtBot, demo: tuple[Export, CheckResult],
                                           tmp_path: Path) -> None:
    export, result = demo
    target = tmp_path / "report.pdf"
    render_pdf(build_report_data(result, export, REQUEST), target)
    pages = [re.sub(r"\s+", "", text) for text in pdf_text(target)]
    for path in flagged_paths(result):
        # A row split across pages would leave part of its checksum on the next page.
        name = path.rsplit("/", 1)[-1]
        page = next(text for text in pages if name in text)
        assert export.member_sha256(path) in page, name


def test_german_pdf(qtbot: QtBot, demo: tuple[Export, CheckResult], tmp_path: Path) -> None:
    export, result = demo
    target = tmp_path / "bericht.pdf"
    render_pdf(build_report_data(result, export, replace(REQUEST, language="de")), target)
    pages = [re.sub(r"\s+", " ", text) for text in pdf_text(target)]
    assert "Zusammenfassung" in pages[0] and "Art. 33/34 DSGVO" in pages[0]
    assert f"Seite 1 von {len(pages)}" in pages[0]
    assert "Größe" in "".join(pages)  # full Unicode (DejaVu Sans)


@pytest.mark.parametrize("excerpts", [False, True])
def test_no_stranger_transcript_or_audio_in_the_pdf(
        qtbot: QtBot, demo: tuple[Export, CheckResult], tmp_path: Path,
        excerpts: bool) -> None:
    export, result = demo
    target = tmp_path / "report.pdf"
    render_pdf(build_report_data(result, export, replace(REQUEST, include_excerpts=excerpts)),
               target)
    text = re.sub(r"\s+", " ", " ".join(pdf_text(target))).casefold()
    for transcript in flagged_transcripts(result):
        assert transcript.casefold() not in text
    for secret in ("boston", "harvard", "cambridge"):
        assert secret not in text
    windows = audio_windows(export, flagged_paths(result))
    for label, content in readable_layers(target):
        assert not any(window in content for window in windows), label
