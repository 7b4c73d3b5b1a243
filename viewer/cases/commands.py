"""``export-viewer case ...``: the cases on the command line (list, show, record the steps,
write the letters), text for a person or ``--json``.

viewer/cli.py declares the arguments (importing this module costs the report code, which
``--help`` and ``inspect`` should not wait for) and turns a ``CaseError`` into its one-line
usage error. Qt is not imported here: a PDF is drawn by the renderer ``viewer.cli`` passes
in (``viewer.ui.letter_pdf``).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from viewer.archive import ArchiveError, open_export
from viewer.cases.authorities import Authority, authority_for, authority_table
from viewer.cases.compare import compare_export
from viewer.cases.errors import CaseError
from viewer.cases.letters import complaint_text, reminder_text, short_name
from viewer.cases.model import Case, CaseState, describe_case
from viewer.cases.store import CaseStore, comparison_summary

#: Draws a letter's text as a PDF: (text, target, title).
LetterRenderer = Callable[[str, Path, str], None]
PrintJson = Callable[[Any], None]

#: What day it is (tests replace it).
clock: Callable[[], date] = date.today

EXIT_OK = 0
#: ``answered --corrected``: the corrected export still holds flagged or withheld files, or
#: lost own ones.
EXIT_NOT_CORRECTED = 1


def run_case_command(args: argparse.Namespace, *, print_json: PrintJson,
                     letter_renderer: Callable[[], LetterRenderer],
                     today: date | None = None) -> int:
    """Run one ``case`` step; CaseError for what the user must change."""
    day = today or clock()
    with _case_store(day) as cases:
        command = args.case_command
        if command == "list":
            listed = cases.cases()
            if args.json:
                print_json({"cases": [describe_case(case, day) for case in listed]})
            else:
                _print_list(listed, day)
            return EXIT_OK
        if command == "show":
            return _finish(args, cases.case(args.number), day, print_json)
        if command == "sent":
            return _finish(args, cases.mark_sent(args.number, args.on or day), day, print_json)
        if command == "extended":
            return _finish(args, cases.mark_extended(args.number, args.on or day), day,
                           print_json)
        if command == "close":
            return _finish(args, cases.close(args.number, args.on or day), day, print_json)
        if command == "delete":
            cases.delete(args.number)
            if args.json:
                print_json({"deleted": args.number})
            else:
                sys.stdout.write(f"Deleted case {args.number}.\n")
            return EXIT_OK
        if command == "answered":
            return _answered(args, cases, day, print_json)
        if command in ("reminder", "complaint"):
            return _letter(args, cases, day, print_json, letter_renderer)
    raise CaseError(f"unknown step {command!r}")  # argparse allows only the steps above


# -- steps ----------------------------------------------------------------------------------

def _answered(args: argparse.Namespace, cases: CaseStore, day: date,
              print_json: PrintJson) -> int:
    status = EXIT_OK
    with contextlib.ExitStack() as stack:
        # The corrected export is opened first: an answer is recorded with its check or,
        # when the export cannot be read, not at all (the user fixes the path and retries).
        export = None
        if args.corrected:
            try:
                export = stack.enter_context(open_export(args.corrected))
            except ArchiveError as error:
                raise CaseError(f"the corrected export cannot be read: {error}; nothing "
                                "was recorded") from error
        case = cases.record_answer(args.number, args.on or day, args.note)
        if export is not None:
            comparison = compare_export(case, export, today=day)
            case = cases.attach_comparison(case.id, comparison)
            if not comparison.corrected:
                status = EXIT_NOT_CORRECTED
    _finish(args, case, day, print_json)
    return status


def _letter(args: argparse.Namespace, cases: CaseStore, day: date, print_json: PrintJson,
            letter_renderer: Callable[[], LetterRenderer]) -> int:
    case = cases.case(args.number)
    language = args.language or case.language
    authority: Authority | None = None
    if args.case_command == "reminder":
        text = reminder_text(case, language, day)
        title = ("Erinnerung" if language == "de" else "Reminder") + \
            f" – {short_name(case.controller)}"
    else:
        authority = authority_for(args.country)
        text = complaint_text(case, authority, language, day)
        title = ("Beschwerde" if language == "de" else "Complaint") + \
            f" – {short_name(case.controller)}"
    target = Path(args.out)
    _write_letter(text, target, title, letter_renderer)
    case = cases.record_letter(case.id, day, args.case_command,
                               f"{args.case_command.capitalize()} written to {target.name}"
                               + (f" for {authority.name}" if authority else ""))
    if args.json:
        print_json({"written": str(target), "case": describe_case(case, day),
                    "authority": None if authority is None else _authority_json(authority)})
        return EXIT_OK
    write = sys.stdout.write
    write(f"Wrote the {args.case_command} for case {case.id} to {target}.\n")
    if authority is not None:
        table = authority_table()
        write(f"\nSend it to {authority.name}\n")
        for label, value in (("Address", authority.address.replace("\n", ", ")),
                             ("Web form", authority.web_form),
                             ("Complaints", authority.complaint_page),
                             ("E-mail", authority.email), ("Website", authority.website)):
            if value:
                write(f"  {label + ':':<12}{value}\n")
        if authority.scope:
            write(f"  {'Handles:':<12}{authority.scope}\n")
        for comment in authority.comments:
            write(f"  {'Note:':<12}{comment}\n")
        write(f"\nFrom the table shipped with Export Viewer (retrieved {table.retrieved}; "
              f"this entry: {authority.source}). Check the website before sending: "
              "addresses and forms change.\n")
    return EXIT_OK


def _write_letter(text: str, target: Path, title: str,
                  letter_renderer: Callable[[], LetterRenderer]) -> None:
    if target.exists() and target.is_dir():
        raise CaseError(f"{target} is a folder; name the file to write")
    part = target.with_name(f".{target.name}.part")
    try:
        if target.suffix.lower() == ".pdf":
            letter_renderer()(text, part, title)
        else:
            part.write_text(text, encoding="utf-8")
        os.replace(part, target)
    except OSError as error:
        raise CaseError(f"cannot write {target}: {error.strerror or error}") from error
    finally:
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)


# -- output ---------------------------------------------------------------------------------

def _finish(args: argparse.Namespace, case: Case, day: date, print_json: PrintJson) -> int:
    if args.json:
        print_json(describe_case(case, day))
    else:
        _print_case(case, day)
    return EXIT_OK


def _state_text(case: Case, day: date) -> str:
    state = case.state(day)
    left = case.days_left(day)
    if state is CaseState.SENT and left is not None:
        return f"sent, {left} days left (deadline {case.deadline})"
    if state is CaseState.OVERDUE and left is not None:
        return f"overdue, {-left} days past the deadline ({case.deadline})"
    return state.value


def _print_list(cases: list[Case], day: date) -> None:
    write = sys.stdout.write
    if not cases:
        write("No cases yet: each report that 'export-viewer report' writes starts one.\n")
        return
    write(f"{'#':>4}  {'state':<9} {'days':>5}  {'sent':<10}  {'deadline':<10}  "
          f"controller / export\n")
    for case in cases:
        left = case.days_left(day)
        write(f"{case.id:>4}  {case.state(day).value:<9} "
              f"{'-' if left is None else left:>5}  {_iso(case.sent_on):<10}  "
              f"{_iso(case.deadline):<10}  {short_name(case.controller)} / "
              f"{case.export_name}\n")
    overdue = sum(1 for case in cases if case.state(day) is CaseState.OVERDUE)
    if overdue:
        write(f"\n{overdue} overdue: 'export-viewer case reminder N --out reminder.pdf' "
              "writes a reminder.\n")


def _print_case(case: Case, day: date) -> None:
    write = sys.stdout.write
    write(f"Case {case.id}: {_state_text(case, day)}\n")
    write(f"Controller: {case.controller}\n")
    write(f"Export:     {case.export_name} (SHA-256 {case.export_sha256})\n")
    write(f"Report:     {case.report_folder}, written {case.report_written}; "
          f"SHA-256 {case.report_sha256}\n")
    counts = case.counts
    write(f"Not yours:  {len(case.flagged)} of {counts.get('recordings', 0)} recordings\n")
    if case.sent_on:
        extension = f", extended on {case.extended_on}" if case.extended_on else ""
        write(f"Sent:       {case.sent_on}; answer due by {case.deadline}{extension}\n")
    if case.answered_on:
        write(f"Answered:   {case.answered_on}"
              + (f": {case.answer_note}" if case.answer_note else "") + "\n")
    if case.comparison is not None:
        write(f"Corrected:  {comparison_summary(case.comparison, len(case.flagged))}\n")
        for item in case.comparison.flagged_still_there:
            write(f"  still there: {item.path}\n")
        for item in case.comparison.withheld_still_there:
            write(f"  withheld, still there: {item.path}\n")
        for path in case.comparison.own_missing:
            write(f"  missing:     {path}\n")
        if case.comparison.not_verified:
            write("  not verified: check that these no longer hold the other person's "
                  "rows:\n")
            for path in case.comparison.not_verified:
                write(f"    {path}\n")
    if case.closed_on:
        write(f"Closed:     {case.closed_on}\n")
    write("Timeline:\n")
    for event in case.events:
        write(f"  {event.when}  {event.kind:<9} {event.detail}\n")


def _authority_json(authority: Authority) -> dict[str, Any]:
    table = authority_table()
    return {"code": authority.code, "name": authority.name, "address": authority.address,
            "web_form": authority.web_form or None, "email": authority.email or None,
            "website": authority.website or None, "scope": authority.scope or None,
            "source": authority.source, "table_retrieved": table.retrieved}


# -- helpers --------------------------------------------------------------------------------

@contextlib.contextmanager
def _case_store(day: date) -> Iterator[CaseStore]:
    from viewer.review import ReviewStore, ReviewStoreError

    try:
        store = ReviewStore.open_default()
    except ReviewStoreError as error:
        raise CaseError(str(error)) from error
    with store:
        yield CaseStore(store, today=lambda: day)


def _iso(value: date | None) -> str:
    return "-" if value is None else value.isoformat()
