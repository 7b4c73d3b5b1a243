"""Reading and writing cached analysis without letting the cache fail the analysis.

The review store caches results per export (``ReviewStore.get_cached``/``put_cached``). A
cache that cannot be read or written (a locked or read-only database, an export opened
without hashing its sources) only costs time, so these helpers log and carry on.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("viewer.analysis.cache")


def get_cached_quietly(store: Any | None, export: Any, kind: str, version: int) -> Any | None:
    """``store.get_cached`` for ``export.sha256``; None when there is no store or it fails."""
    if store is None:
        return None
    try:
        return store.get_cached(export.sha256, kind, version)
    except Exception as error:  # the cache only saves time
        log.info("%s not read from the cache: %s", kind, error)
        return None


def put_cached_quietly(store: Any | None, export: Any, kind: str, version: int,
                       value: Any) -> None:
    """``store.put_cached`` for ``export.sha256``; nothing when there is no store or it fails."""
    if store is None:
        return
    try:
        store.put_cached(export.sha256, kind, version, value)
    except Exception as error:
        log.info("%s not cached: %s", kind, error)
