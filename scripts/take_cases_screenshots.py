"""Screenshots of cases: the window's overdue bar, the Cases window, a complaint's first page.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/take_cases_screenshots.py

Starts from nothing (fresh settings and review store in temporary folders), writes real
reports of the bundled demo (and of a small generated Google Takeout) dated in the past,
makes cases of them in each state (one overdue), opens the window and saves PNGs to
resources/screenshots/ (or --out): 11 the overdue bar, 12 the Cases window, 13 the complaint
dialog, 14 the complaint's first page (through ``pdftoppm -png -r 80``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# No profile, no earlier cases, no saved window layout.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="export-viewer-shots-")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="export-viewer-shots-data-")
os.environ["HOME"] = tempfile.mkdtemp(prefix="export-viewer-shots-home-")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from viewer.analysis.check import check_export  # noqa: E402
from viewer.analysis.profile import load_profile  # noqa: E402
from viewer.archive import open_export  # noqa: E402
from viewer.cases import CaseStore  # noqa: E402
from viewer.cases.authorities import authorities, authority_table  # noqa: E402
from viewer.formats import import_export  # noqa: E402
from viewer.report import ReportRequest, build_report_data, write_report  # noqa: E402
from viewer.resources import DEMO_EXPORT, DEMO_PROFILE  # noqa: E402
from viewer.review import ReviewStore  # noqa: E402
from viewer.ui.app import create_application  # noqa: E402
from viewer.ui.cases_dialogs import ComplaintDialog, complaint_note  # noqa: E402
from viewer.ui.main_window import MainWindow  # noqa: E402
from viewer.ui.report_pdf import render_pdf  # noqa: E402

TODAY = date.today()


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


def write_reports(folder: Path) -> None:
    """Four cases in the default review store: overdue, sent, draft, answered."""
    request = ReportRequest(user_name="Max Mustermann", contact="max@example.de",
                            requested=days_ago(150), received=days_ago(120))
    documents = Path(os.environ["HOME"]) / "Documents"
    with ReviewStore.open_default() as review:
        cases = CaseStore(review)
        made = []
        for number, (path, profile, written) in enumerate((
                (DEMO_EXPORT, DEMO_PROFILE, 100), (DEMO_EXPORT, DEMO_PROFILE, 70),
                (_takeout(folder), None, 20), (DEMO_EXPORT, DEMO_PROFILE, 3))):
            with open_export(path) as export:
                result = check_export(export, import_export(export),
                                      load_profile(profile) if profile else None)
                created = datetime.combine(days_ago(written), time(10), tzinfo=UTC)
                data = build_report_data(result, export, request, created=created)
                # Where the app would put it: Documents, named after the export.
                target = documents / f"{Path(path).stem} report {number + 1}"
                files = write_report(target, data, export, render_pdf=render_pdf)
                made.append(cases.create_from_report(data, files, export).id)
        answered, overdue, sent, _draft = made
        cases.mark_sent(answered, days_ago(98))
        cases.record_answer(answered, days_ago(60), "They say the recordings were deleted "
                                                    "and sent a corrected export.")
        cases.mark_sent(overdue, days_ago(68))
        cases.mark_sent(sent, days_ago(18))
        with open_export(DEMO_EXPORT) as corrected:
            from viewer.cases.compare import compare_export
            cases.attach_comparison(answered, compare_export(cases.case(answered), corrected,
                                                             days_ago(59)))


def _takeout(folder: Path) -> Path:
    from tests.helpers.exports import takeout_with_a_flagged_guest

    path, _ = takeout_with_a_flagged_guest(folder / "takeout-20250301.zip")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="export-viewer-cases-"))
    app = create_application([sys.argv[0]])
    write_reports(work)
    window = MainWindow(use_voice=False)
    window.resize(1360, 860)
    window.show()

    def save(widget: object, name: str) -> None:
        path = args.out / name
        widget.grab().save(str(path))  # type: ignore[attr-defined]
        print(path)

    def bar() -> None:
        save(window, "11-cases-overdue.png")
        window.cases.bar.first_button.click()

    def cases_window() -> None:
        shown = window.cases.cases_window
        assert shown is not None
        shown.resize(1280, 720)
        save(shown, "12-cases.png")
        case = shown.view.current_case()
        assert case is not None
        # A user in Berlin complains to the Land's authority (the company is abroad).
        table = authority_table()
        dialog = ComplaintDialog(case, authorities(), complaint_note(table.retrieved), "DE", shown)
        dialog.choose("DE-BE")
        dialog.target.setText(str(work / "complaint.pdf"))
        dialog.show()
        dialog.adjustSize()
        QApplication.processEvents()
        save(dialog, "13-complaint-dialog.png")
        shown.view.write_complaint(case.id, dialog.chosen_authority(), "en",
                                   dialog.chosen_target())
        dialog.close()
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                        str(dialog.chosen_target()), str(args.out / "14-complaint-berlin-page-1")],
                       check=True)
        print(args.out / "14-complaint-berlin-page-1.png")
        shown.close()
        window.close()
        shutil.rmtree(work, ignore_errors=True)
        app.quit()

    QTimer.singleShot(800, bar)
    QTimer.singleShot(1800, cases_window)
    return QApplication.exec()


if __name__ == "__main__":
    sys.exit(main())
