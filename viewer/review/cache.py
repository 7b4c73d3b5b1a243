"""What the review file keeps of computed analysis: voiceprints and cached results.

All of it can be computed again from the export, and it is what forgetting clears: an export
forgotten, or not opened for ``VOICE_RETENTION_DAYS``, loses its voice data here while the
marks and notes (the user's own words, holding no voiceprint) stay in the store.

These functions run under the store's lock, the writes inside its transaction (``db`` is its
connection).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

from viewer.review.values import chunks, ensure_export, sha, timestamp

#: Voice data (embeddings, clusters) of an export not opened for this long is deleted at the
#: next start: a voiceprint is biometric data, kept only while a review may still need it.
#: The marks and notes stay (they are the user's own words, and hold no voiceprint).
VOICE_RETENTION_DAYS = 90
#: Embedding length the current voice models produce (stored per row, so others still load).
EMBEDDING_DIMS = 256

#: An embeddings row ready to write: (member SHA-256, model, dims, little-endian float32
#: bytes, created_at).
EmbeddingRow = tuple[str, str, int, bytes, str]


# -- voiceprints ---------------------------------------------------------------------------

def pack_embeddings(model: str, vectors: Mapping[str, np.ndarray]) -> list[EmbeddingRow]:
    """Check every vector before anything is written and pack it as little-endian float32.

    1-D, non-empty, finite: a NaN would silently poison every similarity computed from it.
    """
    if not isinstance(model, str) or not model:
        raise ValueError("model must be a non-empty name")
    rows = []
    created = timestamp()
    for member, vector in vectors.items():
        array = np.asarray(vector)
        if array.ndim != 1 or array.size == 0:
            raise ValueError(f"embedding for {member} must be 1-D, got shape {array.shape}")
        packed = np.ascontiguousarray(array, dtype="<f4")
        if not np.isfinite(packed).all():
            raise ValueError(f"embedding for {member} holds NaN or infinity")
        rows.append((sha(member, "member"), model, packed.size, packed.tobytes(), created))
    return rows


def put_embeddings(db: sqlite3.Connection, rows: list[EmbeddingRow],
                   export: str | None) -> None:
    """Write packed rows (replacing any), owned by ``export`` when given."""
    if export is not None:
        own_embeddings(db, sha(export, "export"), [row[0] for row in rows])
    db.executemany(
        """INSERT INTO embeddings (member_sha256, model, dims, vector, created_at)
           VALUES (?, ?, ?, ?, ?)
           ON CONFLICT (member_sha256, model) DO UPDATE
           SET dims = excluded.dims, vector = excluded.vector,
           created_at = excluded.created_at""", rows)


def own_embeddings(db: sqlite3.Connection, export: str, members: list[str]) -> None:
    """Record that ``export`` (a checked key) uses these members' voiceprints."""
    ensure_export(db, export)
    db.executemany("INSERT OR IGNORE INTO embedding_owners (export_sha256, member_sha256) "
                   "VALUES (?, ?)", [(export, member) for member in members])


def get_embeddings(db: sqlite3.Connection, model: str,
                   shas: Iterable[str]) -> dict[str, np.ndarray]:
    """The stored vectors (float32, writable copies) of those members that have one."""
    wanted = list(dict.fromkeys(sha(member, "member") for member in shas))
    found: dict[str, np.ndarray] = {}
    for chunk in chunks(wanted):
        marks = ",".join("?" * len(chunk))
        for member, blob in db.execute(
                f"SELECT member_sha256, vector FROM embeddings WHERE model = ? "
                f"AND member_sha256 IN ({marks})", (model, *chunk)):
            found[member] = np.frombuffer(blob, dtype="<f4").astype(np.float32)
    return found


def delete_unowned_embeddings(db: sqlite3.Connection) -> None:
    db.execute("DELETE FROM embeddings WHERE member_sha256 NOT IN "
               "(SELECT member_sha256 FROM embedding_owners)")


def expire_voice_data(db: sqlite3.Connection, cutoff: str) -> list[str]:
    """Drop the voice data of exports last opened before ``cutoff`` (a stored time) and the
    voiceprints no export owns any more; returns the exports that lost theirs."""
    stale = [row[0] for row in db.execute(
        "SELECT sha256 FROM exports WHERE last_opened < ?", (cutoff,))]
    for export in stale:
        db.execute("DELETE FROM embedding_owners WHERE export_sha256 = ?", (export,))
        db.execute("DELETE FROM analysis_cache WHERE export_sha256 = ? AND kind LIKE "
                   "'voice%'", (export,))
    delete_unowned_embeddings(db)
    return stale


# -- analysis results ----------------------------------------------------------------------

def put_result(db: sqlite3.Connection, export: str, kind: str, version: int,
               document: str) -> None:
    """Cache a result (JSON text) for ``export`` (a checked key); other versions of the same
    kind are dropped (see ``ReviewStore.put_cached``)."""
    ensure_export(db, export)
    db.execute("DELETE FROM analysis_cache WHERE export_sha256 = ? AND kind = ?",
               (export, kind))
    db.execute("INSERT INTO analysis_cache (export_sha256, kind, version, document, "
               "updated_at) VALUES (?, ?, ?, ?, ?)", (export, kind, int(version), document,
                                                       timestamp()))


def get_result(db: sqlite3.Connection, export: str, kind: str, version: int) -> Any | None:
    """The cached result, or None if there is none for exactly this version."""
    row = db.execute(
        "SELECT document FROM analysis_cache WHERE export_sha256 = ? AND kind = ? "
        "AND version = ?", (sha(export, "export"), kind, int(version))).fetchone()
    return None if row is None else json.loads(row[0])
