"""The review file's migrations: numbered from 1, applied in order, old files brought up."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from viewer.analysis.findings import Verdict
from viewer.review import SCHEMA_VERSION, ReviewStore
from viewer.review.schema import MIGRATIONS


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


EXPORT = sha("export one")
MEMBER = sha("member one")


def file_at(path: Path, version: int) -> None:
    """A review file as the app that knew schema ``version`` left it (shipped steps are
    never edited, so theirs are the ones here)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("BEGIN")
        db.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, "
                   "applied_at TEXT NOT NULL)")
        for step in range(1, version + 1):
            for statement in MIGRATIONS[step]:
                db.execute(statement)
            db.execute("INSERT INTO schema_version VALUES (?, '2025-01-01T00:00:00+00:00')",
                       (step,))
        # The user's own work, in tables every version has. Opened "in the future", so its
        # voice data does not expire at the next open whatever today's date.
        db.execute("INSERT INTO exports VALUES (?, 'old.zip', ?, ?)",
                   (EXPORT, "2025-01-01T00:00:00+00:00", "9999-01-01T00:00:00+00:00"))
        db.execute("INSERT INTO marks VALUES (?, 'a.wav', 'mine', '2025-01-01T00:00:01+00:00')",
                   (EXPORT,))
        db.execute("INSERT INTO notes VALUES (?, NULL, 'my note', '2025-01-01T00:00:02+00:00')",
                   (EXPORT,))
        db.execute("COMMIT")
    finally:
        db.close()


def test_migrations_are_numbered_from_one_without_gaps() -> None:
    assert list(MIGRATIONS) == list(range(1, SCHEMA_VERSION + 1))
    assert all(MIGRATIONS[version] for version in MIGRATIONS)


@pytest.mark.skipif(SCHEMA_VERSION < 2, reason="there is no previous schema yet")
def test_a_file_at_the_previous_schema_opens_and_migrates(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite3"
    file_at(path, SCHEMA_VERSION - 1)
    with ReviewStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        versions = store._db.execute("SELECT version FROM schema_version").fetchall()
        assert versions == [(version,) for version in range(1, SCHEMA_VERSION + 1)]
        assert store.integrity_check() == "ok"
        assert [record.display_name for record in store.exports()] == ["old.zip"]
        assert store.marks(EXPORT) == {"a.wav": Verdict.MINE}
        assert store.notes(EXPORT) == {None: "my note"}
        # And the migrated file works as a new one does.
        assert store.set_mark(EXPORT, "b.wav", "unsure")
        assert store.undo(EXPORT) is not None
        assert store.marks(EXPORT) == {"a.wav": Verdict.MINE}
    with ReviewStore(path) as store:  # and is not migrated twice
        versions = store._db.execute("SELECT version FROM schema_version").fetchall()
        assert versions == [(version,) for version in range(1, SCHEMA_VERSION + 1)]


def test_schema_1_voiceprints_without_an_owner_go(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite3"
    file_at(path, 1)
    db = sqlite3.connect(path)
    with db:
        db.execute("INSERT INTO embeddings VALUES (?, 'm', 2, ?, '2025-01-01T00:00:00+00:00')",
                   (MEMBER, np.ones(2, "<f4").tobytes()))
    db.close()
    with ReviewStore(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get_embeddings("m", [MEMBER]) == {}
        assert store.marks(EXPORT) == {"a.wav": Verdict.MINE}
        # Schema 2's table is there: a voiceprint stored for an export is kept.
        store.put_embeddings("m", {MEMBER: np.ones(2, np.float32)}, export=EXPORT)
    with ReviewStore(path) as store:
        assert set(store.get_embeddings("m", [MEMBER])) == {MEMBER}
