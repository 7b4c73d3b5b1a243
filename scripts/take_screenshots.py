"""Screenshots of the main states of the app, for the README and for looking at changes.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/take_screenshots.py

Runs the real window on the demo export and saves PNGs to resources/screenshots/ (or --out).
``EXPORT_VIEWER_THEME=dark`` gives the dark palette. ``--guided EXPORT`` shows the guided check
on another export instead (answering "No" to its platform question), e.g. one built with
``tests.helpers.exports.amazon_2018_like``. The user's profile starts empty every run.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer, SignalInstance
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Fresh settings: a window layout saved by an earlier run must not change the pictures; a
# fresh review store: no profile, no marks (the guided check asks its questions from scratch).
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="export-viewer-shots-")
os.environ["XDG_DATA_HOME"] = tempfile.mkdtemp(prefix="export-viewer-shots-data-")

from viewer.resources import demo_export  # noqa: E402
from viewer.ui.app import create_application  # noqa: E402
from viewer.ui.main_window import MainWindow  # noqa: E402


def OPEN() -> None:
    raise AssertionError("never called")


def CHECKED() -> None:
    """A step that waits for the ownership check (if one runs)."""
    raise AssertionError("never called")


def once(signal: SignalInstance, callback: Callable[[], None]) -> None:
    def fire(*_: object) -> None:
        signal.disconnect(fire)
        callback()
    signal.connect(fire)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    parser.add_argument("--suffix", default="")
    parser.add_argument("--guided", type=Path, metavar="EXPORT",
                        help="show the guided check on EXPORT (07/08-guided-*.png)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = create_application([sys.argv[0]])
    window = MainWindow()
    window.resize(1360, 860)
    window.show()
    steps: list[tuple[int, Callable[[], None]]] = []

    def shot(name: str) -> Callable[[], None]:
        def take() -> None:
            path = args.out / f"{name}{args.suffix}.png"
            window.grab().save(str(path))
            print(path)
        return take

    def select(row: int) -> Callable[[], None]:
        return lambda: window.table.selectRow(row)

    def skip_questions() -> None:
        window.guided.skip()
        window.statusBar().clearMessage()

    def answer_me_on_the_first_voice() -> None:
        window.guided_panel.scroll_area.ensureWidgetVisible(window.guided_panel.voice_cards[0])
        buttons = window.guided_panel.voice_cards[0].buttons
        assert buttons is not None
        buttons.button("me").click()

    def answer_no_on_the_platform() -> None:
        next(iter(window.guided_panel.platform_rows.values())).button(False).click()

    export = args.guided or demo_export()
    if args.guided:
        steps += [
            (300, OPEN),
            (100, CHECKED),
            (600, shot("07-guided-check")),
            (100, answer_no_on_the_platform),
            (100, CHECKED),
            (600, shot("08-guided-check-answered")),
            (100, window.close),
            (300, app.quit),
        ]
    else:
        steps += [
            (600, shot("01-drop")),
            (100, OPEN),
            (100, CHECKED),
            (100, skip_questions),  # shown again at the end
            (800, select(11)),
            (800, lambda: window.player.seek(1.2)),
            (400, shot("02-recordings")),
            (100, lambda: window.filter_bar.search.setText("boston")),
            (500, shot("03-search")),
            (100, lambda: window.filter_bar.search.clear()),
            (100, lambda: window.tabs.setCurrentIndex(1)),
            (300, lambda: window.files_view.select_path(
                "Additional Data/Alexa/Alexa/Transcripts.pdf")),
            (1200, shot("04-files-pdf")),
            (100, lambda: window.tabs.setCurrentIndex(0)),
            (300, window.commands.shortcuts.trigger),
            (400, shot("05-shortcuts")),
            (100, window.help_overlay.hide),
            (100, window.commands.guided_check.trigger),
            (300, answer_me_on_the_first_voice),
            (100, CHECKED),
            (600, shot("09-guided-check-demo")),
            (100, window.commands.show_voices.trigger),
            (600, shot("10-voices")),
            (100, window.close),
            (300, app.quit),
        ]

    def run_from(number: int) -> None:
        """One step at a time: each waits for the one before, so load cannot reorder them."""
        if number >= len(steps):
            return
        wait, action = steps[number]

        def go() -> None:
            if action is OPEN:
                once(window.session.opened, lambda: run_from(number + 1))
                window.open_paths([export])
            elif action is CHECKED:
                if window.analysis.running:
                    once(window.analysis.finished, lambda: run_from(number + 1))
                else:
                    run_from(number + 1)
            else:
                action()
                run_from(number + 1)

        QTimer.singleShot(wait, go)

    run_from(0)
    return QApplication.exec()


if __name__ == "__main__":
    sys.exit(main())
