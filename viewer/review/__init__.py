"""The user's review of exports (marks, notes, profile, cached analysis), kept across runs.

Plain Python over the standard library's sqlite3: no Qt, so the GUI, a background worker and
the command line share one store.
"""

from viewer.review.paths import default_store_path, user_data_dir
from viewer.review.store import (
    EMBEDDING_DIMS,
    SCHEMA_VERSION,
    ExportRecord,
    ReviewStore,
    ReviewStoreError,
    StoredProfile,
    UndoStep,
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
    "user_data_dir",
]
