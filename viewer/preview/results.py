"""What a preview loader returns: plain values the Files view turns into text or a table."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class PreviewNote:
    """Something the preview must tell the reader; the widget words it (translated).

    Codes and their ``args``:
    ``truncated-bytes`` (shown bytes, total bytes), ``truncated-formatted`` (shown chars),
    ``truncated-rows`` (rows shown), ``invalid-json`` (where), ``too-large-to-format``
    (the parse limit in bytes), ``spreadsheet`` (), ``pdf-truncated`` (pages shown, page
    count), ``pdf-page-failed`` (page number, why), ``pdf-no-text`` ().
    """

    code: str
    args: tuple[Any, ...] = ()


@dataclass(frozen=True, slots=True)
class TextPreview:
    text: str
    monospace: bool = False
    wrap: bool = True
    notes: tuple[PreviewNote, ...] = ()


@dataclass(frozen=True, slots=True)
class TablePreview:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    notes: tuple[PreviewNote, ...] = ()


@dataclass(frozen=True, slots=True)
class PdfPreview:
    #: The extracted text of each page read, in order.
    pages: tuple[str, ...]
    page_count: int
    notes: tuple[PreviewNote, ...] = ()


Preview = TextPreview | TablePreview | PdfPreview
