"""The user's review of an export, kept in SQLite: marks, notes, profile, cached analysis, undo.

Everything is keyed by the export's SHA-256, not its file name: the same download renamed or
moved keeps its review; a new download of a changed export starts fresh.

Durability. The journal is a write-ahead log with ``synchronous=FULL``: a write that returned
has been committed and synced, so it survives the app being killed (``kill -9``) and a power
cut. Every write is one transaction (``BEGIN IMMEDIATE`` inside ``with self._db:``), so a
crash or an exception part-way leaves nothing of it behind: a cluster marked at once is
either wholly marked or not at all.

Threads. One connection and one re-entrant lock. Every public method holds the lock for its
whole body, so a read-then-write (the undo log reads the state it replaces) is atomic with
respect to the other thread, and the connection's transaction state is never shared by two
threads at once. The cost is that the GUI thread can wait for the worker's current
transaction; each is a few milliseconds (one cluster, one batch of embeddings), so a worker
writing many embeddings should pass them in batches. One connection per thread would let the
GUI read while the worker writes, but the two would then contend as writers through
``busy_timeout`` instead of a lock they both see, for no gain at this size. ``BEGIN
IMMEDIATE`` and the busy timeout still matter: they let a second instance of the app share
the file safely.

Undo. Every mark or note change is logged per export as one step with the exact before and
after rows (values and timestamps), so ``undo`` and ``redo`` restore the previous state
exactly, a cluster mark is one step, and the history survives a restart. A new change drops
the steps that were undone (as any editor does).
"""

from __future__ import annotations

import json
import logging
import os
import re
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from viewer.analysis.findings import Verdict
from viewer.review.paths import default_store_path, ensure_private_dir

log = logging.getLogger("viewer.review")

#: The schema this code writes. Older files are migrated on open; newer ones are refused.
SCHEMA_VERSION = 3
#: Voice data (embeddings, clusters) of an export not opened for this long is deleted at the
#: next start: a voiceprint is biometric data, kept only while a review may still need it.
#: The marks and notes stay (they are the user's own words, and hold no voiceprint).
VOICE_RETENTION_DAYS = 90
#: Embedding length the current voice models produce (stored per row, so others still load).
EMBEDDING_DIMS = 256
#: Steps of undo history kept per export; older ones are dropped.
UNDO_LIMIT = 1000
#: Format of the profile document when the caller does not say (theirs to interpret).
PROFILE_FORMAT = 1
#: Seconds to wait for another process's write before giving up.
BUSY_TIMEOUT = 10.0
#: Parameters per ``IN (...)`` query; below SQLite's oldest default limit of 999.
_CHUNK = 500

_SHA256 = re.compile(r"[0-9a-f]{64}")

#: An undo_steps row as undo/redo read it: (id, action, mark or None).
_StepRow = tuple[int, str, str | None]


class ReviewStoreError(Exception):
    """The review store cannot be opened or used. ``str(error)`` is the message to show."""


@dataclass(frozen=True, slots=True)
class ExportRecord:
    sha256: str
    display_name: str
    #: ISO 8601 UTC times.
    first_opened: str
    last_opened: str


@dataclass(frozen=True, slots=True)
class StoredProfile:
    document: dict[str, Any]
    #: The document's format, as given to ``save_profile`` (the profile code migrates it).
    format_version: int
    #: Counts saves of this profile (1, 2, ...): a cheap key for analysis cached against it.
    revision: int
    updated_at: str
    #: The export this is an override for; None for the user's own profile.
    export: str | None = None


@dataclass(frozen=True, slots=True)
class UndoStep:
    """One undoable change, as undo/redo report it (and a menu names it).

    ``description`` is English; a translated UI builds its own text from ``action``,
    ``mark`` and ``paths``.
    """

    #: "mark" or "note".
    action: str
    #: For "mark": the mark the step set (None = cleared). For "note": None.
    mark: Verdict | None
    #: The member paths the step changed (None = the note on the whole export).
    paths: tuple[str | None, ...]
    description: str


# Each migration is a list of statements run in one transaction with the version bump.
# (Not executescript: it commits first, which would split a migration across transactions.)
_MIGRATIONS: dict[int, tuple[str, ...]] = {
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
}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _sha(value: str, what: str) -> str:
    """A SHA-256 hex digest, lower-cased; anything else is a caller's bug (a path, say)."""
    if not isinstance(value, str) or not _SHA256.fullmatch(value.lower()):
        raise ValueError(f"{what} must be a SHA-256 hex digest, got {value!r}")
    return value.lower()


def _mark(value: str | Verdict | None) -> Verdict | None:
    if value is None:
        return None
    try:
        return Verdict(value)
    except ValueError:
        choices = ", ".join(repr(str(item)) for item in Verdict)
        raise ValueError(f"a mark is one of {choices} or None, got {value!r}") from None


def _path(value: str) -> str:
    if not isinstance(value, str) or not value:
        raise ValueError(f"a member path must be a non-empty string, got {value!r}")
    return value


def _dump(value: Any) -> str:
    # allow_nan=False: NaN is not JSON, and another reader of the file would choke on it.
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _CHUNK):
        yield items[start:start + _CHUNK]


class ReviewStore:
    """Review state for every export the user opened, in one SQLite file.

    Usable from the GUI thread and a background worker at once (see the module docstring).
    Close it (or use it as a context manager) when the app quits; a kill loses nothing that
    a method had returned from.
    """

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._db = self._connect(self.path)
        try:
            self._configure()
            self._migrate()
            self.expire_voice_data()
        except sqlite3.DatabaseError as error:
            self._db.close()
            raise ReviewStoreError(
                f"The review file {self.path} cannot be read ({error}). Move it aside to "
                "start a fresh review; the exports themselves are not affected.") from error
        except BaseException:
            self._db.close()
            raise

    @classmethod
    def open_default(cls) -> ReviewStore:
        """The store in the user's data folder (created 0700 if missing)."""
        return cls(default_store_path())

    # -- lifecycle -------------------------------------------------------------------------

    @staticmethod
    def _connect(path: Path) -> sqlite3.Connection:
        try:
            ensure_private_dir(path.parent)
            if not path.exists() and os.name == "posix":
                # SQLite gives the -wal and -shm files the database file's mode, so creating
                # it 0600 keeps all three private whatever the umask.
                os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
            # isolation_level=None: we issue BEGIN IMMEDIATE ourselves (below), so the write
            # lock is taken before the undo log reads the state it is about to replace.
            return sqlite3.connect(path, timeout=BUSY_TIMEOUT, isolation_level=None,
                                   check_same_thread=False)
        except (OSError, sqlite3.Error) as error:
            raise ReviewStoreError(
                f"The review file {path} cannot be opened ({error}).") from error

    def _configure(self) -> None:
        # Outside any transaction: journal_mode and foreign_keys are no-ops inside one.
        mode = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            # Some network file systems cannot share WAL memory; the rollback journal is
            # slower but just as safe.
            log.warning("review store %s: journal mode %s, not WAL", self.path, mode)
        self._db.execute("PRAGMA synchronous=FULL")
        self._db.execute("PRAGMA foreign_keys=ON")
        # Deleted rows are overwritten with zeros, not left in free pages: forgetting a
        # voiceprint must not leave it readable in the file.
        self._db.execute("PRAGMA secure_delete=ON")

    def _migrate(self) -> None:
        with self._write() as db:
            db.execute("""CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY,
                applied_at TEXT NOT NULL
            )""")
            current = db.execute("SELECT max(version) FROM schema_version").fetchone()[0] or 0
            if current > SCHEMA_VERSION:
                raise ReviewStoreError(
                    f"The review file {self.path} was written by a newer version of Export "
                    f"Viewer (schema {current}; this one knows {SCHEMA_VERSION}). Update the "
                    "app to open it.")
            for version in range(current + 1, SCHEMA_VERSION + 1):
                for statement in _MIGRATIONS[version]:
                    db.execute(statement)
                db.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                           (version, _now()))
                log.info("review store %s: migrated to schema %d", self.path, version)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> ReviewStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT max(version) FROM schema_version").fetchone()
            return int(row[0] or 0)

    def integrity_check(self) -> str:
        """SQLite's own check: "ok", or the first problems it found."""
        with self._lock:
            rows = self._db.execute("PRAGMA integrity_check").fetchall()
            return "\n".join(str(row[0]) for row in rows)

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: commits on success, rolls back on any exception.

        ``with self._db`` commits or rolls back whatever transaction is open; BEGIN IMMEDIATE
        takes SQLite's write lock up front, so another process cannot change what this
        transaction read before it writes (a deferred BEGIN would fail with "database is
        locked" on the upgrade instead of waiting).
        """
        with self._lock, self._db:
            self._db.execute("BEGIN IMMEDIATE")
            yield self._db

    # -- exports ---------------------------------------------------------------------------

    def remember_export(self, sha256: str, name: str) -> None:
        """Note that the user opened this export (under this name, now)."""
        export = _sha(sha256, "export")
        now = _now()
        with self._write() as db:
            db.execute(
                """INSERT INTO exports (sha256, display_name, first_opened, last_opened)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT (sha256) DO UPDATE
                   SET display_name = excluded.display_name, last_opened = excluded.last_opened""",
                (export, name, now, now))

    def exports(self) -> list[ExportRecord]:
        """Every export with review state, most recently opened first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT sha256, display_name, first_opened, last_opened FROM exports "
                "ORDER BY last_opened DESC").fetchall()
        return [ExportRecord(*row) for row in rows]

    def forget_export(self, sha256: str) -> None:
        """Delete this export's review (marks, notes, override, cache, undo history) and the
        voiceprints computed for it that no other remembered export needs."""
        export = _sha(sha256, "export")
        with self._write() as db:
            db.execute("DELETE FROM exports WHERE sha256 = ?", (export,))
            self._delete_unowned_embeddings(db)
        self._flush_deleted()

    def forget_everything(self) -> None:
        """Delete every review, the profile, every voiceprint, every cached analysis and every
        case (viewer/cases/)."""
        with self._write() as db:
            for table in ("exports", "profile", "embeddings", "cases"):
                db.execute(f"DELETE FROM {table}")  # the rest cascades from exports, cases
        self._flush_deleted()
        with self._lock:
            self._db.execute("VACUUM")

    def expire_voice_data(self, days: int = VOICE_RETENTION_DAYS,
                          now: datetime | None = None) -> int:
        """Delete the voice data of exports not opened for ``days`` (see
        ``VOICE_RETENTION_DAYS``); returns how many exports lost it."""
        cutoff = ((now or datetime.now(UTC)) - timedelta(days=days)).isoformat(
            timespec="microseconds")
        with self._write() as db:
            stale = [row[0] for row in db.execute(
                "SELECT sha256 FROM exports WHERE last_opened < ?", (cutoff,))]
            for export in stale:
                db.execute("DELETE FROM embedding_owners WHERE export_sha256 = ?", (export,))
                db.execute("DELETE FROM analysis_cache WHERE export_sha256 = ? AND kind LIKE "
                           "'voice%'", (export,))
            self._delete_unowned_embeddings(db)
        if stale:
            self._flush_deleted()
        return len(stale)

    @staticmethod
    def _delete_unowned_embeddings(db: sqlite3.Connection) -> None:
        db.execute("DELETE FROM embeddings WHERE member_sha256 NOT IN "
                   "(SELECT member_sha256 FROM embedding_owners)")

    def _flush_deleted(self) -> None:
        # The write-ahead log still holds the pages as they were before the delete; copy
        # them back into the (zeroed) database and empty the log.
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    @staticmethod
    def _ensure_export(db: sqlite3.Connection, export: str) -> None:
        # A mark must never be lost because remember_export was not called first; the name
        # is only a label and the next remember_export fills it in.
        now = _now()
        db.execute("INSERT OR IGNORE INTO exports (sha256, display_name, first_opened, "
                   "last_opened) VALUES (?, '', ?, ?)", (export, now, now))

    # -- marks -----------------------------------------------------------------------------

    def set_mark(self, export: str, path: str, mark: str | Verdict | None) -> bool:
        """Mark one recording ("mine", "not-mine", "unsure"; None clears). One undo step.

        Returns False (and records no step) when the recording already had that mark.
        """
        return self.set_marks(export, [path], mark) > 0

    def set_marks(self, export: str, paths: Iterable[str], mark: str | Verdict | None) -> int:
        """Give many recordings (a cluster) the same mark, as ONE transaction and ONE undo step.

        Returns how many recordings changed; those already carrying ``mark`` are left alone
        (their timestamps too) and are not part of the step.
        """
        export = _sha(export, "export")
        value = _mark(mark)
        wanted = list(dict.fromkeys(_path(path) for path in paths))
        with self._write() as db:
            self._ensure_export(db, export)
            current: dict[str, tuple[str, str]] = {}
            for chunk in _chunks(wanted):
                current.update((path, (old, at)) for path, old, at in db.execute(
                    "SELECT path, mark, updated_at FROM marks WHERE export_sha256 = ? AND path "
                    f"IN ({','.join('?' * len(chunk))})", (export, *chunk)))
            now = _now()
            after = (None, None) if value is None else (str(value), now)
            changes = [(path, *current.get(path, (None, None)), *after) for path in wanted
                       if current.get(path, (None, None))[0] != after[0]]
            if not changes:
                return 0
            step = self._new_step(db, export, "mark", value)
            db.executemany(
                "INSERT INTO undo_changes (step_id, seq, path, before_value, before_updated_at,"
                " after_value, after_updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(step, seq, *change) for seq, change in enumerate(changes)])
            self._apply_marks(db, export, [(path, new, at)
                                           for path, _old, _old_at, new, at in changes])
            return len(changes)

    def marks(self, export: str) -> dict[str, Verdict]:
        """Every marked recording of the export and its mark (cleared ones are absent)."""
        export = _sha(export, "export")
        with self._lock:
            rows = self._db.execute(
                "SELECT path, mark FROM marks WHERE export_sha256 = ?", (export,)).fetchall()
        return {path: Verdict(mark) for path, mark in rows}

    @staticmethod
    def _apply_marks(db: sqlite3.Connection, export: str,
                     rows: list[tuple[str, str | None, str | None]]) -> None:
        """Set each (path, mark or None, updated_at) exactly as given."""
        db.executemany("DELETE FROM marks WHERE export_sha256 = ? AND path = ?",
                       [(export, path) for path, value, _at in rows if value is None])
        db.executemany(
            """INSERT INTO marks (export_sha256, path, mark, updated_at) VALUES (?, ?, ?, ?)
               ON CONFLICT (export_sha256, path) DO UPDATE
               SET mark = excluded.mark, updated_at = excluded.updated_at""",
            [(export, path, str(value), at) for path, value, at in rows if value is not None])

    # -- notes -----------------------------------------------------------------------------

    def set_note(self, export: str, path: str | None, text: str | None) -> bool:
        """Set the note on a recording (``path=None``: on the whole export). One undo step.

        Empty or None text removes the note. Returns False when nothing changed.
        """
        export = _sha(export, "export")
        member = None if path is None else _path(path)
        value = text or None
        with self._write() as db:
            self._ensure_export(db, export)
            row = db.execute("SELECT text, updated_at FROM notes WHERE export_sha256 = ? "
                             "AND path IS ?", (export, member)).fetchone()
            before, before_at = row if row else (None, None)
            if before == value:
                return False
            now = None if value is None else _now()
            step = self._new_step(db, export, "note", None)
            db.execute(
                "INSERT INTO undo_changes (step_id, seq, path, before_value, before_updated_at,"
                " after_value, after_updated_at) VALUES (?, 0, ?, ?, ?, ?, ?)",
                (step, member, before, before_at, value, now))
            self._apply_note(db, export, member, value, now)
            return True

    def notes(self, export: str) -> dict[str | None, str]:
        """Every note of the export: member path (None for the export itself) to text."""
        export = _sha(export, "export")
        with self._lock:
            rows = self._db.execute(
                "SELECT path, text FROM notes WHERE export_sha256 = ?", (export,)).fetchall()
        return dict(rows)

    @staticmethod
    def _apply_note(db: sqlite3.Connection, export: str, path: str | None, text: str | None,
                    updated_at: str | None) -> None:
        db.execute("DELETE FROM notes WHERE export_sha256 = ? AND path IS ?", (export, path))
        if text is not None:
            db.execute("INSERT INTO notes (export_sha256, path, text, updated_at) "
                       "VALUES (?, ?, ?, ?)", (export, path, text, updated_at))

    # -- undo ------------------------------------------------------------------------------

    def _new_step(self, db: sqlite3.Connection, export: str, action: str,
                  mark: Verdict | None) -> int:
        """Open a step on the undo stack; a new change discards what was undone."""
        db.execute("DELETE FROM undo_steps WHERE export_sha256 = ? AND state = 'undone'",
                   (export,))
        cursor = db.execute(
            "INSERT INTO undo_steps (export_sha256, action, mark, state, created_at) "
            "VALUES (?, ?, ?, 'done', ?)",
            (export, action, None if mark is None else str(mark), _now()))
        step = int(cursor.lastrowid or 0)
        db.execute(
            """DELETE FROM undo_steps WHERE export_sha256 = ? AND id <= (
                   SELECT id FROM undo_steps WHERE export_sha256 = ?
                   ORDER BY id DESC LIMIT 1 OFFSET ?)""",
            (export, export, UNDO_LIMIT))
        return step

    def _find_step(self, db: sqlite3.Connection, export: str,
                   redo: bool) -> _StepRow | None:
        # Undone steps always form the newest end of the history (a new change deletes them),
        # so undo takes the newest done step and redo the oldest undone one.
        if redo:
            query = ("SELECT id, action, mark FROM undo_steps WHERE export_sha256 = ? "
                     "AND state = 'undone' ORDER BY id ASC LIMIT 1")
        else:
            query = ("SELECT id, action, mark FROM undo_steps WHERE export_sha256 = ? "
                     "AND state = 'done' ORDER BY id DESC LIMIT 1")
        return db.execute(query, (export,)).fetchone()

    def _describe(self, db: sqlite3.Connection, row: _StepRow) -> UndoStep:
        step, action, mark = row
        paths = tuple(path for (path,) in db.execute(
            "SELECT path FROM undo_changes WHERE step_id = ? ORDER BY seq", (step,)))
        verdict = None if mark is None else Verdict(mark)
        if action == "note":
            target = "the export" if paths[0] is None else f'"{paths[0]}"'
            description = f"Edit the note on {target}"
        else:
            target = f'"{paths[0]}"' if len(paths) == 1 else f"{len(paths)} recordings"
            description = (f"Clear the mark on {target}" if verdict is None
                           else f"Mark {target} as {verdict.value}")
        return UndoStep(action, verdict, paths, description)

    def peek_undo(self, export: str) -> UndoStep | None:
        """What ``undo`` would undo (for the menu's text), or None."""
        return self._peek(export, redo=False)

    def peek_redo(self, export: str) -> UndoStep | None:
        """What ``redo`` would redo, or None."""
        return self._peek(export, redo=True)

    def _peek(self, export: str, redo: bool) -> UndoStep | None:
        export = _sha(export, "export")
        with self._lock:
            row = self._find_step(self._db, export, redo)
            return None if row is None else self._describe(self._db, row)

    def undo(self, export: str) -> UndoStep | None:
        """Put back the state before the newest change to this export; None if none is left."""
        return self._travel(export, redo=False)

    def redo(self, export: str) -> UndoStep | None:
        """Reapply the change most recently undone; None if there is none."""
        return self._travel(export, redo=True)

    def _travel(self, export: str, redo: bool) -> UndoStep | None:
        export = _sha(export, "export")
        with self._write() as db:
            row = self._find_step(db, export, redo)
            if row is None:
                return None
            step, action, _mark_value = row
            changes = db.execute(
                "SELECT path, before_value, before_updated_at, after_value, after_updated_at "
                "FROM undo_changes WHERE step_id = ? ORDER BY seq", (step,)).fetchall()
            rows = [(path, after, after_at) if redo else (path, before, before_at)
                    for path, before, before_at, after, after_at in changes]
            if action == "mark":
                self._apply_marks(db, export, [(path, _mark(value), at)
                                               for path, value, at in rows])
            else:
                for path, value, at in rows:
                    self._apply_note(db, export, path, value, at)
            db.execute("UPDATE undo_steps SET state = ? WHERE id = ?",
                       ("done" if redo else "undone", step))
            return self._describe(db, row)

    # -- profile ---------------------------------------------------------------------------

    def save_profile(self, profile: Mapping[str, Any], *, export: str | None = None,
                     format_version: int = PROFILE_FORMAT) -> int:
        """Save the user's profile (or, with ``export``, an override for that export only).

        The profile is the user's, shared by every export; an override is for the rare export
        where it does not fit (another person's account opened on purpose). Returns the new
        revision. Must be JSON (no NaN); arrays belong in the embeddings table.
        """
        document = _dump(dict(profile))
        now = _now()
        with self._write() as db:
            if export is None:
                db.execute(
                    """INSERT INTO profile (id, format_version, revision, document, updated_at)
                       VALUES (1, ?, 1, ?, ?)
                       ON CONFLICT (id) DO UPDATE SET format_version = excluded.format_version,
                       revision = revision + 1, document = excluded.document,
                       updated_at = excluded.updated_at""",
                    (format_version, document, now))
                return int(db.execute("SELECT revision FROM profile").fetchone()[0])
            key = _sha(export, "export")
            self._ensure_export(db, key)
            db.execute(
                """INSERT INTO profile_overrides
                   (export_sha256, format_version, revision, document, updated_at)
                   VALUES (?, ?, 1, ?, ?)
                   ON CONFLICT (export_sha256) DO UPDATE
                   SET format_version = excluded.format_version, revision = revision + 1,
                   document = excluded.document, updated_at = excluded.updated_at""",
                (key, format_version, document, now))
            return int(db.execute("SELECT revision FROM profile_overrides WHERE "
                                  "export_sha256 = ?", (key,)).fetchone()[0])

    def load_profile(self, export: str | None = None) -> dict[str, Any] | None:
        """The profile to use: with ``export``, its override if any, else the user's."""
        stored = self.load_profile_record(export)
        return None if stored is None else stored.document

    def load_profile_record(self, export: str | None = None) -> StoredProfile | None:
        """Like ``load_profile``, with the format version and revision it was saved with."""
        with self._lock:
            if export is not None:
                key = _sha(export, "export")
                row = self._db.execute(
                    "SELECT document, format_version, revision, updated_at FROM "
                    "profile_overrides WHERE export_sha256 = ?", (key,)).fetchone()
                if row is not None:
                    return StoredProfile(json.loads(row[0]), row[1], row[2], row[3], key)
            row = self._db.execute("SELECT document, format_version, revision, updated_at "
                                   "FROM profile WHERE id = 1").fetchone()
        return None if row is None else StoredProfile(json.loads(row[0]), *row[1:])

    def clear_profile_override(self, export: str) -> None:
        """Go back to the user's own profile for this export."""
        key = _sha(export, "export")
        with self._write() as db:
            db.execute("DELETE FROM profile_overrides WHERE export_sha256 = ?", (key,))

    # -- embeddings ------------------------------------------------------------------------

    def put_embeddings(self, model: str, vectors: Mapping[str, np.ndarray], *,
                       export: str | None = None) -> int:
        """Store one vector per member SHA-256 for ``model`` (replacing any), in one transaction.

        ``export``: the export they were computed for. A voiceprint no remembered export owns
        is deleted at the next start (and at every forget), so callers that keep them pass it.

        Stored as little-endian float32, so float32 input comes back bit for bit. Every
        vector is checked before anything is written: 1-D, non-empty, finite (a NaN would
        silently poison every similarity computed from it). Returns how many were stored.
        """
        if not isinstance(model, str) or not model:
            raise ValueError("model must be a non-empty name")
        rows = []
        now = _now()
        for sha, vector in vectors.items():
            array = np.asarray(vector)
            if array.ndim != 1 or array.size == 0:
                raise ValueError(f"embedding for {sha} must be 1-D, got shape {array.shape}")
            packed = np.ascontiguousarray(array, dtype="<f4")
            if not np.isfinite(packed).all():
                raise ValueError(f"embedding for {sha} holds NaN or infinity")
            rows.append((_sha(sha, "member"), model, packed.size, packed.tobytes(), now))
        if not rows:
            return 0
        with self._write() as db:
            if export is not None:
                self._own(db, _sha(export, "export"), [row[0] for row in rows])
            db.executemany(
                """INSERT INTO embeddings (member_sha256, model, dims, vector, created_at)
                   VALUES (?, ?, ?, ?, ?)
                   ON CONFLICT (member_sha256, model) DO UPDATE
                   SET dims = excluded.dims, vector = excluded.vector,
                   created_at = excluded.created_at""", rows)
        return len(rows)

    def own_embeddings(self, export: str, shas: Iterable[str]) -> None:
        """Record that ``export`` uses these members' voiceprints (found cached from another
        export), so forgetting the other keeps them while this one needs them."""
        members = [_sha(sha, "member") for sha in shas]
        if members:
            with self._write() as db:
                self._own(db, _sha(export, "export"), members)

    def _own(self, db: sqlite3.Connection, export: str, members: list[str]) -> None:
        self._ensure_export(db, export)
        db.executemany("INSERT OR IGNORE INTO embedding_owners (export_sha256, member_sha256) "
                       "VALUES (?, ?)", [(export, member) for member in members])

    def get_embeddings(self, model: str, shas: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored vectors (float32, writable copies) of those members that have one.

        Members without a vector for ``model`` are simply absent: the caller embeds those.
        """
        wanted = list(dict.fromkeys(_sha(sha, "member") for sha in shas))
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for chunk in _chunks(wanted):
                marks = ",".join("?" * len(chunk))
                for sha, blob in self._db.execute(
                        f"SELECT member_sha256, vector FROM embeddings WHERE model = ? "
                        f"AND member_sha256 IN ({marks})", (model, *chunk)):
                    found[sha] = np.frombuffer(blob, dtype="<f4").astype(np.float32)
        return found

    # -- cached analysis -------------------------------------------------------------------

    def put_cached(self, export: str, kind: str, version: int, value: Any) -> None:
        """Cache a JSON result of kind ``kind`` computed by code at ``version`` for the export.

        Other versions of the same kind are dropped: a result from older analysis code is
        never wanted again, and keeping them would grow the file on every upgrade.
        """
        key = _sha(export, "export")
        document = _dump(value)
        with self._write() as db:
            self._ensure_export(db, key)
            db.execute("DELETE FROM analysis_cache WHERE export_sha256 = ? AND kind = ?",
                       (key, kind))
            db.execute("INSERT INTO analysis_cache (export_sha256, kind, version, document, "
                       "updated_at) VALUES (?, ?, ?, ?, ?)",
                       (key, kind, int(version), document, _now()))

    def get_cached(self, export: str, kind: str, version: int) -> Any | None:
        """The cached result, or None if there is none for exactly this version."""
        key = _sha(export, "export")
        with self._lock:
            row = self._db.execute(
                "SELECT document FROM analysis_cache WHERE export_sha256 = ? AND kind = ? "
                "AND version = ?", (key, kind, int(version))).fetchone()
        return None if row is None else json.loads(row[0])
