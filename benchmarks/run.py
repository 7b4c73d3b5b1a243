"""Benchmarks: each figure beside the baseline it is compared to, measured in the same run.

    .venv/bin/python benchmarks/run.py [--count 1700] [--repeat 5]

Rows so far (issue 7 adds the GUI, check, voice and report rows):
- ``inspect --files-only``: the archive layer (central directory + one hashing pass), a fresh
  process each time, vs ``sha256sum`` of the same file: the floor, one sequential read.
- ``inspect`` with importers: adds reading every recording's header and the transcripts.
Times are medians of --repeat runs after one warm-up run (the file is in the page cache for
both sides), so the ratio compares work, not disk.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_large_export import build  # noqa: E402


def timed(command: list[str], repeat: int) -> tuple[float, float]:
    """Median wall seconds of ``command`` and the peak RSS (MB) of its children."""
    subprocess.run(command, check=True, capture_output=True)  # warm-up
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), peak_mb


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
    floor, _ = timed(["sha256sum", str(export)], args.repeat)
    rows = [("sha256sum (floor)", floor, None)]
    for label, extra in (("inspect --files-only --json", ["--files-only"]),
                         ("inspect --json", [])):
        seconds, peak = timed([*cli, "inspect", "--json", *extra, str(export)], args.repeat)
        rows.append((label, seconds, peak))
    print(f"export: {export.name}, {args.count} recordings, {size_mb:.1f} MB; "
          f"median of {args.repeat}")
    print(f"{'what':<30} {'seconds':>8} {'x floor':>8} {'peak RSS MB':>12}")
    for label, seconds, peak in rows:
        peak_text = f"{peak:12.0f}" if peak is not None else f"{'':>12}"
        print(f"{label:<30} {seconds:8.3f} {seconds / floor:8.2f} {peak_text}")


if __name__ == "__main__":
    main()
