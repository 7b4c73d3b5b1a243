"""A tiny text-only PDF writer for test fixtures (no dependencies).

Helvetica in WinAnsi encoding, one line of text per ``Tj``, uncompressed content streams and a
correct cross-reference table, so pypdf extracts exactly the lines written, page by page.
"""

from __future__ import annotations

from collections.abc import Sequence

_PAGE_HEIGHT = 842
_TOP = 800
_LEADING = 14


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(lines: Sequence[str]) -> bytes:
    parts = [b"BT", b"/F1 10 Tf", f"{_LEADING} TL".encode(), f"50 {_TOP} Td".encode()]
    for number, line in enumerate(lines):
        if number:
            parts.append(b"T*")
        parts.append(b"(" + _escape(line) + b") Tj")
    parts.append(b"ET")
    return b"\n".join(parts) + b"\n"


def pdf_bytes(pages: Sequence[Sequence[str]], *, title: str = "Test") -> bytes:
    """A PDF whose page ``i`` shows ``pages[i]``, one line each, top to bottom."""
    # Objects: 1 catalog, 2 page tree, 3 font, 4 info, then per page: page, content.
    page_ids = [5 + 2 * i for i in range(len(pages))]
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: (b"<< /Type /Pages /Kids [" + b" ".join(f"{i} 0 R".encode() for i in page_ids)
            + f"] /Count {len(pages)} >>".encode()),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        4: b"<< /Title (" + _escape(title) + b") /Producer (minipdf) >>",
    }
    for page_id, lines in zip(page_ids, pages, strict=True):
        stream = _content(lines)
        objects[page_id] = (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 {_PAGE_HEIGHT}] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_id + 1} 0 R >>".encode())
        objects[page_id + 1] = (f"<< /Length {len(stream)} >>\nstream\n".encode() + stream
                                + b"endstream")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += f"{number} 0 obj\n".encode() + objects[number] + b"\nendobj\n"
    xref_at = len(out)
    count = max(objects) + 1
    out += f"xref\n0 {count}\n0000000000 65535 f \n".encode()
    for number in range(1, count):
        out += f"{offsets[number]:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {count} /Root 1 0 R /Info 4 0 R >>\nstartxref\n{xref_at}\n"
            "%%EOF\n").encode()
    return bytes(out)
