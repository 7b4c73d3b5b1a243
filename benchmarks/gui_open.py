"""Time from "open this export" (a drop, File > Open) to the timeline showing it.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/gui_open.py EXPORT.zip [--repeat 3]

Prints one line per run, "seconds peak_rss_mb". The voice check is left out here (its own
row); ``--with-check`` instead times open plus the whole check with voice and prints the
longest stall of the GUI thread in ms while opening (to the first frame that shows the
export), during the metadata check and during the voice comparison (target: under 100 ms).
The window is created before the clock starts (a person drops onto a window that is already
open); the clock stops when the
window has filled the list and the timeline and processed the events that follow.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import itertools

from PySide6.QtCore import QEventLoop, QTimer

from viewer.archive import OpenProgress
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


def open_and_check(window: MainWindow, export: Path) -> tuple[float, dict[str, float]]:
    """Seconds until the whole check (voice included) is done, and the longest GUI stall
    in each phase: opening (up to and including the first frame that shows the export),
    the metadata check, and the voice comparison."""
    ticks: list[float] = []
    phases: list[tuple[float, str]] = [(0.0, "opening")]
    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    loop = QEventLoop()

    def progressed(step: OpenProgress) -> None:
        phase = "voice" if step.phase == "comparing voices" else "metadata check"
        if window.session.is_opening or phases[-1][1] == phase:
            return
        # The first check step comes after the window has shown the export: from here on,
        # stalls are the analysis's, not the opening's.
        phases.append((time.perf_counter(), phase))

    window.analysis.progress.connect(progressed)
    window.analysis.finished.connect(lambda *_: loop.quit())
    window.analysis.failed.connect(lambda *_: loop.quit())
    timer.start()
    started = time.perf_counter()
    window.open_paths([export])
    loop.exec()
    timer.stop()
    longest: dict[str, float] = {name: 0.0 for name in ("opening", "metadata check", "voice")}
    for earlier, later in itertools.pairwise(ticks):
        phase = next(name for moment, name in reversed(phases) if moment <= earlier)
        longest[phase] = max(longest[phase], (later - earlier) * 1000)
    return time.perf_counter() - started, longest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("export", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--with-check", action="store_true",
                        help="time the whole check with voice; print seconds and the longest "
                             "GUI stall in ms")
    args = parser.parse_args()
    app = create_application([sys.argv[0]])
    if args.with_check:
        window = MainWindow(use_voice=True)
        window.show()
        app.processEvents()
        gc.freeze()  # as run_app does
        seconds, stalls = open_and_check(window, args.export)
        print(f"{seconds:.3f} " + " ".join(f"{stall:.1f}" for stall in stalls.values()),
              flush=True)
        window.close()
        return
    window = MainWindow(use_voice=False)
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
