"""The transcript-PDF importer: shuffled lines on several pages, receipts, broken PDFs."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers.archives import Content, write_zip
from tests.helpers.audio import wav_bytes
from tests.helpers.minipdf import pdf_bytes
from viewer.archive import open_export
from viewer.formats.importers import amazon_pdf
from viewer.formats.pipeline import import_export
from viewer.model import ExportContents, LinkMethod

WAV = wav_bytes(0.2)
PDF = "Alexa/Transcripts.pdf"

TRANSCRIPT_PAGES = [
    [
        "Alexa voice history",
        "2024-10-04 01:57:09 UTC  alexa set a timer for twenty minutes",
        "03.09.2024 10:04:47   alexa play npr news",
        "alexa what's the score of the patriots game  9/26/2024 12:34:33 PM",
    ],
    [
        "2024-08-20 21:10:00 UTC - alexa play taylor swift on spotify",
        "Page 2 of 2",
    ],
]
RECEIPT = [["Amazon.com order receipt", "Order placed: 2024-09-03 06:41:12 UTC",
            "Echo Dot (5th Gen)  $49.99", "Shipping  $0.00", "Total  $49.99",
            "Thank you for shopping with us."]]


def load_zip(tmp_path: Path, files: Mapping[str, Content]) -> ExportContents:
    with open_export(write_zip(tmp_path / "export.zip", files)) as export:
        return import_export(export)


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


def test_shuffled_lines_on_two_pages_become_entries_linked_by_time(tmp_path: Path) -> None:
    contents = load_zip(tmp_path, {
        PDF: pdf_bytes(TRANSCRIPT_PAGES),
        "Alexa/utterance_20241004T015707Z.wav": WAV,
        "Alexa/utterance_20240903T100446Z.wav": WAV,
        "Alexa/utterance_20240926T123432Z.wav": WAV,
        "Alexa/utterance_20240820T211000Z.wav": WAV,
        # 8 s before the nearest line: beyond the PDF's 5 s tolerance.
        "Alexa/utterance_20240820T210952Z.wav": WAV,
    })

    assert "transcript-pdf" in contents.formats
    entries = {(e.id, e.time, e.text, e.time_zone_assumed) for e in contents.transcripts}
    assert entries == {
        (f"{PDF}#page 1, line 2", utc(2024, 10, 4, 1, 57, 9),
         "alexa set a timer for twenty minutes", False),
        (f"{PDF}#page 1, line 3", utc(2024, 9, 3, 10, 4, 47), "alexa play npr news", True),
        (f"{PDF}#page 1, line 4", utc(2024, 9, 26, 12, 34, 33),
         "alexa what's the score of the patriots game", True),
        (f"{PDF}#page 2, line 1", utc(2024, 8, 20, 21, 10, 0),
         "alexa play taylor swift on spotify", False),
    }
    expected = {
        "Alexa/utterance_20241004T015707Z.wav": f"{PDF}#page 1, line 2",
        "Alexa/utterance_20240903T100446Z.wav": f"{PDF}#page 1, line 3",
        "Alexa/utterance_20240926T123432Z.wav": f"{PDF}#page 1, line 4",
        "Alexa/utterance_20240820T211000Z.wav": f"{PDF}#page 2, line 1",
    }
    for path, transcript in expected.items():
        link = contents.link_for(path)
        assert link is not None
        assert (link.method, link.transcript) == (LinkMethod.TIME, transcript)
    lone = contents.link_for("Alexa/utterance_20240820T210952Z.wav")
    assert lone is not None and lone.method is LinkMethod.NONE
    assert contents.problems == ()
    assert contents.not_understood == ()


def test_a_receipt_pdf_stays_not_understood(tmp_path: Path) -> None:
    contents = load_zip(tmp_path, {"Orders/receipt.pdf": pdf_bytes(RECEIPT)})
    assert "transcript-pdf" not in contents.formats
    assert contents.transcripts == ()
    assert [u.path for u in contents.not_understood] == ["Orders/receipt.pdf"]
    assert contents.problems == ()


def test_receipt_beside_a_transcript_pdf_is_left_alone(tmp_path: Path) -> None:
    contents = load_zip(tmp_path, {PDF: pdf_bytes(TRANSCRIPT_PAGES),
                                   "Orders/receipt.pdf": pdf_bytes(RECEIPT)})
    assert {e.source.path for e in contents.transcripts} == {PDF}
    assert [u.path for u in contents.not_understood] == ["Orders/receipt.pdf"]


@pytest.mark.parametrize("damage", [
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog",  # cut off
    b"this is not a pdf at all",
])
def test_a_corrupt_pdf_is_a_listed_problem(tmp_path: Path, damage: bytes) -> None:
    contents = load_zip(tmp_path, {"Alexa/broken.pdf": damage,
                                   PDF: pdf_bytes(TRANSCRIPT_PAGES)})
    assert [(p.source.path, p.source.locator) for p in contents.problems] == [
        ("Alexa/broken.pdf", "")]
    assert "cannot be read" in contents.problems[0].message
    assert len(contents.transcripts) == 4  # the good PDF still imports
    assert [u.path for u in contents.not_understood] == ["Alexa/broken.pdf"]


def test_a_lone_corrupt_pdf_is_still_reported(tmp_path: Path) -> None:
    contents = load_zip(tmp_path, {"broken.pdf": b"%PDF-1.7\n%garbage\n"})
    assert [p.source.path for p in contents.problems] == ["broken.pdf"]
    assert [u.path for u in contents.not_understood] == ["broken.pdf"]


def test_an_oversized_pdf_is_skipped_with_a_problem(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(amazon_pdf, "MAX_PDF_BYTES", 200)
    contents = load_zip(tmp_path, {PDF: pdf_bytes(TRANSCRIPT_PAGES)})
    assert contents.transcripts == ()
    assert [p.source.path for p in contents.problems] == [PDF]
    assert "skipped" in contents.problems[0].message


@given(st.lists(st.text(alphabet=st.sampled_from("0123456789-/.: \tTZAPMUTCalex\n"),
                        max_size=60), max_size=3))
def test_line_finding_never_raises(pages: list[str]) -> None:
    lines, non_empty = amazon_pdf.utterance_lines(pages)
    assert len(lines) <= non_empty
    assert all(line.text and line.stamp.stamp.moment.tzinfo is UTC for line in lines)


def test_slash_dates_are_read_in_one_order_for_the_whole_pdf() -> None:
    pages = ["alexa stop 3/9/2024 06:41:12\nalexa weiter 25/9/2024 06:45:00",
             "4/9/2024 07:00:00 alexa licht an"]
    lines, non_empty = amazon_pdf.utterance_lines(pages)
    assert non_empty == 3
    # 25/9 can only be day-first, so 3/9 and 4/9 are September too.
    assert [(line.text, line.stamp.stamp.moment) for line in lines] == [
        ("alexa stop", utc(2024, 9, 3, 6, 41, 12)),
        ("alexa weiter", utc(2024, 9, 25, 6, 45)),
        ("alexa licht an", utc(2024, 9, 4, 7, 0)),
    ]
