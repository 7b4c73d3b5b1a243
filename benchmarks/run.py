"""Benchmarks: each figure beside the baseline it is compared to, measured in the same run.

    .venv/bin/python benchmarks/run.py [--count 1700] [--repeat 5]

Rows so far (issue 7 adds the check, voice and report rows and the 10,000 variant):
- ``inspect --files-only``: the archive layer (central directory + one hashing pass), a fresh
  process each time, vs ``sha256sum`` of the same file: the floor, one sequential read.
- ``inspect`` with importers: adds reading every recording's header and the transcripts.
- GUI open to timeline: an open, offscreen window told to open the export, until the list
  and timeline show it (``gui_open.py``; median of --repeat opens in one process).
Times are medians of --repeat runs after one warm-up run (the file is in the page cache for
both sides), so the ratio compares work, not disk.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_large_export import build  # noqa: E402


def timed_together(commands: dict[str, list[str]], repeat: int) -> dict[str, float]:
    """Median wall seconds of each command. Runs interleave (A B C, A B C, ...) so that the
    machine's noise falls on every row alike; one warm-up round puts the file in the cache."""
    for command in commands.values():
        subprocess.run(command, check=True, capture_output=True)
    times: dict[str, list[float]] = {label: [] for label in commands}
    for _ in range(repeat):
        for label, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            times[label].append(time.perf_counter() - started)
    return {label: statistics.median(values) for label, values in times.items()}


def peak_rss_mb(command: list[str]) -> float:
    """Peak resident memory (MB) of one run of ``command``: a fresh wrapper process reports
    the ru_maxrss of its only child, so earlier runs cannot inflate the figure."""
    script = ("import resource, subprocess, sys\n"
              "subprocess.run(sys.argv[1:], check=True, capture_output=True)\n"
              "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    done = subprocess.run([sys.executable, "-c", script, *command], check=True,
                          capture_output=True, text=True)
    return int(done.stdout.strip()) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description="Export Viewer benchmarks")
    parser.add_argument("--count", type=int, default=1700)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    export = HERE / "out" / f"large-{args.count}.zip"
    if not export.exists():
        build(args.count, export)
    size_mb = export.stat().st_size / 1e6
    cli = [sys.executable, "-m", "viewer"]
    commands = {
        "sha256sum (floor)": ["sha256sum", str(export)],
        "inspect --files-only --json": [*cli, "inspect", "--json", "--files-only", str(export)],
        "inspect --json": [*cli, "inspect", "--json", str(export)],
    }
    seconds = timed_together(commands, args.repeat)
    floor = seconds["sha256sum (floor)"]
    print(f"export: {export.name}, {args.count} recordings, {size_mb:.1f} MB; "
          f"median of {args.repeat} interleaved runs")
    print(f"{'what':<30} {'seconds':>8} {'x floor':>8} {'peak RSS MB':>12}")
    for label, command in commands.items():
        peak = peak_rss_mb(command)
        print(f"{label:<30} {seconds[label]:8.3f} {seconds[label] / floor:8.2f} {peak:12.0f}")
    gui_seconds, gui_peak = gui_open(export, args.repeat)
    label = "GUI: open to timeline"
    print(f"{label:<30} {gui_seconds:8.3f} {gui_seconds / floor:8.2f} {gui_peak:12.0f}")


def gui_open(export: Path, repeat: int) -> tuple[float, float]:
    """Median open-to-timeline seconds in one offscreen window, and that process's peak RSS."""
    done = subprocess.run([sys.executable, str(HERE / "gui_open.py"), str(export),
                           "--repeat", str(repeat)], check=True, capture_output=True, text=True,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    runs = [line.split() for line in done.stdout.splitlines() if line.strip()]
    return statistics.median(float(run[0]) for run in runs), max(float(run[1]) for run in runs)


if __name__ == "__main__":
    main()
