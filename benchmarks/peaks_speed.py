"""How long waveform peaks take: one minute of 16 kHz mono into 2,000 buckets, and more.

    .venv/bin/python benchmarks/peaks_speed.py [--repeat 20]

Prints the median and the best of ``--repeat`` runs after one warm-up, per clip length and
rate. The player computes peaks once per clip in the background (``DEFAULT_BUCKETS``); the
figure that matters is the first row, which was ~0.3 ms on the development machine.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from viewer.audio.peaks import DEFAULT_BUCKETS, compute_peaks, resample_peaks

#: (seconds, rate, channels, buckets): the test's old budget case first.
CASES = ((60, 16_000, 1, 2_000), (60, 16_000, 1, DEFAULT_BUCKETS),
         (600, 48_000, 2, DEFAULT_BUCKETS))


def timed_ms(function: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Median and best milliseconds of ``repeat`` calls, after one warm-up call."""
    function()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    print(f"{'clip':>22} {'buckets':>8} {'median ms':>10} {'best ms':>8}")
    for seconds, rate, channels, buckets in CASES:
        samples = rng.standard_normal((seconds * rate, channels)).astype(np.float32)
        median, best = timed_ms(lambda s=samples, b=buckets: compute_peaks(s, b), args.repeat)
        label = f"{seconds} s, {rate // 1000} kHz x{channels}"
        print(f"{label:>22} {buckets:>8} {median:>10.2f} {best:>8.2f}")
    peaks = compute_peaks(rng.standard_normal(60 * 16_000).astype(np.float32))
    median, best = timed_ms(lambda: resample_peaks(peaks, 1_200), args.repeat)
    print(f"{'fold to 1200 px':>22} {DEFAULT_BUCKETS:>8} {median:>10.2f} {best:>8.2f}")


if __name__ == "__main__":
    main()
