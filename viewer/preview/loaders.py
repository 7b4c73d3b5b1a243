"""Loaders that read one member for the preview, each within a size limit of its own.

Each loader reads at most what its limit allows and says what it left out in notes; errors
reading the member (``MemberError``, a malformed table or PDF as ``ValueError``) propagate
for the caller to show. ``preview_loader`` picks the loader for a member's kind.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Generator
from typing import Any

from viewer.archive import Export, Member, MemberKind
from viewer.formats.base import decode_text, sniff_dialect
from viewer.formats.pdf_text import PdfTextError, read_pdf_text
from viewer.preview.results import PdfPreview, Preview, PreviewNote, TablePreview, TextPreview

#: Text, HTML and JSON: at most this much is shown (a person reads the start, not 80 MB).
MAX_TEXT_BYTES = 2_000_000
#: JSON up to this size is parsed and pretty-printed; larger files are shown as raw text.
MAX_JSON_PARSE_BYTES = 16_000_000
#: Tables: this many rows, read from at most this many bytes of the file.
MAX_TABLE_ROWS = 2_000
MAX_TABLE_BYTES = 8_000_000
#: PDFs are read into memory whole; larger ones are not previewed.
MAX_PDF_BYTES = 50_000_000
#: The hex peek shows the first bytes only: enough to recognise a file by its signature.
HEX_PEEK_BYTES = 256
#: Excel workbooks are tables by kind, but binary: they get the hex peek and a note.
SPREADSHEET_SUFFIXES = (".xlsx", ".xls")


def _read_head(export: Export, path: str, limit: int) -> tuple[bytes, bool]:
    """Up to ``limit`` bytes of the member and whether there was more."""
    with export.open_member(path) as stream:
        data = stream.read(limit + 1)
    return data[:limit], len(data) > limit


def _cut_note(member: Member, shown: int, truncated: bool) -> tuple[PreviewNote, ...]:
    return (PreviewNote("truncated-bytes", (shown, member.size)),) if truncated else ()


def load_text(export: Export, member: Member, monospace: bool = False) -> TextPreview:
    data, truncated = _read_head(export, member.path, MAX_TEXT_BYTES)
    return TextPreview(decode_text(data), monospace=monospace, wrap=True,
                       notes=_cut_note(member, len(data), truncated))


def _parse_json(text: str) -> Any:
    text = text.lstrip("\ufeff").strip()
    if text.startswith("window."):  # X/Twitter: window.YTD.x = [...]
        text = text.split("=", 1)[1].strip().rstrip(";")
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            try:
                return [json.loads(line) for line in lines]  # JSON Lines
            except json.JSONDecodeError:
                pass
        raise


def load_json(export: Export, member: Member) -> TextPreview:
    if member.size > MAX_JSON_PARSE_BYTES:
        data, truncated = _read_head(export, member.path, MAX_TEXT_BYTES)
        notes = (PreviewNote("too-large-to-format", (MAX_JSON_PARSE_BYTES,)),
                 *_cut_note(member, len(data), truncated))
        return TextPreview(decode_text(data), monospace=True, wrap=False, notes=notes)
    data, _ = _read_head(export, member.path, MAX_JSON_PARSE_BYTES)
    text = decode_text(data)
    try:
        pretty = json.dumps(_parse_json(text), indent=2, ensure_ascii=False)
    except (json.JSONDecodeError, RecursionError, ValueError) as error:
        where = (f"line {error.lineno}: {error.msg}" if isinstance(error, json.JSONDecodeError)
                 else str(error))
        shown = text[:MAX_TEXT_BYTES]
        invalid = PreviewNote("invalid-json", (where,))
        if len(shown) < len(text):
            notes = (invalid, PreviewNote("truncated-bytes", (len(shown.encode()), member.size)))
        else:
            notes = (invalid,)
        return TextPreview(shown, monospace=True, wrap=False, notes=notes)
    if len(pretty) > MAX_TEXT_BYTES:
        pretty = pretty[:MAX_TEXT_BYTES]
        notes = (PreviewNote("truncated-formatted", (MAX_TEXT_BYTES,)),)
    else:
        notes = ()
    return TextPreview(pretty, monospace=True, wrap=False, notes=notes)


def load_table(export: Export, member: Member) -> TablePreview:
    """The header and the first ``MAX_TABLE_ROWS`` rows; blank rows are skipped."""
    data, truncated = _read_head(export, member.path, MAX_TABLE_BYTES)
    text = decode_text(data).lstrip("\ufeff")
    if truncated:
        text = text[: text.rfind("\n") + 1] or text  # never show a cut-off last row
    if member.path.lower().endswith(".tsv"):
        dialect: Any = csv.excel_tab
    else:
        dialect = sniff_dialect(text)  # as the importers read it
    reader = csv.reader(io.StringIO(text), dialect)
    header: tuple[str, ...] | None = None
    rows: list[tuple[str, ...]] = []
    more = False
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = tuple(cell.strip() for cell in row)
                continue
            if len(rows) == MAX_TABLE_ROWS:
                more = True
                break
            rows.append(tuple(row))
    except csv.Error as error:
        raise ValueError(f"the table is malformed near line {reader.line_num} ({error})") \
            from error
    notes: tuple[PreviewNote, ...] = ()
    if more or truncated:
        notes = (PreviewNote("truncated-rows", (len(rows),)),)
    return TablePreview(header or (), tuple(rows), notes)


def load_pdf(export: Export, member: Member) -> PdfPreview:
    """The text of each page (``read_pdf_text`` caps pages and characters)."""
    if member.size > MAX_PDF_BYTES:
        raise ValueError(f"the PDF is larger than {MAX_PDF_BYTES // 1_000_000} MB and is "
                         "not previewed")
    data = export.read_member(member.path, max_bytes=MAX_PDF_BYTES)
    try:
        read = read_pdf_text(data, max_chars=MAX_TEXT_BYTES)
    except PdfTextError as error:
        raise ValueError(str(error)) from error
    pages = list(read.pages)
    page_count = read.page_count
    notes = [PreviewNote("pdf-page-failed", (number, why)) for number, why in read.failed_pages]
    if read.truncated:
        notes.append(PreviewNote("pdf-truncated", (len(pages), page_count)))
    if not any(text.strip() for text in pages):
        notes.append(PreviewNote("pdf-no-text"))
    return PdfPreview(tuple(pages), page_count, tuple(notes))


def hex_peek(data: bytes) -> str:
    """``00000000  50 4b 03 04 ...  |PK..|`` lines, 16 bytes each."""
    lines = []
    for offset in range(0, len(data), 16):
        chunk = data[offset: offset + 16]
        hexes = " ".join(f"{byte:02x}" for byte in chunk)
        text = "".join(chr(byte) if 32 <= byte < 127 else "." for byte in chunk)
        lines.append(f"{offset:08x}  {hexes:<47}  |{text}|")
    return "\n".join(lines)


def load_hex(export: Export, member: Member, *notes: PreviewNote) -> TextPreview:
    data, _ = _read_head(export, member.path, HEX_PEEK_BYTES)
    return TextPreview(hex_peek(data), monospace=True, wrap=False, notes=notes)


def preview_loader(member: Member) -> Callable[[Export, Member], Preview]:
    """Which loader reads a readable member of this kind."""
    if member.kind is MemberKind.TABLE:
        if member.path.lower().endswith(SPREADSHEET_SUFFIXES):
            return lambda export, member: load_hex(export, member, PreviewNote("spreadsheet"))
        return load_table
    if member.kind is MemberKind.JSON:
        return load_json
    if member.kind is MemberKind.PDF:
        return load_pdf
    if member.kind is MemberKind.HTML:
        return lambda export, member: load_text(export, member, monospace=True)
    if member.kind is MemberKind.TEXT:
        return load_text
    return load_hex


def preview_job(export: Export, member: Member) -> Generator[None, None, Preview]:
    """The preview as a background job: a cancel point, then the member's loader."""
    yield None  # a cancel point before any reading
    return preview_loader(member)(export, member)
