"""The review store: round trips, undo, threads, and what a crash or a failure leaves behind."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import stat
import subprocess
import sys
import textwrap
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from viewer.analysis.findings import Verdict
from viewer.review import (
    SCHEMA_VERSION,
    ReviewStore,
    ReviewStoreError,
    UndoStep,
    default_store_path,
)
from viewer.review import store as store_module
from viewer.review import undo as undo_module
from viewer.userdirs import user_data_dir

ROOT = Path(__file__).resolve().parents[3]


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


EXPORT = sha("export one")
OTHER = sha("export two")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "review" / "review.sqlite3"


@pytest.fixture
def store(db_path: Path) -> Iterator[ReviewStore]:
    with ReviewStore(db_path) as opened:
        yield opened


# -- opening ---------------------------------------------------------------------------------


def test_fresh_store_is_wal_full_with_foreign_keys(store: ReviewStore, db_path: Path) -> None:
    assert store.schema_version == SCHEMA_VERSION == 3
    db = sqlite3.connect(db_path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()
    # Per-connection settings, so read through the store's own connection.
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.integrity_check() == "ok"
    if os.name == "posix":
        assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
        assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700


def test_reopening_does_not_migrate_again(db_path: Path) -> None:
    ReviewStore(db_path).close()
    with ReviewStore(db_path) as store:
        rows = store._db.execute("SELECT version FROM schema_version").fetchall()
    assert rows == [(1,), (2,), (3,)]


def test_newer_schema_is_refused_with_a_message(db_path: Path) -> None:
    ReviewStore(db_path).close()
    db = sqlite3.connect(db_path)
    with db:
        db.execute("INSERT INTO schema_version VALUES (99, 'later')")
    db.close()
    with pytest.raises(ReviewStoreError, match="newer version"):
        ReviewStore(db_path)


def test_a_file_that_is_not_a_database_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "review.sqlite3"
    path.write_bytes(b"this is not SQLite" * 100)
    with pytest.raises(ReviewStoreError, match="Move it aside"):
        ReviewStore(path)


def test_open_default_lives_in_the_test_data_folder() -> None:
    with ReviewStore.open_default() as store:
        assert str(store.path).startswith(os.environ["XDG_DATA_HOME"])
        assert store.path.name == "review.sqlite3"


def test_default_store_path_creates_a_private_folder() -> None:
    folder = user_data_dir()
    assert not folder.exists()
    store = default_store_path()
    assert store == folder / "review.sqlite3"
    assert folder.is_dir()
    assert str(folder).startswith(os.environ["XDG_DATA_HOME"])  # never the real one
    if os.name == "posix":
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


# -- exports, marks, notes -------------------------------------------------------------------


def test_remember_export_keeps_first_and_updates_last(store: ReviewStore) -> None:
    store.remember_export(EXPORT, "takeout.zip")
    first = store.exports()[0]
    store.remember_export(EXPORT.upper(), "renamed.zip")
    (again,) = store.exports()
    assert again.sha256 == EXPORT
    assert again.display_name == "renamed.zip"
    assert again.first_opened == first.first_opened
    assert again.last_opened >= first.last_opened


def test_marks_round_trip(store: ReviewStore, db_path: Path) -> None:
    store.remember_export(EXPORT, "takeout.zip")
    assert store.set_mark(EXPORT, "audio/a.wav", "not-mine")
    assert store.set_mark(EXPORT, "audio/b.wav", Verdict.MINE)
    assert store.set_mark(EXPORT, "audio/c.wav", "unsure")
    assert not store.set_mark(EXPORT, "audio/c.wav", "unsure")  # no change, no step
    assert store.set_mark(EXPORT, "audio/c.wav", None)  # cleared
    assert not store.set_mark(EXPORT, "audio/never.wav", None)
    expected = {"audio/a.wav": Verdict.NOT_MINE, "audio/b.wav": Verdict.MINE}
    assert store.marks(EXPORT) == expected
    assert store.marks(OTHER) == {}
    store.close()
    with ReviewStore(db_path) as reopened:
        assert reopened.marks(EXPORT) == expected
        assert reopened.marks(EXPORT)["audio/a.wav"] == "not-mine"


def test_bad_marks_and_keys_are_refused(store: ReviewStore) -> None:
    with pytest.raises(ValueError, match="mark"):
        store.set_mark(EXPORT, "a.wav", "maybe")
    with pytest.raises(ValueError, match="SHA-256"):
        store.set_mark("takeout.zip", "a.wav", "mine")
    with pytest.raises(ValueError, match="path"):
        store.set_mark(EXPORT, "", "mine")
    assert store.exports() == []


def test_marking_an_unremembered_export_still_lands(store: ReviewStore) -> None:
    store.set_mark(EXPORT, "a.wav", "mine")
    assert store.marks(EXPORT) == {"a.wav": Verdict.MINE}
    store.remember_export(EXPORT, "named later.zip")
    assert store.exports()[0].display_name == "named later.zip"


def test_notes_round_trip(store: ReviewStore, db_path: Path) -> None:
    assert store.set_note(EXPORT, None, "Exported 2024-08-17, household account")
    assert store.set_note(EXPORT, "audio/a.wav", "My sister's voice — asked her")
    assert store.set_note(EXPORT, "audio/b.wav", "delete me")
    assert store.set_note(EXPORT, "audio/b.wav", "")
    assert not store.set_note(EXPORT, "audio/b.wav", None)
    assert store.set_note(EXPORT, None, "Household account")  # replaces, not a second row
    store.close()
    with ReviewStore(db_path) as reopened:
        assert reopened.notes(EXPORT) == {
            None: "Household account", "audio/a.wav": "My sister's voice — asked her"}
        assert reopened.notes(OTHER) == {}


def test_forget_export_removes_its_review_only(store: ReviewStore) -> None:
    store.set_marks(EXPORT, ["a.wav", "b.wav"], "not-mine")
    store.set_note(EXPORT, None, "note")
    store.put_cached(EXPORT, "verdicts", 1, [1, 2])
    store.save_profile({"x": 1}, export=EXPORT)
    store.set_mark(OTHER, "a.wav", "mine")
    store.put_embeddings("m", {sha("a"): np.ones(4, np.float32)}, export=OTHER)
    store.put_embeddings("m", {sha("b"): np.ones(4, np.float32)}, export=EXPORT)
    store.forget_export(EXPORT)
    assert store.marks(EXPORT) == {}
    assert store.notes(EXPORT) == {}
    assert store.get_cached(EXPORT, "verdicts", 1) is None
    assert store.load_profile(EXPORT) is None
    assert store.undo(EXPORT) is None
    assert store.marks(OTHER) == {"a.wav": Verdict.MINE}
    # The other export's voiceprint stays; the forgotten export's is gone.
    assert set(store.get_embeddings("m", [sha("a"), sha("b")])) == {sha("a")}
    assert store._db.execute("SELECT count(*) FROM undo_changes JOIN undo_steps ON "
                             "step_id = id WHERE export_sha256 = ?", (EXPORT,)).fetchone() == (0,)


def test_a_voiceprint_two_exports_use_goes_with_the_last_of_them(store: ReviewStore) -> None:
    store.put_embeddings("m", {sha("shared"): np.ones(4, np.float32)}, export=EXPORT)
    store.own_embeddings(OTHER, [sha("shared")])
    store.forget_export(EXPORT)
    assert sha("shared") in store.get_embeddings("m", [sha("shared")])
    store.forget_export(OTHER)
    assert store.get_embeddings("m", [sha("shared")]) == {}


def test_forgotten_voiceprints_are_not_left_in_the_file(db_path: Path) -> None:
    marker = np.full(64, 1234.5678, np.float32)  # a byte pattern to look for
    with ReviewStore(db_path) as store:
        store.put_embeddings("m", {sha("x"): marker}, export=EXPORT)
    pattern = marker[:8].tobytes()
    # Closing copied it from the write-ahead log into the database file itself.
    assert pattern in db_path.read_bytes()
    with ReviewStore(db_path) as store:
        store.forget_export(EXPORT)
    for path in db_path.parent.iterdir():
        assert pattern not in path.read_bytes(), path.name


def test_forget_everything_leaves_nothing(db_path: Path) -> None:
    with ReviewStore(db_path) as store:
        store.put_embeddings("m", {sha("x"): np.ones(4, np.float32)}, export=EXPORT)
        store.set_mark(EXPORT, "a.wav", "mine")
        store.save_profile({"people": ["Max"]})
        store.put_cached(EXPORT, "voice-clusters", 2, {"labels": [0]})
        store.forget_everything()
        assert store.exports() == [] and store.load_profile() is None
        assert store.get_embeddings("m", [sha("x")]) == {}
        assert store.get_cached(EXPORT, "voice-clusters", 2) is None
    assert b"Max" not in db_path.read_bytes()


def test_voice_data_of_an_export_not_opened_for_long_expires(db_path: Path) -> None:
    from datetime import UTC, datetime, timedelta

    with ReviewStore(db_path) as store:
        store.remember_export(EXPORT, "old.zip")
        store.put_embeddings("m", {sha("x"): np.ones(4, np.float32)}, export=EXPORT)
        store.put_cached(EXPORT, "voice-clusters", 2, {"labels": [0]})
        store.put_cached(EXPORT, "member-sha256", 1, {"a.wav": sha("x")})
        store.set_mark(EXPORT, "a.wav", "not-mine")
        later = datetime.now(UTC) + timedelta(days=store_module.VOICE_RETENTION_DAYS - 1)
        assert store.expire_voice_data(now=later) == 0
        assert sha("x") in store.get_embeddings("m", [sha("x")])
        later = datetime.now(UTC) + timedelta(days=store_module.VOICE_RETENTION_DAYS + 1)
        assert store.expire_voice_data(now=later) == 1
        assert store.get_embeddings("m", [sha("x")]) == {}
        assert store.get_cached(EXPORT, "voice-clusters", 2) is None
        # The user's own words stay, and so does what holds no voiceprint.
        assert store.marks(EXPORT) == {"a.wav": Verdict.NOT_MINE}
        assert store.get_cached(EXPORT, "member-sha256", 1) == {"a.wav": sha("x")}


def test_voiceprints_of_no_export_do_not_survive_a_restart(db_path: Path) -> None:
    with ReviewStore(db_path) as store:
        store.put_embeddings("m", {sha("orphan"): np.ones(4, np.float32)})
    with ReviewStore(db_path) as store:
        assert store.get_embeddings("m", [sha("orphan")]) == {}


# -- undo ------------------------------------------------------------------------------------


def test_cluster_mark_is_one_undo_step(store: ReviewStore) -> None:
    store.set_mark(EXPORT, "c/2.wav", "mine")
    cluster = [f"c/{i}.wav" for i in range(50)]
    assert store.set_marks(EXPORT, [*cluster, "c/3.wav"], "not-mine") == 50  # dupes once
    assert store.marks(EXPORT) == dict.fromkeys(cluster, Verdict.NOT_MINE)

    step = store.undo(EXPORT)
    assert isinstance(step, UndoStep)
    assert step.action == "mark" and step.mark is Verdict.NOT_MINE
    assert len(step.paths) == 50
    assert step.description == "Mark 50 recordings as not-mine"
    assert store.marks(EXPORT) == {"c/2.wav": Verdict.MINE}

    step = store.undo(EXPORT)
    assert step is not None and step.description == 'Mark "c/2.wav" as mine'
    assert store.marks(EXPORT) == {}
    assert store.undo(EXPORT) is None


def test_unchanged_members_of_a_cluster_keep_their_row(store: ReviewStore) -> None:
    store.set_mark(EXPORT, "a.wav", "not-mine")
    before = store._db.execute("SELECT updated_at FROM marks WHERE path = 'a.wav'").fetchone()
    assert store.set_marks(EXPORT, ["a.wav", "b.wav"], "not-mine") == 1
    after = store._db.execute("SELECT updated_at FROM marks WHERE path = 'a.wav'").fetchone()
    assert before == after
    assert store.peek_undo(EXPORT) == UndoStep(
        "mark", Verdict.NOT_MINE, ("b.wav",), 'Mark "b.wav" as not-mine')
    assert store.set_marks(EXPORT, [], "mine") == 0
    assert store.set_marks(EXPORT, ["a.wav", "b.wav"], "not-mine") == 0
    assert store.peek_undo(EXPORT).paths == ("b.wav",)  # type: ignore[union-attr]


def _rows(store: ReviewStore) -> list[tuple]:
    """Every mark and note row of EXPORT, timestamps included: "exactly" means these."""
    marks = store._db.execute("SELECT * FROM marks WHERE export_sha256 = ? ORDER BY path",
                              (EXPORT,)).fetchall()
    notes = store._db.execute("SELECT * FROM notes WHERE export_sha256 = ? "
                              "ORDER BY ifnull(path, '')", (EXPORT,)).fetchall()
    return marks + notes


def test_undo_and_redo_restore_exactly_across_a_reopen(db_path: Path) -> None:
    states = []
    with ReviewStore(db_path) as store:
        states.append(_rows(store))
        store.set_mark(EXPORT, "a.wav", "unsure")
        states.append(_rows(store))
        store.set_marks(EXPORT, ["a.wav", "b.wav", "c.wav"], "not-mine")
        states.append(_rows(store))
        store.set_note(EXPORT, None, "first")
        states.append(_rows(store))
        store.set_note(EXPORT, None, "second")
        states.append(_rows(store))
        store.set_marks(EXPORT, ["b.wav", "c.wav"], None)
        states.append(_rows(store))
        store.set_mark(OTHER, "a.wav", "mine")  # another export's history is separate

    with ReviewStore(db_path) as store:
        assert store.peek_undo(EXPORT).description == (  # type: ignore[union-attr]
            "Clear the mark on 2 recordings")
        for expected in reversed(states[:-1]):
            assert store.undo(EXPORT) is not None
            assert _rows(store) == expected
        assert store.undo(EXPORT) is None

    with ReviewStore(db_path) as store:
        assert store.peek_redo(EXPORT).description == (  # type: ignore[union-attr]
            'Mark "a.wav" as unsure')
        for expected in states[1:3]:
            assert store.redo(EXPORT) is not None
            assert _rows(store) == expected

    with ReviewStore(db_path) as store:
        step = store.redo(EXPORT)
        assert step is not None and step.description == "Edit the note on the export"
        assert _rows(store) == states[3]
        # A new change drops what is still undone.
        store.set_note(EXPORT, "a.wav", "new branch")
        assert store.redo(EXPORT) is None
        assert store.undo(EXPORT).description == 'Edit the note on "a.wav"'  # type: ignore[union-attr]
        assert _rows(store) == states[3]
        assert store.marks(OTHER) == {"a.wav": Verdict.MINE}


def test_undo_history_is_bounded(store: ReviewStore, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(undo_module, "UNDO_LIMIT", 5)
    for i in range(12):
        store.set_mark(EXPORT, f"{i}.wav", "mine")
    undone = 0
    while store.undo(EXPORT) is not None:
        undone += 1
    assert undone == 5
    assert set(store.marks(EXPORT)) == {f"{i}.wav" for i in range(7)}
    assert store._db.execute("SELECT count(*) FROM undo_changes").fetchone() == (5,)


# -- profile, embeddings, cache --------------------------------------------------------------


def test_profile_round_trip_and_override(store: ReviewStore, db_path: Path) -> None:
    assert store.load_profile() is None
    profile = {"devices": ["Echo Dot (Kitchen)"], "time_zone": "Europe/Berlin", "n": 1.5}
    assert store.save_profile(profile) == 1
    assert store.save_profile(profile, format_version=2) == 2
    store.save_profile({"devices": []}, export=EXPORT)
    store.close()
    with ReviewStore(db_path) as reopened:
        assert reopened.load_profile() == profile
        assert reopened.load_profile(OTHER) == profile  # no override: the user's own
        assert reopened.load_profile(EXPORT) == {"devices": []}
        record = reopened.load_profile_record()
        assert record is not None
        assert (record.format_version, record.revision, record.export) == (2, 2, None)
        reopened.clear_profile_override(EXPORT)
        assert reopened.load_profile(EXPORT) == profile
    with pytest.raises(ValueError):
        ReviewStore(db_path).save_profile({"bad": float("nan")})


def test_embeddings_round_trip_exactly_and_are_shared(store: ReviewStore) -> None:
    rng = np.random.default_rng(5)
    vectors = {sha(f"member {i}"): rng.standard_normal(256).astype(np.float32)
               for i in range(3)}
    vectors[sha("member 0")][0] = np.float32(1e-45)  # subnormal survives too
    assert store.put_embeddings("ecapa-v1", vectors) == 3
    # The same member in another export: asked for by content hash, found without re-embedding.
    asked = [sha("member 0"), sha("member 2"), sha("not embedded")]
    got = store.get_embeddings("ecapa-v1", asked)
    assert set(got) == {sha("member 0"), sha("member 2")}
    for key, vector in got.items():
        assert vector.dtype == np.float32 and vector.shape == (256,)
        assert vector.tobytes() == vectors[key].tobytes()
        vector[0] = 7  # a writable copy
    assert store.get_embeddings("other-model", asked) == {}
    # Replacing one keeps one row per (member, model).
    store.put_embeddings("ecapa-v1", {sha("member 0"): np.zeros(256, np.float32)})
    assert not store.get_embeddings("ecapa-v1", [sha("member 0")])[sha("member 0")].any()
    assert store._db.execute("SELECT count(*) FROM embeddings").fetchone() == (3,)


def test_many_embeddings_are_fetched_in_chunks(store: ReviewStore) -> None:
    vectors = {sha(str(i)): np.full(256, i, np.float32) for i in range(1_300)}
    store.put_embeddings("m", vectors)
    got = store.get_embeddings("m", list(vectors))
    assert len(got) == 1_300
    assert got[sha("1299")][0] == 1299


def test_bad_embeddings_write_nothing(store: ReviewStore) -> None:
    good = np.ones(256, np.float32)
    for bad in (np.ones((2, 128), np.float32), np.array([], np.float32),
                np.array([1.0, np.nan], np.float32)):
        with pytest.raises(ValueError):
            store.put_embeddings("m", {sha("good"): good, sha("bad"): bad})
    with pytest.raises(ValueError, match="SHA-256"):
        store.put_embeddings("m", {"audio/a.wav": good})
    assert store.get_embeddings("m", [sha("good")]) == {}


def test_cached_results_are_keyed_by_kind_and_version(store: ReviewStore) -> None:
    assert store.get_cached(EXPORT, "verdicts", 1) is None
    store.put_cached(EXPORT, "verdicts", 1, {"a.wav": 0.9})
    store.put_cached(EXPORT, "clusters", 3, [["a.wav", "b.wav"]])
    assert store.get_cached(EXPORT, "verdicts", 1) == {"a.wav": 0.9}
    assert store.get_cached(EXPORT, "verdicts", 2) is None
    assert store.get_cached(OTHER, "verdicts", 1) is None
    store.put_cached(EXPORT, "verdicts", 2, {"a.wav": 0.1})
    assert store.get_cached(EXPORT, "verdicts", 1) is None  # older version dropped
    assert store.get_cached(EXPORT, "verdicts", 2) == {"a.wav": 0.1}
    assert store.get_cached(EXPORT, "clusters", 3) == [["a.wav", "b.wav"]]


# -- failures, threads, crashes --------------------------------------------------------------


def test_exception_inside_a_transaction_leaves_nothing(store: ReviewStore,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    store.set_mark(OTHER, "keep.wav", "mine")
    before = store._db.execute("SELECT count(*) FROM undo_steps").fetchone()
    real = undo_module.apply_marks

    def fail_after_writing(db: sqlite3.Connection, export: str, rows: list) -> None:
        real(db, export, rows)
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(undo_module, "apply_marks", fail_after_writing)
    with pytest.raises(RuntimeError):
        store.set_marks(EXPORT, [f"{i}.wav" for i in range(100)], "not-mine")
    monkeypatch.undo()
    assert store.marks(EXPORT) == {}
    assert [row.sha256 for row in store.exports()] == [OTHER]  # the implicit export row too
    assert store._db.execute("SELECT count(*) FROM undo_steps").fetchone() == before
    assert store.undo(EXPORT) is None
    assert not store._db.in_transaction

    with pytest.raises(ZeroDivisionError), store._write() as db:
        db.execute("INSERT INTO marks VALUES (?, 'x.wav', 'mine', 'now')", (OTHER,))
        _ = 1 / 0
    assert store.marks(OTHER) == {"keep.wav": Verdict.MINE}
    # And the store still works afterwards.
    store.set_mark(EXPORT, "a.wav", "unsure")
    assert store.marks(EXPORT) == {"a.wav": Verdict.UNSURE}


def test_worker_thread_and_main_thread_at_once(store: ReviewStore) -> None:
    errors: list[BaseException] = []
    done = threading.Event()
    members = [sha(f"member {i}") for i in range(400)]

    def worker() -> None:
        try:
            for start in range(0, len(members), 20):
                batch = members[start:start + 20]
                store.put_embeddings("m", {key: np.full(256, start, np.float32)
                                           for key in batch})
                store.put_cached(EXPORT, "progress", 1, {"done": start + 20})
                store.get_embeddings("m", members[:start + 20])
                store.marks(EXPORT)
        except BaseException as error:
            errors.append(error)
        finally:
            done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    count = 0
    while not done.is_set() or count < 200:
        store.set_mark(EXPORT, f"{count}.wav", "not-mine" if count % 2 else "mine")
        if count % 10 == 9:
            store.undo(EXPORT)
            store.redo(EXPORT)
        count += 1
    thread.join()
    assert errors == []
    assert len(store.marks(EXPORT)) == count
    assert len(store.get_embeddings("m", members)) == 400
    assert store.get_cached(EXPORT, "progress", 1) == {"done": 400}
    assert store.integrity_check() == "ok"


def test_two_stores_on_one_file_wait_for_each_other(db_path: Path) -> None:
    """Like two instances of the app: separate connections, BEGIN IMMEDIATE, busy timeout."""
    ReviewStore(db_path).close()
    errors: list[BaseException] = []

    def writer(tag: str) -> None:
        try:
            with ReviewStore(db_path) as own:
                for i in range(150):
                    own.set_marks(EXPORT, [f"{tag}/{i}.wav", f"{tag}/{i}b.wav"], "unsure")
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(tag,)) for tag in ("x", "y")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with ReviewStore(db_path) as store:
        assert len(store.marks(EXPORT)) == 600
        steps = 0
        while store.undo(EXPORT) is not None:
            steps += 1
        assert steps == 300
        assert store.marks(EXPORT) == {}


_CHILD = textwrap.dedent("""
    import sys
    from viewer.review.store import ReviewStore
    store = ReviewStore(sys.argv[1])
    export = sys.argv[2]
    store.remember_export(export, "takeout.zip")
    cluster = [f"cluster/{i}.wav" for i in range(300)]
    marks = ["mine", "not-mine", "unsure"]
    i = 0
    while True:
        store.set_mark(export, f"single/{i}.wav", "not-mine")
        store.set_marks(export, cluster, marks[i % 3])
        print(i, flush=True)
        i += 1
""")


@pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL is POSIX")
def test_survives_kill_9(db_path: Path, tmp_path: Path) -> None:
    db_path.parent.mkdir(parents=True)
    errors = tmp_path / "child-stderr.txt"
    with errors.open("w") as stderr:
        child = subprocess.Popen([sys.executable, "-c", _CHILD, str(db_path), EXPORT],
                                 stdout=subprocess.PIPE, stderr=stderr, text=True, cwd=ROOT)
    committed: list[int] = []
    try:
        assert child.stdout is not None
        while len(committed) < 60:
            line = child.stdout.readline()
            assert line, errors.read_text()
            committed.append(int(line))
        child.kill()  # SIGKILL: no cleanup, no checkpoint, most likely mid-transaction
        # Lines printed before the kill are still in the pipe (or this reader's buffer).
        committed += [int(line) for line in child.stdout.read().split()]
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert child.returncode == -9

    with ReviewStore(db_path) as store:
        assert store.integrity_check() == "ok"
        marks = store.marks(EXPORT)
        singles = {path for path in marks if path.startswith("single/")}
        reported = {f"single/{i}.wav" for i in committed}
        assert reported <= singles  # everything reported committed is there
        assert len(singles) <= len(committed) + 1  # at most the one not yet reported
        # The cluster is whole: one mark on all 300, never a mix from a torn transaction.
        cluster = {mark for path, mark in marks.items() if path.startswith("cluster/")}
        assert len([p for p in marks if p.startswith("cluster/")]) == 300
        assert len(cluster) == 1
        # And the undo history is consistent with it: undoing the last step works.
        assert store.undo(EXPORT) is not None
        assert store.integrity_check() == "ok"
