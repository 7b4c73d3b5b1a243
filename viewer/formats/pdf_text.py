"""Text out of a PDF member, within limits of its own (Qt-free).

A PDF is a container of compressed streams: 2 MB of Flate can inflate to gigabytes, and pypdf
inflates a page's streams when its text is extracted. The archive's limits stop a ZIP bomb,
not a PDF bomb inside a harmless-looking member, so every PDF the app reads (the transcript
importer while scoring at open, and the Files preview) goes through ``read_pdf_text``, which
sets pypdf's own decompression and parsing limits (``pypdf.apply_configuration``, pypdf >= 7.1)
for the whole read and caps pages and extracted text. A PDF past a limit raises
``PdfTextError`` with one sentence: the caller lists it as that member's problem.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

#: A transcript page's content stream is a few kB; a scanned image page a few MB. Any single
#: stream past this is not a document the app needs to read.
MAX_STREAM_BYTES = 16 * 1024 * 1024
#: Pages read at most (the 2018 transcript PDF had about 60).
MAX_PAGES = 2_000
#: Extracted text kept at most; reading stops there.
MAX_TEXT_CHARS = 20 * 1024 * 1024

#: pypdf's limits for the read (names from ``pypdf.Configuration``).
PYPDF_LIMITS = {
    "maximum_declared_stream_length": MAX_STREAM_BYTES,
    "array_based_stream_maximum_output_length": MAX_STREAM_BYTES,
    "jbig2_maximum_output_length": MAX_STREAM_BYTES,
    "lzw_maximum_output_length": MAX_STREAM_BYTES,
    "run_length_maximum_output_length": MAX_STREAM_BYTES,
    "zlib_maximum_output_length": MAX_STREAM_BYTES,
    "brotli_maximum_output_length": MAX_STREAM_BYTES,
    "image_maximum_buffer_size": MAX_STREAM_BYTES,
    "page_tree_maximum_entries": 4 * MAX_PAGES,
}


class PdfTextError(Exception):
    """The PDF cannot be read (damaged, encrypted, or past a limit); the message says which."""


@dataclass(frozen=True, slots=True)
class PdfText:
    #: Text per page read, in order (empty text for a page that failed).
    pages: tuple[str, ...]
    page_count: int
    #: Pages whose text could not be extracted: (page number, why).
    failed_pages: tuple[tuple[int, str], ...] = ()
    #: True when reading stopped at ``MAX_PAGES`` or ``MAX_TEXT_CHARS``.
    truncated: bool = False


def read_pdf_text(data: bytes, *, max_chars: int = MAX_TEXT_CHARS) -> PdfText:
    """The text of every page, under the limits above; raises ``PdfTextError``."""
    import pypdf  # deferred: costs 60 ms at start-up, needed only for PDFs
    from pypdf.errors import LimitReachedError, PyPdfError

    try:
        with pypdf.apply_configuration(None, **PYPDF_LIMITS):
            reader = pypdf.PdfReader(io.BytesIO(data))
            # Many PDFs are "encrypted" with an empty password only to restrict printing.
            if reader.is_encrypted and not reader.decrypt(""):
                raise PdfTextError("this PDF is encrypted; its text cannot be read")
            page_count = len(reader.pages)
            pages: list[str] = []
            failed: list[tuple[int, str]] = []
            total = 0
            truncated = False
            for number, page in enumerate(reader.pages, start=1):
                if number > MAX_PAGES or total > max_chars:
                    truncated = True
                    break
                try:
                    text = page.extract_text() or ""
                except LimitReachedError:
                    raise
                except (PyPdfError, ValueError, KeyError, TypeError, AttributeError) as error:
                    failed.append((number, str(error)))
                    text = ""
                pages.append(text)
                total += len(text)
    except PdfTextError:
        raise
    except LimitReachedError as error:
        raise PdfTextError(f"this PDF inflates past the {MAX_STREAM_BYTES // (1024 * 1024)} MB "
                           f"a stream may hold here (a PDF bomb?); not read ({error})") from error
    except MemoryError as error:
        raise PdfTextError("this PDF needs more memory than is safe to give it; not read") \
            from error
    except Exception as error:  # pypdf raises many kinds on damaged files; none may escape
        raise PdfTextError(f"this PDF cannot be read ({type(error).__name__}: {error})") \
            from error
    return PdfText(tuple(pages), page_count, tuple(failed), truncated)
