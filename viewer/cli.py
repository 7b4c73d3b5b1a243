"""The ``export-viewer`` command: the desktop app, and the headless commands.

``export-viewer [PATH ...] [--demo]`` opens the window; ``export-viewer inspect PATH ...``
and the other commands run without any window and print text or JSON.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import traceback
from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from viewer import __version__
from viewer.archive import ArchiveError, Export, format_bytes, open_export

if TYPE_CHECKING:
    from pathlib import Path

    from viewer.analysis.check import CheckResult
    from viewer.report import ReportData

log = logging.getLogger("viewer.cli")

EXIT_OK = 0
EXIT_FOUND = 1  # `check`: something is not the user's
EXIT_UNREADABLE = 2  # the input cannot be opened, or is refused as unsafe
EXIT_INTERNAL = 70  # a bug in this program (EX_SOFTWARE)


class UsageError(Exception):
    """Bad command-line input; the message is printed as is."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="export-viewer",
        description="See, hear and check what a GDPR data export holds, and prove what is "
                    "not yours. Works offline: it never opens a network connection.",
        epilog="Without a command, the desktop app opens (with PATH, on that export). "
               "Run 'export-viewer COMMAND --help' for a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"export-viewer {__version__}")
    parser.add_argument(
        "--install-desktop-entry", action="store_true",
        help="add Export Viewer to your application menu, with \"Open with\" for ZIP files "
             "and folders (for you only, in ~/.local/share)")
    parser.add_argument("--remove-desktop-entry", action="store_true",
                        help="remove that menu entry and its icon again")
    parser.set_defaults(handler=run_desktop_entry)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    inspect = _export_command(
        commands, "inspect", help="list what an export holds",
        description="List every file of an export (ZIP, nested ZIPs, split parts or a folder) "
                    "with its size, kind and problems, and the SHA-256 of the source. Exit 0 "
                    "when it could be read (even with damaged files), 2 when it cannot be "
                    "opened or is refused as unsafe.")
    inspect.add_argument("--demo", action="store_true", help="inspect the bundled demo export")
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.add_argument("--verify", action="store_true",
                         help="also read every file: check its CRC and add its SHA-256")
    inspect.add_argument("--files-only", action="store_true",
                         help="list the files only; do not interpret recordings and transcripts")
    inspect.set_defaults(handler=run_inspect)

    check = _export_command(
        commands, "check", help="find the recordings that are not yours, with reasons",
        description="Check every recording of an export against your profile (devices, "
                    "locales, time zone, people) and the export's own tables, and say which "
                    "are not yours and why. Exit 0 when nothing is not yours, 1 when "
                    "something is, 2 when the export cannot be read or the profile is "
                    "invalid.")
    check.add_argument("--profile", metavar="FILE",
                       help="your profile (JSON); without it only the export's own tables "
                            "are compared")
    check.add_argument("--demo", action="store_true", help="check the bundled demo export")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    check.add_argument("--no-voice", action="store_true",
                       help="do not compare voices (metadata only)")
    check.set_defaults(handler=run_check)

    report = _export_command(
        commands, "report", help="write the discrepancy report to send to the company",
        description="Check an export and write a report folder: report.pdf, report.json, "
                    "flagged-files.csv and letter.txt (with --clean-copy also a new ZIP of "
                    "the export without the files that are not yours). No audio and no "
                    "transcript of the files that are not yours goes into it. Exit 0 when "
                    "written, 2 when the export cannot be read, the profile is invalid or "
                    "the folder cannot be written.")
    report.add_argument("--out", required=True, metavar="DIR",
                        help="the folder to write (new or empty)")
    report.add_argument("--profile", metavar="FILE", help="your profile (JSON), as for check")
    report.add_argument("--lang", choices=("en", "de"), default="en",
                        help="the report's language (default: en)")
    report.add_argument("--controller", metavar="NAME",
                        help="who sent the export (default: guessed from its format)")
    report.add_argument("--name", metavar="NAME", help="your name, to sign the letter "
                                                        "(default: the profile's)")
    report.add_argument("--contact", metavar="TEXT",
                        help="your e-mail or address (default: the profile's)")
    report.add_argument("--requested", metavar="DATE", type=_date,
                        help="when you asked for your data (YYYY-MM-DD)")
    report.add_argument("--received", metavar="DATE", type=_date,
                        help="when the export arrived (YYYY-MM-DD; default: the file's "
                             "modification date)")
    report.add_argument("--excerpts", action="store_true",
                        help="add short excerpts of the transcripts, with names, numbers "
                             "and places masked (off by default)")
    report.add_argument("--no-voice", action="store_true",
                        help="do not compare voices (metadata only)")
    report.add_argument("--clean-copy", action="store_true",
                        help="also write a new ZIP of the export without the files that are "
                             "not yours (the original is never changed)")
    report.add_argument("--overwrite", action="store_true",
                        help="write into a folder that is not empty")
    report.add_argument("--demo", action="store_true", help="report on the bundled demo")
    report.add_argument("--no-case", action="store_true",
                        help="do not start a case for this report (see 'export-viewer case')")
    report.set_defaults(handler=run_report)
    _add_case_command(commands)
    return parser


def _add_case_command(commands: Any) -> None:
    """``case`` and its steps (run by viewer.cases.commands)."""
    case = commands.add_parser(
        "case", help="follow a report until the company answers",
        description="Every report the 'report' command writes starts a case. Record when you "
                    "sent it and when the company answered; after the one-month deadline "
                    "(Art. 12(3) GDPR) write a reminder, or a complaint to a supervisory "
                    "authority (Art. 77 GDPR). Cases are kept with your review data; "
                    "'Forget everything' in the app deletes them.")
    steps = case.add_subparsers(dest="case_command", metavar="STEP", required=True)

    def step(name: str, help_text: str, *, number: bool = True) -> argparse.ArgumentParser:
        parser = steps.add_parser(name, help=help_text, description=help_text)
        if number:
            parser.add_argument("number", type=_case_number, metavar="N",
                                help="the case's number")
        parser.add_argument("--json", action="store_true", help="print one JSON object")
        return parser

    step("list", "list the cases, newest first, with their state and days left",
         number=False)
    step("show", "show one case: its evidence, dates and timeline")
    sent = step("sent", "record the day you sent the report (starts the one-month deadline)")
    sent.add_argument("--on", type=_date, metavar="DATE", help="YYYY-MM-DD (default: today)")
    extended = step("extended", "record the day the company said it needs two more months")
    extended.add_argument("--on", type=_date, metavar="DATE",
                          help="YYYY-MM-DD (default: today)")
    answered = step("answered", "record the company's answer (and check a corrected export)")
    answered.add_argument("--on", type=_date, metavar="DATE",
                          help="YYYY-MM-DD (default: today)")
    answered.add_argument("--note", default="", metavar="TEXT",
                          help="what the company said, in your words")
    answered.add_argument("--corrected", nargs="+", metavar="PATH",
                          help="the corrected export it sent (a ZIP, its parts or a folder): "
                               "checked against the first; exit 1 when it still holds files "
                               "that are not yours or lost some of yours")
    reminder = step("reminder", "write a reminder (when the deadline has passed)")
    reminder.add_argument("--out", required=True, metavar="FILE",
                          help="the file to write: .pdf for a PDF, anything else for text")
    reminder.add_argument("--language", choices=("en", "de"),
                          help="the letter's language (default: the report's)")
    complaint = step("complaint", "write a complaint to a supervisory authority (Art. 77)")
    complaint.add_argument("--country", required=True, metavar="CODE",
                           help="the authority's country (FR, IE, ...) or German Land "
                                "(DE-BY, DE-BE, ...; DE alone: the federal BfDI, for "
                                "telecommunications and postal companies)")
    complaint.add_argument("--out", required=True, metavar="FILE",
                           help="the file to write: .pdf for a PDF, anything else for text")
    complaint.add_argument("--language", choices=("en", "de"),
                           help="the letter's language (default: the report's)")
    close = step("close", "close a case (answered well enough, or given up)")
    close.add_argument("--on", type=_date, metavar="DATE", help="YYYY-MM-DD (default: today)")
    step("delete", "delete a case and its timeline (the report folder stays)")
    case.set_defaults(handler=run_case)


def _export_command(commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
                    *, help: str, description: str) -> argparse.ArgumentParser:
    """A subcommand that reads an export: the export's paths are its positional arguments."""
    command: argparse.ArgumentParser = commands.add_parser(name, help=help,
                                                           description=description)
    command.add_argument("paths", nargs="*", metavar="PATH",
                         help="the export: one ZIP, several split parts, or a folder")
    return command


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date like 2024-11-05") from error


#: SQLite's integers are signed 64-bit: a larger case number cannot even be looked up.
CASE_NUMBER_LIMIT = 2 ** 63


def _case_number(text: str) -> int:
    try:
        number = int(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"“{text}” is not a case number") from error
    if not 0 < number < CASE_NUMBER_LIMIT:
        raise argparse.ArgumentTypeError(
            f"“{text}” is not a case number ('export-viewer case list' shows them)")
    return number


def run_inspect(args: argparse.Namespace) -> int:
    from viewer.formats import import_export
    from viewer.inspection import describe_export

    with open_export(_export_paths(args), hash_sources="background") as export:
        if args.verify:
            for _step in export.verify_steps():
                pass
        contents = None if args.files_only else import_export(export)
        report = describe_export(export, contents, member_hashes=args.verify)
    if args.json:
        _print_json(report)
    else:
        _print_inspect_text(report)
    return EXIT_OK


def _profile_argument(args: argparse.Namespace) -> Any | None:
    """The ``--profile`` file, loaded; a bad one is a usage error naming the key."""
    from viewer.analysis.profile import ProfileError, load_profile

    if not args.profile:
        return None
    try:
        return load_profile(args.profile)
    except ProfileError as error:
        raise UsageError(str(error)) from error


def _check(export: Export, args: argparse.Namespace, profile: Any | None) -> CheckResult:
    """Import and check ``export`` as ``check`` and ``report`` do: the CheckResult."""
    from viewer.analysis.check import check_export
    from viewer.formats import import_export

    contents = import_export(export)
    # With voice, the user's review store caches embeddings, member hashes and clusters;
    # --no-voice leaves no trace (batch checks of other people's exports).
    store = None if args.no_voice else _open_cache()
    try:
        voice = None
        if not args.no_voice:
            from viewer.voice import voice_evidence  # numpy and the model: only with voice

            voice = voice_evidence(export, contents, profile, store)
        return check_export(export, contents, profile, voice=voice, cache=store)
    finally:
        if store is not None:
            store.close()


def run_check(args: argparse.Namespace) -> int:
    from viewer.analysis.check import describe_check

    profile = _profile_argument(args)
    with open_export(_export_paths(args), hash_sources="background") as export:
        report = describe_check(_check(export, args, profile))
    if args.json:
        _print_json(report)
    else:
        _print_check_text(report)
    return EXIT_FOUND if report["summary"]["by_verdict"]["not-mine"] else EXIT_OK


def run_report(args: argparse.Namespace) -> int:
    from viewer.report import (
        ReportRequest,
        ReportWriteError,
        build_report_data,
        prepare_folder,
        received_date,
        write_report,
    )

    profile = _profile_argument(args)
    paths = _export_paths(args)
    try:
        # Before the check: a folder that cannot be written should not cost a minute first.
        prepare_folder(args.out, overwrite=args.overwrite)
        from viewer.ui.report_pdf import render_pdf  # Qt, only for this command
    except ReportWriteError as error:
        raise UsageError(str(error)) from error
    except ImportError as error:
        raise UsageError(f"the PDF cannot be drawn without Qt ({error})") from error
    received = args.received or received_date(paths[0])
    with open_export(paths, hash_sources="background") as export:
        result = _check(export, args, profile)
        request = ReportRequest(
            controller=args.controller or "",
            user_name=args.name if args.name is not None else profile_value(profile, "name"),
            contact=(args.contact if args.contact is not None
                     else profile_value(profile, "contact")),
            requested=args.requested, received=received, language=args.lang,
            include_excerpts=args.excerpts)
        data = build_report_data(result, export, request)
        try:
            written = write_report(args.out, data, export, render_pdf=render_pdf,
                                   clean_copy=args.clean_copy, overwrite=True)
        except ReportWriteError as error:
            raise UsageError(str(error)) from error
        case_id = None if args.no_case else _open_case(data, written, export)
    not_mine = data.by_verdict.get("not-mine", 0)
    sys.stdout.write(f"{not_mine} of {data.recordings} recordings are not yours; "
                     f"wrote {len(written)} files to {args.out}:\n")
    for path in written:
        sys.stdout.write(f"  {path.name}\n")
    if case_id is not None:
        sys.stdout.write(f"Case {case_id} started. When you have sent the report: "
                         f"export-viewer case sent {case_id} --on YYYY-MM-DD\n")
    return EXIT_OK


def _open_case(data: ReportData, written: list[Path], export: Export) -> int | None:
    """Start the case that follows this report; None (with a warning) if the review store
    cannot be opened: the report is written either way."""
    from viewer.cases import CaseStore
    from viewer.review import ReviewStore, ReviewStoreError

    try:
        with ReviewStore.open_default() as store:
            return CaseStore(store).create_from_report(data, written, export).id
    except ReviewStoreError as error:
        print(f"export-viewer: no case was started ({error})", file=sys.stderr)
        return None


def run_case(args: argparse.Namespace) -> int:
    from viewer.cases import CaseError
    from viewer.cases.commands import run_case_command

    def letter_renderer() -> Callable[[str, Path, str], None]:
        try:
            from viewer.ui.letter_pdf import render_letter_pdf  # Qt, only for a PDF
        except ImportError as error:
            raise UsageError(f"the PDF cannot be drawn without Qt ({error}); write a .txt "
                             "file instead") from error
        return render_letter_pdf

    try:
        return run_case_command(args, print_json=_print_json, letter_renderer=letter_renderer)
    except CaseError as error:
        raise UsageError(str(error)) from error


def profile_value(profile: Any, key: str) -> str:
    return (getattr(profile, key, None) or "") if profile is not None else ""


def _print_check_text(report: dict[str, Any]) -> None:
    write = sys.stdout.write
    if report["profile"] is None:
        write("No profile given (--profile FILE): only the export's own tables were "
              "compared.\n\n")
    write(f"{'verdict':<9} {'score':>5}  {'time (UTC)':<16}  {'device':<18}  reason\n")
    for recording in report["recordings"]:
        start = (recording["start"] or "?")[:16].replace("T", " ")
        top = recording["reasons"][0]["detail"] if recording["reasons"] else "no evidence"
        mark = " (your mark)" if recording["user_marked"] else ""
        write(f"{recording['verdict']:<9} {recording['score']:>5.2f}  {start:<16}  "
              f"{recording['device'] or '?':<18}  {top}{mark}\n")
    summary = report["summary"]
    counts = summary["by_verdict"]
    write(f"\n{summary['recordings']} recordings: {counts['not-mine']} not yours, "
          f"{counts['unsure']} unsure, {counts['mine']} yours\n")
    for reason in summary["strongest_reasons"]:
        write(f"  {reason['recordings']:>5} × {reason['code']} ({reason['weight']:+.1f}): "
              f"{reason['example']}\n")
    for voice in report["voices"]:
        write(f"Voice {voice}\n")
    for problem in report["problems"]:
        write(f"! {problem}\n")


def run_desktop_entry(args: argparse.Namespace) -> int:
    from viewer.desktop import DesktopEntryError, install_desktop_entry, remove_desktop_entry

    if args.install_desktop_entry == args.remove_desktop_entry:
        raise UsageError("use --install-desktop-entry or --remove-desktop-entry, or name a "
                         "command (see --help)")
    try:
        if args.install_desktop_entry:
            files = install_desktop_entry()
            print(f"Installed {files.entry}\n  and its icon {files.icon}.\n"
                  "Export Viewer is in your application menu; your file manager offers it "
                  "under \"Open with\" for ZIP files and folders.")
        else:
            removed = remove_desktop_entry()
            print("\n".join(f"Removed {path}" for path in removed)
                  or "There was no desktop entry to remove.")
    except DesktopEntryError as error:
        raise UsageError(str(error)) from error
    return EXIT_OK


def _export_paths(args: argparse.Namespace) -> list[str]:
    paths = list(args.paths)
    if getattr(args, "demo", False):
        from viewer.resources import demo_export

        try:
            paths.append(str(demo_export()))
        except FileNotFoundError as error:
            raise UsageError(str(error)) from error
    if not paths:
        raise UsageError("name the export to read (a ZIP, its split parts or a folder), "
                         "or use --demo")
    return paths


def _open_cache() -> Any | None:
    """The user's review store, which caches analysis; None when it cannot be opened."""
    from viewer.review import ReviewStore, ReviewStoreError

    try:
        return ReviewStore.open_default()
    except ReviewStoreError as error:  # the cache saves time; the check works without it
        log.warning("analysis cache unavailable: %s", error)
        return None


def _print_json(data: Any) -> None:
    # Indented for a person at a terminal; compact for a pipe, where the C encoder is
    # ten times faster than the indenting one on a 1,700-recording export.
    indent = 2 if sys.stdout.isatty() else None
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=indent))
    sys.stdout.write("\n")


def _print_inspect_text(report: dict[str, Any]) -> None:
    write = sys.stdout.write
    for source in report["sources"]:
        write(f"{source['path']}\n  {source['kind']}, {format_bytes(source['size'])}, "
              f"sha256 {source['sha256']}\n")
    for problem in report["problems"]:
        write(f"! {problem}\n")
    write("\n")
    for member in report["members"]:
        write(f"{format_bytes(member['size']):>10}  {member['kind']:<7}  {member['path']}\n")
        for problem in member["problems"]:
            write(f"{'':>10}  {'!':<7}  {problem}\n")
    totals = report["totals"]
    kinds = ", ".join(f"{entry['count']} {kind}" for kind, entry in totals["by_kind"].items())
    write(f"\n{totals['members']} files, {format_bytes(totals['bytes'])} unpacked ({kinds}); "
          f"{totals['with_problems']} with problems\n")
    if "recordings" in report:
        _print_contents_text(report)


def _print_contents_text(report: dict[str, Any]) -> None:
    write = sys.stdout.write
    recordings = report["recordings"]
    methods = Counter(recording["link"]["method"] for recording in recordings)
    write(f"\nFormats: {', '.join(report['formats']) or 'none recognised'}\n")
    write(f"Recordings: {len(recordings)} ({methods['explicit']} linked by name, "
          f"{methods['time']} by time, {methods['none']} without transcript)\n")
    write(f"Transcripts without audio: {len(report['transcripts_without_audio'])}\n")
    for device in report["devices"]:
        status = "registered" if device["registered_in_export"] else "NOT in the registration"
        write(f"Device {device['key']}: {device['model'] or device['type'] or '?'}, "
              f"{device['locale'] or '?'}, {device['marketplace'] or '?'} ({status})\n")
    for item in report["not_understood"]:
        write(f"Not understood: {item['path']} ({item['reason']})\n")
    for problem in report["import_problems"]:
        write(f"! {problem['source']}: {problem['message']}\n")


def run_gui(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(prog="export-viewer", add_help=False)
    parser.add_argument("--demo", action="store_true")
    # For smoke tests of an installed app: close the window after SECONDS, printing one line
    # about what it shows. Not in --help: nobody else needs it.
    parser.add_argument("--quit-after", type=float, metavar="SECONDS")
    parser.add_argument("paths", nargs="*")
    args = parser.parse_args(argv)
    try:
        from viewer.ui.app import run_app
    except ImportError as error:
        raise UsageError(
            f"the desktop window cannot start ({error}); the headless commands still work: "
            "export-viewer inspect PATH") from error
    return int(run_app(args.paths, demo=args.demo, quit_after=args.quit_after))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    commands = {"inspect", "check", "report", "case"}
    first = next((arg for arg in argv if not arg.startswith("-")), None)
    wants_parser = any(arg in ("-h", "--help", "--version", "--install-desktop-entry",
                               "--remove-desktop-entry") for arg in argv[:1])
    try:
        if first in commands or wants_parser:
            args = parser.parse_args(argv)
            handler: Callable[[argparse.Namespace], int] = args.handler
            return _guarded(lambda: handler(args))
        return _guarded(lambda: run_gui(argv))
    except SystemExit as leaving:  # argparse's --help, --version and usage errors
        return int(leaving.code or 0)


def _guarded(action: Callable[[], int]) -> int:
    """Run a command; expected failures print one line, never a traceback."""
    try:
        return action()
    except (ArchiveError, UsageError) as error:
        print(f"export-viewer: {error}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        print("export-viewer: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`| head`); that is not an error of ours.
        sys.stderr.close()
        return EXIT_OK
    except Exception as error:
        if _is_voice_model_error(error):  # a damaged installation, not a bug: say what to do
            print(f"export-viewer: {error}; or check without voices: --no-voice",
                  file=sys.stderr)
            return EXIT_UNREADABLE
        if os.environ.get("EXPORT_VIEWER_DEBUG"):
            traceback.print_exc()
        print(f"export-viewer: internal error: {type(error).__name__}: {error} "
              "(set EXPORT_VIEWER_DEBUG=1 for details, and please report it)", file=sys.stderr)
        return EXIT_INTERNAL


def _is_voice_model_error(error: Exception) -> bool:
    # Looked up, not imported: the voice module (and numpy) loads only when voices are used.
    encoder = sys.modules.get("viewer.voice.encoder")
    return encoder is not None and isinstance(error, encoder.VoiceModelError)
