"""The review file's tables, and the numbered migrations that build them.

A migration is a tuple of SQL statements; the store runs each in one transaction with the
version bump (``migrate``), so a file is at one numbered schema or the one before, never
between. To change the schema, append the next number to ``MIGRATIONS``: ``SCHEMA_VERSION``
follows, files at any older version are brought up step by step on open, and a file from a
newer app is refused. A step that has shipped is never edited: files already past it would
not run it again.
"""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

from viewer.review.errors import ReviewStoreError
from viewer.review.values import timestamp

log = logging.getLogger("viewer.review")

#: Version -> its statements, run in one transaction with the version bump. (Not
#: executescript: it commits first, which would split a migration across transactions.)
MIGRATIONS: dict[int, tuple[str, ...]] = {
    1: (
        """CREATE TABLE exports (
            sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
            display_name TEXT NOT NULL,
            first_opened TEXT NOT NULL,
            last_opened TEXT NOT NULL
        )""",
        """CREATE TABLE marks (
            export_sha256 TEXT NOT NULL REFERENCES exports(sha256) ON DELETE CASCADE,
            path TEXT NOT NULL,
            mark TEXT NOT NULL CHECK (mark IN ('mine', 'not-mine', 'unsure')),
            updated_at TEXT NOT NULL,
            PRIMARY KEY (export_sha256, path)
        ) WITHOUT ROWID""",
        # path NULL = the note on the whole export. NULLs are distinct in a primary key, so
        # uniqueness comes from an index on ifnull(path, '') (member paths are never empty).
        """CREATE TABLE notes (
            export_sha256 TEXT NOT NULL REFERENCES exports(sha256) ON DELETE CASCADE,
            path TEXT CHECK (path IS NULL OR path <> ''),
            text TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        "CREATE UNIQUE INDEX notes_key ON notes (export_sha256, ifnull(path, ''))",
        """CREATE TABLE profile (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            format_version INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            document TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        """CREATE TABLE profile_overrides (
            export_sha256 TEXT PRIMARY KEY REFERENCES exports(sha256) ON DELETE CASCADE,
            format_version INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            document TEXT NOT NULL,
            updated_at TEXT NOT NULL
        )""",
        # Keyed by the member's content, not by export: the same file in two exports (or
        # in a re-download) is embedded once. Not tied to exports, so forgetting an export
        # keeps them (they describe audio, not the user's review).
        """CREATE TABLE embeddings (
            member_sha256 TEXT NOT NULL CHECK (length(member_sha256) = 64),
            model TEXT NOT NULL,
            dims INTEGER NOT NULL CHECK (dims > 0),
            vector BLOB NOT NULL CHECK (length(vector) = 4 * dims),
            created_at TEXT NOT NULL,
            PRIMARY KEY (member_sha256, model)
        ) WITHOUT ROWID""",
        """CREATE TABLE analysis_cache (
            export_sha256 TEXT NOT NULL REFERENCES exports(sha256) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            version INTEGER NOT NULL,
            document TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (export_sha256, kind, version)
        ) WITHOUT ROWID""",
        # state: 'done' (on the undo stack) or 'undone' (on the redo stack).
        """CREATE TABLE undo_steps (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            export_sha256 TEXT NOT NULL REFERENCES exports(sha256) ON DELETE CASCADE,
            action TEXT NOT NULL CHECK (action IN ('mark', 'note')),
            mark TEXT,
            state TEXT NOT NULL CHECK (state IN ('done', 'undone')),
            created_at TEXT NOT NULL
        )""",
        # The first serves undo/redo (newest done, oldest undone), the second pruning.
        "CREATE INDEX undo_steps_state ON undo_steps (export_sha256, state, id)",
        "CREATE INDEX undo_steps_export ON undo_steps (export_sha256, id)",
        # before_* / after_*: the row's value and updated_at; NULL value = no row.
        """CREATE TABLE undo_changes (
            step_id INTEGER NOT NULL REFERENCES undo_steps(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            path TEXT,
            before_value TEXT,
            before_updated_at TEXT,
            after_value TEXT,
            after_updated_at TEXT,
            PRIMARY KEY (step_id, seq)
        ) WITHOUT ROWID""",
    ),
    2: (
        # Which export each voiceprint was computed for: forgetting an export (or its voice
        # data expiring) deletes the voiceprints no other remembered export needs.
        """CREATE TABLE embedding_owners (
            export_sha256 TEXT NOT NULL REFERENCES exports(sha256) ON DELETE CASCADE,
            member_sha256 TEXT NOT NULL CHECK (length(member_sha256) = 64),
            PRIMARY KEY (export_sha256, member_sha256)
        ) WITHOUT ROWID""",
        "CREATE INDEX embedding_owners_member ON embedding_owners (member_sha256)",
        # Schema 1 kept voiceprints with no owner at all: they go (recomputed when needed).
        "DELETE FROM embeddings",
    ),
    3: (
        # Cases (viewer/cases/): each report followed until the company answers. Not tied to
        # exports: forgetting an export's review keeps the case; "forget everything" and
        # deleting the case remove it. ``report`` and ``own_files`` are JSON written once
        # (hashes, sizes, reason codes, counts: never content); the rest changes.
        """CREATE TABLE cases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            export_sha256 TEXT NOT NULL CHECK (length(export_sha256) = 64),
            created_at TEXT NOT NULL,
            report TEXT NOT NULL,
            own_files TEXT NOT NULL,
            sent_on TEXT,
            extended_on TEXT,
            answered_on TEXT,
            answer_note TEXT NOT NULL DEFAULT '',
            closed_on TEXT,
            comparison TEXT
        )""",
        """CREATE TABLE case_events (
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            day TEXT NOT NULL,
            kind TEXT NOT NULL,
            detail TEXT NOT NULL,
            PRIMARY KEY (case_id, seq)
        ) WITHOUT ROWID""",
    ),
}

#: The schema this code writes. Older files are migrated on open; newer ones are refused.
SCHEMA_VERSION = max(MIGRATIONS)


def migrate(db: sqlite3.Connection, path: Path) -> None:
    """Bring the file at ``path`` to ``SCHEMA_VERSION``, inside the caller's transaction.

    Each missing step runs in order, its statements then its row in ``schema_version``; a
    file written by a newer app raises ``ReviewStoreError`` before anything is changed.
    """
    db.execute("""CREATE TABLE IF NOT EXISTS schema_version (
        version INTEGER PRIMARY KEY,
        applied_at TEXT NOT NULL
    )""")
    current = db.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0
    if current > SCHEMA_VERSION:
        raise ReviewStoreError(
            f"The review file {path} was written by a newer version of Export "
            f"Viewer (schema {current}; this one knows {SCHEMA_VERSION}). Update the "
            "app to open it.")
    for version in range(current + 1, SCHEMA_VERSION + 1):
        for statement in MIGRATIONS[version]:
            db.execute(statement)
        db.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                   (version, timestamp()))
        log.info("review store %s: migrated to schema %d", path, version)
