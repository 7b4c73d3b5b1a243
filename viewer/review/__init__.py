"""The user's review of exports (marks, notes, profile, cached analysis), kept across runs.

Plain Python over the standard library's sqlite3: no Qt, so the GUI, a background worker and
the command line share one store. ``ReviewStore`` is the way in; ``schema`` (tables and
migrations), ``undo`` (the journal) and ``cache`` (voiceprints and cached results) are its
parts. The folder it lives in is ``viewer.userdirs``'s.
"""

from viewer.review.store import (
    EMBEDDING_DIMS,
    SCHEMA_VERSION,
    ExportRecord,
    ReviewStore,
    ReviewStoreError,
    StoredProfile,
    UndoStep,
    default_store_path,
)

__all__ = [
    "EMBEDDING_DIMS",
    "SCHEMA_VERSION",
    "ExportRecord",
    "ReviewStore",
    "ReviewStoreError",
    "StoredProfile",
    "UndoStep",
    "default_store_path",
]
