"""Screenshots of the main states of the app, for the README and for looking at changes.

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/take_screenshots.py

Runs the real window on the demo export and saves PNGs to resources/screenshots/ (or --out).
``EXPORT_VIEWER_THEME=dark`` gives the dark palette.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Fresh settings: a window layout saved by an earlier run must not change the pictures.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="export-viewer-shots-")

from viewer.resources import demo_export  # noqa: E402
from viewer.ui.app import create_application  # noqa: E402
from viewer.ui.main_window import MainWindow  # noqa: E402


def OPEN() -> None:
    raise AssertionError("never called")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "resources" / "screenshots")
    parser.add_argument("--suffix", default="")
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

    steps += [
        (600, shot("01-drop")),
        (100, OPEN),
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
        (300, window.actions.shortcuts.trigger),
        (400, shot("05-shortcuts")),
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
                window.session.opened.connect(lambda *_: run_from(number + 1))
                window.open_paths([demo_export()])
            else:
                action()
                run_from(number + 1)

        QTimer.singleShot(wait, go)

    run_from(0)
    return QApplication.exec()


if __name__ == "__main__":
    sys.exit(main())
