"""Write the report folder: report.pdf, report.json, flagged-files.csv, letter.txt and, on
request, the cleaned copy of the export.

Qt-free: the PDF is drawn by a renderer passed in (``viewer.ui.report_pdf.render_pdf``);
without one the PDF is left out (tests of the rest need no Qt). Each file is written under a
temporary name and renamed when complete, so a folder never holds half a report file.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Generator, Iterator
from pathlib import Path

from viewer.archive import Export, OpenProgress
from viewer.report.cleaned import clean_copy_name, clean_copy_steps
from viewer.report.data import ReportData
from viewer.report.json_report import flagged_csv, report_json
from viewer.report.letter import render_letter
from viewer.steps import run_to_end

PDF_NAME = "report.pdf"
JSON_NAME = "report.json"
CSV_NAME = "flagged-files.csv"
LETTER_NAME = "letter.txt"

PdfRenderer = Callable[[ReportData, Path], None]


class ReportWriteError(Exception):
    """The report folder cannot be written; the message says which folder and why."""


def prepare_folder(folder: str | os.PathLike[str], *, overwrite: bool = False) -> Path:
    """Create ``folder`` if needed and make sure the report may be written into it."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ReportWriteError(f"{folder} is a file, not a folder; name a new or empty folder")
    try:
        if folder.is_dir() and not overwrite and any(folder.iterdir()):
            raise ReportWriteError(f"the folder {folder} is not empty; name a new or empty "
                                   "folder (or allow overwriting)")
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / ".export-viewer-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise ReportWriteError(f"cannot write to the folder {folder}: "
                               f"{error.strerror or error}") from error
    return folder


def write_report(folder: str | os.PathLike[str], data: ReportData, export: Export, *,
                 render_pdf: PdfRenderer | None = None, clean_copy: bool = False,
                 overwrite: bool = False) -> list[Path]:
    return run_to_end(write_report_steps(folder, data, export, render_pdf=render_pdf,
                                         clean_copy=clean_copy, overwrite=overwrite))


def write_report_steps(folder: str | os.PathLike[str], data: ReportData, export: Export, *,
                       render_pdf: PdfRenderer | None = None, clean_copy: bool = False,
                       overwrite: bool = False) -> Generator[OpenProgress, None, list[Path]]:
    """Write the folder; yields progress; returns the paths written, in a fixed order."""
    root = prepare_folder(folder, overwrite=overwrite)
    written: list[Path] = []
    texts = ((JSON_NAME, report_json), (CSV_NAME, flagged_csv), (LETTER_NAME, render_letter))
    steps = len(texts) + (1 if render_pdf else 0)
    try:
        if render_pdf is not None:
            yield OpenProgress("writing the report", 0, steps, PDF_NAME)
            target = root / PDF_NAME
            with _atomic(target) as part:
                render_pdf(data, part)
            written.append(target)
        for number, (name, make) in enumerate(texts, start=len(written) + 1):
            target = root / name
            content = make(data)
            with _atomic(target) as part:
                part.write_text(content, encoding="utf-8", newline="")
            written.append(target)
            yield OpenProgress("writing the report", number, steps, name)
        if clean_copy:
            target = root / clean_copy_name(data)
            with _atomic(target) as part:
                yield from clean_copy_steps(export, data, part)
            written.append(target)
    except OSError as error:
        raise ReportWriteError(f"cannot write the report into {root}: "
                               f"{error.strerror or error}") from error
    return written


@contextlib.contextmanager
def _atomic(target: Path) -> Iterator[Path]:
    """A part file beside ``target`` to write; it becomes ``target`` only if the block ends
    normally, and is removed otherwise (a failure, or a cancelled job)."""
    part = target.with_name(f".{target.name}.part")
    try:
        yield part
        os.replace(part, target)
    finally:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
