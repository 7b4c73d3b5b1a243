"""A case: one report sent to a company, followed until the company answers.

Plain frozen dataclasses. A case keeps the report's evidence (hashes, sizes, reason codes,
counts) and the user's own files by path, size and hash, never content: no transcript, no
audio, no location of the other person is ever part of a case.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from viewer.cases.deadlines import response_deadline

#: ``FlaggedEvidence.size`` / ``OwnFile.size`` when the export could not say.
UNKNOWN_SIZE = -1


class CaseState(StrEnum):
    DRAFT = "draft"          # the report is written, not sent yet
    SENT = "sent"            # sent; the deadline has not passed
    OVERDUE = "overdue"      # sent; the deadline passed without an answer
    ANSWERED = "answered"    # the company answered
    CLOSED = "closed"        # the user closed it


@dataclass(frozen=True, slots=True)
class CaseEvent:
    """One step of the case's timeline. ``kind``: "report", "sent", "extended", "answered",
    "compared", "reminder", "complaint", "closed"; ``detail``: for "answered" the user's
    note as written, else a summary in English (the letters write their own)."""

    when: date
    kind: str
    detail: str


@dataclass(frozen=True, slots=True)
class FlaggedEvidence:
    """A file the report said is not the user's: its path, hash, size and reason codes."""

    path: str
    #: "" when the file could not be read to hash it.
    sha256: str
    #: UNKNOWN_SIZE when the export did not say.
    size: int
    #: Finding codes that counted (positive weight), as in flagged-files.csv.
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class OwnFile:
    """A file of the export that the report left alone (the user's own): what a corrected
    export must still hold. The SHA-256 only where it was cheap to have (None otherwise)."""

    path: str
    size: int
    sha256: str | None = None


@dataclass(frozen=True, slots=True)
class Comparison:
    """A corrected export checked against the first one."""

    checked_on: date
    corrected_sha256: str
    #: Flagged files no longer in the corrected export (by content, wherever they moved).
    flagged_gone: int
    flagged_still_there: tuple[FlaggedEvidence, ...]
    #: Own files found again (same size and, where known, the same SHA-256).
    own_kept: int
    #: Paths (in the first export) of own files the corrected export no longer holds.
    own_missing: tuple[str, ...]
    #: Files the report withheld as holding only the other person's data (not recordings:
    #: a PDF of their transcripts), checked like the flagged files.
    withheld_gone: int = 0
    withheld_still_there: tuple[FlaggedEvidence, ...] = ()
    #: Tables that mixed the user's rows with the other person's: a correction changes
    #: them, so hashes cannot tell whether those rows went. The user checks them by eye.
    not_verified: tuple[str, ...] = ()

    @property
    def corrected(self) -> bool:
        """Every flagged and withheld file gone and every own file kept (the mixed tables
        in ``not_verified`` cannot be told from hashes; they are listed, not counted)."""
        return (not self.flagged_still_there and not self.withheld_still_there
                and not self.own_missing)


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    controller: str
    export_name: str
    export_sha256: str
    #: The report's language ("en", "de").
    language: str
    report_folder: str
    #: (name, SHA-256) of each file written: report.pdf, report.json, ...
    report_files: tuple[tuple[str, str], ...]
    report_written: date
    flagged: tuple[FlaggedEvidence, ...]
    #: "members", "recordings", "flagged", "mine", "unsure", "user_marked", "withheld",
    #: "mixed", and "category.<code>" (recordings per kind of evidence, strongest first).
    counts: Mapping[str, int]
    #: What the report asked the company to do, in the report's language.
    requests: tuple[str, ...]
    sent_on: date | None = None
    extended_on: date | None = None
    answered_on: date | None = None
    answer_note: str = ""
    closed_on: date | None = None
    events: tuple[CaseEvent, ...] = ()
    comparison: Comparison | None = None
    #: The user's own files, for comparing a corrected export (see ``OwnFile``).
    own_files: tuple[OwnFile, ...] = field(default=(), repr=False)
    #: Files that are not recordings but hold only the other person's data (the report
    #: withheld them): path, SHA-256, size; ``reasons`` is empty. Empty for cases made
    #: before they were kept.
    withheld: tuple[FlaggedEvidence, ...] = ()
    #: Paths of files that mix the user's data with the other person's rows: a correction
    #: must change them, which no hash can verify.
    mixed: tuple[str, ...] = ()
    #: From the report's request: when the user asked (Art. 15) and when the export came,
    #: and who they are, to date and sign the letters. The user's own details.
    requested_on: date | None = None
    received_on: date | None = None
    user_name: str = ""
    contact: str = ""

    @property
    def deadline(self) -> date | None:
        """The last day for the answer (Art. 12(3)); None until the report is sent."""
        if self.sent_on is None:
            return None
        return response_deadline(self.sent_on, self.extended_on is not None)

    def state(self, today: date) -> CaseState:
        if self.closed_on is not None:
            return CaseState.CLOSED
        if self.answered_on is not None:
            return CaseState.ANSWERED
        deadline = self.deadline
        if deadline is None:
            return CaseState.DRAFT
        return CaseState.OVERDUE if today > deadline else CaseState.SENT

    def days_left(self, today: date) -> int | None:
        """Days until the deadline (0 on its last day, negative once passed) while the case
        waits for an answer; None when it does not (a draft, answered or closed)."""
        if self.state(today) not in (CaseState.SENT, CaseState.OVERDUE):
            return None
        deadline = self.deadline
        return None if deadline is None else (deadline - today).days

    @property
    def report_sha256(self) -> str:
        """The SHA-256 of the report as sent: the PDF's if one was written, else the JSON's
        (else of whatever was written first; "" when nothing was)."""
        by_name = dict(self.report_files)
        for name in ("report.pdf", "report.json"):
            if name in by_name:
                return by_name[name]
        return self.report_files[0][1] if self.report_files else ""

    @property
    def flagged_count(self) -> int:
        return len(self.flagged)

    def categories(self) -> list[tuple[str, int]]:
        """(finding code, recordings) per kind of evidence, in the report's order."""
        return [(key.removeprefix("category."), value) for key, value in self.counts.items()
                if key.startswith("category.")]


def describe_case(case: Case, today: date) -> dict[str, Any]:
    """The case as JSON-ready data (``export-viewer case ... --json``): everything it keeps
    except the list of own files, which is counted."""
    state = case.state(today)
    comparison = case.comparison
    return {
        "id": case.id,
        "state": state.value,
        "controller": case.controller,
        "export": {"name": case.export_name, "sha256": case.export_sha256},
        "language": case.language,
        "report": {"folder": case.report_folder, "written": case.report_written.isoformat(),
                   "sha256": case.report_sha256,
                   "files": [{"name": name, "sha256": sha} for name, sha in case.report_files]},
        "requested": _iso(case.requested_on),
        "received": _iso(case.received_on),
        "sent": _iso(case.sent_on),
        "extended": _iso(case.extended_on),
        "deadline": _iso(case.deadline),
        "days_left": case.days_left(today),
        "answered": _iso(case.answered_on),
        "answer_note": case.answer_note,
        "closed": _iso(case.closed_on),
        "counts": dict(case.counts),
        "requests": list(case.requests),
        "flagged": [{"path": item.path, "sha256": item.sha256 or None,
                     "size": None if item.size == UNKNOWN_SIZE else item.size,
                     "reasons": list(item.reasons)} for item in case.flagged],
        "own_files": len(case.own_files),
        "withheld": [{"path": item.path, "sha256": item.sha256 or None,
                      "size": None if item.size == UNKNOWN_SIZE else item.size}
                     for item in case.withheld],
        "mixed": list(case.mixed),
        "comparison": None if comparison is None else {
            "checked": comparison.checked_on.isoformat(),
            "corrected_sha256": comparison.corrected_sha256,
            "flagged_gone": comparison.flagged_gone,
            "flagged_still_there": [item.path for item in comparison.flagged_still_there],
            "own_kept": comparison.own_kept,
            "own_missing": list(comparison.own_missing),
            "withheld_gone": comparison.withheld_gone,
            "withheld_still_there": [item.path for item in comparison.withheld_still_there],
            "not_verified": list(comparison.not_verified),
            "corrected": comparison.corrected,
        },
        "events": [{"date": event.when.isoformat(), "kind": event.kind,
                    "detail": event.detail} for event in case.events],
    }


def _iso(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
