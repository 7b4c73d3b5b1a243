"""Time from "open this export" (a drop, File > Open) to the timeline showing it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_open.py EXPORT.zip [--repeat 3]

Prints one line per run, "seconds peak_rss_mb". The window is created before the clock
starts (a person drops onto a window that is already open); the clock stops when the
window has filled the list and the timeline and processed the events that follow.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QEventLoop, QTimer

from viewer.ui.app import create_application
from viewer.ui.main_window import MainWindow


def open_once(window: MainWindow, export: Path) -> float:
    loop = QEventLoop()
    finished: list[float] = []

    def shown(*_: object) -> None:
        # Queued after the window's own slot: the list and timeline are filled by now.
        QTimer.singleShot(0, lambda: (finished.append(time.perf_counter()), loop.quit()))

    window.session.opened.connect(shown)
    started = time.perf_counter()
    window.open_paths([export])
    loop.exec()
    window.session.opened.disconnect(shown)
    assert window.timeline.selected_range() is None and window.model.rowCount() > 0
    return finished[0] - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    app = create_application([sys.argv[0]])
    window = MainWindow()
    window.resize(1280, 820)
    window.show()
    app.processEvents()
    for _ in range(args.repeat):
        seconds = open_once(window, args.export)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{seconds:.3f} {peak:.0f}", flush=True)
    window.close()


if __name__ == "__main__":
    main()
