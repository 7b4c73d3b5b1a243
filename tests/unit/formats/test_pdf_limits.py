"""A PDF bomb is one clear problem of its member; the rest of the export opens."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

from tests.helpers.archives import write_zip
from tests.helpers.minipdf import pdf_bytes
from viewer.archive import open_export
from viewer.formats import import_export
from viewer.formats.pdf_text import MAX_STREAM_BYTES, PdfTextError, read_pdf_text


def bomb_pdf(inflated: int) -> bytes:
    """One page whose content stream is ``inflated`` bytes of text operators, deflated."""
    line = b"BT /F1 12 Tf 72 712 Td (alexa wie wird das wetter) Tj ET\n"
    content = zlib.compress(line * (inflated // len(line) + 1), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(content) + content
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


def test_a_stream_past_the_limit_is_refused_with_one_sentence() -> None:
    data = bomb_pdf(4 * MAX_STREAM_BYTES)
    assert len(data) < MAX_STREAM_BYTES // 50  # small on disk
    with pytest.raises(PdfTextError, match="PDF bomb"):
        read_pdf_text(data)
    # Under the limit the same construction reads (the limit is what refused it).
    assert "alexa wie wird das wetter" in read_pdf_text(bomb_pdf(10_000)).pages[0]


def test_a_pdf_bomb_is_a_problem_of_its_member_and_the_export_opens(tmp_path: Path) -> None:
    transcripts = pdf_bytes([[f"2024-08-{day:02d} 10:00:00 alexa wie spät" for day in
                              range(1, 6)]])
    path = write_zip(tmp_path / "export.zip", {
        "Alexa/Transcripts.pdf": transcripts,
        "Alexa/Bomb.pdf": bomb_pdf(4 * MAX_STREAM_BYTES),
    })
    with open_export(path) as export:
        contents = import_export(export)
    problems = [p for p in contents.problems if p.source.path == "Alexa/Bomb.pdf"]
    assert len(problems) == 1 and "PDF bomb" in problems[0].message
    assert len(contents.transcripts) == 5
