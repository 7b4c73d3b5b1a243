"""The domain model: what an export means to a person (Qt-free, frozen dataclasses)."""

from viewer.model.types import (
    Account,
    Device,
    ExportContents,
    Fact,
    ImportProblem,
    Link,
    LinkMethod,
    Recording,
    SourceRef,
    TranscriptEntry,
    Unplaced,
)

__all__ = [
    "Account",
    "Device",
    "ExportContents",
    "Fact",
    "ImportProblem",
    "Link",
    "LinkMethod",
    "Recording",
    "SourceRef",
    "TranscriptEntry",
    "Unplaced",
]
