"""Export formats: importers that turn members into recordings and transcripts (Qt-free)."""

from viewer.formats.base import (
    CsvTable,
    ExportFormatError,
    ExportIndex,
    Importer,
    ImportResult,
    clean_value,
    parse_iso_time,
    register,
    registered_importers,
)
from viewer.formats.linking import link_transcripts
from viewer.formats.pipeline import import_export, import_steps

__all__ = [
    "CsvTable",
    "ExportFormatError",
    "ExportIndex",
    "ImportResult",
    "Importer",
    "clean_value",
    "import_export",
    "import_steps",
    "link_transcripts",
    "parse_iso_time",
    "register",
    "registered_importers",
]
