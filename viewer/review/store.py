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

The parts. The tables and their numbered migrations are in ``schema``, the undo journal in
``undo``, the voiceprints and cached results (what forgetting clears) in ``cache``; this
class owns the connection, its lock and transactions, and is the one way in.
"""

from __future__ import annotations

import json
import logging
import os
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
from viewer.review import cache, schema, undo
from viewer.review.cache import VOICE_RETENTION_DAYS
from viewer.review.errors import ReviewStoreError
from viewer.review.undo import UndoStep
from viewer.review.values import chunks, dump, ensure_export, member_path, sha, timestamp
from viewer.review.values import mark as checked_mark
from viewer.userdirs import ensure_private_dir, user_data_dir

log = logging.getLogger("viewer.review")

#: Format of the profile document when the caller does not say (theirs to interpret).
PROFILE_FORMAT = 1
#: Seconds to wait for another process's write before giving up.
BUSY_TIMEOUT = 10.0
#: The review database inside the user's data folder.
STORE_FILE = "review.sqlite3"


def default_store_path() -> Path:
    """``<user data folder>/review.sqlite3``, creating the folder (0700) if needed."""
    return user_data_dir(create=True) / STORE_FILE


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
            schema.migrate(db, self.path)

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
        export = sha(sha256, "export")
        moment = timestamp()
        with self._write() as db:
            db.execute(
                """INSERT INTO exports (sha256, display_name, first_opened, last_opened)
                   VALUES (?, ?, ?, ?)
                   ON CONFLICT (sha256) DO UPDATE
                   SET display_name = excluded.display_name, last_opened = excluded.last_opened""",
                (export, name, moment, moment))

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
        export = sha(sha256, "export")
        with self._write() as db:
            db.execute("DELETE FROM exports WHERE sha256 = ?", (export,))
            cache.delete_unowned_embeddings(db)
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
            stale = cache.expire_voice_data(db, cutoff)
        if stale:
            self._flush_deleted()
        return len(stale)

    def _flush_deleted(self) -> None:
        # The write-ahead log still holds the pages as they were before the delete; copy
        # them back into the (zeroed) database and empty the log.
        with self._lock:
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")

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
        export = sha(export, "export")
        value = checked_mark(mark)
        wanted = list(dict.fromkeys(member_path(path) for path in paths))
        with self._write() as db:
            ensure_export(db, export)
            current: dict[str, tuple[str, str]] = {}
            for chunk in chunks(wanted):
                current.update((path, (old, at)) for path, old, at in db.execute(
                    "SELECT path, mark, updated_at FROM marks WHERE export_sha256 = ? AND path "
                    f"IN ({','.join('?' * len(chunk))})", (export, *chunk)))
            after = (None, None) if value is None else (str(value), timestamp())
            changes = [(path, *current.get(path, (None, None)), *after) for path in wanted
                       if current.get(path, (None, None))[0] != after[0]]
            if not changes:
                return 0
            undo.record_step(db, export, "mark", value, changes)
            undo.apply_marks(db, export, [(path, new, at)
                                          for path, _old, _old_at, new, at in changes])
            return len(changes)

    def marks(self, export: str) -> dict[str, Verdict]:
        """Every marked recording of the export and its mark (cleared ones are absent)."""
        export = sha(export, "export")
        with self._lock:
            rows = self._db.execute(
                "SELECT path, mark FROM marks WHERE export_sha256 = ?", (export,)).fetchall()
        return {path: Verdict(mark) for path, mark in rows}

    # -- notes -----------------------------------------------------------------------------

    def set_note(self, export: str, path: str | None, text: str | None) -> bool:
        """Set the note on a recording (``path=None``: on the whole export). One undo step.

        Empty or None text removes the note. Returns False when nothing changed.
        """
        export = sha(export, "export")
        member = None if path is None else member_path(path)
        value = text or None
        with self._write() as db:
            ensure_export(db, export)
            row = db.execute("SELECT text, updated_at FROM notes WHERE export_sha256 = ? "
                             "AND path IS ?", (export, member)).fetchone()
            before, before_at = row if row else (None, None)
            if before == value:
                return False
            at = None if value is None else timestamp()
            undo.record_step(db, export, "note", None, [(member, before, before_at, value, at)])
            undo.apply_note(db, export, member, value, at)
            return True

    def notes(self, export: str) -> dict[str | None, str]:
        """Every note of the export: member path (None for the export itself) to text."""
        export = sha(export, "export")
        with self._lock:
            rows = self._db.execute(
                "SELECT path, text FROM notes WHERE export_sha256 = ?", (export,)).fetchall()
        return dict(rows)

    # -- undo ------------------------------------------------------------------------------

    def peek_undo(self, export: str) -> UndoStep | None:
        """What ``undo`` would undo (for the menu's text), or None."""
        return self._peek(export, redo=False)

    def peek_redo(self, export: str) -> UndoStep | None:
        """What ``redo`` would redo, or None."""
        return self._peek(export, redo=True)

    def _peek(self, export: str, redo: bool) -> UndoStep | None:
        export = sha(export, "export")
        with self._lock:
            return undo.peek(self._db, export, redo)

    def undo(self, export: str) -> UndoStep | None:
        """Put back the state before the newest change to this export; None if none is left."""
        return self._travel(export, redo=False)

    def redo(self, export: str) -> UndoStep | None:
        """Reapply the change most recently undone; None if there is none."""
        return self._travel(export, redo=True)

    def _travel(self, export: str, redo: bool) -> UndoStep | None:
        export = sha(export, "export")
        with self._write() as db:
            return undo.travel(db, export, redo)

    # -- profile ---------------------------------------------------------------------------

    def save_profile(self, profile: Mapping[str, Any], *, export: str | None = None,
                     format_version: int = PROFILE_FORMAT) -> int:
        """Save the user's profile (or, with ``export``, an override for that export only).

        The profile is the user's, shared by every export; an override is for the rare export
        where it does not fit (another person's account opened on purpose). Returns the new
        revision. Must be JSON (no NaN); arrays belong in the embeddings table.
        """
        document = dump(dict(profile))
        moment = timestamp()
        with self._write() as db:
            if export is None:
                db.execute(
                    """INSERT INTO profile (id, format_version, revision, document, updated_at)
                       VALUES (1, ?, 1, ?, ?)
                       ON CONFLICT (id) DO UPDATE SET format_version = excluded.format_version,
                       revision = revision + 1, document = excluded.document,
                       updated_at = excluded.updated_at""",
                    (format_version, document, moment))
                return int(db.execute("SELECT revision FROM profile").fetchone()[0])
            key = sha(export, "export")
            ensure_export(db, key)
            db.execute(
                """INSERT INTO profile_overrides
                   (export_sha256, format_version, revision, document, updated_at)
                   VALUES (?, ?, 1, ?, ?)
                   ON CONFLICT (export_sha256) DO UPDATE
                   SET format_version = excluded.format_version, revision = revision + 1,
                   document = excluded.document, updated_at = excluded.updated_at""",
                (key, format_version, document, moment))
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
                key = sha(export, "export")
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
        key = sha(export, "export")
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
        rows = cache.pack_embeddings(model, vectors)
        if not rows:
            return 0
        with self._write() as db:
            cache.put_embeddings(db, rows, export)
        return len(rows)

    def own_embeddings(self, export: str, shas: Iterable[str]) -> None:
        """Record that ``export`` uses these members' voiceprints (found cached from another
        export), so forgetting the other keeps them while this one needs them."""
        members = [sha(member, "member") for member in shas]
        if members:
            with self._write() as db:
                cache.own_embeddings(db, sha(export, "export"), members)

    def get_embeddings(self, model: str, shas: Iterable[str]) -> dict[str, np.ndarray]:
        """The stored vectors (float32, writable copies) of those members that have one.

        Members without a vector for ``model`` are simply absent: the caller embeds those.
        """
        with self._lock:
            return cache.get_embeddings(self._db, model, shas)

    # -- cached analysis -------------------------------------------------------------------

    def put_cached(self, export: str, kind: str, version: int, value: Any) -> None:
        """Cache a JSON result of kind ``kind`` computed by code at ``version`` for the export.

        Other versions of the same kind are dropped: a result from older analysis code is
        never wanted again, and keeping them would grow the file on every upgrade.
        """
        key = sha(export, "export")
        document = dump(value)
        with self._write() as db:
            cache.put_result(db, key, kind, version, document)

    def get_cached(self, export: str, kind: str, version: int) -> Any | None:
        """The cached result, or None if there is none for exactly this version."""
        with self._lock:
            return cache.get_result(self._db, export, kind, version)
