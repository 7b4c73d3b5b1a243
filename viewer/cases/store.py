"""Cases kept in the review store's SQLite file (tables ``cases`` and ``case_events``).

One file for everything the user keeps: the same durability (each step one transaction,
synced), the same privacy (0600, secure delete) and one "forget everything" for all of it.
``CaseStore`` shares the review store's connection and lock rather than opening its own, so
the two never contend as writers.

Each step checks that it makes sense (answered before sent, a day in the future, an
extension after the deadline it would extend) and raises ``CaseError`` with a message a
person can act on; a step that is taken is logged as an event of the case's timeline.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from viewer.archive import NEST_SEPARATOR, Export, MemberError, MemberKind
from viewer.cases.deadlines import response_deadline
from viewer.cases.errors import CaseError
from viewer.cases.model import (
    UNKNOWN_SIZE,
    Case,
    CaseEvent,
    CaseState,
    Comparison,
    FlaggedEvidence,
    OwnFile,
)
from viewer.report.data import ReportData
from viewer.report.json_report import REQUEST_KEYS
from viewer.report.texts import say

if TYPE_CHECKING:
    from viewer.review import ReviewStore

#: Own files up to this size are hashed when the case is made (tables, JSON, small PDFs: the
#: files a correction most likely touches); larger ones are matched by size alone, unless
#: they are recordings, which the check has hashed already.
CHEAP_HASH_BYTES = 1 << 20

#: Format of the ``report`` JSON document of a case (bumped if its keys change).
REPORT_FORMAT = 1

_CASE_COLUMNS = ("id, export_sha256, report, own_files, sent_on, extended_on, answered_on, "
                 "answer_note, closed_on, comparison")


class CaseStore:
    """The user's cases, over an open ``ReviewStore`` (which owns the connection)."""

    def __init__(self, review_store: ReviewStore, *,
                 today: Callable[[], date] = date.today) -> None:
        self._store = review_store
        #: What "today" is, for refusing days in the future (tests pass a fixed day).
        self._today = today

    # -- the connection, borrowed ----------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        # The review store's own transaction: one lock and one connection for the file.
        with self._store._write() as db:
            yield db

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._store._lock:
            yield self._store._db

    # -- creating --------------------------------------------------------------------------

    def create_from_report(self, data: ReportData, written: Sequence[Path],
                           export: Export) -> Case:
        """A new case (a draft) for the report just written into ``written``'s folder."""
        report = report_document(data, written)
        own = own_files(data, export)
        day = data.created.astimezone().date()
        with self._write() as db:
            cursor = db.execute(
                "INSERT INTO cases (export_sha256, created_at, report, own_files) "
                "VALUES (?, ?, ?, ?)",
                (data.archive_sha256, datetime.now(UTC).isoformat(timespec="seconds"),
                 _dump(report), _dump([[item.path, item.size, item.sha256] for item in own])))
            case_id = int(cursor.lastrowid or 0)
            flagged = len(data.flagged)
            self._event(db, case_id, day, "report",
                        f"Report written: {flagged} of {data.recordings} recordings not "
                        f"the user's")
        return self.case(case_id)

    # -- reading ---------------------------------------------------------------------------

    def cases(self) -> list[Case]:
        """Every case, newest first."""
        with self._read() as db:
            rows = db.execute(f"SELECT {_CASE_COLUMNS} FROM cases ORDER BY id DESC").fetchall()
            return [self._case(db, row) for row in rows]

    def case(self, case_id: int) -> Case:
        with self._read() as db:
            return self._case(db, self._row(db, case_id))

    def overdue(self, today: date) -> list[Case]:
        """The cases whose deadline has passed without an answer, newest first."""
        return [case for case in self.cases() if case.state(today) is CaseState.OVERDUE]

    # -- steps -----------------------------------------------------------------------------

    def mark_sent(self, case_id: int, day: date) -> Case:
        """The user sent the report on ``day`` (again: the date is corrected)."""
        with self._write() as db:
            case = self._case(db, self._row(db, case_id))
            self._check_day(day, case)
            if case.closed_on is not None:
                raise CaseError(f"Case {case_id} is closed; it cannot be sent any more.")
            if case.answered_on is not None and day > case.answered_on:
                raise CaseError(
                    f"Case {case_id} was answered on {case.answered_on}; the report cannot "
                    f"have been sent after that ({day}).")
            if case.extended_on is not None and day > case.extended_on:
                raise CaseError(
                    f"Case {case_id} was extended on {case.extended_on}; the report cannot "
                    f"have been sent after that ({day}).")
            if case.extended_on is not None:
                first = response_deadline(day, extended=False)
                if case.extended_on > first:
                    raise CaseError(
                        f"Case {case_id} was extended on {case.extended_on}, more than a "
                        f"month after {day} (the deadline would be {first}); an extension "
                        "that late would not count. Check the date you sent the report.")
            db.execute("UPDATE cases SET sent_on = ? WHERE id = ?", (day.isoformat(), case_id))
            deadline = response_deadline(day, case.extended_on is not None)
            # A corrected date replaces the first: the report was sent once.
            self._event(db, case_id, day, "sent",
                        f"Report sent to {case.controller}; answer due by {deadline}",
                        replace=True)
        return self.case(case_id)

    def mark_extended(self, case_id: int, day: date) -> Case:
        """The company said on ``day`` that it needs two more months (Art. 12(3))."""
        with self._write() as db:
            case = self._case(db, self._row(db, case_id))
            self._check_day(day, case)
            if case.sent_on is None:
                raise CaseError(f"Case {case_id} has not been sent yet: record when you sent "
                                "the report first.")
            if case.closed_on is not None or case.answered_on is not None:
                raise CaseError(f"Case {case_id} is already answered or closed; an extension "
                                "no longer changes anything.")
            if case.extended_on is not None:
                raise CaseError(f"Case {case_id} was already extended on {case.extended_on}; "
                                "the GDPR allows one extension of two months.")
            if day < case.sent_on:
                raise CaseError(f"The extension ({day}) cannot come before the report was "
                                f"sent ({case.sent_on}).")
            first = response_deadline(case.sent_on, extended=False)
            if day > first:
                raise CaseError(
                    f"The extension ({day}) came after the one-month deadline ({first}); "
                    "under Art. 12(3) GDPR the company must announce it within that month, "
                    "so it does not extend the deadline.")
            db.execute("UPDATE cases SET extended_on = ? WHERE id = ?",
                       (day.isoformat(), case_id))
            later = response_deadline(case.sent_on, extended=True)
            self._event(db, case_id, day, "extended",
                        f"{case.controller} extended the deadline by two months, to {later}")
        return self.case(case_id)

    def record_answer(self, case_id: int, day: date, note: str) -> Case:
        """The company answered on ``day``; ``note``: what it said, in the user's words
        (recorded again without a note: the earlier note stays)."""
        note = note.strip()
        with self._write() as db:
            case = self._case(db, self._row(db, case_id))
            note = note or case.answer_note
            self._check_day(day, case)
            if case.sent_on is None:
                raise CaseError(f"Case {case_id} has not been sent yet: record when you sent "
                                "the report before recording an answer.")
            if case.closed_on is not None:
                raise CaseError(f"Case {case_id} was closed on {case.closed_on}; it takes no "
                                "more answers.")
            if day < case.sent_on:
                raise CaseError(f"The answer ({day}) cannot come before the report was sent "
                                f"({case.sent_on}).")
            db.execute("UPDATE cases SET answered_on = ?, answer_note = ? WHERE id = ?",
                       (day.isoformat(), note, case_id))
            # The detail is the user's note as they wrote it (the letters quote it).
            # A corrected answer replaces the first on the timeline.
            self._event(db, case_id, day, "answered", note, replace=True)
        return self.case(case_id)

    def attach_comparison(self, case_id: int, comparison: Comparison) -> Case:
        """Keep the check of a corrected export with the case (the latest one wins)."""
        with self._write() as db:
            case = self._case(db, self._row(db, case_id))
            if case.closed_on is not None:
                raise CaseError(f"Case {case_id} is closed.")
            self._check_day(comparison.checked_on, case)
            db.execute("UPDATE cases SET comparison = ? WHERE id = ?",
                       (_dump(_comparison_document(comparison)), case_id))
            self._event(db, case_id, comparison.checked_on, "compared",
                        comparison_summary(comparison, len(case.flagged)))
        return self.case(case_id)

    def record_letter(self, case_id: int, day: date, kind: str, detail: str = "") -> Case:
        """Log that a reminder or complaint was written (it becomes part of the timeline)."""
        if kind not in ("reminder", "complaint"):
            raise ValueError(f"a letter is a reminder or a complaint, not {kind!r}")
        with self._write() as db:
            case = self._case(db, self._row(db, case_id))
            self._check_day(day, case)
            self._event(db, case_id, day, kind, detail or f"{kind.capitalize()} written")
        return self.case(case_id)

    def close(self, case_id: int, day: date) -> Case:
        """The user is done with the case (answered well enough, or given up)."""
        with self._write() as db:
            case = self._case(db, self._row(db, case_id))
            self._check_day(day, case)
            if case.closed_on is not None:
                raise CaseError(f"Case {case_id} was already closed on {case.closed_on}.")
            db.execute("UPDATE cases SET closed_on = ? WHERE id = ?", (day.isoformat(), case_id))
            self._event(db, case_id, day, "closed", "Case closed")
        return self.case(case_id)

    def delete(self, case_id: int) -> None:
        """Delete the case and its timeline (the report folder on disk stays)."""
        with self._write() as db:
            self._row(db, case_id)
            db.execute("DELETE FROM cases WHERE id = ?", (case_id,))

    # -- helpers ---------------------------------------------------------------------------

    def _check_day(self, day: date, case: Case) -> None:
        today = self._today()
        if day > today:
            raise CaseError(f"{day} is in the future (today is {today}); enter the day it "
                            "happened.")
        if day < case.report_written:
            raise CaseError(f"{day} is before the report was written ({case.report_written}) "
                            f"for case {case.id}.")

    @staticmethod
    def _row(db: sqlite3.Connection, case_id: int) -> tuple[Any, ...]:
        row = db.execute(f"SELECT {_CASE_COLUMNS} FROM cases WHERE id = ?",
                         (int(case_id),)).fetchone()
        if row is None:
            raise CaseError(f"There is no case {case_id}; 'export-viewer case list' shows "
                            "the cases there are.")
        return tuple(row)

    @staticmethod
    def _event(db: sqlite3.Connection, case_id: int, day: date, kind: str,
               detail: str, *, replace: bool = False) -> None:
        """Log a step; with ``replace``, an earlier event of that kind is corrected in its
        place instead (a date entered wrongly is one step, not two)."""
        if replace and db.execute(
                "UPDATE case_events SET day = ?, detail = ? WHERE case_id = ? AND kind = ?",
                (day.isoformat(), detail, case_id, kind)).rowcount:
            return
        db.execute(
            "INSERT INTO case_events (case_id, seq, day, kind, detail) VALUES (?, "
            "(SELECT ifnull(max(seq), -1) + 1 FROM case_events WHERE case_id = ?), ?, ?, ?)",
            (case_id, case_id, day.isoformat(), kind, detail))

    @staticmethod
    def _case(db: sqlite3.Connection, row: tuple[Any, ...]) -> Case:
        (case_id, export_sha256, report_json, own_json, sent_on, extended_on, answered_on,
         answer_note, closed_on, comparison_json) = row
        report = json.loads(report_json)
        events = tuple(CaseEvent(date.fromisoformat(day), kind, detail)
                       for day, kind, detail in db.execute(
                           "SELECT day, kind, detail FROM case_events WHERE case_id = ? "
                           "ORDER BY seq", (case_id,)))
        return Case(
            id=int(case_id),
            controller=report["controller"],
            export_name=report["export_name"],
            export_sha256=export_sha256,
            language=report["language"],
            report_folder=report["report_folder"],
            report_files=tuple((name, sha) for name, sha in report["report_files"]),
            report_written=date.fromisoformat(report["report_written"]),
            flagged=tuple(FlaggedEvidence(path, sha, size, tuple(reasons))
                          for path, sha, size, reasons in report["flagged"]),
            counts=dict(report["counts"]),
            requests=tuple(report["requests"]),
            sent_on=_day(sent_on),
            extended_on=_day(extended_on),
            answered_on=_day(answered_on),
            answer_note=answer_note,
            closed_on=_day(closed_on),
            events=events,
            comparison=(None if comparison_json is None
                        else _comparison_from(json.loads(comparison_json))),
            own_files=tuple(OwnFile(path, size, sha)
                            for path, size, sha in json.loads(own_json)),
            requested_on=_day(report.get("requested_on")),
            received_on=_day(report.get("received_on")),
            user_name=report.get("user_name", ""),
            contact=report.get("contact", ""),
            # Cases made before these were kept have neither key.
            withheld=tuple(FlaggedEvidence(path, sha, size, ())
                           for path, sha, size in report.get("withheld", ())),
            mixed=tuple(report.get("mixed", ())),
        )


# -- what a case keeps of a report ----------------------------------------------------------

def report_document(data: ReportData, written: Sequence[Path]) -> dict[str, Any]:
    """The case's copy of the report's evidence: hashes, sizes, codes and counts only.

    Deliberately not the report's sentences: a reason's detail and evidence values can
    quote the export (withheld in the report, but a case needs none of it), and an excerpt
    is the other person's words even masked.
    """
    folder = str(Path(written[0]).parent.resolve()) if written else ""
    # A file's name can quote what the other person said ("utterance_... alexa when is
    # the next train.wav"): kept scrubbed; the SHA-256 and size still identify the file.
    scrub = data.scrub
    flagged = [[scrub(item.path), item.sha256 or "",
                UNKNOWN_SIZE if item.size is None else item.size,
                [reason.code for reason in item.reasons if reason.weight > 0]]
               for item in data.flagged]
    withheld = [[scrub(item.path), item.sha256 or "", item.size] for item in data.withheld]
    # Tables with some of the other person's rows, and files mixing both that the report
    # left out: what a correction must change, not remove.
    singled_out = {item.path for item in data.flagged} | {item.path for item in data.withheld}
    mixed = sorted({scrub(path) for path in ({item.path for item in data.mixed}
                                             | data.strangers.marked_paths()) - singled_out})
    counts: dict[str, int] = {
        "members": data.members,
        "recordings": data.recordings,
        "flagged": len(data.flagged),
        "mine": data.by_verdict.get("mine", 0),
        "unsure": data.by_verdict.get("unsure", 0),
        "user_marked": data.user_marked,
        "withheld": len(data.withheld),
        "mixed": len(data.mixed),
    }
    counts.update((f"category.{category.code}", category.recordings)
                  for category in data.categories)
    return {
        "format": REPORT_FORMAT,
        "controller": data.controller,
        "export_name": data.received_names(),
        "language": data.language,
        "report_folder": folder,
        "report_files": [[Path(path).name, _file_sha256(Path(path))] for path in written],
        # The local day, as the user counts days (the report's own time is UTC).
        "report_written": data.created.astimezone().date().isoformat(),
        "flagged": flagged,
        "withheld": withheld,
        "mixed": mixed,
        "counts": counts,
        "requests": [say(data.language, key) for key in REQUEST_KEYS],
        "requested_on": _iso(data.request.requested),
        "received_on": _iso(data.request.received),
        "user_name": data.request.user_name,
        "contact": data.request.contact,
    }


def own_files(data: ReportData, export: Export) -> list[OwnFile]:
    """The export's files the report did not single out: the user's own, which a corrected
    export must still hold unchanged. Path, size and (where cheap) SHA-256; no content.

    Tables that hold some of the other person's rows are left out too: a correction changes
    them (it removes those rows), so they cannot be expected back byte for byte.
    """
    singled_out = ({item.path for item in data.flagged}
                   | {item.path for item in data.withheld}
                   | {item.path for item in data.mixed}
                   | data.strangers.marked_paths())
    # Opened nested archives are counted by their members, as the report counts bytes.
    containers = {member.path.rpartition(NEST_SEPARATOR)[0] for member in export.members}
    kept = []
    for member in export.members:
        if (member.path in singled_out or member.path in containers
                or not member.readable):
            continue
        sha = None
        if member.size <= CHEAP_HASH_BYTES or member.kind is MemberKind.AUDIO:
            try:
                sha = export.member_sha256(member.path)
            except MemberError:
                sha = None
        kept.append(OwnFile(member.path, member.size, sha))
    return kept


def comparison_summary(comparison: Comparison, flagged: int) -> str:
    """One line for the timeline: what the corrected export fixed and what it did not."""
    parts = [f"Corrected export {comparison.corrected_sha256[:12]}… checked: "
             f"{comparison.flagged_gone} of {flagged} flagged files gone"]
    if comparison.flagged_still_there:
        parts.append(f"{len(comparison.flagged_still_there)} still there")
    if comparison.withheld_gone or comparison.withheld_still_there:
        parts.append(f"{comparison.withheld_gone} of "
                     f"{comparison.withheld_gone + len(comparison.withheld_still_there)} "
                     "withheld files gone")
    if comparison.withheld_still_there:
        parts.append(f"{len(comparison.withheld_still_there)} withheld still there")
    parts.append(f"{comparison.own_kept} own files kept")
    if comparison.own_missing:
        parts.append(f"{len(comparison.own_missing)} own files missing")
    if comparison.not_verified:
        parts.append(f"{len(comparison.not_verified)} mixed files not verified")
    return ", ".join(parts)


def _comparison_document(comparison: Comparison) -> dict[str, Any]:
    return {
        "checked_on": comparison.checked_on.isoformat(),
        "corrected_sha256": comparison.corrected_sha256,
        "flagged_gone": comparison.flagged_gone,
        "flagged_still_there": [[item.path, item.sha256, item.size, list(item.reasons)]
                                for item in comparison.flagged_still_there],
        "own_kept": comparison.own_kept,
        "own_missing": list(comparison.own_missing),
        "withheld_gone": comparison.withheld_gone,
        "withheld_still_there": [[item.path, item.sha256, item.size]
                                 for item in comparison.withheld_still_there],
        "not_verified": list(comparison.not_verified),
    }


def _comparison_from(document: dict[str, Any]) -> Comparison:
    return Comparison(
        checked_on=date.fromisoformat(document["checked_on"]),
        corrected_sha256=document["corrected_sha256"],
        flagged_gone=int(document["flagged_gone"]),
        flagged_still_there=tuple(FlaggedEvidence(path, sha, size, tuple(reasons))
                                  for path, sha, size, reasons
                                  in document["flagged_still_there"]),
        own_kept=int(document["own_kept"]),
        own_missing=tuple(document["own_missing"]),
        # Comparisons kept before withheld files were checked have none of these keys.
        withheld_gone=int(document.get("withheld_gone", 0)),
        withheld_still_there=tuple(FlaggedEvidence(path, sha, size, ())
                                   for path, sha, size
                                   in document.get("withheld_still_there", ())),
        not_verified=tuple(document.get("not_verified", ())),
    )


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _day(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
