"""The undo journal of the review file: every mark or note change, as before and after rows.

Every mark or note change is logged per export as one step with the exact before and after
rows (values and timestamps), so ``undo`` and ``redo`` restore the previous state exactly, a
cluster mark is one step, and the history survives a restart. A new change drops the steps
that were undone (as any editor does).

These functions run inside the store's write transaction (``db`` is its connection): a step
and the change it records are committed together or not at all.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from viewer.analysis.findings import Verdict
from viewer.review.values import mark as checked_mark
from viewer.review.values import timestamp

#: Steps of undo history kept per export; older ones are dropped.
UNDO_LIMIT = 1000

#: An undo_steps row as undo/redo read it: (id, action, mark or None).
_StepRow = tuple[int, str, str | None]
#: One row a step changes: (path, before value, before updated_at, after value, after
#: updated_at); a None value means no row.
Change = tuple[str | None, str | None, str | None, str | None, str | None]


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


def apply_marks(db: sqlite3.Connection, export: str,
                rows: list[tuple[str, str | None, str | None]]) -> None:
    """Set each (path, mark or None, updated_at) exactly as given."""
    db.executemany("DELETE FROM marks WHERE export_sha256 = ? AND path = ?",
                   [(export, path) for path, value, _at in rows if value is None])
    db.executemany(
        """INSERT INTO marks (export_sha256, path, mark, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (export_sha256, path) DO UPDATE
           SET mark = excluded.mark, updated_at = excluded.updated_at""",
        [(export, path, str(value), at) for path, value, at in rows if value is not None])


def apply_note(db: sqlite3.Connection, export: str, path: str | None, text: str | None,
               updated_at: str | None) -> None:
    """Set the note on ``path`` (None: the export) exactly as given; None text: no note."""
    db.execute("DELETE FROM notes WHERE export_sha256 = ? AND path IS ?", (export, path))
    if text is not None:
        db.execute("INSERT INTO notes (export_sha256, path, text, updated_at) "
                   "VALUES (?, ?, ?, ?)", (export, path, text, updated_at))


def record_step(db: sqlite3.Connection, export: str, action: str, mark: Verdict | None,
                changes: Sequence[Change]) -> None:
    """Log one step on the undo stack with the rows it changes; a new change discards what
    was undone, and the oldest steps beyond ``UNDO_LIMIT`` go."""
    db.execute("DELETE FROM undo_steps WHERE export_sha256 = ? AND state = 'undone'",
               (export,))
    cursor = db.execute(
        "INSERT INTO undo_steps (export_sha256, action, mark, state, created_at) "
        "VALUES (?, ?, ?, 'done', ?)",
        (export, action, None if mark is None else str(mark), timestamp()))
    step = int(cursor.lastrowid or 0)
    db.execute(
        """DELETE FROM undo_steps WHERE export_sha256 = ? AND id <= (
               SELECT id FROM undo_steps WHERE export_sha256 = ?
               ORDER BY id DESC LIMIT 1 OFFSET ?)""",
        (export, export, UNDO_LIMIT))
    db.executemany(
        "INSERT INTO undo_changes (step_id, seq, path, before_value, before_updated_at,"
        " after_value, after_updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(step, seq, *change) for seq, change in enumerate(changes)])


def _find_step(db: sqlite3.Connection, export: str, redo: bool) -> _StepRow | None:
    # Undone steps always form the newest end of the history (a new change deletes them),
    # so undo takes the newest done step and redo the oldest undone one.
    if redo:
        query = ("SELECT id, action, mark FROM undo_steps WHERE export_sha256 = ? "
                 "AND state = 'undone' ORDER BY id ASC LIMIT 1")
    else:
        query = ("SELECT id, action, mark FROM undo_steps WHERE export_sha256 = ? "
                 "AND state = 'done' ORDER BY id DESC LIMIT 1")
    row: _StepRow | None = db.execute(query, (export,)).fetchone()
    return row


def _describe(db: sqlite3.Connection, row: _StepRow) -> UndoStep:
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


def peek(db: sqlite3.Connection, export: str, redo: bool) -> UndoStep | None:
    """The step ``travel`` would take, or None."""
    row = _find_step(db, export, redo)
    return None if row is None else _describe(db, row)


def travel(db: sqlite3.Connection, export: str, redo: bool) -> UndoStep | None:
    """Undo the newest done step (``redo``: redo the oldest undone one); None if none."""
    row = _find_step(db, export, redo)
    if row is None:
        return None
    step, action, _mark_value = row
    changes = db.execute(
        "SELECT path, before_value, before_updated_at, after_value, after_updated_at "
        "FROM undo_changes WHERE step_id = ? ORDER BY seq", (step,)).fetchall()
    rows = [(path, after, after_at) if redo else (path, before, before_at)
            for path, before, before_at, after, after_at in changes]
    if action == "mark":
        apply_marks(db, export, [(path, checked_mark(value), at) for path, value, at in rows])
    else:
        for path, value, at in rows:
            apply_note(db, export, path, value, at)
    db.execute("UPDATE undo_steps SET state = ? WHERE id = ?",
               ("done" if redo else "undone", step))
    return _describe(db, row)
