"""How long the timeline takes to paint: the budget is one frame (16 ms) at any zoom.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/timeline_paint.py [--repeat 50]

Builds 10,000 and 1,700 recordings spread over three years (clustered in evenings, three
device colours), renders a 1200 x 220 timeline into a QImage with ``widget.render()`` at
fit-all, at a one-week and at a one-hour zoom, and prints mean and max milliseconds per paint.
Caches (density, axis) are valid after the first paint of a view, as they are while playback
moves the current mark; the "cold" column is the first paint after the view changed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from viewer.ui.timeline import TimelineItem, TimelineWidget

DAY = 86400.0
START = 1_514_764_800.0  # 2018-01-01 UTC
COLOURS = ("#3574c4", "#e0802a", "#4caf50")


def build_items(count: int, seed: int = 1) -> list[TimelineItem]:
    rng = random.Random(seed)
    colours = [QColor(name) for name in COLOURS]
    items = []
    for i in range(count):
        day = rng.randrange(3 * 365)
        hour = rng.gauss(19.0, 3.0) % 24
        start = START + day * DAY + hour * 3600 + rng.random() * 60
        items.append(TimelineItem(key=f"audio/{i:05d}.wav", start=start,
                                  duration_s=rng.uniform(1.5, 9.0), color=colours[i % 3],
                                  label=f"recording {i}"))
    return items


def paint_times(widget: TimelineWidget, repeat: int) -> tuple[float, list[float]]:
    """(first paint, later paints) in milliseconds."""
    image = QImage(widget.size(), QImage.Format.Format_ARGB32_Premultiplied)
    times = []
    for _ in range(repeat + 1):
        started = time.perf_counter()
        widget.render(image)
        times.append((time.perf_counter() - started) * 1000)
    return times[0], times[1:]


def main() -> None:
    parser = argparse.ArgumentParser(description="Timeline paint times")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    warm_up = TimelineWidget()  # the process's first paint loads fonts: not the timeline's cost
    warm_up.resize(1200, 220)
    warm_up.set_items(build_items(10))
    paint_times(warm_up, 1)
    print(f"{'items':>6}  {'view':<9} {'visible':>7}  {'cold ms':>7}  {'mean ms':>7}  "
          f"{'max ms':>7}")
    for count in (10_000, 1_700):
        items = build_items(count)
        widget = TimelineWidget()
        widget.resize(1200, 220)
        widget.set_items(items)
        middle = sorted(item.start for item in items)[count // 2]
        widget.set_current(min(items, key=lambda item: abs(item.start - middle)).key)
        views = {
            "fit-all": None,
            "1 week": (middle - 3.5 * DAY, middle + 3.5 * DAY),
            "1 hour": (middle - 1800, middle + 1800),
        }
        for name, view in views.items():
            if view is None:
                widget.fit_all()
            else:
                widget.set_visible_range(*view)
            lo, hi = widget.visible_range()
            visible = sum(lo <= item.start <= hi for item in items)
            cold, warm = paint_times(widget, args.repeat)
            print(f"{count:>6}  {name:<9} {visible:>7}  {cold:>7.2f}  "
                  f"{statistics.mean(warm):>7.2f}  {max(warm):>7.2f}")
        widget.deleteLater()
    del app


if __name__ == "__main__":
    main()
