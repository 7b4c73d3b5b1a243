"""Previews of export members, read within limits: text, JSON, tables, PDF text, a hex peek.

Plain Python, run on a worker thread: a loader reads at most what a person looks at and
returns a ``Preview`` value with ``PreviewNote`` codes for what was cut or could not be
read; the Files view (``viewer.ui.preview_pane``) words the notes and shows the result.
"""

from viewer.preview.loaders import (
    HEX_PEEK_BYTES,
    MAX_JSON_PARSE_BYTES,
    MAX_PDF_BYTES,
    MAX_TABLE_BYTES,
    MAX_TABLE_ROWS,
    MAX_TEXT_BYTES,
    hex_peek,
    load_hex,
    load_json,
    load_pdf,
    load_table,
    load_text,
    preview_job,
    preview_loader,
)
from viewer.preview.results import PdfPreview, Preview, PreviewNote, TablePreview, TextPreview

__all__ = [
    "HEX_PEEK_BYTES",
    "MAX_JSON_PARSE_BYTES",
    "MAX_PDF_BYTES",
    "MAX_TABLE_BYTES",
    "MAX_TABLE_ROWS",
    "MAX_TEXT_BYTES",
    "PdfPreview",
    "Preview",
    "PreviewNote",
    "TablePreview",
    "TextPreview",
    "hex_peek",
    "load_hex",
    "load_json",
    "load_pdf",
    "load_table",
    "load_text",
    "preview_job",
    "preview_loader",
]
