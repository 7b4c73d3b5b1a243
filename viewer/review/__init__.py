"""The user's review of exports (marks, notes, profile, cached analysis), kept across runs.

Plain Python over the standard library's sqlite3: no Qt, so the GUI, a background worker and
the command line share one store. ``ReviewStore`` is the way in; ``schema`` (tables and
migrations), ``undo`` (the journal) and ``cache`` (voiceprints and cached results) are its
parts. The folder it lives in is ``viewer.userdirs``'s.
"""

from viewer.review.cache import EMBEDDING_DIMS
from viewer.review.errors import ReviewStoreError
from viewer.review.schema import SCHEMA_VERSION
from viewer.review.store import ExportRecord, ReviewStore, StoredProfile, default_store_path
from viewer.review.undo import UndoStep

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
